"""The base of the site's snippet viewsets in the admin."""

from django.utils.translation import gettext_lazy
from wagtail.snippets.views import snippets


class SnippetViewSet(snippets.SnippetViewSet):
    """Wagtail's, with the breadcrumbs' "Home" in each editor's language:
    Wagtail words it once, when the admin's addresses are read, in the language
    of whichever request came first."""

    @property
    def breadcrumbs_items(self):
        home, *rest = super().breadcrumbs_items
        return [{**home, "label": gettext_lazy("Home")}, *rest]
