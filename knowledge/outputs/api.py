"""Wagtail's read-only API v2 at /api/v2/: pages, documents (files) and images.

Every endpoint answers as it would an anonymous reader, whoever asks, so that
nothing restricted or unpublished can be copied out through it.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Site

from search.api import FoldedTitleSearchFilter, with_folded_search

from .selectors import private_files, public_pages, restricted_collection_ids


class PublicPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = with_folded_search(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        return public_pages(site=Site.find_for_request(self.request), translations=True)


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    filter_backends = with_folded_search(
        DocumentsAPIViewSet.filter_backends, FoldedTitleSearchFilter
    )

    def get_queryset(self):
        return (
            self.model.objects.exclude(pk__in=private_files().values("pk"))
            .select_related("collection")
            .order_by("id")
        )


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    filter_backends = with_folded_search(
        ImagesAPIViewSet.filter_backends, FoldedTitleSearchFilter
    )

    def get_queryset(self):
        return self.model.objects.exclude(
            collection__in=restricted_collection_ids()
        ).order_by("id")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
