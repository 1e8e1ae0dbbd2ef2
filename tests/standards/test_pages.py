"""The standards pages as readers meet them, and citations on guides and briefs:
only documents the reader may open are listed or counted."""

import xml.etree.ElementTree as ET

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from knowledge.content_cache import content_version
from standards.models import StandardArticle
from tests.factories import (
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    UserFactory,
    cite,
)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ARTICLE_URL = "/en/standards/cets-197/10/"


class StandardPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(
            title="Identifying children in centres for social work",
            standard_citations=cite("cets-197:10", "uncrc:35"),
        )
        cls.brief = PolicyBriefPageFactory(
            title="Referral of child victims: recommendations",
            standard_citations=cite("cets-197:10"),
        )
        cls.restricted = PracticeGuidePageFactory(
            title="Internal identification checklist",
            restricted=True,
            standard_citations=cite("cets-197:10"),
        )
        cls.draft = PolicyBriefPageFactory(
            title="Unfinished identification brief",
            live=False,
            standard_citations=cite("cets-197:10"),
        )

    def test_index_lists_every_standard_with_its_articles(self):
        response = self.client.get("/en/standards/")
        self.assertEqual(response.status_code, 200)
        for text in [
            "Directive 2011/36/EU",
            "Directive (EU) 2024/1712",
            "Council of Europe Convention on Action against Trafficking in Human Beings",
            "GRETA on Serbia",
            "UNCRC",
            "OPSC",
            "Lanzarote Convention (CETS No. 201)",
            "UN Guidelines for the Alternative Care of Children",
            "Barnahus Quality Standards",
            "Trgovina ljudima",
            f'href="{ARTICLE_URL}"',
        ]:
            self.assertContains(response, text)

    def test_counts_only_what_the_reader_may_open(self):
        def count_for_article(response):
            article = next(
                article
                for standard in response.context["standards"]
                if standard.code == "cets-197"
                for article in standard.articles.all()
                if article.key == "10"
            )
            return article.document_count

        self.assertEqual(count_for_article(self.client.get("/en/standards/")), 2)
        self.client.force_login(UserFactory())
        self.assertEqual(count_for_article(self.client.get("/en/standards/")), 3)

    def test_article_page_lists_visible_citing_documents(self):
        response = self.client.get(ARTICLE_URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, 'Article 10: <span lang="en">Identification of the victims</span>'
        )
        self.assertContains(response, self.guide.title)
        self.assertContains(response, self.brief.title)
        self.assertNotContains(response, self.restricted.title)
        self.assertNotContains(response, self.draft.title)
        self.assertContains(
            response,
            'href="https://www.coe.int/en/web/conventions/full-list?'
            'module=treaty-detail&amp;treatynum=197"',
        )

    def test_article_page_shows_restricted_documents_to_members(self):
        self.client.force_login(UserFactory())
        response = self.client.get(ARTICLE_URL)
        self.assertContains(response, self.restricted.title)
        self.assertNotContains(response, self.draft.title)

    def test_pages_in_every_language(self):
        for prefix in ("en", "sr-latn", "sr", "sl"):
            for path in ("", "cets-197/", "cets-197/10/"):
                with self.subTest(prefix=prefix, path=path):
                    response = self.client.get(f"/{prefix}/standards/{path}")
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(response["Content-Language"], prefix)
        response = self.client.get("/sl/standards/")
        self.assertContains(response, 'href="/sl/standards/cets-197/10/"')
        self.assertContains(response, "Standardi")

    def test_unknown_standard_or_article_is_404(self):
        for path in [
            "/en/standards/no-such-standard/",
            "/en/standards/cets-197/999/",
            # Article 2 exists in Directive 2011/36/EU, not in CETS No. 197.
            "/en/standards/cets-197/2/",
            "/en/standards/no-such-standard/10/",
        ]:
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)

    def test_article_page_queries_do_not_grow_with_citing_documents(self):
        def queries():
            # Warm Wagtail's cached site root paths and the remembered total.
            self.client.get(ARTICLE_URL)
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(ARTICLE_URL).status_code, 200)
            return len(captured)

        before = queries()
        for n in range(6):
            PracticeGuidePageFactory(
                title=f"Another guide {n}", standard_citations=cite("cets-197:10")
            )
        self.assertEqual(queries(), before)

    def test_a_document_page_reads_its_citations_once(self):
        """The list of standards and its amendment notices share one read."""
        for page in (self.guide, self.brief):
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(page.url).status_code, 200)
            citations = [
                query["sql"]
                for query in captured.captured_queries
                if query["sql"].startswith('SELECT "standards_standardcitation"')
            ]
            self.assertEqual(len(citations), 1, page)

    def test_guide_and_brief_link_their_cited_articles(self):
        response = self.client.get(self.guide.url)
        self.assertContains(
            response,
            f'<a href="{ARTICLE_URL}"><span lang="en">CETS No. 197</span>, Article 10</a>',
        )
        self.assertContains(response, 'href="/en/standards/uncrc/35/"')
        response = self.client.get(self.brief.url)
        self.assertContains(response, f'href="{ARTICLE_URL}"')

    def test_sitemap_lists_the_standards_pages(self):
        response = self.client.get("/sitemap.xml")
        root = ET.fromstring(response.content)  # noqa: S314 (our own output)
        locations = {
            url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")
        }
        for prefix in ("en", "sr-latn", "sr", "sl"):
            for path in ("", "cets-197/", "cets-197/10/", "rs-criminal-code/388/"):
                self.assertIn(f"http://testserver/{prefix}/standards/{path}", locations)

    def test_search_finds_a_guide_by_its_cited_standard(self):
        PracticeGuidePageFactory(
            title="Grooming awareness for carers",
            standard_citations=cite("cets-201:23"),
        )
        response = self.client.get("/en/search/", {"q": "lanzarote", "format": "json"})
        self.assertEqual(
            [hit["title"] for hit in response.json()["results"]],
            ["Grooming awareness for carers"],
        )

    def test_editing_an_article_refreshes_cached_pages(self):
        before = content_version()
        article = StandardArticle.objects.get(standard__code="cets-197", key="10")
        article.summary = "Trained staff identify victims."
        article.save()
        self.assertGreater(content_version(), before)
