from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from knowledge.document_types import DocumentType, Section
from knowledge.evidence import EvidenceLevel
from knowledge.fields import split_lines
from knowledge.models import DocumentIndexPage, KnowledgePage
from knowledge.public import hidden_collection_ids
from knowledge.search_fields import FoldedSearchField
from knowledge.selectors import visible_documents
from knowledge.serializers import RichTextSerializer, line_list
from standards.models import CitesStandards
from standards.serializers import CitedArticleSerializer

from .forms import PracticeGuidePageForm
from .lineage import adaptation_edges, lineage, original_ids
from .serializers import EvaluationDocumentSerializer, OriginalSerializer

# The comparison's address in the guides' section (practices/views.py), which
# no guide may take.
COMPARE_SLUG = "compare"

PART_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


def part_field(verbose_name, help_text):
    return RichTextField(
        features=PART_FEATURES,
        blank=True,
        verbose_name=verbose_name,
        help_text=help_text,
    )


# The parts of a practice, in the order every guide shows them (the template of
# EWSI, EPIC and RAN). Each is a rich text field of the guide, carried in
# Markdown under its own name, except the target groups, a list.
PART_NAMES = (
    "problem",
    "objectives",
    "target_groups",
    "method",
    "results",
    "evaluation",
    "transferability",
    "lessons",
)
TEXT_PARTS = tuple(name for name in PART_NAMES if name != "target_groups")


@dataclass(frozen=True)
class Part:
    """One part of a guide as readers see it: ``text`` is rich text (HTML),
    ``items`` the target groups."""

    name: str
    heading: str
    text: str = ""
    items: tuple[str, ...] = ()

    def __bool__(self):
        return bool(self.text or self.items)


class PracticeIndexPage(DocumentIndexPage):
    listing_model = "practices.PracticeGuidePage"

    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["practices.PracticeGuidePage"]
    max_count = 1

    class Meta:
        verbose_name = "practice guide index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The listed guides can be chosen for the comparison.
        context["compare_url"] = reverse("practice_compare")
        return context


