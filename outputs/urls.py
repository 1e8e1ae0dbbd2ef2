"""Site-wide outputs, outside the language prefix: crawlers and feed readers
ask for one fixed address."""

from django.urls import path, re_path

from . import views
from .api import api_not_found, api_root, api_router
from .feeds import document_feed
from .sitemaps import sitemap

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feed/", document_feed, name="document_feed"),
    path("api/v2/", api_root, name="api_root"),
    path("api/v2/", api_router.urls),
    # Ending in a slash, so that /api/v2 still gets its slash from CommonMiddleware.
    re_path(r"^api/(?:.*/)?$", api_not_found, name="api_not_found"),
]
