"""Keep each document's ``privacy`` equal to the live view restrictions over it.

A restriction added, changed (its kind or groups) or deleted, and a page moved,
re-reads the privacy of every document under the page (see knowledge.privacy).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move, pre_page_move

from knowledge.cache import bump_content_version
from knowledge.privacy import (
    Privacy,
    mirror_restrictions,
    placeholders,
    privacy_of,
    restrictions_over,
)


def refresh_privacy(page) -> None:
    from knowledge.models import KnowledgePage

    documents = KnowledgePage.objects.descendant_of(page, inclusive=True)
    for document in documents.only("pk", "path", "depth", "privacy"):
        privacy = privacy_of(document)
        if privacy != document.privacy:
            KnowledgePage.objects.filter(pk=document.pk).update(privacy=privacy)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_privacy(instance.page)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        refresh_privacy(instance.page)
        bump_content_version()


@receiver(post_save, sender=PageViewRestriction)
def one_placeholder_per_kind(sender, instance, created, raw=False, **kwargs):
    """A restriction copied onto a page (with a copy or translation) replaces
    the placeholder of its kind made for that page, and a second login
    restriction replaces the first, so lifting the privacy lifts it for good."""
    if raw or not created:
        return
    placeholders(instance.page_id, instance.restriction_type).exclude(
        pk=instance.pk
    ).delete()


@receiver(post_page_move)
def document_moved(sender, instance, **kwargs):
    refresh_privacy(instance)


@receiver(pre_page_move)
def keep_restriction_when_moving(sender, instance, parent_page_after, **kwargs):
    """Documents restricted through a section take that section's restrictions
    with them, each of its own kind and groups, so moving them out of the
    section cannot make them more public."""
    from knowledge.models import KnowledgePage

    inherited = list(
        restrictions_over(instance.get_parent()).prefetch_related("groups")
    )
    if not inherited:
        return
    documents = KnowledgePage.objects.descendant_of(instance, inclusive=True)
    for document in documents.exclude(privacy=Privacy.PUBLIC):
        mirror_restrictions(inherited, document)
