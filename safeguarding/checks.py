"""What the gate asks: which findings in a page no reviewer has overridden."""

from django.apps import apps
from django.conf import settings

from .scanner import Finding, scan_page


def gated_model():
    """The page model whose every page passes the gate (other pages, such as
    home and indexes, do not): ``settings.SAFEGUARDING_GATED_MODEL``, so that
    safeguarding names no package of the site."""
    return apps.get_model(settings.SAFEGUARDING_GATED_MODEL)


def is_gated(page) -> bool:
    model = page.specific_class
    return model is not None and issubclass(model, gated_model())


def unresolved_findings(page, findings: list[Finding] | None = None) -> list[Finding]:
    """Findings in ``page`` (its content as given, saved or not) that no
    reviewer has overridden."""
    if findings is None:
        findings = scan_page(page)
    if not findings or not page.pk:
        return findings
    Override = apps.get_model("safeguarding", "Override")
    overridden = set(
        Override.objects.filter(
            page_id=page.pk, fingerprint__in={f.fingerprint for f in findings}
        ).values_list("fingerprint", flat=True)
    )
    return [finding for finding in findings if finding.fingerprint not in overridden]


def latest_content(page):
    """The newest content of a page: its latest revision, or the page itself."""
    page = page.specific
    if page.has_unpublished_changes or not page.live:
        return page.get_latest_revision_as_object()
    return page
