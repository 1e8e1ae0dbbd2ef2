"""Structured logs: one JSON object per line on standard output (production).

Every record carries the request's id (``X-Request-ID``, taken from the proxy
when it sends a sane one, else made here, and returned on the response) and the
id of the signed-in account, if the request had already looked it up. Nothing
else about the reader is logged: no address, name, e-mail or search words.
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

current_request = ContextVar("current_request", default=None)


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = (
            incoming if SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        )
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``user_id`` to every record made during a request."""

    def filter(self, record):
        # django.request logs a response after the middleware has finished,
        # so its records name their request themselves.
        request = getattr(record, "request", None) or current_request.get()
        record.request_id = getattr(request, "request_id", None)
        # Only an account already loaded: logging must not query the database.
        user = request.__dict__.get("_cached_user") if request is not None else None
        record.user_id = user.pk if user is not None and user.is_authenticated else None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "user_id": getattr(record, "user_id", None),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
