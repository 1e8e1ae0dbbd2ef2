import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from knowledge.document_types import DocumentType, Section
from knowledge.facets import Pairs
from knowledge.models import DocumentIndexPage, KnowledgePage
from knowledge.search_fields import FoldedSearchField
from knowledge.serializers import PartnerSerializer, RichTextSerializer

from .forms import StudyVisitPageForm
from .serializers import FollowUpActionSerializer

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class FollowUpStatus(models.TextChoices):
    """Where a follow-up action stands. Planned and in-progress actions are open."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in-progress", _("In progress")
    ADOPTED = "adopted", _("Adopted")
    DROPPED = "dropped", _("Dropped")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.PLANNED, cls.IN_PROGRESS]


class ExchangeIndexPage(DocumentIndexPage):
    listing_model = "exchanges.StudyVisitPage"

    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["exchanges.StudyVisitPage"]
    max_count = 1

    class Meta:
        verbose_name = "exchange index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = context["documents"]
        page.object_list = list(page.object_list)
        attach_outcomes(page.object_list, user=request.user)
        return context


# How a visit's outcome is summed up: what came of it first.
OUTCOME_ORDER = [
    FollowUpStatus.ADOPTED,
    FollowUpStatus.IN_PROGRESS,
    FollowUpStatus.PLANNED,
    FollowUpStatus.DROPPED,
]


@dataclass
class VisitOutcome:
    """What a visit led to: its actions counted by status, and the resulting
    guides the reader may open."""

    counts: list[tuple[str, int]]
    guides: list

    def __bool__(self):
        return bool(self.counts)


def attach_outcomes(visits: list, *, user) -> None:
    """Set ``outcome`` on each visit, in two queries whatever their number."""
    from knowledge.selectors import visible_documents

    actions = FollowUpAction.objects.filter(visit__in=[v.pk for v in visits])
    by_visit: dict[int, list] = {}
    for visit_id, status, guide_id in actions.order_by(
        "visit_id", "sort_order", "pk"
    ).values_list("visit_id", "status", "resulting_guide_id"):
        by_visit.setdefault(visit_id, []).append((status, guide_id))
    guide_ids = {guide for rows in by_visit.values() for _, guide in rows if guide}
    guides = (
        visible_documents(user=user, model="practices.PracticeGuidePage").in_bulk(
            guide_ids
        )
        if guide_ids
        else {}
    )
    for visit in visits:
        rows = by_visit.get(visit.pk, [])
        statuses = [status for status, _ in rows]
        visit.outcome = VisitOutcome(
            counts=[
                (FollowUpStatus(value).label, statuses.count(value))
                for value in OUTCOME_ORDER
                if value in statuses
            ],
            guides=list({g: guides[g] for _, g in rows if g in guides}.values()),
        )


class StudyVisitPage(KnowledgePage):
    """Notes from a study visit or exchange between partner organisations."""

    host = models.ForeignKey(
        "knowledge.Partner", on_delete=models.PROTECT, related_name="hosted_visits"
    )
    participants = ParentalManyToManyField(
        "knowledge.Partner", blank=True, related_name="joined_visits"
    )
    location = models.CharField(max_length=255)
    start_date = models.DateField()
    end_date = models.DateField()
    lessons = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    follow_up = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        verbose_name=_("follow-up context"),
        help_text=_(
            "What was agreed and why, in a few sentences. Each action, with "
            "its owner, due date and status, goes in the list of follow-up actions."
        ),
    )
    related_practices = ParentalManyToManyField(
        "practices.PracticeGuidePage", blank=True, related_name="study_visits"
    )

    type_entry = DocumentType(
        key="visit",
        label=_("Study visit"),
        plural=_("Study visits"),
        position=20,
        section=Section(
            page_model="exchanges.ExchangeIndexPage",
            title=gettext_noop("Exchanges"),
            slug="exchanges",
            intro=gettext_noop(
                "Notes from study visits between Serbian and EU partners, and what "
                "came of them."
            ),
            position=30,
        ),
        # After the guides they name and the other types.
        interchange_position=40,
        record="exchanges.interchange.RECORD",
    )

    content_panels = [
        *KnowledgePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("host"),
                FieldPanel("participants"),
                FieldPanel("location"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Visit"),
        ),
        FieldPanel("lessons"),
        FieldPanel("follow_up"),
        InlinePanel(
            "follow_up_actions",
            heading=_("Follow-up actions"),
            label=_("Follow-up action"),
        ),
        FieldPanel("related_practices"),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        FoldedSearchField("location"),
        FoldedSearchField("lessons"),
        FoldedSearchField("follow_up"),
        FoldedSearchField("follow_up_text"),
    ]
    api_fields = [
        *KnowledgePage.api_fields,
        APIField("host", serializer=PartnerSerializer()),
        APIField("participants", serializer=PartnerSerializer(many=True)),
        APIField("location"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("lessons", serializer=RichTextSerializer()),
        APIField("follow_up", serializer=RichTextSerializer()),
        APIField("follow_up_actions", serializer=FollowUpActionSerializer(many=True)),
    ]

    parent_page_types = ["exchanges.ExchangeIndexPage"]
    subpage_types = []
    base_form_class = StudyVisitPageForm

    class Meta:
        verbose_name = _("study visit")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="visit_ends_after_it_starts",
            )
        ]

    @classmethod
    def partner_pairs(cls) -> list[Pairs]:
        """The partners a visit names besides its publisher: its host and its
        participants (the partner filter's facet counts them)."""
        return [
            Pairs(cls, "host"),
            Pairs(cls.participants.through, "partner", "studyvisitpage"),
        ]

    @classmethod
    def partner_involvement(cls, **partner) -> models.Q:
        """The visits a partner hosted or joined (``partner=`` or a lookup on it
        such as ``partner__slug=``), as id subqueries: the partner filter
        (knowledge.filters) and the partner page."""
        ((key, value),) = partner.items()
        involved = models.Q()
        for pairs in cls.partner_pairs():
            involved |= pairs.holding(key.removeprefix("partner"), value)
        return involved

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors import visible_documents

        context = super().get_context(request, *args, **kwargs)
        # A list of ids, not a subquery: a preview or an old revision holds its
        # related practices in memory (modelcluster).
        context["visible_related_practices"] = visible_documents(
            user=request.user, model="practices.PracticeGuidePage"
        ).filter(pk__in=[practice.pk for practice in self.related_practices.all()])
        context["follow_up_actions"] = self.actions_for(request.user)
        return context

    def actions_for(self, user) -> list["FollowUpAction"]:
        """The follow-up actions, each with ``visible_guide`` set to its resulting
        guide when ``user`` may open it, else None."""
        from knowledge.selectors import visible_documents

        actions = list(self.follow_up_actions.select_related("owner"))
        guide_ids = {a.resulting_guide_id for a in actions if a.resulting_guide_id}
        guides = (
            visible_documents(user=user, model="practices.PracticeGuidePage").in_bulk(
                guide_ids
            )
            if guide_ids
            else {}
        )
        for action in actions:
            action.visible_guide = guides.get(action.resulting_guide_id)
        return actions

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("follow_up_actions")

    def follow_up_text(self) -> str:
        """The actions' descriptions and notes, for the search index."""
        return "\n".join(
            f"{action.description}\n{action.note}"
            for action in self.follow_up_actions.all()
        )

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": "The visit cannot end before it starts."}
            )


