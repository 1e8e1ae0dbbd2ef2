from django.test import TestCase
from wagtail.models import Collection

from editorial.roles import restricted_collection
from tests.factories import ImageFactory, UploadedDocumentFactory, UserFactory
from tests.search.fixtures import BAD_QUERIES, SearchFixture

PAGES = "/api/v2/pages/?type=knowledge.KnowledgePage"


class ApiSearchTests(SearchFixture, TestCase):
    """The API's ``?search=`` normalises queries like the search page."""

    def slugs(self, search, **params):
        response = self.client.get(PAGES, {"search": search, **params})
        self.assertEqual(response.status_code, 200)
        return [item["meta"]["slug"] for item in response.json()["items"]]

    def test_cross_script_and_diacritic_free(self):
        self.assertEqual(self.slugs("жртве"), ["latin"])
        self.assertEqual(self.slugs("zrtve"), ["latin"])
        self.assertIn("cyrillic", self.slugs("trgovina ljudima"))

    def test_never_restricted_or_drafts(self):
        self.client.force_login(self.member)
        slugs = self.slugs("foster")
        self.assertEqual(set(slugs), {"foster-title", "foster-summary", "foster-body"})

    def test_a_query_of_no_words_finds_nothing(self):
        self.assertEqual(self.slugs(' " \x00 '), [])

    def test_bad_queries_on_every_endpoint(self):
        for endpoint in (PAGES, "/api/v2/documents/", "/api/v2/images/"):
            for query in BAD_QUERIES:
                with self.subTest(endpoint=endpoint, query=query[:40]):
                    response = self.client.get(endpoint, {"search": query})
                    self.assertEqual(response.status_code, 200)
                    self.assertNotIn(b"<script>", response.content)

    def test_unknown_operator_is_a_400(self):
        response = self.client.get(
            PAGES, {"search": "foster", "search_operator": "\x00"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("search_operator", response.json()["message"])
        self.assertLess(
            len(self.slugs("foster shelters")),
            len(self.slugs("foster shelters", search_operator="or")),
        )


class ApiFileSearchTests(TestCase):
    """Files and images are found by their titles and tags, folded: without
    diacritics and in either script, on SQLite and PostgreSQL alike."""

    @classmethod
    def setUpTestData(cls):
        handbook = UploadedDocumentFactory(title="Žrtve trgovine ljudima — priručnik")
        handbook.tags.add("Hraniteljstvo")
        UploadedDocumentFactory(
            title="Žrtve: zapisnik sastanka",
            collection=restricted_collection(Collection.get_first_root_node()),
        )
        UploadedDocumentFactory(title="Annual report")
        ImageFactory(title="Hraniteljska porodica u Šapcu")

    def titles(self, endpoint, search, **params):
        response = self.client.get(endpoint, {"search": search, **params})
        self.assertEqual(response.status_code, 200)
        return [item["title"] for item in response.json()["items"]]

    def test_documents_by_folded_title_and_tag(self):
        handbook = ["Žrtve trgovine ljudima — priručnik"]
        for query in ("Žrtve", "zrtve", "ŽRTVE", "жртве", "prirucnik", "хранитељство"):
            with self.subTest(query=query):
                self.assertEqual(self.titles("/api/v2/documents/", query), handbook)
        self.assertEqual(self.titles("/api/v2/documents/", "zrtve report"), [])
        self.assertEqual(
            self.titles("/api/v2/documents/", "zrtve report", search_operator="or"),
            ["Žrtve trgovine ljudima — priručnik", "Annual report"],
        )

    def test_images_by_folded_title(self):
        for query in ("Šapcu", "sapcu", "Шапцу"):
            with self.subTest(query=query):
                self.assertEqual(
                    self.titles("/api/v2/images/", query),
                    ["Hraniteljska porodica u Šapcu"],
                )

    def test_files_in_a_restricted_collection_are_never_found(self):
        self.client.force_login(UserFactory())
        self.assertNotIn(
            "Žrtve: zapisnik sastanka", self.titles("/api/v2/documents/", "zapisnik")
        )
        self.assertEqual(self.titles("/api/v2/documents/", "zapisnik"), [])
