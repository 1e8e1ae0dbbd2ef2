from django.test import TestCase

from tests.search.test_views import BAD_QUERIES, SearchFixture

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
