from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from knowledge import health, views

handler500 = "knowledge.health.server_error"

urlpatterns = [
    path("health/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("knowledge.outputs.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything a reader sees carries the language: /en/…, /sr-latn/…, /sr/…, /sl/….
# A path without one (such as /) is redirected by LocaleMiddleware to the
# language the browser asks for, or English.
urlpatterns += i18n_patterns(
    path("accounts/", include("django.contrib.auth.urls")),
    path("topics/", views.topic_index, name="topic_index"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("partners/", views.partner_index, name="partner_index"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner_detail"),
    path("evidence/", views.evidence, name="evidence"),
    path("standards/", include("standards.urls")),
    path("search/", include("search.urls")),
    path("", include("knowledge.outputs.page_urls")),
    path("", include(wagtail_urls)),
)
