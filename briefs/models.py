from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from knowledge.document_types import DocumentType, Section
from knowledge.fields import split_lines
from knowledge.models import DocumentIndexPage, KnowledgePage
from knowledge.search_fields import FoldedSearchField
from knowledge.serializers import line_list
from standards.models import CitesStandards
from standards.serializers import CitedArticleSerializer


class BriefIndexPage(DocumentIndexPage):
    listing_model = "briefs.PolicyBriefPage"

    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["briefs.PolicyBriefPage"]
    max_count = 1

    class Meta:
        db_table = "knowledge_briefindexpage"
        verbose_name = "policy brief index"


class PolicyBriefPage(CitesStandards, KnowledgePage):
    """A short paper that argues for a change in policy, with recommendations."""

    recommendations = StreamField(
        [("recommendation", blocks.TextBlock(label=_("Recommendation"), icon="tick"))],
        blank=True,
        help_text=_("In order of priority; shown as a numbered list."),
    )
    audience = models.CharField(
        max_length=255, blank=True, help_text=_("Who the brief is addressed to.")
    )
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The brief as a PDF, if there is one."),
    )
    other_standards = models.TextField(
        blank=True,
        help_text=_(
            "Standards that are not in the site's list of standards, one per line "
            "(e.g. a national bylaw). Cite listed standards article by article below."
        ),
    )

    type_entry = DocumentType(
        key="brief",
        label=_("Policy brief"),
        plural=_("Policy briefs"),
        position=30,
        section=Section(
            page_model="briefs.BriefIndexPage",
            title=gettext_noop("Policy briefs"),
            slug="briefs",
            intro=gettext_noop(
                "Short papers with recommendations for ministries, agencies and donors."
            ),
            position=10,
        ),
        interchange_position=20,
        record="briefs.interchange.RECORD",
        ris_type="RPRT",
        bibtex_type="techreport",
    )
    has_downloads = True

    content_panels = [
        *KnowledgePage.content_panels,
        FieldPanel("recommendations"),
        FieldPanel("audience"),
        FieldPanel("attachment"),
        *CitesStandards.citation_panels,
        FieldPanel("other_standards"),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        FoldedSearchField("recommendations"),
        FoldedSearchField("audience"),
        *CitesStandards.citation_search_fields,
    ]
    api_fields = [
        *KnowledgePage.api_fields,
        APIField("recommendations", serializer=line_list("recommendation_texts")),
        APIField("audience"),
        APIField("attachment"),
        APIField(
            "standards",
            serializer=CitedArticleSerializer(many=True, source="cited_articles"),
        ),
    ]

    parent_page_types = ["briefs.BriefIndexPage"]
    subpage_types = []

    class Meta:
        db_table = "knowledge_policybriefpage"
        verbose_name = _("policy brief")

    @property
    def recommendation_texts(self) -> list[str]:
        return [block.value for block in self.recommendations]

    @property
    def other_standard_list(self) -> list[str]:
        return split_lines(self.other_standards)
