"""Search fields that index folded text (see :mod:`search.text`), and filter
fields that index what the database stores.

Documents declare their searchable text with these instead of ``index.SearchField``,
so every backend (SQLite, PostgreSQL, Elasticsearch, OpenSearch) stores the same
folded words and a Cyrillic or diacritic-free query finds Latin text with diacritics.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.search import index

from serbian import fold

_remembered: ContextVar[dict | None] = ContextVar("search_values", default=None)


@contextmanager
def values_remembered():
    """Within this block each folded field of each object is computed once.

    The database backends read every search field once per column they fill
    (title, body, autocomplete and, on PostgreSQL, two plain-text copies): without
    this, a document's body is rendered and folded, and its related rows queried,
    up to five times.
    """
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


class _Folded:
    def get_value(self, obj):
        remembered = _remembered.get()
        if remembered is None:
            return fold(super().get_value(obj))
        key = (id(self), id(obj))
        if key not in remembered:
            # Holding ``obj`` keeps its id from being reused within the block.
            remembered[key] = (obj, fold(super().get_value(obj)))
        return remembered[key][1]


class FoldedSearchField(_Folded, index.SearchField):
    pass


class FoldedAutocompleteField(_Folded, index.AutocompleteField):
    pass


class StoredFilterField(index.FilterField):
    """A filter on a model field, indexed as the database stores it.

    Lookups compare with the field's prepared value, so the index holds that too:
    a country's code rather than django-countries' ``Country``, which the
    Elasticsearch and OpenSearch clients cannot serialise.
    """

    def get_value(self, obj):
        return self.get_field(type(obj)).get_prep_value(super().get_value(obj))
