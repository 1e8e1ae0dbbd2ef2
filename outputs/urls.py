"""Site-wide outputs, outside the language prefix: crawlers and feed readers
ask for one fixed address."""

from django.urls import path

from . import views
from .api import api_router
from .feeds import document_feed
from .sitemaps import sitemap

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("feed/", document_feed, name="document_feed"),
    path("api/v2/", api_router.urls),
]
