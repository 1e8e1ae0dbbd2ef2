"""The site-wide content version, and values cached until it changes.

Any change a reader could see (a page published, unpublished, moved, deleted or
restricted, a partner or topic edited, a library file edited or moved, a
collection's privacy changed, a site edited) bumps the version (see the receivers in
``knowledge.signals``). Everything cached for readers is keyed on it: the
anonymous page cache (``serving.page_cache``), where addresses lead
(``serving.routes``), listing totals, topic counts, related documents, search
answers, PDFs and the topics, partners and standards every listing offers as
filters, all through :func:`remember`. Coarse,
but it cannot miss a page that lists the changed one.

The version is read once per request: the first read is kept until the request
finishes. A request that bumps the version reads it from the database from then
on, since its transaction may yet be rolled back. Outside a request (commands,
background tasks) every read asks the database.
"""

import secrets
from contextvars import ContextVar

from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models import F
from django.dispatch import receiver

VERSION_ROW = 1
# A bump adds a random step of up to this much, not 1: a transaction that bumped
# and then rolled back leaves values remembered under its number, computed from
# changes that never happened, and the next bump must not reach that number again.
# (A 63-bit version outlasts two thousand million bumps.)
VERSION_STEP = 2**32
# How long a value kept by ``remember`` may stay unused; a new version drops it sooner.
REMEMBER_SECONDS = 60 * 60

# While a request is answered: a dict that holds the version once read.
_request_memo: ContextVar[dict | None] = ContextVar("content_version", default=None)


@receiver(request_started)
def start_request(sender=None, **kwargs):
    """From now on, keep the version once read (until :func:`finish_request`)."""
    _request_memo.set({})


@receiver(request_finished)
def finish_request(sender=None, **kwargs):
    _request_memo.set(None)


def content_version() -> int:
    """The current version: plain SQL, since building the same query through the
    ORM costs more than the rest of a page-cache hit; once per request, unless
    the request itself bumped it (its transaction may yet be rolled back)."""
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version FROM knowledge_contentversion WHERE id = %s",
            [VERSION_ROW],
        )
        row = cursor.fetchone()
    version = row[0] if row else 0
    if memo is not None and "bumped" not in memo:
        memo["version"] = version
    return version


def bump_content_version() -> None:
    """Invalidate everything cached for readers (within the caller's transaction)."""
    from knowledge.models import ContentVersion

    updated = ContentVersion.objects.filter(pk=VERSION_ROW).update(
        version=F("version") + 1 + secrets.randbelow(VERSION_STEP)
    )
    if not updated:
        ContentVersion.objects.get_or_create(
            pk=VERSION_ROW, defaults={"version": 2 + secrets.randbelow(VERSION_STEP)}
        )
    memo = _request_memo.get()
    if memo is not None:
        memo.pop("version", None)
        memo["bumped"] = True


def bump_after_migrate(sender, **kwargs) -> None:
    """A migration may change what was remembered (a field added or filled)
    without a signal: an upgrade starts from a new version."""
    bump_content_version()


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
