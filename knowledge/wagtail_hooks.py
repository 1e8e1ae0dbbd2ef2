from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from knowledge.models import Partner, Topic
from knowledge.models.topics import TRANSLATED_FIELDS
from knowledge.panels import translation_panels
from knowledge.snippets import SnippetViewSet


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "country", "website"]
    list_filter = ["country"]
    search_fields = ["name", "description"]
    ordering = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        *translation_panels(TRANSLATED_FIELDS),
    ]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (PartnerViewSet, TopicViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)
