from django.test import TestCase
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import (
    ImageFactory,
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
    UploadedDocumentFactory,
    UserFactory,
    cite,
)
from tests.translations import translate

DOCUMENTS = "/api/v2/pages/?type=knowledge.KnowledgePage&limit=20"


class PagesAPITests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = PartnerFactory(
            slug="kljuc", name="Društvo Ključ", country="SI", website="https://kljuc.si"
        )
        cls.topic = TopicFactory(name="Foster care", slug="foster-care")
        cls.brief = PolicyBriefPageFactory(
            title="Brief",
            partner=cls.partner,
            topics=[cls.topic],
            language="sl",
            recommendations=[
                ("recommendation", "Train carers."),
                ("recommendation", "Fund them."),
            ],
        )
        cls.guide = PracticeGuidePageFactory(
            title="Guide",
            standard_citations=cite("cets-197:10"),
            other_standards="Palermo Protocol",
            evidence_level="promising",
        )
        cls.visit = StudyVisitPageFactory(
            title="Visit",
            lessons='<p>Plan <a linktype="page" id="1">ahead</a>.</p>',
        )
        cls.restricted = PolicyBriefPageFactory(title="Restricted", restricted=True)
        cls.draft = PracticeGuidePageFactory(title="Draft", live=False)
        cls.public_ids = {cls.brief.pk, cls.guide.pk, cls.visit.pk}

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()

    def test_lists_exactly_the_public_live_documents(self):
        data = self.get(DOCUMENTS)
        self.assertEqual({item["id"] for item in data["items"]}, self.public_ids)
        self.assertEqual(data["meta"]["total_count"], 3)

    def test_signed_in_members_see_no_more(self):
        self.client.force_login(UserFactory())
        data = self.get(DOCUMENTS)
        self.assertEqual({item["id"] for item in data["items"]}, self.public_ids)
        all_ids = {item["id"] for item in self.get("/api/v2/pages/?limit=20")["items"]}
        self.assertNotIn(self.restricted.pk, all_ids)
        self.assertNotIn(self.draft.pk, all_ids)

    def test_translations_are_listed_with_their_locale(self):
        translation = translate(self.guide, "sl", title="Vodnik", language="sl")
        restricted = translate(self.restricted, "sl", title="Omejeno", language="sl")
        draft = translate(
            self.brief, "sr", title="Нацрт", language="sr-Cyrl", live=False
        )
        data = self.get(f"{DOCUMENTS}&locale=sl&fields=language")
        self.assertEqual(
            [
                (item["id"], item["meta"]["locale"], item["language"])
                for item in data["items"]
            ],
            [(translation.pk, "sl", "sl")],
        )
        self.assertEqual(
            self.get(f"{DOCUMENTS}&translation_of={self.guide.pk}")["items"][0]["id"],
            translation.pk,
        )
        all_ids = {item["id"] for item in self.get(DOCUMENTS)["items"]}
        self.assertEqual(all_ids, self.public_ids | {translation.pk})
        for hidden in (restricted, draft):
            response = self.client.get(f"/api/v2/pages/{hidden.pk}/", follow=True)
            self.assertEqual(response.status_code, 404)

    def test_restricted_and_draft_pages_are_not_found(self):
        # Answered by the API itself, as JSON: not redirected under /en/.
        for page in (self.restricted, self.draft):
            with self.subTest(page=page.title):
                response = self.client.get(f"/api/v2/pages/{page.pk}/")
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response["Content-Type"], "application/json")
                self.assertNotContains(response, page.title, status_code=404)
        path = self.restricted.url_path.split("/", 2)[2]
        response = self.client.get(f"/api/v2/pages/find/?html_path={path}")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"message": "not found"})

    def test_exposes_the_shared_document_fields(self):
        fields = "summary,partner,topics,country,language,date,last_reviewed,body"
        data = self.get(f"{DOCUMENTS}&fields={fields}")
        item = next(item for item in data["items"] if item["id"] == self.brief.pk)
        self.assertEqual(item["summary"], self.brief.summary)
        self.assertEqual(
            item["partner"],
            {
                "name": "Društvo Ključ",
                "slug": "kljuc",
                "country": "SI",
                "website": "https://kljuc.si",
                "url": "/en/partners/kljuc/",
            },
        )
        # Untranslated: English in every language.
        names = dict.fromkeys(("en", "sr-Latn", "sr-Cyrl", "sl"), "Foster care")
        self.assertEqual(
            item["topics"],
            [{"name": "Foster care", "slug": "foster-care", "names": names}],
        )
        self.assertEqual(item["language"], "sl")
        self.assertEqual(item["country"], "RS")
        self.assertEqual(item["date"], "2011-05-01")
        self.assertIsNone(item["last_reviewed"])
        self.assertEqual(item["body"], [])

    def test_exposes_recommendations_standards_and_lessons(self):
        data = self.get(
            "/api/v2/pages/?type=knowledge.PolicyBriefPage&fields=recommendations,audience"
        )
        (brief,) = data["items"]
        self.assertEqual(brief["recommendations"], ["Train carers.", "Fund them."])
        data = self.get(
            "/api/v2/pages/?type=practices.PracticeGuidePage"
            "&fields=standards,other_standards,target_groups,evidence_level"
        )
        (guide,) = data["items"]
        self.assertEqual(
            guide["standards"],
            [
                {
                    "standard": "cets-197",
                    "standard_names": {
                        "en": "CETS No. 197",
                        "sr-Latn": "CETS br. 197",
                        "sr-Cyrl": "CETS бр. 197",
                        "sl": "CETS št. 197",
                    },
                    "standard_titles": {
                        "en": "Council of Europe Convention on Action against "
                        "Trafficking in Human Beings",
                        "sr-Latn": "Konvencija Saveta Evrope o borbi protiv "
                        "trgovine ljudima",
                        "sr-Cyrl": "Конвенција Савета Европе о борби против "
                        "трговине људима",
                        "sl": "Konvencija Sveta Evrope o ukrepanju proti "
                        "trgovini z ljudmi",
                    },
                    "article": "10",
                    "title": "Identification of the victims",
                    "titles": {
                        "en": "Identification of the victims",
                        "sr-Latn": "Identifikacija žrtava",
                        "sr-Cyrl": "Идентификација жртава",
                        "sl": "Identifikacija žrtev",
                    },
                    "url": "/en/standards/cets-197/10/",
                    "official_url": "https://www.coe.int/en/web/conventions/"
                    "full-list?module=treaty-detail&treatynum=197",
                    "amendments": [],
                }
            ],
        )
        self.assertEqual(guide["other_standards"], ["Palermo Protocol"])
        self.assertEqual(guide["evidence_level"], "promising")
        data = self.get(
            "/api/v2/pages/?type=exchanges.StudyVisitPage"
            "&fields=lessons,host,location,start_date,end_date"
        )
        (visit,) = data["items"]
        self.assertNotIn("linktype", visit["lessons"])
        self.assertIn("ahead", visit["lessons"])
        self.assertEqual(visit["location"], "Ljubljana, Slovenia")

    def test_documented_filters_ordering_and_search_work(self):
        data = self.get(f"{DOCUMENTS}&language=sl&order=-date")
        self.assertEqual([item["id"] for item in data["items"]], [self.brief.pk])
        data = self.get(f"{DOCUMENTS}&search=Restricted")
        self.assertEqual(data["items"], [])
        data = self.get(f"{DOCUMENTS}&search=Guide")
        self.assertEqual([item["id"] for item in data["items"]], [self.guide.pk])

    def test_cross_origin_requests_are_not_allowed(self):
        response = self.client.get(DOCUMENTS, headers={"origin": "https://example.com"})
        self.assertNotIn("Access-Control-Allow-Origin", response)


