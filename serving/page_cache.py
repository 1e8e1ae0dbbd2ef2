"""A full-response cache for anonymous readers that never serves anyone else.

Only a GET or HEAD without a session cookie can be answered from the cache: a
reader without a session is anonymous by construction, so the check needs no
query. A response is stored only if it is a plain 200 built for an anonymous
reader that set no cookie and did not mark itself private. Keys carry the
site-wide content version (``knowledge.content_cache``), so any
publish, unpublish, move, deletion or privacy change makes every cached page
stale at once.

Every public response says ``Vary: Cookie``; responses to a signed-in reader also
say ``Cache-Control: private, no-store`` so no browser or proxy keeps them.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import (
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.translation import get_language_from_path, get_language_from_request

from knowledge.content_cache import content_version

# Checked after any language prefix (/en/accounts/ as /accounts/).
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/documents/",
    "/static/",
    "/media/",
    # A probe must reach its view, which answers even when the database does not.
    "/health/",
)


def page_cache_timeout() -> int:
    """Seconds a page stays cached; 0 turns the cache off."""
    return settings.PAGE_CACHE_SECONDS


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_public_path(request.path):
            return self.get_response(request)
        if not page_cache_timeout() or not self.may_use_cache(request):
            return self.mark_reader_dependent(request, self.get_response(request))
        cache = caches["default"]
        key = self.cache_key(request)
        response = cache.get(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.mark_reader_dependent(request, self.get_response(request))
        if self.may_store(request, response):
            set_response_etag(response)
            cache.set(key, response, page_cache_timeout())
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def is_public_path(path: str) -> bool:
        language = get_language_from_path(path)
        if language:
            path = path.removeprefix(f"/{path.split('/')[1]}")
        return not path.startswith(NEVER_CACHED_PREFIXES)

    @staticmethod
    def may_use_cache(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    @staticmethod
    def cache_key(request) -> str:
        raw = "\n".join(
            [
                str(content_version()),
                request.method,
                request.get_host(),
                request.get_full_path(),
                get_language_from_request(request) or "",
            ]
        )
        return "page:" + hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def mark_reader_dependent(request, response):
        patch_vary_headers(response, ["Cookie"])
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def may_store(request, response) -> bool:
        user = getattr(request, "user", None)
        cache_control = response.get("Cache-Control", "").lower()
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (user is not None and user.is_authenticated)
            and not any(
                word in cache_control for word in ("private", "no-store", "no-cache")
            )
        )
