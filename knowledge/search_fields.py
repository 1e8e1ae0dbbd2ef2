"""Search fields that index folded text (see :mod:`search.text`), and filter
fields that index what the database stores.

Documents declare their searchable text with these instead of ``index.SearchField``,
so every backend (SQLite, PostgreSQL, Elasticsearch, OpenSearch) stores the same
folded words and a Cyrillic or diacritic-free query finds Latin text with diacritics.
A search field also stores the stems of its words in the document's language
(:mod:`knowledge.stemming`), so other forms of a word find it.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.search import index

from knowledge.stemming import with_stems
from serbian import fold

_remembered: ContextVar[dict | None] = ContextVar("search_values", default=None)


@contextmanager
def values_remembered():
    """Within this block each folded field of each object is computed once.

    The database backends read every search field once per column they fill
    (title, body, autocomplete and, on PostgreSQL, two plain-text copies): without
    this, a document's body is rendered and folded, and its related rows queried,
    up to five times. A block inside another shares the outer one's values
    (a document's members' entry repeats its own fields, see search.database).
    """
    if _remembered.get() is not None:
        yield
        return
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


class _Folded:
    def get_value(self, obj):
        remembered = _remembered.get()
        if remembered is None:
            return self.indexed(obj)
        key = (id(self), id(obj))
        if key not in remembered:
            # Holding ``obj`` keeps its id from being reused within the block.
            remembered[key] = (obj, self.indexed(obj))
        return remembered[key][1]

    def indexed(self, obj) -> str:
        return fold(super().get_value(obj))


class FoldedSearchField(_Folded, index.SearchField):
    def indexed(self, obj) -> str:
        # Topic and partner names have no language of their own.
        return with_stems(super().indexed(obj), getattr(obj, "language", None))


class FoldedAutocompleteField(_Folded, index.AutocompleteField):
    """Folded words without stems: autocomplete completes what the reader types."""


class StoredFilterField(index.FilterField):
    """A filter on a model field, indexed as the database stores it.

    Lookups compare with the field's prepared value, so the index holds that too:
    a country's code rather than django-countries' ``Country``, which the
    Elasticsearch and OpenSearch clients cannot serialise.
    """

    def get_value(self, obj):
        return self.get_field(type(obj)).get_prep_value(super().get_value(obj))
