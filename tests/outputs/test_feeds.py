import xml.etree.ElementTree as ET

from django.test import TestCase

from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
    UserFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"


class DocumentFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Društvo Ključ", country="SI")
        cls.foster = TopicFactory(name="Foster care", slug="foster-care")
        cls.brief = PolicyBriefPageFactory(
            title="Brief <on> foster care & Ključ",
            summary="Children first.\x0c <script>alert(1)</script>",
            partner=cls.astra,
            topics=[cls.foster],
            date="2012-03-01",
        )
        cls.guide = PracticeGuidePageFactory(
            title="Guide", partner=cls.kljuc, date="2011-03-01"
        )
        cls.visit = StudyVisitPageFactory(
            title="Visit", partner=cls.kljuc, topics=[cls.foster], date="2010-03-01"
        )
        cls.restricted = PolicyBriefPageFactory(
            title="Restricted brief",
            partner=cls.astra,
            topics=[cls.foster],
            restricted=True,
        )
        cls.draft = PolicyBriefPageFactory(
            title="Draft brief", partner=cls.astra, topics=[cls.foster], live=False
        )

    def entries(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        root = ET.fromstring(response.content)  # noqa: S314 (our own output)
        self.assertEqual(root.tag, f"{ATOM}feed")
        return root, root.findall(f"{ATOM}entry")

    def titles(self, url):
        return [entry.findtext(f"{ATOM}title") for entry in self.entries(url)[1]]

    def test_the_feed_names_the_site_in_its_interface_language(self):
        root, _ = self.entries("/feed/?lang=sl&type=brief")
        title = root.findtext(f"{ATOM}title")
        self.assertTrue(title.startswith("STOP! Izmenjava znanja · "), title)
        self.assertNotIn("Knowledge Exchange", title)

    def test_feed_holds_exactly_the_public_live_documents_newest_first(self):
        self.assertEqual(
            self.titles("/feed/"), ["Brief <on> foster care & Ključ", "Guide", "Visit"]
        )

    def test_signed_in_members_get_the_same_public_feed(self):
        self.client.force_login(UserFactory())
        self.assertNotIn("Restricted brief", self.titles("/feed/"))

    def test_entries_carry_absolute_links_authors_topics_and_escaped_summaries(self):
        root, entries = self.entries("/feed/?type=brief")
        self.assertIn("Policy briefs", root.findtext(f"{ATOM}title"))
        (entry,) = entries
        link = entry.find(f"{ATOM}link").get("href")
        self.assertEqual(link, f"http://testserver{self.brief.url}")
        self.assertEqual(entry.findtext(f"{ATOM}author/{ATOM}name"), "ASTRA")
        self.assertEqual(
            [category.get("term") for category in entry.findall(f"{ATOM}category")],
            ["Foster care"],
        )
        self.assertEqual(
            entry.findtext(f"{ATOM}summary"),
            "Children first. <script>alert(1)</script>",
        )
        self.assertTrue(entry.findtext(f"{ATOM}updated"))

    def test_filters_like_the_listings(self):
        self.assertEqual(
            self.titles("/feed/?type=brief&topic=foster-care"),
            ["Brief <on> foster care & Ključ"],
        )
        self.assertEqual(self.titles("/feed/?partner=kljuc"), ["Guide", "Visit"])
        self.assertEqual(self.titles("/feed/?country=rs&year=2011"), ["Guide"])
        self.assertEqual(self.titles("/feed/?topic=FOSTER-CARE&type=practice"), [])

    def test_unknown_filters_are_a_bad_request(self):
        for query in ("topic=nope", "year=20x1", "type=%00"):
            with self.subTest(query=query):
                response = self.client.get(f"/feed/?{query}")
                self.assertEqual(response.status_code, 400)

    def test_topic_partner_and_home_pages_link_their_feeds(self):
        for url, feed in [
            ("/en/topics/foster-care/", "/feed/?topic=foster-care"),
            ("/en/partners/kljuc/", "/feed/?partner=kljuc"),
            ("/en/", "/feed/"),
            ("/en/briefs/", "/feed/?type=brief"),
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(
                    response,
                    '<link rel="alternate" type="application/atom+xml"',
                )
                self.assertContains(response, f'href="{feed}"')
