import posixpath
import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from editorial.wagtail_hooks import admin_view_overrides
from follow import views as follow_views
from knowledge import views
from practices import views as practice_views
from serving import health, offline

handler500 = "serving.health.server_error"

urlpatterns = [
    path("health/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    # From the root, so that the worker may control every page.
    path("sw.js", offline.service_worker, name="service_worker"),
    path("django-admin/", admin.site.urls),
    # First: the project's versions of admin views that would bypass the partner rule.
    path("admin/", include(admin_view_overrides())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("outputs.urls")),
]

# Images and their renditions are public by design (see knowledge/blocks.py). Every
# other file under MEDIA_ROOT, the document library's above all, leaves only through
# a view that checks who may read it: /documents/<id>/<name> for documents.
PUBLIC_MEDIA = ("original_images", "images")


def serve_public_media(request, path):
    """The development server's /media/: images only, as the proxy in production."""
    # As serve() resolves the path, so that images/../documents/ stays out.
    if posixpath.normpath(path).lstrip("/").split("/")[0] not in PUBLIC_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.DEBUG:
    folders = "|".join(PUBLIC_MEDIA)
    media = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [
        re_path(rf"^{media}(?P<path>(?:{folders})/.+)$", serve_public_media),
    ]

# Everything a reader sees carries the language: /en/…, /sr-latn/…, /sr/…, /sl/….
# A path without one (such as /) is redirected by LocaleMiddleware to the
# language the browser asks for, or English.
urlpatterns += i18n_patterns(
    path("accounts/subscriptions/", include("follow.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("topics/", views.topic_index, name="topic_index"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("partners/", views.partner_index, name="partner_index"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner_detail"),
    path("evidence/", views.evidence, name="evidence"),
    path("standards/", include("standards.urls")),
    path("search/feed/", follow_views.search_feed, name="search_feed"),
    path("search/", include("search.urls")),
    path("offline/", offline.offline_page, name="offline"),
    # Before the pages: a guide cannot take this slug (PracticeGuidePage.clean).
    path(
        practice_views.ROUTE,
        practice_views.compare,
        name="practice_compare",
    ),
    path("", include("outputs.page_urls")),
    path("", include(wagtail_urls)),
)
