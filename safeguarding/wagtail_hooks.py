from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction

from . import gate, views
from .checks import is_gated, unresolved_findings

app_name = "safeguarding"
urlpatterns = [
    path("", views.report, name="report"),
    path("pages/<int:page_id>/", views.page_findings, name="page"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("safeguarding/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "safeguarding.override",
        _("Override safeguarding finding"),
        _("Safeguarding finding overridden"),
    )
    actions.register_action(
        "safeguarding.blocked",
        _("Publication blocked by safeguarding"),
        _("Publication blocked: unresolved safeguarding findings"),
    )


class SafeguardingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("safeguarding.override_finding")


@hooks.register("register_reports_menu_item")
def register_safeguarding_report():
    return SafeguardingMenuItem(
        _("Safeguarding findings"),
        reverse("safeguarding:report"),
        name="safeguarding",
        icon_name="warning",
        order=650,
    )


def _findings_message(page, findings) -> str:
    return format_html(
        '{} <a href="{}">{}</a>',
        ngettext(
            "“%(title)s” has %(count)d unresolved safeguarding finding.",
            "“%(title)s” has %(count)d unresolved safeguarding findings.",
            len(findings),
        )
        % {"title": page.get_admin_display_title(), "count": len(findings)},
        reverse("safeguarding:page", args=[page.pk]),
        _("Review them"),
    )


@hooks.register("before_publish_page")
def block_publication_with_findings(request, page):
    """The edit and create views (and revert, which is the edit view) ask here
    before they publish. The page's new content is saved as a draft revision; it
    is not published while findings in it are unresolved."""
    findings = gate.blocking_findings(page)
    if not findings:
        return None
    gate.log_blocked(page, findings, user=request.user)
    messages.error(
        request,
        format_html(
            "{} {}",
            _("Saved as a draft, not published."),
            _findings_message(page, findings),
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("after_copy_page")
def tell_about_held_copy(request, page, new_page):
    """A copy that was to stay live but has findings is a draft (see
    :func:`safeguarding.gate.hold_live_copy`)."""
    findings = getattr(new_page, "_safeguarding_held", None)
    if findings:
        messages.warning(
            request,
            format_html(
                "{} {}",
                _("The copy was saved as a draft, not published."),
                _findings_message(new_page, findings),
            ),
        )


class SafeguardedPublishBulkAction(PublishBulkAction):
    """Wagtail's bulk publish, in place of it: pages with unresolved findings are
    skipped and named, the others published."""

    def get_execution_context(self):
        self.refusals = []
        return {**super().get_execution_context(), "refusals": self.refusals}

    @classmethod
    def execute_action(cls, objects, refusals=None, **kwargs):
        with gate.reporting_refusals() as refused:
            parents, children = super().execute_action(objects, **kwargs)
        if refusals is not None:
            refusals.extend(refused)
        selected = {page.pk for page in objects}
        refused_parents = sum(refusal.page.pk in selected for refusal in refused)
        return parents - refused_parents, children - (len(refused) - refused_parents)

    def get_success_message(self, num_parent_objects, num_child_objects):
        for refusal in self.refusals:
            messages.error(
                self.request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    str(refusal),
                    reverse("safeguarding:page", args=[refusal.page.pk]),
                    _("Review the findings"),
                ),
            )
        if num_parent_objects + num_child_objects == 0:
            return None
        return super().get_success_message(num_parent_objects, num_child_objects)


# Registered after Wagtail's own, which it replaces.
hooks.register("register_bulk_action", SafeguardedPublishBulkAction, order=100)


class SafeguardedPublishPageAPIAction(PublishPageAPIAction):
    """The admin API's publish builds Wagtail's publish action itself, past
    ``Page.publish()``: it asks the gate first and answers 403 with the reason."""

    def _action_from_data(self, instance, data):
        action = super()._action_from_data(instance, data)
        gate.check_revision(action.revision, user=self.request.user)
        return action


class SafeguardedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {
        **PagesAdminAPIViewSet.actions,
        "publish": SafeguardedPublishPageAPIAction,
    }


@hooks.register("construct_admin_api")
def guard_admin_api_publish(router):
    router.register_endpoint("pages", SafeguardedPagesAdminAPIViewSet)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_findings(request, page):
    """Re-check on every save: tell the editor what the gate will stop.
    Autosaves (which expect JSON) are left alone; the panel shows the findings."""
    if is_gated(page) and request.accepts("text/html"):
        findings = unresolved_findings(page)
        if findings:
            messages.warning(request, _findings_message(page, findings))
