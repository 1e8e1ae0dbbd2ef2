"""The sitemap: public live pages, topics, partners, the evidence page and the
standards, in every interface language (each address under each language
prefix)."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import reverse
from wagtail.models import Site

from knowledge.models import Partner, Topic
from standards.sitemaps import StandardArticleSitemap, StandardSitemap

from .selectors import public_pages


class LocalisedSitemap(Sitemap):
    i18n = True


class PageSitemap(LocalisedSitemap):
    """Live pages an anonymous reader may open, on the site that was asked for."""

    def __init__(self, request):
        self.request = request

    def items(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return []
        return public_pages(site=site).order_by("path")

    def location(self, item):
        # Wagtail would give the address in the page's own locale; the sitemap
        # lists it under the prefix of the language being listed.
        site_root = Site.find_for_request(self.request).root_page.url_path
        return reverse("wagtail_serve", args=(item.url_path.removeprefix(site_root),))

    def lastmod(self, item):
        return item.last_published_at


class TopicSitemap(LocalisedSitemap):
    def items(self):
        return Topic.objects.order_by("name")


class PartnerSitemap(LocalisedSitemap):
    def items(self):
        return Partner.objects.order_by("name")


class IndexSitemap(LocalisedSitemap):
    def items(self):
        return ["topic_index", "partner_index", "evidence", "standard_index"]

    def location(self, item):
        return reverse(item)


def sitemap(request):
    return sitemap_view(
        request,
        sitemaps={
            "pages": PageSitemap(request),
            "indexes": IndexSitemap(),
            "topics": TopicSitemap(),
            "partners": PartnerSitemap(),
            "standards": StandardSitemap(),
            "articles": StandardArticleSitemap(),
        },
    )
