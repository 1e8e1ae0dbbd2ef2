"""Restricted documents and drafts never reach a reader who may not see them."""

from django.test import TestCase

from tests.content import text_of
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
    UserFactory,
    cite,
)

PUBLIC_TITLE = "Public foster care guide"
SECRET_TITLE = "Confidential case-handling protocol"
DRAFT_TITLE = "Unfinished draft guide"


class PrivacyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = PartnerFactory(slug="astra", name="ASTRA")
        cls.topic = TopicFactory(name="Foster care", slug="foster-care")
        topics = [cls.topic]
        cls.public = PracticeGuidePageFactory(
            title=PUBLIC_TITLE,
            partner=cls.partner,
            topics=topics,
            standard_citations=cite("cets-197:10"),
        )
        cls.secret = PracticeGuidePageFactory(
            title=SECRET_TITLE,
            partner=cls.partner,
            topics=topics,
            restricted=True,
            standard_citations=cite("cets-197:10"),
        )
        cls.draft = PolicyBriefPageFactory(
            title=DRAFT_TITLE,
            partner=cls.partner,
            topics=topics,
            live=False,
            standard_citations=cite("cets-197:10"),
        )
        cls.secret_visit = StudyVisitPageFactory(
            title="Confidential visit", partner=cls.partner, restricted=True
        )
        cls.reader = UserFactory()

    pages = ["/en/", "/en/practices/", "/en/briefs/", "/en/exchanges/", "/en/topics/",
             "/en/topics/foster-care/", "/en/partners/astra/", "/en/search/?q=guide",
             "/en/standards/cets-197/10/", "/en/search/?standard=cets-197"]  # fmt: skip

    def test_anonymous_readers_are_sent_to_sign_in_for_a_restricted_page(self):
        response = self.client.get(self.secret.url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/en/accounts/login/?next="))
        self.assertNotIn(SECRET_TITLE, response.content.decode())

    def test_signed_in_readers_open_a_restricted_page(self):
        self.client.force_login(self.reader)
        response = self.client.get(self.secret.url)
        self.assertContains(response, SECRET_TITLE)

    def test_drafts_are_never_served(self):
        self.assertEqual(
            self.client.get(self.draft.url or "/en/briefs/document/").status_code, 404
        )
        self.client.force_login(self.reader)
        self.assertEqual(
            self.client.get("/en/briefs/" + self.draft.slug + "/").status_code, 404
        )

    def test_anonymous_readers_never_see_restricted_or_draft_titles(self):
        for url in self.pages:
            with self.subTest(url=url):
                content = text_of(self.client.get(url))
                self.assertNotIn(SECRET_TITLE, content)
                self.assertNotIn("Confidential visit", content)
                self.assertNotIn(DRAFT_TITLE, content)

    def test_related_documents_leave_out_restricted_ones(self):
        content = self.client.get(self.public.url).content.decode()
        self.assertNotIn(SECRET_TITLE, content)

    def test_signed_in_readers_see_restricted_but_never_drafts_in_listings(self):
        self.client.force_login(self.reader)
        self.assertContains(self.client.get("/en/practices/"), SECRET_TITLE)
        self.assertContains(self.client.get("/en/topics/foster-care/"), SECRET_TITLE)
        self.assertContains(self.client.get("/en/standards/cets-197/10/"), SECRET_TITLE)
        for url in self.pages:
            with self.subTest(url=url):
                self.assertNotIn(DRAFT_TITLE, text_of(self.client.get(url)))

    def test_topic_counts_count_only_what_the_reader_may_see(self):
        response = self.client.get("/en/topics/")
        counts = {t.slug: t.document_count for t in response.context["topics"]}
        self.assertEqual(counts["foster-care"], 1)
        self.client.force_login(self.reader)
        response = self.client.get("/en/topics/")
        counts = {t.slug: t.document_count for t in response.context["topics"]}
        self.assertEqual(counts["foster-care"], 2)
