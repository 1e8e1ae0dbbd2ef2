"""The site-wide content version that keys the anonymous page cache.

Any change a reader could see on a cached page (a page published, unpublished,
moved, deleted or restricted, a partner or topic edited, a library file edited or
moved, a collection's privacy changed) bumps the version, so
every cached page is rebuilt on its next request. Coarse, but it cannot miss a
page that lists the changed one, and it is one indexed query per request.
"""

from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents.models import AbstractDocument
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.signals import page_published, page_unpublished, post_page_move

from knowledge.models import ContentVersion, Partner, TaggedDocument, Topic

VERSION_ROW = 1
# How long a value kept by ``remember`` may stay unused; a new version drops it sooner.
REMEMBER_SECONDS = 60 * 60


def content_version() -> int:
    """The current version, read on every page-cache lookup: plain SQL, since
    building the same query through the ORM costs more than the rest of a hit."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version FROM knowledge_contentversion WHERE id = %s",
            [VERSION_ROW],
        )
        row = cursor.fetchone()
    return row[0] if row else 0


def remember(key: str, compute, seconds: int = REMEMBER_SECONDS):
    """``compute()``, kept in the cache until the content version changes: for
    figures that scan every document (counts) and only change with content."""
    cache = caches["default"]
    versioned = f"{key}:{content_version()}"
    value = cache.get(versioned)
    if value is None:
        value = compute()
        cache.set(versioned, value, seconds)
    return value


def bump_content_version() -> None:
    """Invalidate every cached page (within the caller's transaction)."""
    updated = ContentVersion.objects.filter(pk=VERSION_ROW).update(
        version=F("version") + 1
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=VERSION_ROW, defaults={"version": 2})


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    bump_content_version()


# Files are listed by label on pages (evaluation documents, materials), and
# only while the reader may download them.
WATCHED_MODELS = (
    Page,
    PageViewRestriction,
    Partner,
    Topic,
    TaggedDocument,
    AbstractDocument,
    CollectionViewRestriction,
)
# What saving a draft revision writes to a live page's row: nothing readers see.
DRAFT_BOOKKEEPING = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
    }
)


@receiver(post_save)
@receiver(post_delete)
def model_changed(sender, instance, signal, update_fields=None, **kwargs):
    """A live page saved, any page deleted, privacy, a partner, a topic or a
    library file changed."""
    if not isinstance(instance, WATCHED_MODELS):
        return
    draft_only = bool(update_fields) and update_fields <= DRAFT_BOOKKEEPING
    if (
        isinstance(instance, Page)
        and signal is post_save
        and (not instance.live or draft_only)
    ):
        return
    bump_content_version()
