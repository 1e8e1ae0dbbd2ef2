"""Search fields that index folded text (see :mod:`search.text`).

Documents declare their searchable text with these instead of ``index.SearchField``,
so every backend (SQLite, PostgreSQL, Elasticsearch, OpenSearch) stores the same
folded words and a Cyrillic or diacritic-free query finds Latin text with diacritics.
"""

from wagtail.search import index

from search.text import fold


class FoldedSearchField(index.SearchField):
    def get_value(self, obj):
        return fold(super().get_value(obj))


class FoldedAutocompleteField(index.AutocompleteField):
    def get_value(self, obj):
        return fold(super().get_value(obj))
