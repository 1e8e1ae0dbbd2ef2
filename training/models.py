from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from knowledge.document_types import DocumentType, Section
from knowledge.fields import split_lines
from knowledge.models import DocumentIndexPage, KnowledgePage
from knowledge.search_fields import FoldedSearchField
from knowledge.serializers import line_list

from .serializers import MaterialSerializer, ModuleSerializer


class AccreditationStatus(models.TextChoices):
    """Where a programme stands with the body that accredits professional training."""

    NOT_ACCREDITED = "not-accredited", _("Not accredited")
    PENDING = "pending", _("Accreditation pending")
    ACCREDITED = "accredited", _("Accredited")
    EXPIRED = "expired", _("Accreditation expired")


class TrainingIndexPage(DocumentIndexPage):
    listing_model = "training.TrainingProgrammePage"

    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["training.TrainingProgrammePage"]
    max_count = 1

    class Meta:
        verbose_name = "training index"


class TrainingProgrammePage(KnowledgePage):
    """An accredited (or to be accredited) curriculum: who it trains, in which
    modules, who may teach it, and the materials that go with it."""

    target_groups = models.TextField(
        help_text=_(
            "Who the programme trains, one per line "
            "(e.g. social workers, foster families, police)."
        ),
    )
    trainer_requirements = models.TextField(
        blank=True,
        verbose_name=_("trainers' requirements"),
        help_text=_("Qualifications and experience a trainer needs."),
    )
    accreditation_body = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("e.g. Republic Institute for Social Protection (Serbia)."),
    )
    accreditation_status = models.CharField(
        max_length=20,
        choices=AccreditationStatus.choices,
        default=AccreditationStatus.NOT_ACCREDITED,
        db_index=True,
    )
    accredited_until = models.DateField(
        null=True, blank=True, help_text=_("When the accreditation runs out, if known.")
    )
    related_practices = ParentalManyToManyField(
        "practices.PracticeGuidePage",
        blank=True,
        related_name="training_programmes",
        verbose_name=_("linked practice guides"),
    )

    type_entry = DocumentType(
        key="training",
        label=_("Training programme"),
        plural=_("Training programmes"),
        position=40,
        section=Section(
            page_model="training.TrainingIndexPage",
            title=gettext_noop("Training"),
            slug="training",
            intro=gettext_noop(
                "Accredited training programmes for social workers, foster "
                "families and police."
            ),
            position=40,
        ),
        interchange_position=30,
        record="training.interchange.RECORD",
        ris_type="GEN",
    )
    has_downloads = True

    content_panels = [
        *KnowledgePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("target_groups"),
                FieldPanel("trainer_requirements"),
                FieldPanel("accreditation_body"),
                FieldRowPanel(
                    [
                        FieldPanel("accreditation_status"),
                        FieldPanel("accredited_until"),
                    ]
                ),
            ],
            heading=_("Programme"),
        ),
        InlinePanel("modules", heading=_("Modules"), label=_("Module"), min_num=1),
        InlinePanel(
            "materials", heading=_("Materials to download"), label=_("Material")
        ),
        FieldPanel("related_practices"),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        FoldedSearchField("target_groups"),
        FoldedSearchField("trainer_requirements"),
        FoldedSearchField("accreditation_body"),
        FoldedSearchField("module_text"),
        index.FilterField("accreditation_status"),
    ]
    api_fields = [
        *KnowledgePage.api_fields,
        APIField("target_groups", serializer=line_list("target_group_list")),
        APIField("modules", serializer=ModuleSerializer(many=True)),
        APIField("total_hours"),
        APIField("trainer_requirements"),
        APIField("accreditation_body"),
        APIField("accreditation_status"),
        # The status as of today (an accreditation past its date has expired).
        APIField("accreditation_now"),
        APIField("accredited_until"),
        APIField("materials", serializer=MaterialSerializer(many=True)),
    ]

    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training programme")

    @property
    def accreditation_now(self) -> str:
        """The status as of today: an accreditation past its date has expired,
        whatever the status an editor last set."""
        lapsed = self.accredited_until and self.accredited_until < timezone.localdate()
        if self.accreditation_status == AccreditationStatus.ACCREDITED and lapsed:
            return AccreditationStatus.EXPIRED.value
        return self.accreditation_status

    @property
    def accreditation_now_label(self) -> str:
        return AccreditationStatus(self.accreditation_now).label

    @property
    def target_group_list(self) -> list[str]:
        return split_lines(self.target_groups)

    @cached_property
    def total_hours(self) -> int:
        return sum(module.hours or 0 for module in self.modules.all())

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("modules")

    def module_text(self) -> str:
        """Module titles and learning outcomes, for the index: a related field
        named ``title`` would be kept apart from the text search matches."""
        return "\n".join(
            f"{module.title}\n{module.learning_outcomes}"
            for module in self.modules.all()
        )

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors import visible_documents

        context = super().get_context(request, *args, **kwargs)
        context["visible_related_practices"] = visible_documents(
            user=request.user, model="practices.PracticeGuidePage"
        ).filter(pk__in=self.related_practices.values("pk"))
        return context


class TrainingModule(Orderable):
    """One module of a programme, in teaching order."""

    programme = ParentalKey(
        TrainingProgrammePage, on_delete=models.CASCADE, related_name="modules"
    )
    title = models.CharField(max_length=255)
    learning_outcomes = models.TextField(
        blank=True, help_text=_("What participants can do afterwards, one per line.")
    )
    hours = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)], help_text=_("Teaching hours.")
    )

    panels = [FieldPanel("title"), FieldPanel("learning_outcomes"), FieldPanel("hours")]

    def __str__(self):
        return self.title

    @property
    def learning_outcome_list(self) -> list[str]:
        return split_lines(self.learning_outcomes)


class TrainingMaterial(Orderable):
    """A file participants or trainers download (handbook, slides, exercises)."""

    programme = ParentalKey(
        TrainingProgrammePage, on_delete=models.CASCADE, related_name="materials"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        max_length=255, blank=True, help_text=_("Defaults to the file's own title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self) -> str:
        return self.title or self.document.title
