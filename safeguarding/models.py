from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from .detectors import Kind


class Override(models.Model):
    """A reviewer's decision that a finding is not a victim's personal data.

    Keyed by the finding's fingerprint (its field, kind and text), so it keeps
    holding while the page is edited elsewhere, and lapses when that text changes.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="safeguarding_overrides",
    )
    fingerprint = models.CharField(max_length=64)
    kind = models.CharField(
        max_length=20, choices=[(key, label) for key, label in Kind.LABELS.items()]
    )
    place = models.CharField(max_length=500)
    excerpt = models.CharField(max_length=500, help_text=_("Masked, as shown."))
    reason = models.TextField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("safeguarding override")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "fingerprint"], name="one_override_per_finding"
            )
        ]
        permissions = [
            ("override_finding", _("Can override a safeguarding finding")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.excerpt}"


class SafeguardedApprovalTask(AbstractGroupApprovalTask):
    """Group approval that cannot approve a document with unresolved findings.

    Reviewers still see "Request changes"; "Approve" comes back once the
    personal data is removed or a reviewer has overridden each finding.
    """

    class Meta:
        verbose_name = _("Group approval with safeguarding check")
        verbose_name_plural = _("Group approvals with safeguarding check")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.has_unresolved_findings(obj):
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and self.has_unresolved_findings(
            task_state.workflow_state.content_object
        ):
            raise PermissionDenied(
                _("Unresolved safeguarding findings: the document cannot be approved.")
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups can approve, once the safeguarding check "
            "has no unresolved findings"
        )

    @staticmethod
    def has_unresolved_findings(obj) -> bool:
        from .checks import is_gated, latest_content, unresolved_findings

        return is_gated(obj) and bool(unresolved_findings(latest_content(obj)))
