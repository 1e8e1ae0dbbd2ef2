"""Wagtail's read-only API v2 at /api/v2/: pages, documents (files) and images.

Every endpoint answers as it would an anonymous reader, whoever asks, so that
nothing restricted or unpublished can be copied out through it. A query
parameter the database cannot take answers 400 with a message, never 500.

Page types are named ``app_label.ModelName``. Models that moved to another app
keep the name they were published under (``meta.type``), and ``?type=`` takes
both the old and the new name.
"""

from django.conf import settings
from django.core.exceptions import (
    FieldDoesNotExist,
    ObjectDoesNotExist,
    ValidationError,
)
from django.db import models
from django.http import Http404, JsonResponse
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    DetailUrlField,
    PageAliasOfField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    PageTypeField,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import (
    DocumentDownloadUrlField,
    DocumentSerializer,
)
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Site

from knowledge.public import private_files, public_pages, restricted_collection_ids
from search.api import FoldedTitleSearchFilter, with_folded_search

# The published name of a page type that moved, by its name in the code.
PUBLISHED_TYPE_NAMES = {
    "briefs.PolicyBriefPage": "knowledge.PolicyBriefPage",
    "briefs.BriefIndexPage": "knowledge.BriefIndexPage",
}


def _type_key(name: str) -> str:
    # As for any type: app labels are case-sensitive, model names are not.
    app_label, dot, model_name = name.partition(".")
    return app_label + dot + model_name.lower()


# ?type= also takes the published names.
TYPE_ALIASES = {
    _type_key(published): current for current, published in PUBLISHED_TYPE_NAMES.items()
}


def page_models(types: str) -> tuple:
    """The page models named in ``?type=``, a comma-separated list."""
    return page_models_from_string(
        ",".join(TYPE_ALIASES.get(_type_key(name), name) for name in types.split(","))
    )


def on_request_address(request, url: str | None) -> str | None:
    """``url`` on the address the request came to, where Wagtail puts it on the
    Site's configured root (``http://localhost`` on a new installation). A
    ``WAGTAILAPI_BASE_URL`` setting, or a page of another Site, keeps its own."""
    if not url or getattr(settings, "WAGTAILAPI_BASE_URL", None):
        return url
    site = Site.find_for_request(request)
    root = site.root_url if site else None
    if root and url.startswith(root + "/"):
        return request.build_absolute_uri(url.removeprefix(root))
    return url


class RequestDetailUrlField(DetailUrlField):
    def to_representation(self, url):
        return on_request_address(self.context["request"], url)


class RequestHtmlUrlField(PageHtmlUrlField):
    def to_representation(self, page):
        return on_request_address(
            self.context["request"], super().to_representation(page)
        )


class RequestDownloadUrlField(DocumentDownloadUrlField):
    def to_representation(self, document):
        url = super().to_representation(document)
        return on_request_address(self.context["request"], url)


class PublishedPageTypeField(PageTypeField):
    def to_representation(self, page):
        name = super().to_representation(page)
        return PUBLISHED_TYPE_NAMES.get(name, name)


class PublishedRelatedPageMixin:
    """A parent or original page, its type by its published name too."""

    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=PublicPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class PublishedParentField(PublishedRelatedPageMixin, PageParentField):
    pass


class PublishedAliasOfField(PublishedRelatedPageMixin, PageAliasOfField):
    """The original of an alias, only when the API lists it itself (as
    Wagtail's parent field does): never a restricted or draft original."""

    def get_attribute(self, instance):
        original = instance.alias_of
        listed = self.context["base_queryset"].filter(id=getattr(original, "id", None))
        return original if original is not None and listed.exists() else None


class PublicPageSerializer(PageSerializer):
    detail_url = RequestDetailUrlField(read_only=True)
    html_url = RequestHtmlUrlField(read_only=True)
    type = PublishedPageTypeField(read_only=True)
    parent = PublishedParentField(read_only=True)
    alias_of = PublishedAliasOfField(read_only=True)


class PublicDocumentSerializer(DocumentSerializer):
    detail_url = RequestDetailUrlField(read_only=True)
    download_url = RequestDownloadUrlField(read_only=True)


class PublicImageSerializer(ImageSerializer):
    detail_url = RequestDetailUrlField(read_only=True)


class CheckedPagination(WagtailPagination):
    """An offset past the last item gives an empty page without asking the
    database, which fails on offsets past 2**63 - 1."""

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        if int(request.GET.get("offset", 0)) >= self.total_count:
            return []
        return page


