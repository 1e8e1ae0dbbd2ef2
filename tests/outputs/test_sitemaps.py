import xml.etree.ElementTree as ET

from django.test import TestCase
from wagtail.models import PageViewRestriction

from briefs.models import BriefIndexPage
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    TopicFactory,
    UserFactory,
)
from tests.translations import translate

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = PartnerFactory(slug="astra", name="ASTRA")
        cls.topic = TopicFactory(name="Foster care", slug="foster-care")
        cls.public = PracticeGuidePageFactory(
            slug="public-guide", partner=cls.partner, topics=[cls.topic]
        )
        cls.restricted = PracticeGuidePageFactory(slug="secret-guide", restricted=True)
        cls.draft = PolicyBriefPageFactory(slug="draft-brief", live=False)

    def locations(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        root = ET.fromstring(response.content)  # noqa: S314 (our own output)
        self.assertEqual(root.tag, f"{SITEMAP}urlset")
        return [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]

    def test_lists_public_live_pages_topics_and_partners_in_every_language(self):
        locations = self.locations()
        for prefix in ("en", "sr-latn", "sr", "sl"):
            for path in (
                "",
                "practices/",
                "briefs/",
                "practices/public-guide/",
                "topics/",
                "topics/foster-care/",
                "partners/astra/",
                "evidence/",
            ):
                self.assertIn(f"http://testserver/{prefix}/{path}", locations)
        self.assertEqual(len(locations), len(set(locations)))

    def test_lists_a_translation_at_an_address_of_its_own_in_its_language(self):
        own_address = translate(self.public, "sr", title="Водич", language="sr-Cyrl")
        own_address.slug = "vodic"
        own_address.save_revision().publish()
        translate(self.public, "sl", title="Vodnik", language="sl")  # same address
        secret = translate(self.restricted, "sl", title="Skrivno", language="sl")
        secret.slug = "skrivno"
        secret.save_revision().publish()

        locations = self.locations()
        self.assertIn("http://testserver/sr/practices/vodic/", locations)
        self.assertNotIn("http://testserver/en/practices/vodic/", locations)
        self.assertIn("http://testserver/sl/practices/public-guide/", locations)
        self.assertNotIn("skrivno", " ".join(locations))
        self.assertEqual(len(locations), len(set(locations)))

    def test_leaves_out_restricted_and_draft_pages(self):
        self.client.force_login(UserFactory())
        text = " ".join(self.locations())
        self.assertNotIn("secret-guide", text)
        self.assertNotIn("draft-brief", text)

    def test_leaves_out_a_private_section(self):
        section = BriefIndexPage.objects.get(locale__language_code="en")
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
        self.assertFalse(any("/briefs/" in url for url in self.locations()))
