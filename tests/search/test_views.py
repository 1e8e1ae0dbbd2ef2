import json

from django.test import TestCase
from django.urls import reverse

from knowledge.filters import DocumentFilters, filtered_documents
from tests.factories import StudyVisitPageFactory
from tests.search.fixtures import BAD_QUERIES, SearchFixture


class SearchTestCase(SearchFixture, TestCase):
    url = reverse("search")

    def search(self, **params):
        params.setdefault("format", "json")
        response = self.client.get(self.url, params)
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content)

    def slugs(self, **params):
        return [result["slug"] for result in self.search(**params)["results"]]


class RelevanceTests(SearchTestCase):
    def test_title_above_summary_above_body(self):
        self.assertEqual(
            self.slugs(q="foster"), ["foster-title", "foster-summary", "foster-body"]
        )

    def test_cyrillic_query_finds_latin_text(self):
        self.assertEqual(set(self.slugs(q="жртве")), {"latin"})

    def test_latin_query_finds_cyrillic_text(self):
        self.assertIn("cyrillic", self.slugs(q="trgovina ljudima"))
        self.assertEqual(
            set(self.slugs(q="трговина људима")), set(self.slugs(q="trgovina ljudima"))
        )

    def test_diacritics_are_optional(self):
        self.assertEqual(self.slugs(q="zrtve"), ["latin"])
        self.assertEqual(self.slugs(q="sole"), ["slovene"])

    def test_documents_with_all_words_come_first(self):
        data = self.search(q="foster shelters")
        self.assertEqual(data["all_words_total"], 1)
        self.assertEqual(data["results"][0]["slug"], "foster-summary")

    def test_phrase(self):
        self.assertEqual(self.slugs(q='"foster families"'), ["foster-body"])

    def test_topic_and_partner_names_are_searchable(self):
        self.assertIn("foster-summary", self.slugs(q="training"))
        self.assertIn("slovene", self.slugs(q="Društvo"))

    def test_study_visit_location_is_searchable(self):
        self.assertEqual(self.slugs(q="slovenija"), ["slovene"])


class FacetTests(SearchTestCase):
    def facet(self, data, name):
        return {value["value"]: value["count"] for value in data["facets"][name]}

    def test_counts_over_the_matches(self):
        data = self.search(q="foster")
        self.assertEqual(data["total"], 3)
        self.assertEqual(self.facet(data, "type"), {"practice": 2, "brief": 1})
        self.assertEqual(self.facet(data, "topic"), {"foster-care": 2, "training": 2})
        self.assertEqual(self.facet(data, "partner"), {"astra": 2, "kljuc": 1})
        self.assertEqual(self.facet(data, "country"), {"RS": 2, "SI": 1})
        self.assertEqual(self.facet(data, "language"), {"en": 3})
        self.assertEqual(self.facet(data, "year"), {"2011": 1, "2012": 1, "2013": 1})

    def test_a_filter_narrows_the_results_and_the_other_facets(self):
        data = self.search(q="foster", partner="astra")
        self.assertEqual(data["total"], 2)
        self.assertEqual(self.facet(data, "type"), {"practice": 1, "brief": 1})
        # A facet's own filter does not narrow its counts, so readers can switch.
        self.assertEqual(self.facet(data, "partner"), {"astra": 2, "kljuc": 1})

    def test_filters_combine(self):
        self.assertEqual(
            self.slugs(q="foster", type="practice", topic="foster-care", year="2011"),
            ["foster-title"],
        )
        self.assertEqual(self.slugs(country="si", language="SL"), ["slovene"])

    def test_browse_mode_lists_everything_visible_newest_first(self):
        data = self.search()
        self.assertEqual(data["total"], 6)
        self.assertEqual(data["results"][0]["slug"], "foster-body")
        self.assertEqual(self.facet(data, "language")["en"], 3)

    def test_filters_in_shareable_links(self):
        response = self.client.get(self.url, {"q": "foster", "partner": "astra"})
        self.assertContains(response, "partner=astra")
        self.assertContains(response, 'aria-current="true"')

    def test_a_partner_means_published_hosted_or_joined_as_in_listings(self):
        hosted = StudyVisitPageFactory(
            title="Foster care visit", slug="hosted", partner=self.astra
        )
        hosted.host = self.kljuc
        hosted.save()
        joined = StudyVisitPageFactory(
            title="Foster care exchange", slug="joined", partner=self.astra
        )
        joined.participants.add(self.kljuc)
        joined.save()
        listed = {
            document.slug
            for document in filtered_documents(
                user=None, filters=DocumentFilters(partner="kljuc")
            )
        }
        self.assertTrue({"hosted", "joined"} <= listed)
        for query in ("", "foster"):
            with self.subTest(query=query):
                data = self.search(q=query, partner="kljuc")
                found = {result["slug"] for result in data["results"]}
                self.assertTrue({"hosted", "joined"} <= found)
                if not query:
                    self.assertEqual(found, listed)
                # The facet counts what choosing it finds.
                self.assertEqual(self.facet(data, "partner")["kljuc"], data["total"])


