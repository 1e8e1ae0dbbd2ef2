from django.apps import apps
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from knowledge.languages import InterfaceLanguageURLMixin
from knowledge.privacy import PasswordFormPage

from .documents import KnowledgePage

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
        from knowledge.forms import DocumentFilterForm
        from knowledge.pagination import RememberedCountPaginator
        from knowledge.selectors import filtered_documents

        context = super().get_context(request, *args, **kwargs)
        form = DocumentFilterForm(
            request.GET, model=apps.get_model(self.listing_model), user=request.user
        )
        filters = form.cleaned_filters()
        if filters is None:
            documents = KnowledgePage.objects.none()
        else:
            documents = filtered_documents(
                user=request.user,
                model=self.listing_model,
                filters=filters,
                parent=self,
            )
        page = RememberedCountPaginator(documents, LISTING_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context.update(filter_form=form, documents=page, page_obj=page)
        return context
