"""The standard facet and filter on search, listings and feeds: counts and
results only from documents the reader may open."""

import xml.etree.ElementTree as ET

from django.test import TestCase

from knowledge.filters import DocumentFilters
from knowledge.selectors import visible_documents
from search import sql
from standards.models import Standard, StandardArticle
from tests.factories import (
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    UserFactory,
    cite,
)

ATOM = "{http://www.w3.org/2005/Atom}"


class StandardFacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Two articles of one standard: the guide counts once for it.
        cls.guide = PracticeGuidePageFactory(
            title="Foster care placements",
            summary="Placing children with foster families.",
            standard_citations=cite("cets-197:10", "cets-197:12", "uncrc:20"),
        )
        cls.brief = PolicyBriefPageFactory(
            title="Foster care funding",
            summary="Why foster families need support.",
            standard_citations=cite("uncrc:20"),
        )
        cls.restricted = PracticeGuidePageFactory(
            title="Foster care internal checklist",
            summary="Placing children safely.",
            restricted=True,
            standard_citations=cite("cets-197:10"),
        )
        cls.uncited = PracticeGuidePageFactory(
            title="Foster care recruitment", summary="Finding foster families."
        )

    def search(self, **params):
        response = self.client.get("/en/search/", {"format": "json", **params})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def standard_facet(self, data):
        return {value["value"]: value["count"] for value in data["facets"]["standard"]}

    def test_facet_counts_each_document_once_and_hides_restricted(self):
        data = self.search(q="foster")
        self.assertEqual(self.standard_facet(data), {"cets-197": 1, "uncrc": 2})
        labels = {
            value["value"]: value["label"] for value in data["facets"]["standard"]
        }
        self.assertEqual(labels["cets-197"], "CETS No. 197")
        self.client.force_login(UserFactory())
        self.assertEqual(
            self.standard_facet(self.search(q="foster")), {"cets-197": 2, "uncrc": 2}
        )

    def test_filter_by_standard(self):
        data = self.search(q="foster", standard="cets-197")
        self.assertEqual([hit["title"] for hit in data["results"]], [self.guide.title])
        self.assertEqual(data["total"], 1)
        # The facet keeps the other standards' counts, so readers can switch.
        self.assertEqual(self.standard_facet(data), {"cets-197": 1, "uncrc": 2})
        data = self.search(standard="uncrc")
        self.assertEqual(
            {hit["title"] for hit in data["results"]},
            {self.guide.title, self.brief.title},
        )
        self.assertEqual(data["facets"]["type"][0]["count"], 1)

    def test_sql_filter_matches_the_orm_filter(self):
        for user in (None, UserFactory()):
            filters = DocumentFilters(standard="cets-197")
            with self.subTest(user=user):
                self.assertEqual(
                    sql.matching_ids(sql.every_document(), user=user, filters=filters),
                    set(
                        visible_documents(user=user)
                        .filter(standard_citations__article__standard__code="cets-197")
                        .values_list("pk", flat=True)
                    ),
                )

    def test_unknown_standard_is_a_form_error_not_a_wider_result(self):
        response = self.client.get("/en/search/", {"q": "foster", "standard": "nope"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Some filters were not understood")
        self.assertEqual(response.context["results"].total, 0)
        response = self.client.get("/en/practices/", {"standard": "nope"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["documents"]), 0)

    def test_search_page_shows_the_facet(self):
        response = self.client.get("/en/search/", {"q": "foster"})
        self.assertContains(response, "CETS No. 197")
        self.assertContains(response, 'href="?q=foster&amp;standard=cets-197"')

    def test_listing_filter(self):
        response = self.client.get("/en/practices/", {"standard": "CETS-197"})
        self.assertEqual(
            [document.pk for document in response.context["documents"]],
            [self.guide.pk],
        )
        self.assertContains(response, 'name="standard"')
        # Study visits cite no standards: their listing offers no such filter.
        self.assertNotContains(self.client.get("/en/exchanges/"), 'name="standard"')

    def test_feed_by_standard_leaves_out_restricted(self):
        response = self.client.get("/feed/", {"standard": "cets-197"})
        root = ET.fromstring(response.content)  # noqa: S314 (our own output)
        titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
        self.assertEqual(titles, [self.guide.title])


class ArticleMovedTests(TestCase):
    """An article moved to another standard takes its citations with it: the
    filter, the facet and the search index follow at once."""

    def test_citations_follow_an_article_moved_to_another_standard(self):
        guide = PracticeGuidePageFactory(
            title="Placements abroad", standard_citations=cite("cets-197:10")
        )
        article = StandardArticle.objects.get(standard__code="cets-197", key="10")
        article.standard = Standard.objects.get(code="uncrc")
        article.key = "moved-10"
        article.save()
        citation = guide.standard_citations.get()
        self.assertEqual(citation.standard.code, "uncrc")
        data = self.client.get(
            "/en/search/", {"format": "json", "standard": "uncrc"}
        ).json()
        self.assertEqual([hit["title"] for hit in data["results"]], [guide.title])
        data = self.client.get(
            "/en/search/", {"format": "json", "q": "rights of the child"}
        ).json()
        self.assertEqual([hit["title"] for hit in data["results"]], [guide.title])