class FollowUpAction(Orderable):
    """Something a partner undertook after a study visit, and what became of it."""

    visit = ParentalKey(
        StudyVisitPage, on_delete=models.CASCADE, related_name="follow_up_actions"
    )
    description = models.TextField(
        help_text=_("What is to be done, in a sentence or two.")
    )
    owner = models.ForeignKey(
        "knowledge.Partner",
        on_delete=models.PROTECT,
        related_name="follow_up_actions",
        verbose_name=_("owner organisation"),
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.PLANNED,
        db_index=True,
    )
    resulting_guide = models.ForeignKey(
        "practices.PracticeGuidePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="originating_actions",
        help_text=_("The practice guide this action produced, once there is one."),
    )
    note = models.TextField(
        blank=True,
        help_text=_(
            "Shown to readers: e.g. who adopted the practice, or why the "
            "action was dropped."
        ),
    )

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("due_date")]),
        FieldPanel("status"),
        FieldPanel("resulting_guide"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("follow-up action")

    def __str__(self):
        return self.description

    def clean(self):
        super().clean()
        errors = self.rule_errors(
            status=self.status,
            has_guide=bool(self.resulting_guide_id),
            note=self.note,
            due_date=self.due_date,
        )
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def rule_errors(
        *,
        status: str,
        has_guide: bool,
        note: str,
        due_date: datetime.date | None,
        visit_start: datetime.date | None = None,
    ) -> dict[str, str]:
        """What is wrong with an action, by field; shared by the admin form and
        the interchange import so both refuse the same actions."""
        errors = {}
        if status == FollowUpStatus.ADOPTED and not (has_guide or note.strip()):
            errors["note"] = _(
                "Say what was adopted: choose the resulting practice guide or "
                "write a note."
            )
        if status == FollowUpStatus.DROPPED and not note.strip():
            errors["note"] = _("Say in a note why the action was dropped.")
        if has_guide and status in (FollowUpStatus.PLANNED, FollowUpStatus.DROPPED):
            errors["resulting_guide"] = _(
                "Only an action in progress or adopted can have a resulting guide."
            )
        if due_date and visit_start and due_date < visit_start:
            errors["due_date"] = _("The due date cannot be before the visit starts.")
        return errors

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.due_date
            and self.status in FollowUpStatus.open_values()
            and self.due_date < timezone.localdate()
        )

    @property
    def days_overdue(self) -> int:
        return (timezone.localdate() - self.due_date).days if self.is_overdue else 0
