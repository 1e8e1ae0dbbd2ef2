"""The standards filter: documents citing a standard, as a whole or any of its articles
(knowledge.filters)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knowledge.content_cache import remember
from knowledge.facets import Facet, Pairs
from knowledge.filters import (
    DocumentFilter,
    NamesSelect,
    choice_field,
    document_filters,
)

from .models import CitesStandards, Standard, StandardCitation


def citing(code: str, *, user) -> Q:
    citations = StandardCitation.objects.filter(standard__code=code)
    return Q(pk__in=citations.values("page"))


def every_standard() -> list[Standard]:
    """Every standard: every listing and search offers them as a filter and
    names them in its facets, so they are remembered until content changes."""
    return remember("standards", lambda: list(Standard.objects.all()))


def standard_names(raw: list[str]) -> dict[str, tuple[str, str]]:
    """Each counted standard's code and short name in the reader's language."""
    wanted = set(raw)
    return {
        str(standard.pk): (standard.code, standard.local_short_name)
        for standard in every_standard()
        if str(standard.pk) in wanted
    }


def standard_field(user):
    standards = every_standard()
    field = choice_field(
        _("Standard"),
        [
            ("", _("All standards")),
            *((standard.code, standard.local_short_name) for standard in standards),
        ],
    )
    languages = {standard.code: standard.short_name_language for standard in standards}
    field.widget = NamesSelect(languages, choices=field.choices)
    return field


document_filters.register(
    DocumentFilter(
        "standard",
        "standard",
        80,
        citing,
        standard_field,
        document_models=(CitesStandards,),
        # A document citing several articles of a standard counts once.
        facet=Facet(
            standard_names, lambda: [Pairs(StandardCitation, "standard", "page")]
        ),
    )
)
