"""Reading without a connection: what the service worker may keep, and the worker.

The worker (``knowledge/static/offline/offline.js``) keeps nothing on its own
judgement. The server tells it, on every response, what the response is:

- ``X-Offline-Keep: 1``: built for an anonymous reader (no session cookie, no
  sign-in), a plain 200 page or PDF that no header marks private. Only such a
  response may be kept without the reader asking (pages visited) or in the
  device's shared saved list.
- ``X-Offline-Account`` and ``X-Offline-Expires``: built for a signed-in reader.
  Every such response counts as restricted: the worker keeps it only when the
  member saves it, under this account key, until the session's expiry, and
  deletes it at sign-out or when another account (or nobody) is signed in.

The account key is a keyed hash of the account's id: it tells accounts apart on a
device without naming them. See docs/offline.md and SECURITY.md.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_safe

from serving.page_cache import AnonymousPageCacheMiddleware

KEEP_HEADER = "X-Offline-Keep"
ACCOUNT_HEADER = "X-Offline-Account"
EXPIRES_HEADER = "X-Offline-Expires"
EXPIRES_SESSION_KEY = "offline_expires"
# What a reader may read without a connection: pages and their PDFs.
KEPT_CONTENT_TYPES = ("text/html", "application/pdf")
# Never handled by the worker: the admin, files of the library (each served
# after its own privacy check), machine outputs and the worker itself.
WORKER_IGNORES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/api/",
    "/feed/",
    "/health/",
    "/sitemap.xml",
    "/robots.txt",
)
# What the offline page needs to show itself.
WORKER_PRECACHE = (
    "css/site.css",
    "search/search.css",
    "search/autocomplete.js",
    "offline/offline.js",
    "offline/site.js",
    "img/favicon.svg",
)


def account_key(user) -> str:
    """The account a device's kept copies belong to. SHA-1 named, as Django's
    default was when the key was first given out: devices keep their copies
    under it."""
    return salted_hmac(
        "serving.offline.account", str(user.pk), algorithm="sha1"
    ).hexdigest()[:32]


def may_keep(request, response) -> bool:
    """Whether the worker may keep ``response`` with no reader's say-so."""
    cache_control = response.get("Cache-Control", "").lower()
    return (
        request.method in ("GET", "HEAD")
        and AnonymousPageCacheMiddleware.is_public_path(request.path)
        and AnonymousPageCacheMiddleware.may_use_cache(request)
        and response.status_code == 200
        and not response.cookies
        and response.get("Content-Type", "").startswith(KEPT_CONTENT_TYPES)
        and not any(
            word in cache_control for word in ("private", "no-store", "no-cache")
        )
    )


def record_session_end(sender, request, user, **kwargs):
    """At sign-in, when the session will end: the session is saved after this,
    with its stored expiry computed then, so never before the recorded end."""
    request.session[EXPIRES_SESSION_KEY] = request.session.get_expiry_date().isoformat()


class OfflineHeadersMiddleware:
    """Marks each response for the worker (see the module's docstring).

    Inside the page cache, whose stored answers keep the mark."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response[ACCOUNT_HEADER] = account_key(user)
            # A session older than this code records no end: nothing of it
            # may be kept until the member signs in again.
            end = request.session.get(EXPIRES_SESSION_KEY)
            if end:
                response[EXPIRES_HEADER] = end
        elif may_keep(request, response):
            response[KEEP_HEADER] = "1"
        return response


def worker_config() -> dict:
    languages = [code for code, _name in settings.LANGUAGES]
    offline, sign_out = {}, [reverse("wagtailadmin_logout")]
    for code in languages:
        with translation.override(code):
            offline[code] = reverse("offline")
            sign_out.append(reverse("logout"))
    return {
        "script": static("offline/offline.js"),
        "precache": [static(name) for name in WORKER_PRECACHE],
        "staticPrefix": settings.STATIC_URL,
        "ignores": list(WORKER_IGNORES),
        # The saved list in each language, which also answers for what is not saved.
        "offline": offline,
        # Where a reader signs out (the site's, in every language, and the admin's).
        "signOut": sign_out,
        "defaultLanguage": settings.LANGUAGE_CODE,
    }


@require_safe
def service_worker(request):
    """The worker, from the site's root so that it may control every page.

    Its logic is a static file (one script for the page and the worker); this
    answer names it and gives it the site's addresses."""
    config = json.dumps(worker_config())
    script = (
        f"self.OFFLINE_CONFIG = {config};\nimportScripts(self.OFFLINE_CONFIG.script);\n"
    )
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    # Browsers look for a new worker at every navigation, past any HTTP cache.
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def offline_page(request):
    """What is saved on this device: the list is read from the device's cache
    by the page's script; the server knows nothing of it."""
    return render(request, "offline/offline.html")
