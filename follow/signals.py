"""A document republished with *Notify followers* ticked is announced to the
next digests (a first publication needs no announcement)."""

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from follow.models import Announcement
from knowledge.models import KnowledgePage


@receiver(page_published)
def announce(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, KnowledgePage) or revision is None:
        return
    if not (revision.content or {}).get("notify_followers"):
        return
    if instance.first_published_at == instance.last_published_at:
        return  # A first publication: new documents are always told.
    Announcement.objects.create(page=instance, at=timezone.now())
