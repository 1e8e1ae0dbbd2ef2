"""The read-only API's ``?search=``, normalised like the search page's query."""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError

from search.text import parse_query

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
        params = request.GET.copy()
        params["search"] = query.folded
        return super().filter_queryset(_WithQuery(request, params), queryset, view)


def with_folded_search(filter_backends: list) -> list:
    """``filter_backends`` with Wagtail's search filter replaced by ours."""
    return [
        FoldedSearchFilter if backend is SearchFilter else backend
        for backend in filter_backends
    ]
