from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from knowledge.fields import split_lines
from knowledge.models import DocumentIndexPage, KnowledgePage
from knowledge.outputs.serializers import line_list
from search.index import FoldedSearchField


class EvidenceLevel(models.TextChoices):
    """How well a practice is shown to work, from a description to a controlled study."""

    EMERGING = "emerging", "Emerging"
    PROMISING = "promising", "Promising"
    EVALUATED = "evaluated", "Evaluated"
    PROVEN = "proven", "Proven"


class PracticeIndexPage(DocumentIndexPage):
    listing_model = "practices.PracticeGuidePage"

    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["practices.PracticeGuidePage"]
    max_count = 1

    class Meta:
        verbose_name = "practice guide index"


class PracticeGuidePage(KnowledgePage):
    """A practice that worked, written so that another organisation can adopt it."""

    target_groups = models.TextField(
        blank=True, help_text="Who the practice serves or trains, one per line."
    )
    standards = models.TextField(
        blank=True,
        help_text="Standards the practice implements, one per line "
        "(e.g. EU Directive 2011/36/EU).",
    )
    evidence_level = models.CharField(
        max_length=20,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.EMERGING,
        db_index=True,
    )
    contact_point = models.CharField(
        max_length=255,
        blank=True,
        help_text="A role, never a person's private details "
        "(e.g. 'Foster care coordinator, ASTRA').",
    )

    document_type = "practice"
    has_downloads = True

    content_panels = [
        *KnowledgePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("target_groups"),
                FieldPanel("standards"),
                FieldPanel("evidence_level"),
                FieldPanel("contact_point"),
            ],
            heading="Practice",
        ),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        FoldedSearchField("target_groups"),
        FoldedSearchField("standards"),
        index.FilterField("evidence_level"),
    ]
    api_fields = [
        *KnowledgePage.api_fields,
        APIField("target_groups", serializer=line_list("target_group_list")),
        APIField("standards", serializer=line_list("standard_list")),
        APIField("evidence_level"),
        APIField("contact_point"),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("practice guide")

    @property
    def target_group_list(self) -> list[str]:
        return split_lines(self.target_groups)

    @property
    def standard_list(self) -> list[str]:
        return split_lines(self.standards)