class JsonTests(SearchTestCase):
    def test_shape(self):
        data = self.search(q="foster", per_page=2, page=2)
        self.assertEqual(
            set(data),
            {
                "query",
                "total",
                "all_words_total",
                "suggestion",
                "page",
                "per_page",
                "results",
                "facets",
            },
        )
        self.assertEqual(
            (data["query"], data["total"], data["page"], data["per_page"]),
            ("foster", 3, 2, 2),
        )
        (result,) = data["results"]
        self.assertEqual(
            result,
            {
                "type": "practice",
                "slug": "foster-body",
                "title": "Training social workers",
                "url": "/en/practices/foster-body/",
                "summary": "A curriculum for social work centres.",
                "highlight": result["highlight"],
                "partner": "kljuc",
                "language": "en",
                "date": "2013-01-01",
                "topics": ["training"],
                "evidence_level": "emerging",
            },
        )
        self.assertIn("<mark>foster</mark>", result["highlight"])
        self.assertEqual(
            set(data["facets"]),
            {
                "type",
                "topic",
                "partner",
                "country",
                "language",
                "year",
                "evidence",
                "standard",
                "lineage",
                "follow_up",
            },
        )
        self.assertEqual(set(data["facets"]["type"][0]), {"value", "label", "count"})

    def test_per_page_is_capped_at_100(self):
        self.assertEqual(self.search(per_page=1000)["per_page"], 100)


class PrivacyTests(SearchTestCase):
    """Restricted documents only for signed-in readers; drafts for nobody."""

    def test_anonymous_readers_never_see_restricted_or_drafts(self):
        for params in ({"q": "foster"}, {"q": "confidential"}, {}):
            data = self.search(**params)
            text = json.dumps(data)
            self.assertNotIn("restricted", self.slugs(**params))
            self.assertNotIn("Confidential", text)
            self.assertNotIn("draft", self.slugs(**params))
        html = self.client.get(self.url, {"q": "confidential protocol"}).content
        self.assertNotIn(b"Confidential", html)

    def test_facet_counts_leave_restricted_documents_out(self):
        anonymous = self.search(q="foster")["facets"]["topic"]
        self.client.force_login(self.member)
        member = self.search(q="foster")["facets"]["topic"]
        count = {v["value"]: v["count"] for v in anonymous}
        self.assertEqual(count["foster-care"], 2)
        count = {v["value"]: v["count"] for v in member}
        self.assertEqual(count["foster-care"], 3)

    def test_members_see_restricted_documents_but_never_drafts(self):
        self.client.force_login(self.member)
        self.assertIn("restricted", self.slugs(q="confidential"))
        self.assertNotIn("draft", self.slugs(q="foster"))
        self.assertEqual(self.search()["total"], 7)

    def test_autocomplete(self):
        url = reverse("search_autocomplete")
        labels = [
            e["label"]
            for e in json.loads(self.client.get(url, {"q": "conf"}).content)["results"]
        ]
        self.assertEqual(labels, [])
        labels = [
            e["label"]
            for e in json.loads(self.client.get(url, {"q": "draft fos"}).content)[
                "results"
            ]
        ]
        self.assertEqual(labels, [])
        self.client.force_login(self.member)
        labels = [
            e["label"]
            for e in json.loads(self.client.get(url, {"q": "conf"}).content)["results"]
        ]
        self.assertEqual(labels, ["Confidential foster shelter protocol"])

    def test_responses_are_private(self):
        for url in (self.url, reverse("search_autocomplete")):
            for params in ({"q": "foster"}, {"q": "foster", "format": "json"}):
                response = self.client.get(url, params)
                self.assertIn("private", response["Cache-Control"])
                self.assertIn("no-store", response["Cache-Control"])
                self.assertIn("Cookie", response["Vary"])


