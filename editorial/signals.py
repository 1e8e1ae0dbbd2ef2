from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import (
    Page,
    PageViewRestriction,
    Revision,
    TaskState,
    WorkflowState,
)
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    workflow_submitted,
)

from editorial.restricted_documents import protect_documents_of
from editorial.roles import ensure_partner_team, share_page_permissions
from editorial.workflow import share_workflow
from knowledge.models import KnowledgePage, Partner


@receiver(post_save, sender=Partner)
def partner_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ensure_partner_team(instance)


@receiver(page_published)
def document_published(sender, instance, **kwargs):
    if isinstance(instance, KnowledgePage):
        protect_documents_of(instance)


@receiver(post_save, sender=Revision)
def draft_saved(sender, instance, raw=False, **kwargs):
    model = instance.content_type.model_class()
    if not raw and model is not None and issubclass(model, KnowledgePage):
        page = KnowledgePage.objects.filter(pk=instance.object_id).first()
        if page is not None:
            # This revision, which is not yet the page's latest when saved.
            protect_documents_of(page, instance)


@receiver(post_save, sender=TaskState)
def approval_is_a_review(sender, instance, raw=False, **kwargs):
    """A reviewer's approval is a review: the approved revision, published next,
    says it was last reviewed today (which moves its next review date on)."""
    if raw or instance.status != TaskState.STATUS_APPROVED:
        return
    revision = instance.revision
    model = revision.content_type.model_class() if revision else None
    if model is not None and issubclass(model, KnowledgePage):
        revision.content["last_reviewed"] = timezone.localdate().isoformat()
        revision.save(update_fields=["content"])


@receiver(post_save, sender=PageViewRestriction)
def page_restricted(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for page in KnowledgePage.objects.descendant_of(instance.page, inclusive=True):
        protect_documents_of(page)


@receiver(copy_for_translation_done)
def page_translated(sender, source_obj, target_obj, **kwargs):
    """A section translated into another locale (by "Translate", or as the
    parent of a translated document) keeps the original's permissions and
    "Partner review" workflow, so partner editors work in it as in the original
    and their translations are reviewed."""
    if isinstance(source_obj, Page) and isinstance(target_obj, Page):
        share_page_permissions(source_obj, target_obj)
        share_workflow(source_obj, target_obj)


def _one_submission_email(sender, **kwargs):
    """Stands in for Wagtail's "workflow submitted" e-mail, sent only to
    superusers, who also get the review task's e-mail: one per submission."""


# Connected first (this app precedes wagtail.admin), under the uid Wagtail's
# handler uses, so that Wagtail's own is not connected after it.
workflow_submitted.connect(
    _one_submission_email,
    sender=WorkflowState,
    dispatch_uid="workflow_state_submitted_email_notification",
)
