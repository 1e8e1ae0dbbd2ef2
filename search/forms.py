from knowledge.forms import DocumentFilterForm
from search.queries import MAX_PER_PAGE
from search.text import MAX_QUERY_CHARS, SearchQuery, parse_query

DEFAULT_PER_PAGE = 10


def _lenient_int(value, *, default: int, low: int, high: int) -> int:
    """Page numbers and sizes: anything unreadable becomes the nearest valid one."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return max(low, min(number, high))


class SearchForm(DocumentFilterForm):
    """The search query string: the query, the listing filters, page and size.

    Filters are checked against known values (an unknown one is a form error and
    an empty result). The query is not a form field: it is never an error, only
    normalised by :func:`search.text.parse_query`. Search offers every filter,
    listings only those that are ``listed`` (knowledge.filters).
    """

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, search=True, **kwargs)

    def search_query(self) -> SearchQuery:
        return parse_query(self.data.get("q", "")[: MAX_QUERY_CHARS * 4])

    def page_number(self) -> int:
        return _lenient_int(self.data.get("page"), default=1, low=1, high=10**6)

    def per_page(self) -> int:
        return _lenient_int(
            self.data.get("per_page"),
            default=DEFAULT_PER_PAGE,
            low=1,
            high=MAX_PER_PAGE,
        )

    def wants_json(self) -> bool:
        return self.data.get("format", "").strip().lower() == "json"
