import time

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


# The trust matrix's budget: each half (a class, run whole on one worker) should
# take under MATRIX_BUDGET_SECONDS. Reported, not asserted: speed is measured.
# Creating the test database is the whole suite's cost: on a worker whose first
# test is a half, it is counted apart.
MATRIX_BUDGET_SECONDS = 90
MATRIX_MODULE = "tests/trust/test_matrix.py::"
_matrix_seconds: dict[str, float] = {}
_database_seconds: dict[str, float] = {}
_setup_started: list[tuple[pytest.Item, float]] = []


def _matrix_half(nodeid: str) -> str | None:
    if nodeid.startswith(MATRIX_MODULE):
        return nodeid.removeprefix(MATRIX_MODULE).split("::")[0]
    return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    _setup_started.append((item, time.perf_counter()))
    try:
        return (yield)
    finally:
        _setup_started.pop()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's test database, its creation timed and told to the
    controller with the report of the test it came before."""
    if _setup_started:
        item, started = _setup_started[-1]
        item.user_properties.append(("database_seconds", time.perf_counter() - started))


def pytest_runtest_logreport(report):
    half = _matrix_half(report.nodeid)
    if half:
        _matrix_seconds[half] = _matrix_seconds.get(half, 0.0) + report.duration
        if report.when == "setup":
            for name, seconds in report.user_properties:
                if name == "database_seconds":
                    _database_seconds[half] = seconds


def pytest_terminal_summary(terminalreporter):
    if not _matrix_seconds:
        return
    halves = []
    for half, seconds in sorted(_matrix_seconds.items()):
        database = _database_seconds.get(half, 0.0)
        line = f"{half} {seconds - database:.0f} s"
        if database:
            line += f" (and {database:.0f} s creating the test database)"
        halves.append(line)
    terminalreporter.write_line(
        f"Trust matrix (budget {MATRIX_BUDGET_SECONDS} s per half): {', '.join(halves)}"
    )
