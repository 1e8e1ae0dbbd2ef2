from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from .checks import gated_model, latest_content
from .forms import OverrideForm
from .models import Override
from .scanner import scan_page


def can_override(user) -> bool:
    return user.has_perm("safeguarding.override_finding")


def page_findings(request, page_id: int):
    """The findings in a page's newest content, each with its override or a
    form for a reviewer to override it."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, gated_model()):
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_edit() and not can_override(
        request.user
    ):
        raise PermissionDenied
    findings = scan_page(latest_content(page))
    form = None
    if request.method == "POST":
        if not can_override(request.user):
            raise PermissionDenied
        form = OverrideForm(request.POST, findings=findings)
        if form.is_valid():
            _record_override(request, page, form)
            return redirect("safeguarding:page", page_id=page.pk)
    overrides = {
        override.fingerprint: override
        for override in page.safeguarding_overrides.select_related("user")
    }
    rows = [
        {
            "finding": finding,
            "override": overrides.get(finding.fingerprint),
            "form": form
            if form is not None and form.data.get("fingerprint") == finding.fingerprint
            else OverrideForm(initial={"fingerprint": finding.fingerprint}),
        }
        for finding in findings
    ]
    return TemplateResponse(
        request,
        "safeguarding/page_findings.html",
        {
            "page": page,
            "rows": rows,
            "unresolved": sum(1 for row in rows if row["override"] is None),
            "can_override": can_override(request.user),
            "page_title": _("Safeguarding: %(title)s")
            % {"title": page.get_admin_display_title()},
            "header_icon": "warning",
        },
        status=400 if form is not None and form.errors else 200,
    )


def _record_override(request, page, form: OverrideForm) -> None:
    finding = form.finding
    Override.objects.update_or_create(
        page=page,
        fingerprint=finding.fingerprint,
        defaults={
            "kind": finding.kind,
            "place": finding.place[:500],
            "excerpt": finding.excerpt[:500],
            "reason": form.cleaned_data["reason"],
            "user": request.user,
        },
    )
    log(
        instance=page,
        action="safeguarding.override",
        user=request.user,
        data={
            "kind": finding.kind,
            "place": finding.place,
            "excerpt": finding.excerpt,
            "reason": form.cleaned_data["reason"],
        },
    )
    messages.success(request, _("The finding is overridden; the reason is recorded."))


def report(request):
    """Every document whose newest content has unresolved findings."""
    from .checks import unresolved_findings

    documents = gated_model().objects.order_by("path")
    rows = []
    for document in documents.specific().iterator(chunk_size=200):
        if not document.permissions_for_user(request.user).can_edit() and not (
            can_override(request.user)
        ):
            continue
        findings = unresolved_findings(latest_content(document))
        if findings:
            rows.append({"page": document, "findings": findings})
    return TemplateResponse(
        request,
        "safeguarding/report.html",
        {
            "rows": rows,
            "page_title": _("Safeguarding findings"),
            "header_icon": "warning",
        },
    )
