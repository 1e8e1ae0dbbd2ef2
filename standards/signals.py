"""Standards and their articles appear on cached pages (a guide's citations, the
standards pages), so editing them invalidates the anonymous page cache."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from knowledge.content_cache import bump_content_version

from .models import Standard, StandardArticle


@receiver(post_save, sender=Standard)
@receiver(post_delete, sender=Standard)
@receiver(post_save, sender=StandardArticle)
@receiver(post_delete, sender=StandardArticle)
def standard_changed(sender, raw=False, **kwargs):
    if not raw:
        bump_content_version()
