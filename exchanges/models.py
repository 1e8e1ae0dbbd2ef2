from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField

from knowledge.models import DocumentIndexPage, KnowledgePage
from knowledge.outputs.serializers import PartnerSerializer, RichTextSerializer
from search.index import FoldedSearchField

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class ExchangeIndexPage(DocumentIndexPage):
    listing_model = "exchanges.StudyVisitPage"

    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["exchanges.StudyVisitPage"]
    max_count = 1

    class Meta:
        verbose_name = "exchange index"


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
        features=RICH_TEXT_FEATURES, blank=True, verbose_name="follow-up actions"
    )
    related_practices = ParentalManyToManyField(
        "practices.PracticeGuidePage", blank=True, related_name="study_visits"
    )

    document_type = "visit"

    content_panels = [
        *KnowledgePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("host"),
                FieldPanel("participants"),
                FieldPanel("location"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading="Visit",
        ),
        FieldPanel("lessons"),
        FieldPanel("follow_up"),
        FieldPanel("related_practices"),
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        FoldedSearchField("location"),
        FoldedSearchField("lessons"),
        FoldedSearchField("follow_up"),
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
    ]

    parent_page_types = ["exchanges.ExchangeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("study visit")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="visit_ends_after_it_starts",
            )
        ]

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors import visible_documents

        context = super().get_context(request, *args, **kwargs)
        # A list of ids, not a subquery: a preview or an old revision holds its
        # related practices in memory (modelcluster).
        context["visible_related_practices"] = visible_documents(
            user=request.user, model="practices.PracticeGuidePage"
        ).filter(pk__in=[practice.pk for practice in self.related_practices.all()])
        return context

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": "The visit cannot end before it starts."}
            )
