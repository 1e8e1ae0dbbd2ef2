"""The study visits' filter: the status of their follow-up actions
(knowledge.filters)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knowledge.facets import Facet, Pairs, each, in_order
from knowledge.filters import DocumentFilter, choice_field, document_filters

from .models import FollowUpAction, FollowUpStatus, StudyVisitPage


def with_follow_up(status: str, *, user) -> Q:
    return Q(pk__in=FollowUpAction.objects.filter(status=status).values("visit"))


document_filters.register(
    DocumentFilter(
        "follow_up",
        "follow_up",
        100,
        with_follow_up,
        lambda user: choice_field(
            _("Follow-up"), [("", _("Any follow-up")), *FollowUpStatus.choices]
        ),
        document_models=(StudyVisitPage,),
        listed=False,
        # A visit counts once under each status its actions have.
        facet=Facet(
            each(lambda status: FollowUpStatus(status).label),
            lambda: [Pairs(FollowUpAction, "status", "visit")],
            order=in_order(FollowUpStatus),
        ),
    )
)
