"""Health checks for load balancers, and the answer when the database is down.

``/health/`` says the process answers (it touches nothing else); ``/health/ready/``
says whether the database and the search backend answer. Neither tells more than
"ok" or "unavailable": no versions, hosts or error texts.

A search server that is down does not make the site unready: search then answers
from the database (``search.backends``), so the readiness answer stays 200 and
reports ``"search": "unavailable"`` with ``"status": "degraded"``.
"""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as default_server_error
from wagtail.search.backends import get_search_backend

from search.backends import server_breaker, server_configured

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


@require_safe
@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


def database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("Readiness: the database does not answer", exc_info=True)
        return False


def search_reachable() -> bool:
    """The search server answers a ping; without one, search is the database."""
    if not server_configured():
        return database_reachable()
    if server_breaker.is_open:
        return False
    try:
        return bool(get_search_backend("default").es.ping())
    except Exception:  # any client failure means "unavailable"
        logger.warning("Readiness: the search server does not answer", exc_info=True)
        return False


@require_safe
@never_cache
def ready(request):
    database = database_reachable()
    search = search_reachable()
    if not database:
        status = "unavailable"
    elif not search:
        status = "degraded"
    else:
        status = "ok"
    response = JsonResponse(
        {
            "status": status,
            "database": "ok" if database else "unavailable",
            "search": "ok" if search else "unavailable",
        },
        status=200 if database else 503,
    )
    if not database:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """``handler500``: a database that does not answer is a 503, not a 500.

    Django calls this while handling the exception, wherever it was raised (a
    view, a middleware loading the session), so ``sys.exc_info()`` names it.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return default_server_error(request)
    return service_unavailable(request)


def service_unavailable(request):
    body = loader.get_template("503.html").render()
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
