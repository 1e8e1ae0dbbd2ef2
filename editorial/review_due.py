"""Documents due for review: an admin report and a dashboard panel.

Every knowledge document stores ``next_review`` (last reviewed, or its date,
plus its review interval). A published document is due once that day has come,
or once an article it cites is amended (standards.amendments), until a
reviewer has checked it.
Each person sees only the documents they may edit: reviewers every partner's,
partner editors their own organisation's (the partner rule of the page
permission policy).
"""

import datetime

from django.db.models import Case, CharField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from standards.amendments import flagged, open_amendments

PANEL_SIZE = 5


def due_for_review(user, *, today: datetime.date | None = None):
    """Live documents ``user`` may edit whose review date has come, or that
    cite an amended article no reviewer has checked them after (their
    ``amended``: the article, e.g. "CETS No. 197, Article 10"), oldest first."""
    today = today or timezone.localdate()
    editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(
        user, "change"
    )
    from knowledge.models import KnowledgePage

    documents = KnowledgePage.objects.filter(pk__in=editable.values("pk"))
    amended = flagged(documents.live()).values("pk")
    article = (
        open_amendments(OuterRef("pk"))
        .order_by("-date")
        .values(
            name=Concat(
                "article__standard__short_name",
                Value(", "),
                "article__label",
                output_field=CharField(),
            )
        )
    )
    return (
        documents.filter(live=True)
        .filter(Q(next_review__lte=today) | Q(pk__in=amended))
        .annotate(
            amended=Case(
                When(pk__in=amended, then=Subquery(article[:1])),
                default=Value(""),
                output_field=CharField(),
            )
        )
        .select_related("partner")
        .order_by("next_review", "pk")
    )


class DueForReviewView(ReportView):
    page_title = _("Due for review")
    header_icon = "calendar-alt"
    index_url_name = "editorial_due_for_review"
    index_results_url_name = "editorial_due_for_review_results"
    default_ordering = "next_review"
    columns = [
        TitleColumn(
            "title",
            label=_("Document"),
            url_name="wagtailadmin_pages:edit",
            sort_key="title",
        ),
        Column("partner", label=_("Partner"), sort_key="partner__name"),
        Column("last_reviewed", label=_("Last reviewed"), sort_key="last_reviewed"),
        Column(
            "get_review_interval_display",
            label=_("Review interval"),
            sort_key="review_interval",
        ),
        Column("next_review", label=_("Due since"), sort_key="next_review"),
        Column("amended", label=_("Cites an amended article")),
    ]
    list_export = [
        "title",
        "partner",
        "last_reviewed",
        "review_interval",
        "next_review",
        "amended",
    ]
    export_headings = {
        "title": _("Document"),
        "partner": _("Partner"),
        "last_reviewed": _("Last reviewed"),
        "review_interval": _("Review interval (months)"),
        "next_review": _("Due since"),
        "amended": _("Cites an amended article"),
    }

    def get_base_queryset(self):
        return due_for_review(self.request.user)

    def get_filename(self):
        return f"due-for-review-{timezone.localdate():%Y-%m-%d}"


class DueForReviewPanel(Component):
    """The documents the user should review next, on the admin dashboard."""

    name = "due_for_review"
    template_name = "editorial/due_for_review_panel.html"
    order = 230

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        due = due_for_review(self.request.user)
        return {
            "documents": list(due[:PANEL_SIZE]),
            "count": due.count(),
        }
