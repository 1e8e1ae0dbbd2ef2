"""Standards, their articles and amendments appear on cached pages (a guide's
citations and their notices, the standards pages), so editing them invalidates
the anonymous page cache, and renaming them indexes the documents citing them
again. Publishing a document clears its amendment flags: only reviewers
publish."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from knowledge.content_cache import bump_content_version
from knowledge.models import KnowledgePage
from knowledge.signals import reindex_documents_on_rename

from .amendments import clear
from .models import (
    Amendment,
    AmendmentCheck,
    Standard,
    StandardArticle,
    StandardCitation,
)


@receiver(post_save, sender=Standard)
@receiver(post_delete, sender=Standard)
@receiver(post_save, sender=StandardArticle)
@receiver(post_delete, sender=StandardArticle)
@receiver(post_save, sender=Amendment)
@receiver(post_delete, sender=Amendment)
@receiver(post_save, sender=AmendmentCheck)
@receiver(post_delete, sender=AmendmentCheck)
def standard_changed(sender, **kwargs):
    # Loaded data (``raw``) changes what readers see as much as any edit.
    bump_content_version()


@receiver(post_save, sender=StandardArticle)
def citations_follow_their_article(sender, instance, **kwargs):
    """A citation names its article's standard: an article moved to another
    standard takes its citations along (before its documents are indexed
    again, below)."""
    StandardCitation.objects.filter(article=instance).exclude(
        standard=instance.standard_id
    ).update(standard=instance.standard_id)


# Documents are found by the names of the standards and articles they cite.
reindex_documents_on_rename(
    Standard,
    names=lambda standard: tuple(
        standard.by_language(field) for field in standard.translated_fields
    ),
    documents=lambda standard: KnowledgePage.objects.filter(
        standard_citations__standard=standard
    ).distinct(),
)
reindex_documents_on_rename(
    StandardArticle,
    names=lambda article: (
        article.standard_id,
        article.label,
        article.by_language("title"),
    ),
    documents=lambda article: KnowledgePage.objects.filter(
        standard_citations__article=article
    ).distinct(),
)


@receiver(page_published)
def reviewed_after_amendments(sender, instance, **kwargs):
    """Approving a new revision of a flagged document clears its flags."""
    if isinstance(instance, KnowledgePage):
        clear(instance, comment="A new revision was published.")