class AutocompleteTests(SearchTestCase):
    url = reverse("search_autocomplete")

    def labels(self, q):
        data = json.loads(self.client.get(self.url, {"q": q}).content)
        return [(entry["type"], entry["label"]) for entry in data["results"]]

    def test_titles_and_topics_by_prefix(self):
        self.assertEqual(
            self.labels("fost"),
            [
                ("topic", "Foster care"),
                ("practice", "Specialised foster care for trafficked children"),
            ],
        )

    def test_cross_script_prefix(self):
        self.assertIn(("brief", "Трговина људима и деца"), self.labels("trgov"))
        self.assertIn(("brief", "Žrtve trgovine ljudima"), self.labels("тргов"))

    def test_nothing_for_an_empty_query(self):
        self.assertEqual(self.labels(" "), [])

    def test_types_and_the_status_line_speak_the_readers_language(self):
        response = self.client.get("/sr/search/autocomplete/", {"q": "fost"})
        self.assertEqual(
            [entry["type_label"] for entry in response.json()["results"]],
            ["Тема", "Водич за праксу"],
        )
        for path in ("/sr/", "/sr/search/?q=foster"):
            with self.subTest(path=path):
                self.assertContains(
                    self.client.get(path),
                    'data-autocomplete-status="Предлози: {count}. '
                    'Изаберите један стрелицама нагоре и надоле."',
                )


BAD_PARAMETERS = [
    {"topic": "no-such-topic"},
    {"partner": "nobody"},
    {"type": "video"},
    {"country": "XX"},
    {"language": "klingon"},
    {"year": "20x1"},
    {"year": "99999"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "999999"},
    {"page": "1e9"},
    {"per_page": "0"},
    {"per_page": "-5"},
    {"per_page": "x"},
    {"topic": "\x00"},
    {"partner": "astra\x00"},
    {"country": "\x00"},
    {"language": "\x00"},
    {"year": "\x00"},
    {"type": "\x00"},
    {"page": "\x00"},
    {"per_page": "\x00"},
    {"format": "\x00"},
]


class BadInputTests(SearchTestCase):
    """Whatever the query string holds: a safe 200, never a 500, never raw input."""

    def test_queries(self):
        for query in BAD_QUERIES:
            for fmt in ("html", "json"):
                with self.subTest(query=query[:40], fmt=fmt):
                    response = self.client.get(self.url, {"q": query, "format": fmt})
                    self.assertEqual(response.status_code, 200)
                    self.assertNotIn(b"<script>alert", response.content)
                    self.assertNotIn(b"<img src=x", response.content)
                    self.assertNotIn(b"\x00", response.content)

    def test_query_is_escaped_when_shown(self):
        response = self.client.get(self.url, {"q": "<script>alert(1)</script>"})
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")

    def test_autocomplete_queries(self):
        url = reverse("search_autocomplete")
        for query in BAD_QUERIES:
            with self.subTest(query=query[:40]):
                response = self.client.get(url, {"q": query})
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"<script>", response.content)

    def test_filter_values(self):
        for params in BAD_PARAMETERS:
            for q in ("", "foster"):
                with self.subTest(params=params, q=q):
                    response = self.client.get(self.url, {"q": q, **params})
                    self.assertEqual(response.status_code, 200)
                    response = self.client.get(
                        self.url, {"q": q, "format": "json", **params}
                    )
                    self.assertEqual(response.status_code, 200)

    def test_unknown_filter_gives_an_empty_result_and_says_why(self):
        data = self.search(q="foster", topic="no-such-topic")
        self.assertEqual((data["total"], data["results"]), (0, []))
        response = self.client.get(self.url, {"q": "foster", "year": "20x1"})
        self.assertContains(response, "Some filters were not understood")

    def test_page_out_of_range_gives_the_nearest_page(self):
        self.assertEqual(self.search(q="foster", per_page=1, page=999999)["page"], 3)
        self.assertEqual(self.search(q="foster", page=-1)["page"], 1)
        self.assertEqual(self.search(q="foster", page="abc")["page"], 1)
