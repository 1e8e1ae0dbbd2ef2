"""When the law changes: an amendment flags the documents citing the article,
shows a notice on their pages, lists them for review, tells their partner's
editors and the article's followers; a reviewer clears the flag."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from editorial.review_due import due_for_review
from follow.digests import send_digests
from follow.models import Subscription
from standards.amendments import flagged
from standards.models import Amendment, AmendmentCheck, Standard, StandardCitation
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    cite,
    user_with_role,
)

ARTICLE = "cets-197:10"


def record(*extra):
    out = StringIO()
    with translation.override("en"):
        call_command(
            "record_amendment",
            ARTICLE,
            "--date",
            "2024-07-13",
            "--note",
            "Identification of child victims strengthened.",
            *extra,
            stdout=out,
        )
    return out.getvalue()


class AmendmentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Kljuc")
        long_ago = timezone.now() - datetime.timedelta(days=30)
        cls.guide = PracticeGuidePageFactory(
            title="Guide citing Article 10",
            partner=cls.astra,
            standard_citations=cite(ARTICLE),
            first_published_at=long_ago,
        )
        cls.brief = PolicyBriefPageFactory(
            title="Brief citing Article 10",
            partner=cls.kljuc,
            standard_citations=cite(ARTICLE),
            first_published_at=long_ago,
        )
        cls.unrelated = PracticeGuidePageFactory(
            title="Guide citing Article 5",
            partner=cls.astra,
            standard_citations=cite("cets-197:5"),
            first_published_at=long_ago,
        )
        cls.editor = user_with_role("editor", partner=cls.astra, email="ed@astra.org")
        cls.other_editor = user_with_role(
            "editor", partner=cls.kljuc, email="ed@kljuc.org"
        )
        cls.reviewer = user_with_role("reviewer", email="reviewer@example.org")

    def record(self, *extra):
        with self.captureOnCommitCallbacks(execute=True):
            return record(*extra)

    def test_flags_notices_report_and_editors(self):
        self.record("--url", "https://eur-lex.europa.eu/eli/dir/2024/1712/oj")
        self.assertEqual(
            set(flagged().values_list("title", flat=True)),
            {"Guide citing Article 10", "Brief citing Article 10"},
        )
        page = self.client.get(self.guide.url).content.decode()
        self.assertIn("This document cites Article 10 of CETS No. 197", page)
        self.assertIn("It has not been reviewed since.", page)
        self.assertNotIn(
            "amended", self.client.get(self.unrelated.url).content.decode()
        )
        path = self.guide.url.removeprefix("/en")
        with translation.override("sr-latn"):
            serbian = self.client.get(f"/sr-latn{path}")
        self.assertContains(serbian, "Ovaj dokument navodi Article 10 – CETS br. 197")
        self.assertNotIn("This document cites", serbian.content.decode())

        due = due_for_review(self.reviewer)
        amended = {d.title: d.amended for d in due}
        self.assertEqual(amended["Guide citing Article 10"], "CETS No. 197, Article 10")
        self.client.force_login(self.reviewer)
        report = self.client.get(reverse("editorial_due_for_review"))
        self.assertContains(report, "Cites an amended article")

        by_editor = {m.to[0]: m for m in mail.outbox}
        self.assertEqual(set(by_editor), {"ed@astra.org", "ed@kljuc.org"})
        self.assertIn("Guide citing Article 10", by_editor["ed@astra.org"].body)
        self.assertNotIn("Brief citing Article 10", by_editor["ed@astra.org"].body)
        self.assertNotIn("Article 5", by_editor["ed@astra.org"].body)

    def test_recording_twice_changes_nothing_and_sends_nothing(self):
        self.record()
        sent = len(mail.outbox)
        out = self.record()
        self.assertIn("already recorded", out)
        self.assertEqual(len(mail.outbox), sent)
        self.assertEqual(Amendment.objects.count(), 1)

    def test_bad_input_is_a_clear_error(self):
        for args in (
            ("cets-197:999", "--date", "2024-07-13", "--note", "x"),
            (ARTICLE, "--date", "13.7.2024", "--note", "x"),
            (ARTICLE, "--date", "2024-07-13", "--note", " "),
            (ARTICLE, "--date", "2024-07-13", "--note", "x", "--url", "ftp://x"),
        ):
            with self.subTest(args=args), self.assertRaises(CommandError):
                call_command("record_amendment", *args, stdout=StringIO())
        self.assertFalse(Amendment.objects.exists())

    def test_a_new_revision_clears_the_flag(self):
        self.record()
        self.guide.save_revision(user=self.reviewer).publish(user=self.reviewer)
        self.assertNotIn(self.guide.pk, flagged().values_list("pk", flat=True))
        reasons = {d.pk: d.amended for d in due_for_review(self.reviewer)}
        self.assertEqual(reasons.get(self.guide.pk, ""), "")
        page = self.client.get(self.guide.url).content.decode()
        self.assertIn("It was reviewed after the amendment", page)

    def test_marking_checked_with_a_comment(self):
        self.record()
        amendment = Amendment.objects.get()
        self.client.force_login(self.reviewer)
        response = self.client.post(
            reverse("wagtailsnippets_standards_amendmentcheck:add"),
            {
                "amendment": amendment.pk,
                "page": self.brief.pk,
                "comment": "Still accurate: the brief predates nothing it relies on.",
            },
        )
        self.assertEqual(response.status_code, 302)
        check = AmendmentCheck.objects.get()
        self.assertEqual(check.checked_by, self.reviewer)
        self.assertNotIn(self.brief.pk, flagged().values_list("pk", flat=True))

    def test_citing_the_whole_instrument_is_flagged_by_any_amendment(self):
        whole = PolicyBriefPageFactory(
            title="Brief citing CETS 197 as a whole",
            partner=self.kljuc,
            standard_citations=[
                StandardCitation(standard=Standard.objects.get(code="cets-197"))
            ],
            first_published_at=timezone.now() - datetime.timedelta(days=30),
        )
        self.record()
        self.assertIn(whole.pk, flagged().values_list("pk", flat=True))
        self.assertIn(whole.title, " ".join(m.body for m in mail.outbox))
        self.assertContains(self.client.get(whole.url), "amended on")

    def test_documents_published_after_the_amendment_are_not_flagged(self):
        self.record()
        later = PracticeGuidePageFactory(
            title="Later guide",
            standard_citations=cite(ARTICLE),
            first_published_at=timezone.now() + datetime.timedelta(minutes=1),
        )
        self.assertNotIn(later.pk, flagged().values_list("pk", flat=True))

    def test_followers_of_the_article_hear_in_their_next_digest(self):
        follower = user_with_role("practitioner", email="reader@example.org")
        Subscription.objects.create(
            user=follower,
            kind="article",
            target=ARTICLE,
            sent_until=timezone.now() - datetime.timedelta(hours=1),
        )
        self.record("--url", "https://example.org/act")
        mail.outbox = []
        send_digests(now=timezone.now() + datetime.timedelta(seconds=1))
        [digest] = mail.outbox
        self.assertIn("Article 10 of CETS No. 197 was amended on", digest.body)
        self.assertIn("Identification of child victims strengthened.", digest.body)

    def test_the_article_page_and_the_api_list_amendments(self):
        self.record()
        response = self.client.get("/en/standards/cets-197/10/")
        self.assertContains(response, "Identification of child victims strengthened.")
        standard = self.client.get("/en/standards/cets-197/")
        self.assertContains(
            standard,
            '<a href="/en/standards/cets-197/10/">Article 10</a>: '
            '<span lang="en">Identification of child victims strengthened.</span>',
        )
        api = self.client.get(f"/api/v2/pages/{self.guide.pk}/")
        [cited] = api.json()["standards"]
        self.assertEqual(cited["amendments"][0]["date"], "2024-07-13")
