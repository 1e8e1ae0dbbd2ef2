"""How search counts a filter's values among its matches, and names them.

A filter (knowledge.filters) carries its :class:`Facet`: where its values come
from, as :class:`Pairs` of a document and a value that search's SQL counts
(``search.sql.facet_counts``), how the counted values become what readers see,
and in which order. Adding a filter with a facet gives search its facet.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Pairs:
    """Rows of ``model`` that pair a document (field ``document``) with a value
    (field ``value``): a column of the document's own row (Wagtail's page, the
    document, or its type's table, where ``document`` is ``"pk"``), or rows of
    another table naming the document, such as its topics. ``year``: the year
    of a date."""

    model: type
    value: str
    document: str = "pk"
    year: bool = False

    def holding(self, lookup: str, value) -> Q:
        """The documents paired with a value meeting ``lookup`` (``""`` or, for
        a related value, a lookup on it such as ``"__slug"``)."""
        rows = self.model.objects.filter(**{f"{self.value}{lookup}": value})
        return Q(pk__in=rows.values(self.document))


@dataclass(frozen=True)
class Facet:
    """A filter's facet in search.

    - ``pairs()``: where a match's values come from; a document counts once
      under each of its values, however many pairs name it. Or, instead,
      ``values``: each counted by the filter's own condition.
    - ``describe(raw)``: the counted values (text) → ``{raw: (value, label)}``,
      in one go, so names are read with one query per facet.
    - ``order(value)``: the key values are shown in; most matches first if None.
    """

    describe: Callable[[list[str]], dict[str, tuple[str, str]]]
    pairs: Callable[[], Iterable[Pairs]] | None = None
    values: tuple[str, ...] = ()
    order: Callable[[str], object] | None = None


def each(label: Callable[[str], str]) -> Callable[[list[str]], dict]:
    """A ``describe`` for values that are shown as they are, each with its label."""
    return lambda raw: {value: (value, str(label(value))) for value in raw}


def in_order(values: Iterable[str]) -> Callable[[str], int]:
    """An ``order`` that follows ``values`` (such as a choice's); any other
    value comes first."""
    listed = [str(value) for value in values]
    return lambda value: listed.index(value) if value in listed else -1
