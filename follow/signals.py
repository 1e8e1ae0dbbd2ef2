"""A document republished with *Notify followers* ticked is announced to the
next digests (a first publication needs no announcement); a new amendment is
told to the editors of the documents it flags, once it is committed."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from follow.amendments import tell_editors
from follow.models import Announcement
from knowledge.models import KnowledgePage
from standards.models import Amendment


@receiver(page_published)
def announce(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, KnowledgePage) or revision is None:
        return
    if not (revision.content or {}).get("notify_followers"):
        return
    if instance.first_published_at == instance.last_published_at:
        return  # A first publication: new documents are always told.
    Announcement.objects.create(page=instance, at=timezone.now())


@receiver(post_save, sender=Amendment)
def amendment_recorded(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        transaction.on_commit(lambda: tell_editors(instance))
