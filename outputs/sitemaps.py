"""The sitemap: public live pages, topics, partners, the evidence page and the
standards, in every interface language (each address under each language
prefix)."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import reverse
from wagtail.models import Page, Site

from knowledge.models import Partner, TaggedDocument, Topic
from knowledge.public import public_documents, public_pages
from standards.sitemaps import StandardArticleSitemap, StandardSitemap


class LocalisedSitemap(Sitemap):
    i18n = True


def path_in_tree(page) -> str:
    """The page's address below its locale's home page (every home is at depth 2)."""
    return page.url_path.split("/", 2)[2]


class PageSitemap(LocalisedSitemap):
    """Live pages an anonymous reader may open, on the site that was asked for.

    A page of the site's own tree is listed under every language prefix, where it
    is served (by its translation, where one has the same address). A translation
    at an address of its own is listed under its language only.
    """

    def __init__(self, request):
        self.request = request

    def items(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return []
        pages = list(
            public_pages(site=site, translations=True)
            .select_related("locale")
            .order_by("path")
        )
        self.site_locale_id = site.root_page.locale_id
        site_pages = [page for page in pages if page.locale_id == self.site_locale_id]
        self.site_paths = {path_in_tree(page) for page in site_pages}
        # Translations of the site's pages a reader may not open (a private
        # section, say) are left out with them.
        self.hidden_keys = set(
            Page.objects.descendant_of(site.root_page, inclusive=True)
            .exclude(pk__in=public_pages(site=site).values("pk"))
            .values_list("translation_key", flat=True)
        )
        return pages

    def get_languages_for_item(self, item):
        if item.locale_id == self.site_locale_id:
            return super().get_languages_for_item(item)
        if (
            path_in_tree(item) in self.site_paths
            or item.translation_key in self.hidden_keys
        ):
            return []
        own = item.locale.language_code
        return [own] if own in super().get_languages_for_item(item) else []

    def location(self, item):
        # Wagtail would give the address in the page's own locale; the sitemap
        # lists it under the prefix of the language being listed.
        return reverse("wagtail_serve", args=(path_in_tree(item),))

    def lastmod(self, item):
        return item.last_published_at


class TopicSitemap(LocalisedSitemap):
    """Topics carried by a public document: the others would name what
    restricted or unpublished documents are about."""

    def items(self):
        carried = TaggedDocument.objects.filter(
            content_object__in=public_documents().values("pk")
        )
        return Topic.objects.filter(pk__in=carried.values("tag")).order_by("name")


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
