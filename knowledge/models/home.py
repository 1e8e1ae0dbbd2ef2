from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    intro = models.TextField(
        blank=True, help_text="What the site is, in a few sentences."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "knowledge.BriefIndexPage",
        "practices.PracticeIndexPage",
        "exchanges.ExchangeIndexPage",
        "training.TrainingIndexPage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from knowledge.selectors import latest_documents, topics_with_counts

        from .partners import Partner

        context = super().get_context(request, *args, **kwargs)
        context["latest"] = {
            document_type: latest_documents(
                user=request.user, document_type=document_type, limit=4
            )
            for document_type in ("practice", "brief", "visit")
        }
        context["topics"] = topics_with_counts(user=request.user)
        context["partners"] = Partner.objects.order_by("country", "name")
        return context
