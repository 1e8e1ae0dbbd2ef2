"""The content version: read once per request, and what is remembered on it."""

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from knowledge.content_cache import (
    bump_content_version,
    content_version,
    finish_request,
    remember,
    start_request,
)
from knowledge.models import ContentVersion
from tests.factories import PartnerFactory, PracticeGuidePageFactory, TopicFactory


def version_reads(queries) -> int:
    return sum(
        1
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT version FROM knowledge_contentversion")
    )


@override_settings(PAGE_CACHE_SECONDS=300, SEARCH_CACHE_SECONDS=300)
class OneReadPerRequestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        topic = TopicFactory(name="Foster care", slug="foster-care")
        partner = PartnerFactory()
        for number in range(3):
            PracticeGuidePageFactory(
                title=f"Foster care guide {number}", topics=[topic], partner=partner
            )

    def setUp(self):
        cache.clear()

    def assert_one_read(self, url, **data):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, data)
        self.assertEqual(response.status_code, 200, url)
        self.assertEqual(version_reads(queries), 1, url)

    def test_a_listing_reads_the_version_once(self):
        # The page cache, the listing's total and the topic counts all key on it.
        self.assert_one_read("/en/practices/")
        self.assert_one_read("/en/topics/foster-care/")

    def test_a_search_reads_the_version_once(self):
        self.assert_one_read("/en/search/", q="foster care")

    def test_a_cached_page_reads_the_version_once(self):
        self.client.get("/en/practices/")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/en/practices/")
        self.assertEqual(response["X-Cache"], "hit")
        self.assertEqual(version_reads(queries), 1)


def remember_in_a_failed_bump(key: str) -> None:
    """Bump the version and remember ``key`` in a transaction that then fails."""
    with transaction.atomic():
        bump_content_version()
        remember(key, lambda: "never happened")
        transaction.set_rollback(True)


class ContentVersionTests(TestCase):
    def setUp(self):
        cache.clear()

    def test_outside_a_request_every_read_asks_the_database(self):
        with CaptureQueriesContext(connection) as queries:
            content_version()
            content_version()
        self.assertEqual(version_reads(queries), 2)

    def test_a_bump_within_a_request_is_seen_by_the_rest_of_it(self):
        start_request()
        try:
            before = content_version()
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(content_version(), before)
            self.assertEqual(version_reads(queries), 0)
            bump_content_version()
            self.assertGreater(content_version(), before)
        finally:
            finish_request()

    def test_a_rolled_back_bump_never_comes_back(self):
        """What was remembered inside a transaction that bumped the version and
        then failed was computed from changes that never happened."""
        for attempt in range(5):
            with self.subTest(attempt=attempt):
                remember_in_a_failed_bump("test-undone")
                bump_content_version()
                self.assertEqual(remember("test-undone", lambda: "fresh"), "fresh")

    def test_a_request_that_bumped_reads_the_version_again(self):
        """After its own bump failed, the rest of a request must not use the
        number the rolled-back transaction saw."""
        start_request()
        try:
            content_version()
            remember_in_a_failed_bump("test-request")
            self.assertEqual(remember("test-request", lambda: "fresh"), "fresh")
        finally:
            finish_request()

    def test_the_first_bump_of_an_empty_table_is_not_reached_again(self):
        ContentVersion.objects.all().delete()
        remember_in_a_failed_bump("test-first")
        bump_content_version()
        self.assertEqual(remember("test-first", lambda: "fresh"), "fresh")

    def test_migrating_starts_a_new_version(self):
        before = content_version()
        call_command("migrate", verbosity=0)
        self.assertNotEqual(content_version(), before)

    def test_remembered_until_the_version_changes(self):
        calls = []

        def compute():
            calls.append(1)
            return len(calls)

        self.assertEqual(remember("test-value", compute), 1)
        self.assertEqual(remember("test-value", compute), 1)
        bump_content_version()
        self.assertEqual(remember("test-value", compute), 2)
