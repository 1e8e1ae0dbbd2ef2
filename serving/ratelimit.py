"""Per-client request limits on search, autocomplete and sign-in, in the cache.

Each client address gets ``requests`` per ``seconds`` for each scope in
``settings.RATE_LIMITS`` (a fixed window counted in the Django cache, so Redis
shares it between processes). Over the limit the answer is a 429 page with
``Retry-After``. The API's ``?search=`` spends the search page's budget and is
told in JSON. A cache that fails lets requests through (SECURITY.md says why):
a broken limiter must not take the site down with it. The cache's breaker logs
Redis going down and coming back; other failures are logged here.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.http import JsonResponse
from django.template.response import TemplateResponse

from serving.redis_cache import CacheUnavailable

logger = logging.getLogger(__name__)

# URL name → (scope, methods that count).
LIMITED_VIEWS = {
    "search": ("search", {"GET", "HEAD"}),
    # A saved search's feed runs the same search.
    "search_feed": ("search", {"GET", "HEAD"}),
    "search_autocomplete": ("autocomplete", {"GET", "HEAD"}),
    "login": ("login", {"POST"}),
    "password_reset": ("login", {"POST"}),
    "wagtailadmin_login": ("login", {"POST"}),
    "wagtailadmin_password_reset": ("login", {"POST"}),
    "admin:login": ("login", {"POST"}),
}

# API listings, limited as searches only when they search.
SEARCHING_API_VIEWS = {
    f"wagtailapi:{endpoint}:listing" for endpoint in ("pages", "documents", "images")
}


def client_ip(request) -> str:
    """The client's address, as the last ``TRUSTED_PROXY_COUNT`` proxies saw it.

    Behind one proxy that appends to ``X-Forwarded-For`` (nginx's
    ``$proxy_add_x_forwarded_for``), the last entry is the client; entries
    before it are whatever the client chose to send, so they are never trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def over_limit(scope: str, client: str) -> int:
    """Seconds until the client may ask again in ``scope``; 0 if it may now."""
    requests, seconds = settings.RATE_LIMITS[scope]
    now = time.time()
    window = int(now // seconds)
    key = f"ratelimit:{scope}:{client}:{window}"
    cache = caches["default"]
    try:
        cache.add(key, 0, seconds + 1)
        count = cache.incr(key)
    except CacheUnavailable:
        return 0
    except Exception:  # any other cache failure: let the request through
        logger.warning("Rate limiter cache failed", exc_info=True)
        return 0
    if count <= requests:
        return 0
    return max(1, int((window + 1) * seconds - now))


def too_many_requests(request, retry_after: int, *, api: bool = False):
    if api:
        message = f"too many requests, retry after {retry_after} seconds"
        response = JsonResponse({"message": message}, status=429)
    else:
        response = TemplateResponse(
            request, "429.html", {"retry_after": retry_after}, status=429
        )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.RATE_LIMITS_ENABLED:
            return None
        view_name = request.resolver_match.view_name
        api = view_name in SEARCHING_API_VIEWS and "search" in request.GET
        limited = LIMITED_VIEWS["search"] if api else LIMITED_VIEWS.get(view_name)
        if limited is None or request.method not in limited[1]:
            return None
        retry_after = over_limit(limited[0], client_ip(request))
        if retry_after:
            logger.info("Rate limit reached for %s", limited[0])
            return too_many_requests(request, retry_after, api=api)
        return None
