from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .reports import OverdueFollowUpsPanel, OverdueFollowUpsView


@hooks.register("register_admin_urls")
def register_overdue_follow_ups_urls():
    return [
        path(
            "reports/overdue-follow-ups/",
            OverdueFollowUpsView.as_view(),
            name="exchanges_overdue_follow_ups",
        ),
        path(
            "reports/overdue-follow-ups/results/",
            OverdueFollowUpsView.as_view(results_only=True),
            name="exchanges_overdue_follow_ups_results",
        ),
    ]


class OverdueFollowUpsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_permission(
            request.user, "change"
        )


@hooks.register("register_reports_menu_item")
def register_overdue_follow_ups_menu_item():
    return OverdueFollowUpsMenuItem(
        _("Overdue follow-ups"),
        reverse("exchanges_overdue_follow_ups"),
        name="overdue-follow-ups",
        icon_name="warning",
        order=720,
    )


@hooks.register("construct_homepage_panels")
def add_overdue_follow_ups_panel(request, panels):
    panels.append(OverdueFollowUpsPanel(request))
