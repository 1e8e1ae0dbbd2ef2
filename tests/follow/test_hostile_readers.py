"""What a digest, the saved-search feed and the subscriptions page must not
give away or let one reader cost everyone."""

import datetime
from unittest import mock

from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from follow.digests import send_digests
from follow.forms import MAX_SUBSCRIPTIONS
from follow.models import Subscription
from knowledge.models import Topic
from tests.factories import PracticeGuidePageFactory, UserFactory

START = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 0))


def at(hours: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=hours)


class DigestCountsOnlyWhatTheReaderMaySee(TestCase):
    """follow/digests.py render(): ``more`` is the compose-time ``total`` less
    the documents shown, so documents hidden since composing are counted in
    "And N more" (docs/following.md: only documents you may open when the
    e-mail is sent are in it)."""

    @classmethod
    def setUpTestData(cls):
        cls.topic = Topic.objects.create(name="Kinship care", slug="kinship")
        cls.reader = UserFactory(email="reader@example.org")
        cls.open = PracticeGuidePageFactory(
            title="Open kinship guide",
            topics=[cls.topic],
            first_published_at=at(1),
            last_published_at=at(1),
        )
        cls.closed = PracticeGuidePageFactory(
            title="Later closed kinship guide",
            topics=[cls.topic],
            first_published_at=at(1.5),
            last_published_at=at(1.5),
        )
        Subscription.objects.create(
            user=cls.reader, kind="topic", target="kinship", sent_until=START
        )

    def test_no_more_for_a_document_restricted_after_composing(self):
        with mock.patch("follow.digests.deliver"):
            send_digests(now=at(2))
        PageViewRestriction.objects.create(
            page=self.closed, restriction_type="password"
        )
        send_digests(now=at(3))
        [message] = mail.outbox
        body = message.body + message.alternatives[0][0]
        self.assertIn("Open kinship guide", body)
        self.assertNotIn("Later closed kinship guide", body)
        self.assertNotIn("And 1 more", body)


@override_settings(RATE_LIMITS_ENABLED=True, RATE_LIMITS={"search": (2, 60)})
class SavedSearchFeedIsLimitedLikeSearch(TestCase):
    """serving/ratelimit.py LIMITED_VIEWS names ``search`` but not
    ``search_feed``: the feed runs the same full-text match over every
    document (search.queries.matching_documents, among=None) with no budget."""

    def setUp(self):
        cache.clear()
        self.addCleanup(cache.clear)
        clock = mock.patch("serving.ratelimit.time.time", return_value=1_000_020.0)
        clock.start()
        self.addCleanup(clock.stop)

    def test_the_feed_answers_429_past_the_search_budget(self):
        for _ in range(2):
            self.client.get("/en/search/?q=foster", REMOTE_ADDR="192.0.2.10")
        self.assertEqual(
            self.client.get(
                "/en/search/?q=foster", REMOTE_ADDR="192.0.2.10"
            ).status_code,
            429,
        )
        statuses = [
            self.client.get(
                f"/en/search/feed/?q=foster+{n}", REMOTE_ADDR="192.0.2.10"
            ).status_code
            for n in range(3)
        ]
        self.assertIn(429, statuses)


class SubscriptionsHaveABound(TestCase):
    """One reader keeps at most MAX_SUBSCRIPTIONS: every digest run matches
    each distinct saved search. Their list reads the reader's filters once,
    however many saved searches it shows."""

    @classmethod
    def setUpTestData(cls):
        cls.reader = UserFactory(email="reader@example.org")

    def listing_queries(self) -> int:
        self.client.force_login(self.reader)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(
                self.client.get("/en/accounts/subscriptions/").status_code, 200
            )
        return len(queries)

    def test_the_list_costs_the_same_for_many_saved_searches(self):
        topic = Topic.objects.create(name="Kinship care", slug="kinship")
        PracticeGuidePageFactory(topics=[topic], partner__slug="astra")
        Subscription.objects.create(user=self.reader, kind="topic", target="kinship")
        Subscription.objects.create(user=self.reader, kind="partner", target="astra")
        Subscription.objects.create(user=self.reader, kind="search", target="q=a")
        self.listing_queries()  # Counts remembered for the content version.
        few = self.listing_queries()
        Subscription.objects.bulk_create(
            Subscription(
                user=self.reader,
                kind="search",
                target=f"q=word{n}&topic=kinship&partner=astra",
            )
            for n in range(20)
        )
        response = self.client.get("/en/accounts/subscriptions/")
        self.assertContains(response, "“word19” · Kinship care")
        self.assertEqual(self.listing_queries(), few)

    def test_one_reader_cannot_keep_thousands(self):
        self.client.force_login(self.reader)
        Subscription.objects.bulk_create(
            Subscription(user=self.reader, kind="search", target=f"q=word{n}")
            for n in range(MAX_SUBSCRIPTIONS)
        )
        response = self.client.post(
            "/en/accounts/subscriptions/",
            {"kind": "search", "target": "q=one+more", "frequency": "immediate"},
        )
        self.assertEqual(response.status_code, 400)
