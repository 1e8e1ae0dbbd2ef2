"""What a digest, the saved-search feed and the subscriptions page must not
give away or let one reader cost everyone."""

import datetime
from unittest import mock

from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from follow.digests import send_digests
from follow.forms import MAX_SUBSCRIPTIONS
from follow.links import SALT, unsubscribe_token
from follow.models import Digest, Subscription
from knowledge.models import Topic
from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    UserFactory,
    cite,
)

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


class RestrictedDocumentsReachOnlyTheirReaders(TestCase):
    """A reader who follows a topic, a partner, an article or a search that a
    group-restricted document matches is told nothing of it; a member of the
    group is, until they leave it before the digest goes out."""

    @classmethod
    def setUpTestData(cls):
        cls.police = Group.objects.create(name="Police")
        cls.reader = UserFactory(email="reader@example.org")
        cls.officer = UserFactory(email="officer@example.org")
        cls.officer.groups.add(cls.police)
        cls.closed_topic = Topic.objects.create(name="Closed casework", slug="closed")
        cls.secret = PracticeGuidePageFactory(
            title="Confidential referral protocol",
            partner=PartnerFactory(slug="secretive", name="Secretive"),
            topics=[cls.closed_topic],
            standard_citations=cite("cets-197:10"),
            first_published_at=at(1),
            last_published_at=at(1),
        )
        restriction = PageViewRestriction.objects.create(
            page=cls.secret, restriction_type="groups"
        )
        restriction.groups.set([cls.police])

    def follow_everything(self, user):
        for kind, target in (
            ("topic", "closed"),
            ("partner", "secretive"),
            ("article", "cets-197:10"),
            ("search", "q=confidential+protocol"),
            ("search", "q=referral&topic=closed"),
        ):
            Subscription.objects.create(
                user=user, kind=kind, target=target, sent_until=START
            )

    def test_only_members_of_the_group_hear_of_it(self):
        self.client.force_login(self.reader)
        for target in ("q=referral&topic=closed", "topic=closed"):
            response = self.client.post(
                "/en/accounts/subscriptions/",
                {"kind": "search", "target": target, "frequency": "daily"},
            )
            self.assertEqual(response.status_code, 400)
        # Followed while they could see it, say: still nothing.
        self.follow_everything(self.reader)
        self.follow_everything(self.officer)
        send_digests(now=at(2))
        [message] = mail.outbox
        self.assertEqual(message.to, ["officer@example.org"])
        self.assertIn("Confidential referral protocol", message.body)
        listing = self.client.get("/en/accounts/subscriptions/").content.decode()
        self.assertNotIn("Closed casework", listing)

    def test_a_member_who_leaves_the_group_before_sending_hears_nothing(self):
        self.follow_everything(self.officer)
        with mock.patch("follow.digests.deliver"):
            send_digests(now=at(2))
        self.officer.groups.remove(self.police)
        send_digests(now=at(3))
        self.assertEqual(mail.outbox, [])
        self.assertFalse(Digest.objects.exists())

    def test_a_document_unpublished_before_sending_is_left_out(self):
        self.follow_everything(self.officer)
        with mock.patch("follow.digests.deliver"):
            send_digests(now=at(2))
        self.secret.unpublish()
        send_digests(now=at(3))
        self.assertEqual(mail.outbox, [])


class UnsubscribeTokensRemoveOnlyWhatTheyName(TestCase):
    @classmethod
    def setUpTestData(cls):
        Topic.objects.create(name="Kinship care", slug="kinship")
        cls.mine = Subscription.objects.create(
            user=UserFactory(), kind="topic", target="kinship"
        )
        cls.theirs = Subscription.objects.create(
            user=UserFactory(), kind="topic", target="kinship"
        )

    def test_a_token_for_one_subscription_never_removes_another(self):
        for forged in (
            signing.dumps([self.theirs.pk]),  # Signed, but not for unsubscribing.
            signing.dumps([self.theirs.pk], salt="other"),
            signing.dumps([str(self.theirs.pk)], salt=SALT),
            signing.dumps({"ids": [self.theirs.pk]}, salt=SALT),
            unsubscribe_token([self.mine.pk]).replace(":", ":x", 1),
        ):
            with self.subTest(forged=forged):
                url = reverse("follow_unsubscribe", args=[forged])
                self.assertEqual(self.client.post(url).status_code, 400)
        mine = reverse("follow_unsubscribe", args=[unsubscribe_token([self.mine.pk])])
        self.assertEqual(self.client.post(mine).status_code, 200)
        self.assertEqual(self.client.post(mine).status_code, 200)
        self.assertEqual(
            list(Subscription.objects.values_list("pk", flat=True)), [self.theirs.pk]
        )


class OddTargetsAreSavedOrRefused(TestCase):
    """Whatever a script posts as a target is saved canonically or refused on
    the form, and what is saved is matched by the next run: never a 500."""

    def test_odd_targets(self):
        reader = UserFactory(email="reader@example.org")
        self.client.force_login(reader)
        topic = Topic.objects.create(name="Kinship care", slug="kinship")
        for kind, target in (
            ("search", "q=%00"),
            ("search", "q=a%00b"),
            ("search", "q=kinship\x00"),
            ("search", "topic=%00"),
            ("search", "q=%"),
            ("search", "q=%ED%A0%80"),
            ("search", "q=%FF%FE"),
            ("search", "q[]=x"),
            ("search", "year=abc"),
            ("search", "q=" + "ab " * 700),
            ("search", 'q="unclosed'),
            ("search", "q=-kinship"),
            ("search", "q=*"),
            ("search", "q=x&q=kinship&page=-1&per_page=1000&format=json"),
            ("search", "&&&="),
            ("search", "q=" + "ж" * 300),
            ("article", "cets-197:10:11"),
            ("article", ":"),
            ("topic", "\u202ekinship"),
            ("partner", "../../"),
        ):
            with self.subTest(kind=kind, target=target):
                response = self.client.post(
                    "/en/accounts/subscriptions/",
                    {"kind": kind, "target": target, "frequency": "daily"},
                )
                self.assertIn(response.status_code, (302, 400))
                if response.status_code == 400:
                    self.assertContains(
                        response, 'class="field-error"', status_code=400
                    )
        Subscription.objects.update(sent_until=START)
        PracticeGuidePageFactory(
            title='Kinship "a b" guide', topics=[topic], first_published_at=at(1)
        )
        send_digests(now=at(2))
        self.assertIn('Kinship "a b" guide', mail.outbox[0].body)
        self.assertEqual(
            self.client.get("/en/accounts/subscriptions/").status_code, 200
        )
