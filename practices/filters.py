"""The practice guides' filters: evidence level and lineage (knowledge.filters)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knowledge.evidence import EvidenceLevel, evidence_label
from knowledge.facets import Facet, Pairs, each, in_order
from knowledge.filters import DocumentFilter, choice_field, document_filters
from knowledge.selectors import visible_documents

from .models import PracticeGuidePage

# Lineage values: the guide was adapted from another guide / another guide was
# adapted from it.
ADAPTED = "adapted"
ADAPTED_ELSEWHERE = "adapted-elsewhere"
LINEAGE_LABELS = {
    ADAPTED: _("Adapted from another guide"),
    ADAPTED_ELSEWHERE: _("Adapted elsewhere"),
}


def at_level(level: str, *, user) -> Q:
    guides = PracticeGuidePage.objects.filter(evidence_level=level)
    return Q(pk__in=guides.values("pk"))


def in_lineage(value: str, *, user) -> Q:
    """Guides adapted from a guide the reader may open (``adapted``), or from
    which a guide the reader may open was adapted (``adapted-elsewhere``): a
    restricted original or adaptation never shows through."""
    guides = visible_documents(user=user, model=PracticeGuidePage._meta.label)
    if value == ADAPTED:
        adapted = PracticeGuidePage.objects.filter(adapted_from__in=guides.values("pk"))
        return Q(pk__in=adapted.values("pk"))
    return Q(pk__in=guides.filter(adapted_from__isnull=False).values("adapted_from"))


document_filters.register(
    DocumentFilter(
        "evidence",
        "evidence",
        70,
        at_level,
        lambda user: choice_field(
            _("Evidence"), [("", _("All evidence levels")), *EvidenceLevel.choices]
        ),
        document_models=(PracticeGuidePage,),
        # Up the ladder.
        facet=Facet(
            each(lambda level: evidence_label(level) or level),
            lambda: [Pairs(PracticeGuidePage, "evidence_level")],
            order=in_order(EvidenceLevel),
        ),
    )
)
document_filters.register(
    DocumentFilter(
        "lineage",
        "lineage",
        90,
        in_lineage,
        lambda user: choice_field(
            _("Lineage"), [("", _("Any lineage")), *LINEAGE_LABELS.items()]
        ),
        document_models=(PracticeGuidePage,),
        listed=False,
        # A guide may count under both values.
        facet=Facet(
            each(LINEAGE_LABELS.__getitem__),
            values=tuple(LINEAGE_LABELS),
            order=in_order(LINEAGE_LABELS),
        ),
    )
)
