"""How the core's pages read what they show besides their own fields
(knowledge.page_context): registered when the app is ready."""

from django.apps import apps

from knowledge.document_types import document_types
from knowledge.filters import filtered_documents
from knowledge.forms import DocumentFilterForm
from knowledge.models import (
    LISTING_PAGE_SIZE,
    DocumentIndexPage,
    HomePage,
    KnowledgePage,
)
from knowledge.page_context import reads_context
from knowledge.pagination import RememberedCountPaginator
from knowledge.privacy import is_member
from knowledge.selectors import (
    every_partner,
    latest_documents,
    related_documents,
    topics_with_counts,
)
from knowledge.translations import document_translations


@reads_context(KnowledgePage)
def document_context(document, request) -> dict:
    return {
        "related_documents": related_documents(document=document, user=request.user),
        "translations": document_translations(
            document, user=request.user, request=request
        ),
        "reads_members_annex": is_member(request.user),
    }


class LatestByType(dict):
    """The newest documents of each type the reader may open, by type key,
    each read when the template first asks for it (the home page shows some
    types only)."""

    def __init__(self, *, user, limit: int):
        super().__init__()
        self.user = user
        self.limit = limit

    def __missing__(self, key):
        if key not in document_types:
            raise KeyError(key)
        self[key] = latest_documents(
            user=self.user, document_type=key, limit=self.limit
        )
        return self[key]


@reads_context(HomePage)
def home_context(home, request) -> dict:
    return {
        "latest": LatestByType(user=request.user, limit=4),
        "topics": topics_with_counts(user=request.user),
        # By country, each country's by name (the remembered list's order).
        "partners": sorted(every_partner(), key=lambda partner: partner.country.code),
    }


@reads_context(DocumentIndexPage)
def section_context(section, request) -> dict:
    """A section's documents, filtered by the reader's choices, a page of them."""
    form = DocumentFilterForm(
        request.GET, model=apps.get_model(section.listing_model), user=request.user
    )
    filters = form.cleaned_filters()
    if filters is None:
        documents = KnowledgePage.objects.none()
    else:
        documents = filtered_documents(
            user=request.user,
            model=section.listing_model,
            filters=filters,
            parent=section,
        )
    page = RememberedCountPaginator(documents, LISTING_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return {"filter_form": form, "documents": page, "page_obj": page}
