"""Overdue follow-ups: an admin report and a dashboard panel.

An action is overdue when it is still planned or in progress and its due date
has passed. The report reads published visits (a draft's changes to its actions
count once published), and each person sees the actions of the visits they may
edit: reviewers every partner's, partner editors their own organisation's.
"""

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from knowledge.models import Partner

from .models import FollowUpAction, FollowUpStatus

PANEL_SIZE = 5


def overdue_follow_ups(user, *, today: datetime.date | None = None):
    """Open actions past their due date on live visits ``user`` may edit,
    longest overdue first."""
    today = today or timezone.localdate()
    editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(
        user, "change"
    )
    return (
        FollowUpAction.objects.filter(
            status__in=FollowUpStatus.open_values(),
            due_date__lt=today,
            visit__live=True,
            visit__in=editable.values("pk"),
        )
        .select_related("visit", "owner")
        .order_by("due_date", "pk")
    )


class OverdueFollowUpFilterSet(WagtailFilterSet):
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner organisation"),
        empty_label=_("Any organisation"),
        queryset=Partner.objects.order_by("name"),
    )

    class Meta:
        model = FollowUpAction
        fields = ["owner"]


class OverdueFollowUpsView(ReportView):
    page_title = _("Overdue follow-ups")
    header_icon = "warning"
    index_url_name = "exchanges_overdue_follow_ups"
    index_results_url_name = "exchanges_overdue_follow_ups_results"
    filterset_class = OverdueFollowUpFilterSet
    default_ordering = "due_date"
    columns = [
        TitleColumn(
            "description",
            label=_("Action"),
            url_name="wagtailadmin_pages:edit",
            id_accessor="visit_id",
            sort_key="description",
        ),
        Column("visit", label=_("Study visit"), sort_key="visit__title"),
        Column("owner", label=_("Owner organisation"), sort_key="owner__name"),
        Column("get_status_display", label=_("Status"), sort_key="status"),
        Column("due_date", label=_("Due date"), sort_key="due_date"),
        Column("days_overdue", label=_("Days overdue")),
    ]
    list_export = [
        "description",
        "visit",
        "owner",
        "get_status_display",
        "due_date",
        "days_overdue",
    ]
    export_headings = {
        "description": _("Action"),
        "visit": _("Study visit"),
        "owner": _("Owner organisation"),
        "get_status_display": _("Status"),
        "due_date": _("Due date"),
        "days_overdue": _("Days overdue"),
    }

    def get_base_queryset(self):
        return overdue_follow_ups(self.request.user)

    def get_filename(self):
        return f"overdue-follow-ups-{timezone.localdate():%Y-%m-%d}"


class OverdueFollowUpsPanel(Component):
    """The longest overdue follow-ups the user can act on, on the admin dashboard."""

    name = "overdue_follow_ups"
    template_name = "exchanges/overdue_follow_ups_panel.html"
    order = 240

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        overdue = overdue_follow_ups(self.request.user)
        return {"actions": list(overdue[:PANEL_SIZE]), "count": overdue.count()}
