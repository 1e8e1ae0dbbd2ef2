"""The site-wide content version, and values cached until it changes.

Any change a reader could see (a page published, unpublished, moved, deleted or
restricted, a partner or topic edited, a library file edited or moved, a
collection's privacy changed) bumps the version (see the receivers in
``knowledge.signals``). Everything cached for readers is keyed on it: the
anonymous page cache (``knowledge.middleware``), listing totals, topic counts,
related documents, search answers and PDFs, all through :func:`remember`. Coarse,
but it cannot miss a page that lists the changed one.
"""

from django.core.cache import caches
from django.db import connection
from django.db.models import F

VERSION_ROW = 1
# How long a value kept by ``remember`` may stay unused; a new version drops it sooner.
REMEMBER_SECONDS = 60 * 60


def content_version() -> int:
    """The current version: plain SQL, since building the same query through the
    ORM costs more than the rest of a page-cache hit."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version FROM knowledge_contentversion WHERE id = %s",
            [VERSION_ROW],
        )
        row = cursor.fetchone()
    return row[0] if row else 0


def bump_content_version() -> None:
    """Invalidate everything cached for readers (within the caller's transaction)."""
    from knowledge.models import ContentVersion

    updated = ContentVersion.objects.filter(pk=VERSION_ROW).update(
        version=F("version") + 1
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=VERSION_ROW, defaults={"version": 2})


def remember(key: str, compute, seconds: int = REMEMBER_SECONDS):
    """``compute()``, kept in the cache until the content version changes: for
    what scans many documents (counts, rankings) or takes long (PDFs) and only
    changes with content."""
    cache = caches["default"]
    versioned = f"{key}:{content_version()}"
    value = cache.get(versioned)
    if value is None:
        value = compute()
        cache.set(versioned, value, seconds)
    return value
