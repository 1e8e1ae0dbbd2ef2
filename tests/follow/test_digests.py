"""send_digests: what each reader is told, when, in which language, and never
twice; only what they may see when the digest is sent."""

import datetime
from io import StringIO
from unittest import mock

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from follow.digests import send_digests
from follow.models import Announcement, Digest, Subscription
from knowledge.models import Topic
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    UserFactory,
    cite,
)

START = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 0))


def at(hours: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=hours)


def follow(user, kind, target, frequency="daily", language="en"):
    return Subscription.objects.create(
        user=user,
        kind=kind,
        target=target,
        frequency=frequency,
        language=language,
        sent_until=START,
    )


def guide(title, *, published, **kwargs):
    return PracticeGuidePageFactory(
        title=title, first_published_at=published, last_published_at=published, **kwargs
    )


def bodies(message) -> str:
    return message.body + "".join(content for content, _ in message.alternatives)


class DigestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kinship = Topic.objects.create(name="Kinship care", slug="kinship")
        cls.other_topic = Topic.objects.create(name="Border work", slug="border")
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.reader = UserFactory(email="reader@example.org")
        cls.police = Group.objects.create(name="Police")
        cls.old = guide("Old kinship guide", published=at(-5), topics=[cls.kinship])
        cls.new = guide(
            "New kinship guide",
            published=at(1),
            topics=[cls.kinship],
            summary="Placing a child with relatives safely.",
        )
        cls.elsewhere = guide("Border guide", published=at(1), topics=[cls.other_topic])

    def run_digests(self, hours, frequency=None):
        return send_digests(frequency=frequency, now=at(hours))

    def test_lists_what_was_published_since_the_last_digest(self):
        follow(self.reader, "topic", "kinship")
        report = self.run_digests(2)
        self.assertEqual(report.sent, 1)
        [message] = mail.outbox
        self.assertEqual(message.to, ["reader@example.org"])
        text = bodies(message)
        self.assertIn("New kinship guide", text)
        self.assertIn("Placing a child with relatives safely.", text)
        self.assertIn("http://testserver" + self.new.url, text)
        self.assertNotIn("Old kinship guide", text)
        self.assertNotIn("Border guide", text)

    def test_run_twice_sends_nothing_new(self):
        follow(self.reader, "topic", "kinship")
        self.run_digests(2)
        self.run_digests(3)
        self.assertEqual(len(mail.outbox), 1)
        later = guide("Later kinship guide", published=at(4), topics=[self.kinship])
        self.run_digests(5)
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn(later.title, mail.outbox[1].body)
        self.assertNotIn("New kinship guide", mail.outbox[1].body)

    def test_one_email_per_reader_combining_subscriptions(self):
        follow(self.reader, "topic", "kinship")
        follow(self.reader, "topic", "border")
        follow(self.reader, "partner", self.new.partner.slug)
        self.run_digests(2)
        [message] = mail.outbox
        self.assertIn("New kinship guide", message.body)
        self.assertIn("Border guide", message.body)

    def test_each_frequency_runs_on_its_own(self):
        follow(self.reader, "topic", "kinship", frequency="weekly")
        follow(self.reader, "topic", "border", frequency="immediate")
        self.run_digests(2, frequency="immediate")
        [immediate] = mail.outbox
        self.assertIn("Border guide", immediate.body)
        self.assertNotIn("New kinship guide", immediate.body)
        self.run_digests(2.5, frequency="daily")
        self.assertEqual(len(mail.outbox), 1)
        self.run_digests(3, frequency="weekly")
        self.assertIn("New kinship guide", mail.outbox[1].body)
        self.assertNotIn("Border guide", mail.outbox[1].body)

    def test_restricted_documents_only_for_readers_who_may_see_them(self):
        secret = guide("Group kinship guide", published=at(1), topics=[self.kinship])
        restriction = PageViewRestriction.objects.create(
            page=secret, restriction_type="groups"
        )
        restriction.groups.set([self.police])
        officer = UserFactory(email="officer@example.org")
        officer.groups.add(self.police)
        follow(self.reader, "topic", "kinship")
        follow(officer, "topic", "kinship")
        self.run_digests(2)
        by_reader = {message.to[0]: bodies(message) for message in mail.outbox}
        self.assertNotIn("Group kinship guide", by_reader["reader@example.org"])
        self.assertIn("Group kinship guide", by_reader["officer@example.org"])

    def test_privacy_is_decided_when_sending(self):
        follow(self.reader, "topic", "kinship")
        with mock.patch("follow.digests.deliver"):
            self.run_digests(2)
        self.assertEqual(Digest.objects.filter(sent_at=None).count(), 1)
        PageViewRestriction.objects.create(page=self.new, restriction_type="password")
        self.run_digests(3)
        self.assertEqual(mail.outbox, [])
        self.assertFalse(Digest.objects.exists())

    def test_drafts_never(self):
        guide("Draft kinship guide", published=at(1), topics=[self.kinship], live=False)
        follow(self.reader, "topic", "kinship")
        self.run_digests(2)
        self.assertNotIn("Draft kinship guide", mail.outbox[0].body)

    def test_deactivated_reader_gets_nothing(self):
        follow(self.reader, "topic", "kinship")
        with mock.patch("follow.digests.deliver"):
            self.run_digests(2)
        type(self.reader).objects.filter(pk=self.reader.pk).update(is_active=False)
        self.run_digests(3)
        later = guide("Later kinship guide", published=at(4), topics=[self.kinship])
        self.run_digests(5)
        self.assertEqual(mail.outbox, [])
        self.assertTrue(later.pk)

    def test_interrupted_run_resumes_without_duplicates_or_gaps(self):
        first = UserFactory(email="first@example.org")
        second = UserFactory(email="second@example.org")
        follow(first, "topic", "kinship")
        follow(second, "topic", "kinship")
        sent = []
        real_send = mail.EmailMultiAlternatives.send

        def fail_on_second(message, *args, **kwargs):
            if message.to == ["second@example.org"]:
                raise ConnectionError("mail server went away")
            sent.append(message.to[0])
            return real_send(message, *args, **kwargs)

        with (
            mock.patch.object(mail.EmailMultiAlternatives, "send", fail_on_second),
            self.assertRaises(ConnectionError),
        ):
            self.run_digests(2)
        self.assertEqual(sent, ["first@example.org"])
        later = guide("Later kinship guide", published=at(3), topics=[self.kinship])
        self.run_digests(4)
        recipients = [message.to[0] for message in mail.outbox]
        self.assertEqual(
            sorted(recipients),
            [
                "first@example.org",
                "first@example.org",
                "second@example.org",
                "second@example.org",
            ],
        )
        seconds = [m.body for m in mail.outbox if m.to == ["second@example.org"]]
        # The digest recorded before the failure, then the next one: each
        # document once.
        self.assertEqual(sum("New kinship guide" in body for body in seconds), 1)
        self.assertEqual(sum(later.title in body for body in seconds), 1)
        self.run_digests(5)
        self.assertEqual(len(mail.outbox), 4)

    def test_notify_followers_on_republishing(self):
        follow(self.reader, "topic", "kinship")
        self.run_digests(2)
        self.assertEqual(len(mail.outbox), 1)
        Announcement.objects.create(page=self.old, at=at(3))
        self.run_digests(4)
        self.assertIn("Old kinship guide", mail.outbox[1].body)

    def test_in_the_readers_language(self):
        follow(self.reader, "topic", "kinship", language="sr-latn")
        self.run_digests(2)
        [message] = mail.outbox
        self.assertEqual(message.extra_headers["Content-Language"], "sr-latn")
        self.assertIn("/sr-latn/accounts/subscriptions/", message.body)
        self.assertTrue(message.subject.startswith("STOP! Razmena znanja: "))
        html = message.alternatives[0][0]
        self.assertIn("<title>STOP! Razmena znanja</title>", html)
        self.assertIn(f'lang="{self.new.language}">New kinship guide</a>', html)

    def test_one_click_unsubscribe_header(self):
        subscription = follow(self.reader, "topic", "kinship")
        self.run_digests(2)
        [message] = mail.outbox
        self.assertEqual(
            message.extra_headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click"
        )
        url = message.extra_headers["List-Unsubscribe"].strip("<>")
        self.assertIn(url.removeprefix("http://testserver"), message.body)
        response = self.client.post(
            url.removeprefix("http://testserver"),
            {"List-Unsubscribe": "One-Click"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Subscription.objects.filter(pk=subscription.pk).exists())

    def test_saved_search_needs_every_word_and_filter(self):
        both = guide("Kinship placement checklist", published=at(1), language="sr-Latn")
        guide("Kinship only", published=at(1), language="sr-Latn")
        guide("Kinship placement in English", published=at(1), language="en")
        follow(self.reader, "search", "q=kinship+placement&language=sr-Latn")
        self.run_digests(2)
        [message] = mail.outbox
        self.assertIn(both.title, message.body)
        self.assertNotIn("Kinship only", message.body)
        self.assertNotIn("Kinship placement in English", message.body)

    def test_followers_of_an_article(self):
        brief = PolicyBriefPageFactory(
            title="Brief citing Article 10",
            first_published_at=at(1),
            standard_citations=cite("cets-197:10"),
        )
        follow(self.reader, "article", "cets-197:10")
        self.run_digests(2)
        self.assertIn(brief.title, mail.outbox[0].body)

    def test_command(self):
        follow(self.reader, "topic", "kinship")
        out = StringIO()
        with mock.patch("follow.digests.timezone.now", return_value=at(2)):
            call_command("send_digests", "--frequency", "daily", stdout=out)
        self.assertIn("1 digest(s) sent", out.getvalue())


class DigestQueryCountTests(TestCase):
    """The queries of a run grow with readers and their subscriptions, never
    with the documents."""

    @classmethod
    def setUpTestData(cls):
        cls.kinship = Topic.objects.create(name="Kinship care", slug="kinship")
        cls.readers = [UserFactory() for _ in range(3)]
        for reader in cls.readers:
            follow(reader, "topic", "kinship")
            follow(reader, "search", "q=kinship")
            follow(reader, "article", "cets-197:10")

    def queries(self, hours):
        with CaptureQueriesContext(connection) as queries:
            send_digests(now=at(hours))
        return len(queries)

    def add_documents(self, count, hours):
        for number in range(count):
            guide(
                f"Kinship guide {hours}-{number}",
                published=at(hours - 0.5),
                topics=[self.kinship],
                standard_citations=cite("cets-197:10"),
            )

    def test_queries_do_not_grow_with_documents(self):
        self.add_documents(1, 1)
        self.queries(1)  # The first run reads what later ones find cached.
        self.add_documents(1, 2)
        few = self.queries(2)
        self.add_documents(6, 3)
        many = self.queries(3)
        self.assertEqual(len(mail.outbox), 9)
        self.assertIn("Kinship guide 3-5", mail.outbox[-1].body)
        self.assertEqual(few, many)
        # A fixed number per reader (and per subscription).
        self.assertLessEqual(many, 10 + 20 * len(self.readers))