def check_filter_value(model, name: str, value: str):
    """Raises BadRequestError unless the column ``name`` can hold ``value``.

    Stock, a value Django cannot convert (``?first_published_at=x``) or an
    integer outside the column's range (``?alias_of=`` with 20 digits) is 500.
    """
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    if isinstance(field, (TaggableManager, models.BooleanField)):
        return  # Wagtail's FieldsFilter checks these itself
    if isinstance(field, StreamField):
        raise BadRequestError(f"field filter error. cannot filter by {name}")
    while field.is_relation:  # to a page's id through its page_ptr
        field = field.target_field
    try:
        python_value = field.to_python(value)
        if isinstance(field, models.IntegerField):
            field.run_validators(python_value)  # the database's range
    except ValidationError as error:
        raise BadRequestError(
            f"field filter error. '{value}' is not a valid value for {name} "
            f"({' '.join(error.messages)})"
        ) from error


class CheckedFieldsFilter(FieldsFilter):
    def filter_queryset(self, request, queryset, view):
        filterable = set(view.get_available_fields(queryset.model, db_fields_only=True))
        filterable.discard("locale")  # a filter of its own
        for name, value in request.GET.items():
            if name in filterable:
                check_filter_value(queryset.model, name, value)
        return super().filter_queryset(request, queryset, view)


def with_checked_fields(filter_backends: list) -> list:
    return [
        CheckedFieldsFilter if backend is FieldsFilter else backend
        for backend in filter_backends
    ]


class CheckedInputMixin:
    """Bad query parameters answer 400 on every endpoint and view."""

    pagination_class = CheckedPagination

    def initial(self, request, *args, **kwargs):
        # PostgreSQL refuses NUL in text. The search filter drops it from the
        # query like the search page does, so only ``search`` may carry one.
        for name, values in request.GET.lists():
            if "\x00" in name:
                raise BadRequestError("null characters are not allowed in names")
            if name != "search" and any("\x00" in value for value in values):
                raise BadRequestError(f"null characters are not allowed in {name}")
        super().initial(request, *args, **kwargs)

    def find_object(self, queryset, request):
        if "id" in request.GET:
            try:
                if int(request.GET["id"]) < 0:
                    raise ValueError
            except ValueError as error:
                raise BadRequestError("id must be a positive integer") from error
        try:
            return super().find_object(queryset, request)
        except ObjectDoesNotExist as error:
            # A model's own DoesNotExist (``?type=`` naming one model) is not
            # always a Page.DoesNotExist, which is all Wagtail's view expects.
            raise Http404 from error


class PublicPagesAPIViewSet(CheckedInputMixin, PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer
    filter_backends = with_checked_fields(
        with_folded_search(PagesAPIViewSet.filter_backends)
    )

    def get_base_queryset(self):
        return public_pages(site=Site.find_for_request(self.request), translations=True)

    def get_queryset(self):
        """Wagtail's, with the published names of moved types in ``?type=``."""
        try:
            types = self.request.GET.get("type", None)
            models = types and page_models(types) or []
        except (LookupError, ValueError) as error:
            raise BadRequestError("type doesn't exist") from error
        if not models:
            return self.get_base_queryset()
        public = self.get_base_queryset().values_list("pk", flat=True)
        if len(models) == 1:
            # The specific model's queryset, so that its API fields can filter.
            return models[0].objects.filter(pk__in=public)
        return self.get_base_queryset().type(*models)


class PublicDocumentsAPIViewSet(CheckedInputMixin, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer
    filter_backends = with_checked_fields(
        with_folded_search(DocumentsAPIViewSet.filter_backends, FoldedTitleSearchFilter)
    )

    def get_queryset(self):
        return (
            self.model.objects.exclude(pk__in=private_files().values("pk"))
            .select_related("collection")
            .order_by("id")
        )


class PublicImagesAPIViewSet(CheckedInputMixin, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer
    filter_backends = with_checked_fields(
        with_folded_search(ImagesAPIViewSet.filter_backends, FoldedTitleSearchFilter)
    )

    def get_queryset(self):
        return self.model.objects.exclude(
            collection__in=restricted_collection_ids()
        ).order_by("id")


def api_root(request):
    """What the API holds, so that /api/v2/ is a start and not a dead end."""
    return JsonResponse(
        {
            "endpoints": {
                name: request.build_absolute_uri(f"{name}/") for name in ENDPOINTS
            }
        }
    )


def api_not_found(request, path=""):
    """Any other address under /api/: the API's JSON 404, not a reader's page."""
    return JsonResponse({"message": "Not found."}, status=404)


ENDPOINTS = {
    "pages": PublicPagesAPIViewSet,
    "documents": PublicDocumentsAPIViewSet,
    "images": PublicImagesAPIViewSet,
}
api_router = WagtailAPIRouter("wagtailapi")
for name, viewset in ENDPOINTS.items():
    api_router.register_endpoint(name, viewset)
