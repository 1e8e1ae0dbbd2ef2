"""Health checks for load balancers, and the answer when the database is down.

``/health/`` says the process answers (it touches nothing else). ``/health/ready/``
reports each dependency as ``ok``, ``degraded`` (answers, but slowly; for mail:
messages wait to be sent again) or ``down``, with how long its check took. It
answers 503 only when the database is down, since the site cannot serve then;
without the cache, the search server or the mail server it serves (pages are
computed, search asks the database, mail is kept), so it stays 200 and says
``"status": "degraded"``. No answer names versions, hosts or error texts.

A dependency whose breaker is open is reported down without being asked, so a
probe stays fast; once its interval is over, the probe is the one call that asks
it again. Each breaker logs one warning when its service goes down and one when
it comes back.
"""

import sys
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as default_server_error
from wagtail.search.backends import get_search_backend

from knowledge.breaker import CircuitBreaker
from search.backends import server_breaker, server_configured
from serving import mail, redis_cache

RETRY_AFTER_SECONDS = 30
OK, DEGRADED, DOWN = "ok", "degraded", "down"
# A dependency that answers, but slower than this, is degraded.
SLOW_SECONDS = 0.2

# Never skipped, always asked: logs the database going down and coming back.
database_state = CircuitBreaker("Database", open_seconds=0)


@require_safe
@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            answered = cursor.fetchone() == (1,)
    except DatabaseError as error:
        database_state.trip(error)
        return DOWN
    database_state.reset()
    return OK if answered else DOWN


def cache_status() -> str:
    """Local memory (no ``REDIS_URL``) is always there; Redis is pinged."""
    return OK if redis_cache.available() else DOWN


def search_status() -> str:
    """The search server answers a ping; without one, search is the database."""
    if not server_configured():
        return OK
    if not server_breaker.allows():
        return DOWN
    try:
        answered = bool(get_search_backend("default").es.ping())
    except Exception as error:  # noqa: BLE001 - any client failure means "down"
        server_breaker.trip(error)
        return DOWN
    if not answered:
        server_breaker.trip()
        return DOWN
    server_breaker.reset()
    return OK


def mail_status() -> str:
    """From what the site knows, without a connection to the mail server: down
    while its breaker is open, degraded while kept messages wait. How many wait
    is for operators (``send_kept_mail``), not for anyone who asks."""
    from serving.models import KeptMail

    if mail.breaker.is_open:
        return DOWN
    try:
        waiting = KeptMail.objects.exists()
    except DatabaseError:
        waiting = False
    return DEGRADED if waiting else OK


def timed(check) -> dict:
    started = time.perf_counter()
    answer = check()
    seconds = time.perf_counter() - started
    status, extra = answer if isinstance(answer, tuple) else (answer, {})
    if status == OK and seconds > SLOW_SECONDS:
        status = DEGRADED
    return {"status": status, "ms": round(seconds * 1000, 1), **extra}


CHECKS = {
    "database": database_status,
    "cache": cache_status,
    "search": search_status,
    "mail": mail_status,
}


@require_safe
@never_cache
def ready(request):
    report = {name: timed(check) for name, check in CHECKS.items()}
    serving = report["database"]["status"] != DOWN
    if not serving:
        status = DOWN
    elif any(part["status"] != OK for part in report.values()):
        status = DEGRADED
    else:
        status = OK
    response = JsonResponse(
        {"status": status, **report}, status=200 if serving else 503
    )
    if not serving:
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
