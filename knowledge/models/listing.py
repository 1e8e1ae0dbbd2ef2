from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from knowledge.languages import InterfaceLanguageURLMixin
from knowledge.page_context import page_context
from knowledge.privacy import PasswordFormPage

LISTING_PAGE_SIZE = 12


class DocumentIndexPage(PasswordFormPage, InterfaceLanguageURLMixin, Page):
    """A section of the site listing one document type, newest first, filterable."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # The concrete document model this index lists, as "app_label.ModelName".
    listing_model = ""

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return "knowledge/document_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(DocumentIndexPage, self, request))
        return context
