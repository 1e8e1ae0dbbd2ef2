from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from exchanges.models import FollowUpStatus
from knowledge.forms import DocumentFilterForm, NormalisedChoiceField
from knowledge.selectors import DocumentFilters
from search.queries import LINEAGE_LABELS, MAX_PER_PAGE
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
    normalised by :func:`search.text.parse_query`. Lineage and follow-up are
    search facets only, not listing filters.
    """

    lineage = NormalisedChoiceField(
        label=_("Lineage"),
        required=False,
        normalise=str.lower,
        choices=[("", _("Any lineage")), *LINEAGE_LABELS.items()],
    )
    follow_up = NormalisedChoiceField(
        label=_("Follow-up"),
        required=False,
        normalise=str.lower,
        choices=[("", _("Any follow-up")), *FollowUpStatus.choices],
    )

    def cleaned_filters(self) -> DocumentFilters | None:
        filters = super().cleaned_filters()
        if filters is None:
            return None
        return replace(
            filters,
            lineage=self.cleaned_data.get("lineage") or None,
            follow_up=self.cleaned_data.get("follow_up") or None,
        )

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
