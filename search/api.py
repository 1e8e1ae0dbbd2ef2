"""The read-only API's ``?search=``, normalised like the search page's query."""

from collections import defaultdict

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError

from search.text import SearchQuery, parse_query
from serbian import folded_words

OPERATORS = (None, "and", "or")


class _WithQuery:
    """``request`` with other query parameters (DRF requests are read-only)."""

    def __init__(self, request, params):
        self._request = request
        self.GET = params

    def __getattr__(self, name):
        return getattr(self._request, name)


class FoldedSearchFilter(SearchFilter):
    """Wagtail's search filter, given folded words only (see :mod:`search.text`).

    Stock, a whitespace-only query, a lone ``"``, a NUL byte or a few hundred
    words answer 500, and a Cyrillic query misses Latin text. Here an empty
    normalised query gives an empty list and a bad operator a 400.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if request.GET.get("search_operator") not in OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        query = parse_query(request.GET["search"])
        if not query:
            return queryset.none()
        return self.search(request, queryset, view, query)

    def search(self, request, queryset, view, query: SearchQuery):
        params = request.GET.copy()
        params["search"] = query.folded
        return super().filter_queryset(_WithQuery(request, params), queryset, view)


class FoldedTitleSearchFilter(FoldedSearchFilter):
    """For files and images: their words (title and tags) folded here.

    Wagtail indexes their titles as typed, and PostgreSQL's index does not fold
    them, so there ``zrtve``, ``жртве`` and even ``Žrtve`` (folded on the way in)
    missed a file titled "Žrtve". A library holds thousands of files at most,
    read here as two columns; every word must match (any, with
    ``search_operator=or``), and phrases count as their words.
    """

    def search(self, request, queryset, view, query: SearchQuery):
        found = defaultdict(set)
        for pk, title, tag in queryset.values_list("pk", "title", "tags__name"):
            found[pk].update(folded_words(title), folded_words(tag or ""))
        match = any if request.GET.get("search_operator") == "or" else all
        wanted = query.all_words
        return queryset.filter(
            pk__in=[pk for pk, own in found.items() if match(w in own for w in wanted)]
        )


def with_folded_search(filter_backends: list, search_filter=FoldedSearchFilter) -> list:
    """``filter_backends`` with Wagtail's search filter replaced by ours."""
    return [
        search_filter if backend is SearchFilter else backend
        for backend in filter_backends
    ]
