from django.contrib.sitemaps import Sitemap

from .models import Standard, StandardArticle


class StandardSitemap(Sitemap):
    i18n = True

    def items(self):
        return Standard.objects.order_by("sort_order", "code")


class StandardArticleSitemap(Sitemap):
    i18n = True

    def items(self):
        return StandardArticle.objects.select_related("standard").order_by(
            "standard__sort_order", "standard__code", "sort_order", "pk"
        )
