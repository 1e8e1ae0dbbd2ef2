from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from knowledge.document_types import document_types
from knowledge.languages import InterfaceLanguageURLMixin
from knowledge.page_context import page_context
from knowledge.privacy import PasswordFormPage


class HomePage(PasswordFormPage, InterfaceLanguageURLMixin, Page):
    intro = models.TextField(
        blank=True, help_text=_("What the site is, in a few sentences.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    @classproperty
    def subpage_types(cls):
        """The sections of the document types (read once the apps are loaded)."""
        return [entry.section.page_model for entry in document_types.in_section_order()]

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
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(HomePage, self, request))
        return context
