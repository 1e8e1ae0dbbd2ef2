from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from knowledge.languages import InterfaceLanguageURLMixin


class HomePage(InterfaceLanguageURLMixin, Page):
    intro = models.TextField(
        blank=True, help_text=_("What the site is, in a few sentences.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "briefs.BriefIndexPage",
        "practices.PracticeIndexPage",
        "exchanges.ExchangeIndexPage",
        "training.TrainingIndexPage",
    ]
    max_count = 1

    def route(self, request, path_components):
        """Fall back to the default locale's tree for what this one lacks.

        Only translated pages exist in another locale's tree (with aliases of
        their sections), so an untranslated document is found under every
        language prefix.
        """
        try:
            return super().route(request, path_components)
        except Http404:
            default_home = (
                self.get_translations()
                .live()
                .filter(locale__language_code=settings.LANGUAGE_CODE)
                .first()
            )
            if default_home is None:
                raise
            return super(HomePage, default_home.specific).route(
                request, path_components
            )

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