class FilesAndImagesAPITests(TestCase):
    @classmethod
    def setUpTestData(cls):
        root = Collection.get_first_root_node()
        cls.private_collection = root.add_child(name="Practitioners only")
        CollectionViewRestriction.objects.create(
            collection=cls.private_collection,
            restriction_type=CollectionViewRestriction.LOGIN,
        )
        cls.inner_collection = cls.private_collection.add_child(name="Inner")

    def setUp(self):
        self.public_file = UploadedDocumentFactory(title="Public file")
        self.collection_file = UploadedDocumentFactory(
            title="Collection file", collection=self.inner_collection
        )
        self.attached_file = UploadedDocumentFactory(title="Attached file")
        self.linked_file = UploadedDocumentFactory(title="Linked file")
        self.draft_file = UploadedDocumentFactory(title="Draft file")
        PolicyBriefPageFactory(attachment=self.attached_file, restricted=True)
        PracticeGuidePageFactory(
            restricted=True,
            body=[("document", {"document": self.linked_file, "title": ""})],
        )
        PolicyBriefPageFactory(attachment=self.draft_file, live=False)
        self.public_image = ImageFactory(title="Public image")
        self.private_image = ImageFactory(
            title="Private image", collection=self.private_collection
        )

    def titles(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return {item["title"] for item in response.json()["items"]}

    def test_lists_only_public_files(self):
        self.assertEqual(self.titles("/api/v2/documents/"), {"Public file"})
        self.client.force_login(UserFactory())
        self.assertEqual(self.titles("/api/v2/documents/"), {"Public file"})

    def test_private_files_are_not_found(self):
        for file in (self.collection_file, self.attached_file, self.linked_file):
            with self.subTest(file=file.title):
                response = self.client.get(f"/api/v2/documents/{file.pk}/", follow=True)
                self.assertEqual(response.status_code, 404)

    def test_lists_images_outside_restricted_collections(self):
        self.assertEqual(self.titles("/api/v2/images/"), {"Public image"})
