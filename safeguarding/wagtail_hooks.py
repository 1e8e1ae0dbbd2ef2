from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
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
    """The page's new content is saved as a draft revision; it is not published
    while findings in it are unresolved."""
    if not is_gated(page):
        return None
    findings = unresolved_findings(page)
    if not findings:
        return None
    from wagtail.log_actions import log

    log(
        instance=page,
        action="safeguarding.blocked",
        user=request.user,
        data={"findings": len(findings)},
    )
    messages.error(
        request,
        format_html(
            "{} {}",
            _("Saved as a draft, not published."),
            _findings_message(page, findings),
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_findings(request, page):
    """Re-check on every save: tell the editor what the gate will stop.
    Autosaves (which expect JSON) are left alone; the panel shows the findings."""
    if is_gated(page) and request.accepts("text/html"):
        findings = unresolved_findings(page)
        if findings:
            messages.warning(request, _findings_message(page, findings))