class PracticeGuidePage(CitesStandards, KnowledgePage):
    """A practice that worked, written so that another organisation can adopt it."""

    problem = part_field(
        _("Problem"),
        _(
            "The context and the need: what was going wrong, for whom, and why it "
            "mattered."
        ),
    )
    objectives = part_field(
        _("Objectives"), _("What the practice set out to change, and for whom.")
    )
    method = part_field(
        _("Method"),
        _("What is done, step by step: activities, resources, staffing and costs."),
    )
    results = part_field(
        _("Results"),
        _(
            "Outputs (what was delivered) and outcomes (what changed), with figures "
            "where there are any. The evidence level is set below."
        ),
    )
    evaluation = part_field(
        _("Evaluation"),
        _(
            "How the results were assessed, by whom and when. Attach the reports "
            "under Evidence."
        ),
    )
    transferability = part_field(
        _("Transferability"),
        _(
            "What another organisation needs to adopt the practice, and what it "
            "would have to adapt."
        ),
    )
    lessons = part_field(
        _("Lessons learned"),
        _("What worked, what did not, and what you would do differently."),
    )
    target_groups = models.TextField(
        blank=True,
        verbose_name=_("Target groups"),
        help_text=_("Who the practice serves or trains, one per line."),
    )
    other_standards = models.TextField(
        blank=True,
        verbose_name=_("Other standards"),
        help_text=_(
            "Standards that are not in the site's list of standards, one per line "
            "(e.g. a national bylaw). Cite listed standards article by article below."
        ),
    )
    evidence_level = models.CharField(
        max_length=20,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.EMERGING,
        db_index=True,
        verbose_name=_("Evidence level"),
        help_text=_(
            "See the evidence page: evaluated and proven practices attach "
            "their evaluation or study below."
        ),
    )
    children_feedback = models.BooleanField(
        default=False,
        verbose_name=_("children's own feedback collected"),
        help_text=_(
            "The children the practice serves were asked what they thought of it."
        ),
    )
    carers_feedback = models.BooleanField(
        default=False,
        verbose_name=_("carers' own feedback collected"),
        help_text=_("Foster carers or parents were asked what they thought of it."),
    )
    contact_point = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Contact point"),
        help_text=_(
            "A role, never a person's private details "
            "(e.g. 'Foster care coordinator, ASTRA')."
        ),
    )
    adapted_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
        verbose_name=_("Adapted from"),
        help_text=_(
            "The guide, from any partner or country, this practice was adapted from."
        ),
    )
    adaptation_notes = models.TextField(
        blank=True,
        verbose_name=_("what was changed and why"),
        help_text=_("What was kept, what was changed for this country, and why."),
    )

    type_entry = DocumentType(
        key="practice",
        label=_("Practice guide"),
        plural=_("Practice guides"),
        position=10,
        section=Section(
            page_model="practices.PracticeIndexPage",
            title=gettext_noop("Practice guides"),
            slug="practices",
            intro=gettext_noop(
                "Practices that worked, written so that others can adopt them."
            ),
            position=20,
        ),
        interchange_position=10,
        record="practices.interchange.RECORD",
        ris_type="GEN",
        bibtex_type="misc",
    )
    has_downloads = True
    base_form_class = PracticeGuidePageForm

    content_panels = [
        # The parts come before the free body, as readers see them.
        *(
            panel
            for panel in KnowledgePage.content_panels
            if getattr(panel, "field_name", None) != "body"
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in PART_NAMES],
            heading=_("The practice, part by part"),
        ),
        FieldPanel(
            "body",
            heading=_("Other notes"),
            help_text=_(
                "Anything the parts do not hold. An older guide keeps its whole "
                "text here: readers see it as the method while no part but the "
                "target groups is filled."
            ),
        ),
        FieldPanel("contact_point"),
        MultiFieldPanel(
            [
                FieldPanel("evidence_level"),
                FieldPanel("children_feedback"),
                FieldPanel("carers_feedback"),
                InlinePanel(
                    "evaluation_documents",
                    heading=_("Evaluation documents"),
                    label=_("Evaluation document"),
                ),
            ],
            heading=_("Evidence"),
        ),
        MultiFieldPanel(
            [FieldPanel("adapted_from"), FieldPanel("adaptation_notes")],
            heading=_("Adapted from"),
        ),
        *CitesStandards.citation_panels,
        FieldPanel("other_standards"),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        *(FoldedSearchField(name) for name in PART_NAMES),
        *CitesStandards.citation_search_fields,
        FoldedSearchField("other_standards"),
        index.FilterField("evidence_level"),
    ]
    api_fields = [
        *KnowledgePage.api_fields,
        *(
            APIField(name, serializer=line_list("target_group_list"))
            if name == "target_groups"
            else APIField(name, serializer=RichTextSerializer())
            for name in PART_NAMES
        ),
        APIField(
            "standards",
            serializer=CitedArticleSerializer(many=True, source="cited_articles"),
        ),
        APIField("other_standards", serializer=line_list("other_standard_list")),
        APIField("evidence_level"),
        APIField("children_feedback"),
        APIField("carers_feedback"),
        APIField(
            "evaluation_documents",
            serializer=EvaluationDocumentSerializer(
                many=True, source="public_evaluation_documents"
            ),
        ),
        APIField("contact_point"),
        APIField(
            "adapted_from", serializer=OriginalSerializer(source="public_original")
        ),
        APIField("adaptation_notes"),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("practice guide")

    @property
    def target_group_list(self) -> list[str]:
        return split_lines(self.target_groups)

    @property
    def other_standard_list(self) -> list[str]:
        return split_lines(self.other_standards)

    @property
    def parts(self) -> list[Part]:
        """Every part in order, filled or not, headed in the reader's language.
        A guide whose parts (but the target groups) are all empty shows its body
        as the method: see ``body_is_method``."""
        return [
            Part(
                name=name,
                heading=str(self._meta.get_field(name).verbose_name),
                text="" if name == "target_groups" else self.part_text(name),
                items=tuple(self.target_group_list) if name == "target_groups" else (),
            )
            for name in PART_NAMES
        ]

    def part_text(self, name: str) -> str:
        """The rich text of a part, or "" when it holds no words (an editor can
        leave an empty paragraph behind)."""
        html = getattr(self, name) or ""
        return html if strip_tags(html).strip() else ""

    @property
    def body_is_method(self) -> bool:
        """Whether the body stands for the method: nothing but it describes the
        practice (an older guide, written before the parts)."""
        return not any(self.part_text(name) for name in TEXT_PARTS)

    def clean(self):
        super().clean()
        errors = {}
        if self.slug == COMPARE_SLUG:
            errors["slug"] = _(
                "“%(slug)s” is the address of the comparison of guides: choose "
                "another slug."
            ) % {"slug": COMPARE_SLUG}
        if self.adapted_from_id:
            if self.pk and self.pk in [
                self.adapted_from_id,
                *original_ids(self.adapted_from_id, adaptation_edges()),
            ]:
                errors["adapted_from"] = _(
                    "A guide cannot be adapted from itself or from one of its own "
                    "adaptations."
                )
            if not self.adaptation_notes.strip():
                errors["adaptation_notes"] = _("Say what was changed and why.")
        elif self.adaptation_notes.strip():
            errors["adapted_from"] = _(
                "Choose the guide this one was adapted from, or clear the notes."
            )
        if errors:
            raise ValidationError(errors)

    def original_for(self, user):
        """The guide this one was adapted from, if ``user`` may open it."""
        if not self.adapted_from_id:
            return None
        return (
            visible_documents(user=user, model="practices.PracticeGuidePage")
            .select_related("partner")
            .filter(pk=self.adapted_from_id)
            .first()
        )

    @property
    def public_original(self):
        """What the API shows: the original only when anyone may open it."""
        return self.original_for(None)

    def evaluation_documents_for(self, user) -> list["EvaluationDocument"]:
        """The evaluation documents whose files ``user`` may download."""
        return list(
            self.evaluation_documents.exclude(
                document__collection__in=hidden_collection_ids(user)
            ).select_related("document")
        )

    @property
    def public_evaluation_documents(self) -> list["EvaluationDocument"]:
        """What the API and the PDF list: they answer as to an anonymous reader."""
        return self.evaluation_documents_for(None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["evaluation_documents"] = self.evaluation_documents_for(request.user)
        context["original"] = self.original_for(request.user)
        context["adaptations"] = list(
            visible_documents(user=request.user, model="practices.PracticeGuidePage")
            .filter(adapted_from=self.pk)
            .select_related("partner")
            .order_by("date", "pk")
        )
        context["origin_visits"] = (
            visible_documents(user=request.user, model="exchanges.StudyVisitPage")
            .filter(follow_up_actions__resulting_guide=self.pk)
            .distinct()
            .order_by("-start_date", "-pk")
        )
        return context

    @path("lineage/", name="lineage")
    def lineage_view(self, request):
        """The chains of originals and adaptations around this guide."""
        return self.render(
            request,
            template="practices/practice_guide_lineage.html",
            context_overrides={"lineage": lineage(self, user=request.user)},
        )


class EvaluationDocument(Orderable):
    """A report or study behind a guide's evidence level, as a library document."""

    guide = ParentalKey(
        PracticeGuidePage,
        on_delete=models.CASCADE,
        related_name="evaluation_documents",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(
        max_length=255,
        help_text=_(
            "What it is, e.g. 'External evaluation, University of Belgrade, 2012'."
        ),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    def __str__(self):
        return self.label
