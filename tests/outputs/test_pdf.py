from django.core.cache import cache
from django.test import TestCase

from tests.content import pdf_text
from tests.factories import (
    ImageFactory,
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
    UserFactory,
    cite,
)

A4_POINTS = (595, 842)


class DocumentPdfTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = PartnerFactory(name="Друштво Кључ", slug="kljuc", country="SI")
        cls.topic = TopicFactory(name="Foster care", slug="foster-care")
        cls.brief = PolicyBriefPageFactory(
            title="Заштита деце у хранитељству",
            slug="zastita-dece",
            summary="Kratak pregled: šta čini dobro hraniteljstvo. Ključ, Ljubljana.",
            language="sr-Cyrl",
            partner=cls.partner,
            topics=[cls.topic],
            recommendations=[
                ("recommendation", "Obučiti hranitelje pre smeštaja deteta."),
                ("recommendation", "Финансирати специјализовано хранитељство."),
            ],
            body=[("rich_text", "<p>Vsak otrok ima pravico do varnosti.</p>")],
        )
        cls.guide = PracticeGuidePageFactory(
            title="Accredited training for foster carers",
            slug="accredited-training",
            standard_citations=cite("eu-2011-36:13", "uncrc:35"),
            other_standards="Palermo Protocol",
        )
        cls.visit = StudyVisitPageFactory(slug="visit-to-ljubljana")
        cls.restricted = PolicyBriefPageFactory(
            title="Internal brief", slug="internal-brief", restricted=True
        )
        cls.member = UserFactory()

    def setUp(self):
        cache.clear()

    def test_brief_pdf_holds_title_recommendations_and_citation(self):
        response = self.client.get(f"{self.brief.url}pdf/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        reader, text = pdf_text(response)
        text = " ".join(text.split())
        self.assertIn("Заштита деце у хранитељству", text)
        self.assertIn("1. Obučiti hranitelje pre smeštaja deteta.", text)
        self.assertIn("2. Финансирати специјализовано хранитељство.", text)
        self.assertIn("Vsak otrok ima pravico do varnosti.", text)
        self.assertIn("Друштво Кључ", text)
        self.assertIn("Foster care", text)
        self.assertIn("http://testserver/en/briefs/zastita-dece/", text)
        self.assertIn("1 / 1", text)
        width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
        self.assertEqual((round(width), round(height)), A4_POINTS)

    def test_the_pdf_names_the_site_in_the_readers_language(self):
        response = self.client.get(f"/sl{self.brief.url.removeprefix('/en')}pdf/")
        text = " ".join(pdf_text(response)[1].split())
        self.assertIn("STOP! Izmenjava znanja", text)
        self.assertNotIn("Knowledge Exchange", text)

    def test_partner_logo_is_drawn(self):
        self.partner.logo = ImageFactory()
        self.partner.save()
        response = self.client.get(f"{self.brief.url}pdf/")
        reader, _ = pdf_text(response)
        self.assertEqual(len(reader.pages[0].images), 1)

    def test_guide_pdf_lists_its_standards(self):
        response = self.client.get(f"{self.guide.url}pdf/")
        self.assertEqual(response.status_code, 200)
        _, text = pdf_text(response)
        flat = " ".join(text.split())
        self.assertIn("Directive 2011/36/EU, Article 13: General provisions", flat)
        self.assertIn("UNCRC, Article 35", flat)
        self.assertIn("Palermo Protocol", flat)

    def test_study_visits_have_no_pdf(self):
        self.assertEqual(self.client.get(f"{self.visit.url}pdf/").status_code, 404)

    def test_restricted_pdf_asks_anonymous_readers_to_sign_in(self):
        url = f"{self.restricted.url}pdf/"
        response = self.client.get(url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/?next=", response["Location"])
        self.assertNotEqual(response.get("Content-Type"), "application/pdf")
        self.client.force_login(self.member)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("private", response["Cache-Control"])

    def test_draft_has_no_pdf(self):
        draft = PolicyBriefPageFactory(slug="draft-brief", live=False)
        self.client.force_login(self.member)
        response = self.client.get("/en/briefs/draft-brief/pdf/")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(draft.live)


class PdfCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.brief = PolicyBriefPageFactory(title="First title", slug="cached")
        cls.brief.save_revision().publish()

    def setUp(self):
        cache.clear()

    def test_pdf_is_rendered_once_per_published_revision(self):
        url = f"{self.brief.url}pdf/"
        first = self.client.get(url)
        self.assertIn("First title", pdf_text(first)[1])

        # A draft revision does not change what readers get.
        self.brief.title = "Draft title"
        self.brief.save_revision()
        second = self.client.get(url)
        self.assertEqual(b"".join(second), b"".join(first))
        self.assertEqual(second["ETag"], first["ETag"])

        self.brief.refresh_from_db()
        self.brief.get_latest_revision().publish()
        third = self.client.get(url)
        self.assertIn("Draft title", pdf_text(third)[1])
        self.assertNotEqual(third["ETag"], first["ETag"])

    def test_unchanged_pdf_answers_not_modified(self):
        url = f"{self.brief.url}pdf/"
        first = self.client.get(url)
        response = self.client.get(url, headers={"if-none-match": first["ETag"]})
        self.assertEqual(response.status_code, 304)

    def test_pdf_has_no_last_modified_that_a_rename_would_not_move(self):
        url = f"{self.brief.url}pdf/"
        first = self.client.get(url)
        self.assertNotIn("Last-Modified", first)
        response = self.client.get(
            url, headers={"if-modified-since": "Fri, 01 Jan 2100 00:00:00 GMT"}
        )
        self.assertEqual(response.status_code, 200)

    def test_renaming_the_partner_or_a_topic_redraws_the_pdf(self):
        topic = TopicFactory(name="Foster care", slug="foster-care")
        self.brief.topics.add(topic)
        self.brief.save_revision().publish()
        url = f"{self.brief.url}pdf/"
        first = self.client.get(url)
        self.assertIn("Foster care", pdf_text(first)[1])

        partner = self.brief.partner
        partner.name = "Renamed partner"
        partner.save()
        second = self.client.get(url, headers={"if-none-match": first["ETag"]})
        self.assertEqual(second.status_code, 200)
        self.assertNotEqual(second["ETag"], first["ETag"])
        self.assertIn("Renamed partner", pdf_text(second)[1])

        topic.name = "Family-based care"
        topic.save()
        third = self.client.get(url, headers={"if-none-match": second["ETag"]})
        self.assertEqual(third.status_code, 200)
        self.assertIn("Family-based care", pdf_text(third)[1])
        self.assertNotIn("Foster care", pdf_text(third)[1])
