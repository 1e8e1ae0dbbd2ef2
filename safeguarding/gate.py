"""The safeguarding gate: a document with unresolved findings does not go live.

Wagtail has no single place every publication passes, so the gate sits on each
way in (docs/safeguarding.md lists them):

- ``KnowledgePage.publish()`` calls :func:`check_revision`: every
  ``Revision.publish()`` (create, bulk publish, workflow approval,
  ``publish_scheduled``, the import of existing documents);
- the ``before_publish_page`` hook (edit view, revert) and the admin API's publish
  action, which build Wagtail's publish action themselves;
- :func:`hold_live_copy` when a copy of a live document would be saved live;
- :func:`hold_back` in ``interchange.bulk.create_documents``.

All of them ask :func:`blocking_findings`.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import ngettext
from wagtail.log_actions import log

from .checks import is_gated, unresolved_findings
from .scanner import Finding


@dataclass(frozen=True)
class Refusal:
    """A page the gate kept from going live, and why."""

    page: object
    findings: list[Finding]

    def __str__(self) -> str:
        kinds = ", ".join(dict.fromkeys(f.kind_label for f in self.findings))
        return ngettext(
            "“%(title)s” (%(slug)s) has %(count)d unresolved safeguarding finding "
            "(%(kinds)s); it was not published.",
            "“%(title)s” (%(slug)s) has %(count)d unresolved safeguarding findings "
            "(%(kinds)s); it was not published.",
            len(self.findings),
        ) % {
            "title": self.page.get_admin_display_title(),
            "slug": self.page.slug,
            "count": len(self.findings),
            "kinds": kinds,
        }


class PublicationRefused(PermissionDenied):
    """Raised where the caller cannot report a refusal and go on; Django and the
    admin API answer it with 403 and the message."""

    def __init__(self, refusal: Refusal):
        super().__init__(str(refusal))
        self.refusal = refusal


_reported: ContextVar[list[Refusal] | None] = ContextVar(
    "safeguarding_reported_refusals", default=None
)


@contextmanager
def reporting_refusals() -> Iterator[list[Refusal]]:
    """Within this block a refused publication is added to the list given and
    skipped, instead of raising :class:`PublicationRefused`: loops over many
    pages (bulk publish, ``publish_scheduled``) publish the rest and report."""
    refusals: list[Refusal] = []
    token = _reported.set(refusals)
    try:
        yield refusals
    finally:
        _reported.reset(token)


def blocking_findings(page) -> list[Finding]:
    """The gate's one question: the findings no reviewer has overridden in
    ``page`` (its content as given, saved or not), if it is a gated document."""
    if not is_gated(page):
        return []
    return unresolved_findings(page)


def check_revision(revision, user=None) -> bool:
    """Whether ``revision`` may go live. If not, the block is logged and
    :class:`PublicationRefused` raised, or, inside :func:`reporting_refusals`,
    the refusal recorded and False returned."""
    page = revision.as_object()
    findings = blocking_findings(page)
    if not findings:
        return True
    log_blocked(page, findings, user=user, revision=revision)
    refusal = Refusal(page, findings)
    refusals = _reported.get()
    if refusals is None:
        raise PublicationRefused(refusal)
    refusals.append(refusal)
    return False


def log_blocked(page, findings, *, user=None, revision=None, how: str = "") -> None:
    """Record the block in the page's history, once per refused revision
    (``publish_scheduled`` asks again on every run)."""
    from wagtail.models import PageLogEntry

    data = {"findings": len(findings)}
    if revision is not None:
        data["revision"] = revision.pk
    if how:
        data["how"] = how
    latest = PageLogEntry.objects.filter(page_id=page.pk).order_by("-pk").first()
    if latest and latest.action == "safeguarding.blocked" and latest.data == data:
        return
    log(instance=page, action="safeguarding.blocked", user=user, data=data)


# --- Copies kept live ----------------------------------------------------------


def hold_live_copy(sender, instance, raw=False, **kwargs) -> None:
    """``pre_save`` of documents: a copy of a live document (Wagtail's copy with
    "publish copies" or the API's ``keep_live``) is inserted live without being
    published. With unresolved findings it is saved as a draft instead.

    A copy is a new page that arrives with its publication already set (copied
    from the original). Wagtail then marks it published in a second save, which
    is undone here too.
    """
    if raw:
        return
    if getattr(instance, "_safeguarding_held", None) is not None:
        instance.live_revision = None
        instance.first_published_at = instance.last_published_at = None
        return
    is_live_copy = (
        instance._state.adding
        and instance.live
        and instance.alias_of_id is None
        and (instance.live_revision_id or instance.first_published_at)
    )
    if not is_live_copy:
        return
    findings = blocking_findings(instance)
    if findings:
        instance._safeguarding_held = findings
        instance.live = False
        instance.has_unpublished_changes = True
        instance.live_revision = None
        instance.first_published_at = instance.last_published_at = None


def log_held_copy(sender, instance, created=False, raw=False, **kwargs) -> None:
    """``post_save`` of documents: the held copy, now with an id, is logged."""
    findings = getattr(instance, "_safeguarding_held", None)
    if created and not raw and findings:
        log_blocked(instance, findings, how="copy")


# --- Bulk creation --------------------------------------------------------------


def hold_back(documents: Sequence) -> list[tuple]:
    """For ``interchange.bulk.create_documents``: the new documents that would go
    live with unresolved findings are created as drafts instead. Returns each
    with its findings; their block is logged once they are saved."""
    held = []
    for document in documents:
        findings = blocking_findings(document.page) if document.publish else []
        if findings:
            document.publish = False
            held.append((document, findings))
    if held:
        transaction.on_commit(
            partial(
                _log_held, [(document.page, findings) for document, findings in held]
            )
        )
    return held


def _log_held(held) -> None:
    for page, findings in held:
        log_blocked(page, findings, how="bulk creation")
