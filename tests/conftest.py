import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in English: a request leaves its language active in the
    thread, and page URLs follow the active language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: cached answers are keyed by the
    content version, which starts again with every test's database."""
    cache.clear()


@pytest.fixture(autouse=True)
def _closed_breakers():
    """Every test starts with the cache, search and mail servers in use: a
    breaker another test opened would make them skipped for a while."""
    from search.backends import server_breaker
    from serving import mail, redis_cache

    for breaker in (server_breaker, mail.breaker, redis_cache.breaker):
        breaker.reset()


def commits(item) -> bool:
    """Whether the test commits (and so flushes the database after it), as
    pytest-django decides when it puts such tests last."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


def pytest_collection_modifyitems(config, items):
    """A module runs whole on one test worker (``--dist loadscope``): one that
    mixed tests that commit with ordinary ones would flush, mid-run, the data
    the migrations wrote for the tests after it."""
    kinds = {}
    for item in items:
        if item.get_closest_marker("django_db") or "db" in item.fixturenames:
            kinds.setdefault(item.module.__name__, set()).add(commits(item))
    mixed = sorted(module for module, found in kinds.items() if len(found) > 1)
    if mixed:
        raise pytest.UsageError(
            "Put the tests that commit in a module of their own: " + ", ".join(mixed)
        )
