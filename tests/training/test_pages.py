"""Training programmes as readers meet them: page, listing, feed, search, API,
sitemap, PDF and citation, with privacy holding for anonymous readers."""

import datetime
import io
import xml.etree.ElementTree as ET

from django.test import TestCase
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    TopicFactory,
    TrainingProgrammePageFactory,
    UploadedDocumentFactory,
    UserFactory,
)
from training.models import TrainingMaterial, TrainingModule

ATOM = "{http://www.w3.org/2005/Atom}"


class TrainingProgrammeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.topic = TopicFactory(name="Foster care", slug="foster-care")
        cls.guide = PracticeGuidePageFactory(title="Specialised foster care model")
        cls.secret_guide = PracticeGuidePageFactory(
            title="Internal placement checklist", restricted=True
        )
        cls.handbook = UploadedDocumentFactory(title="Trainer's handbook")
        cls.programme = TrainingProgrammePageFactory(
            title="Obuka hranitelja za decu žrtve trgovine ljudima",
            slug="obuka-hranitelja",
            summary="Accredited training for specialised foster families.",
            partner=cls.astra,
            topics=[cls.topic],
            target_groups="Foster families\nSocial workers",
            trainer_requirements="A licensed social worker with five years in foster care.",
            accreditation_body="Republički zavod za socijalnu zaštitu",
            accreditation_status="accredited",
            modules=[
                TrainingModule(
                    title="Prepoznavanje žrtava",
                    hours=6,
                    learning_outcomes="Name the indicators of trafficking\n"
                    "Refer a child to the centre for social work",
                ),
                TrainingModule(title="Трауматско искуство детета", hours=8),
            ],
            materials=[TrainingMaterial(document=cls.handbook)],
            related_practices=[cls.guide, cls.secret_guide],
        )
        # Published as reviewers do: the search index then holds the modules,
        # which are saved after the page row.
        cls.programme.save_revision().publish()
        cls.restricted = TrainingProgrammePageFactory(
            title="Police interview module", slug="police-interviews", restricted=True
        )
        cls.draft = TrainingProgrammePageFactory(title="Unfinished", live=False)

    def test_page_shows_the_programme(self):
        response = self.client.get(self.programme.url)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "training/training_programme_page.html")
        for text in [
            "Prepoznavanje žrtava",
            "Трауматско искуство детета",
            "Refer a child to the centre for social work",
            "14 hours",
            "Foster families",
            "Accredited",
            "Republički zavod za socijalnu zaštitu",
            "five years in foster care",
            "Trainer&#x27;s handbook",
            self.handbook.url,
            "Specialised foster care model",
        ]:
            self.assertContains(response, text)

    def test_anonymous_readers_do_not_see_restricted_links(self):
        response = self.client.get(self.programme.url)
        self.assertNotContains(response, "Internal placement checklist")
        self.client.force_login(UserFactory())
        response = self.client.get(self.programme.url)
        self.assertContains(response, "Internal placement checklist")

    def test_restricted_programme_needs_sign_in(self):
        response = self.client.get(self.restricted.url)
        self.assertEqual(response.status_code, 302)
        self.client.force_login(UserFactory())
        self.assertContains(self.client.get(self.restricted.url), "Police interview")

    def test_listing(self):
        response = self.client.get("/en/training/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [document.pk for document in response.context["documents"]],
            [self.programme.pk],
        )
        self.assertContains(response, 'href="/feed/?type=training"')
        self.assertContains(self.client.get("/en/"), 'href="/en/training/"')

    def test_feed_by_type(self):
        response = self.client.get("/feed/?type=training")
        self.assertEqual(response.status_code, 200)
        root = ET.fromstring(response.content)  # noqa: S314 (our own output)
        titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
        self.assertEqual(titles, [self.programme.title])

    def test_search_finds_module_titles_and_facets_the_type(self):
        response = self.client.get("/en/search/", {"q": "traumatsko", "format": "json"})
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(
            [hit["title"] for hit in data["results"]], [self.programme.title]
        )
        self.assertEqual(
            {value["value"]: value["count"] for value in data["facets"]["type"]},
            {"training": 1},
        )
        response = self.client.get(
            "/en/search/", {"type": "training", "format": "json"}
        )
        self.assertEqual(response.json()["total"], 1)

    def test_api(self):
        response = self.client.get(
            "/api/v2/pages/?type=training.TrainingProgrammePage&fields=*"
        )
        self.assertEqual(response.status_code, 200)
        items = response.json()["items"]
        self.assertEqual([item["id"] for item in items], [self.programme.pk])
        item = items[0]
        self.assertEqual(item["target_groups"], ["Foster families", "Social workers"])
        self.assertEqual(item["total_hours"], 14)
        self.assertEqual(item["accreditation_status"], "accredited")
        self.assertEqual(
            item["modules"][0],
            {
                "title": "Prepoznavanje žrtava",
                "learning_outcomes": [
                    "Name the indicators of trafficking",
                    "Refer a child to the centre for social work",
                ],
                "hours": 6,
            },
        )
        self.assertEqual(
            item["materials"],
            [{"title": "Trainer's handbook", "url": self.handbook.url}],
        )

    def test_sitemap(self):
        response = self.client.get("/sitemap.xml")
        self.assertContains(response, "/en/training/obuka-hranitelja/")
        self.assertNotContains(response, "police-interviews")

    def test_pdf(self):
        response = self.client.get(self.programme.url + "pdf/")
        self.assertEqual(response.status_code, 200)
        reader = PdfReader(io.BytesIO(b"".join(response)))
        text = "\n".join(page.extract_text() for page in reader.pages)
        for expected in [
            "Obuka hranitelja",
            "Prepoznavanje žrtava",
            "Трауматско искуство детета",
            "In total 14 hours",
            "Republički zavod za socijalnu zaštitu",
        ]:
            self.assertIn(expected, text)

    def test_materials_of_a_restricted_programme_are_restricted(self):
        from editorial.restricted_documents import is_restricted

        leaflet = UploadedDocumentFactory(title="Interview checklist")
        self.assertFalse(is_restricted(leaflet.collection))
        page = TrainingProgrammePageFactory(
            restricted=True, materials=[TrainingMaterial(document=leaflet)]
        )
        page.save_revision().publish()
        leaflet.refresh_from_db()
        self.assertTrue(is_restricted(leaflet.collection))
        response = self.client.get("/api/v2/documents/")
        self.assertNotIn(leaflet.pk, [item["id"] for item in response.json()["items"]])

    def test_restricted_pdf_needs_sign_in(self):
        response = self.client.get(self.restricted.url + "pdf/")
        self.assertEqual(response.status_code, 302)

    def test_citation(self):
        response = self.client.get(self.programme.url + "cite.bib")
        self.assertEqual(response.status_code, 200)
        bibtex = response.content.decode()
        self.assertTrue(bibtex.startswith("@misc{"))
        self.assertIn("Training programme", bibtex)


class AccreditationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.lapsed = TrainingProgrammePageFactory(
            accreditation_status="accredited",
            accredited_until=datetime.date(2014, 9, 20),
        )
        cls.current = TrainingProgrammePageFactory(
            accreditation_status="accredited",
            accredited_until=timezone.localdate() + datetime.timedelta(days=30),
        )

    def test_an_accreditation_past_its_date_reads_as_expired(self):
        html = self.client.get(self.lapsed.url).content.decode()
        self.assertIn(">Accreditation expired</span>", html)
        self.assertIn("ran out on 20 September 2014", html)
        self.assertNotIn("until 20 September 2014", html)
        self.assertEqual(self.lapsed.accreditation_now, "expired")

    def test_an_accreditation_still_running_reads_as_accredited(self):
        html = self.client.get(self.current.url).content.decode()
        self.assertIn(">Accredited</span>", html)
        self.assertIn("until ", html)
        self.assertEqual(self.current.accreditation_now, "accredited")

    def test_the_api_says_expired_too(self):
        record = self.client.get(f"/api/v2/pages/{self.lapsed.pk}/").json()
        self.assertEqual(record["accreditation_status"], "accredited")
        self.assertEqual(record["accreditation_now"], "expired")

    def test_the_pdf_says_expired_too(self):
        response = self.client.get(self.lapsed.url + "pdf/")
        text = "".join(
            page.extract_text()
            for page in PdfReader(io.BytesIO(response.content)).pages
        )
        self.assertIn("Accreditation expired", text)
        self.assertNotIn("until 20 September 2014", text)
