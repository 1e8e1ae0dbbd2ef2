import re

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import UnansweredQuery
from tests.factories import PracticeGuidePageFactory, TopicFactory, user_with_role
from tests.search.fixtures import SearchFixture


class SuggestionTests(SearchFixture, TestCase):
    """No-results help, topic suggestions and autocomplete, per reader."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.secret_topic = TopicFactory(name="Witness relocation", slug="relocation")
        PracticeGuidePageFactory(
            title="Relocation handbook",
            slug="relocation-handbook",
            partner=cls.astra,
            restricted=True,
            topics=[cls.secret_topic],
        )

    def test_no_results_offers_to_drop_filters_and_popular_topics(self):
        response = self.client.get(
            reverse("search"), {"q": "zrtve", "partner": "kljuc"}
        )
        self.assertContains(response, "Nothing matched your search.")
        self.assertContains(response, 'href="?q=zrtve">Try again without filters')
        self.assertContains(response, "Popular topics")
        self.assertContains(response, "Foster care")
        self.assertNotContains(response, "Witness relocation")

    def test_popular_topics_count_only_visible_documents(self):
        self.client.force_login(self.member)
        response = self.client.get(reverse("search"), {"q": "nomatchword"})
        self.assertContains(response, "Witness relocation")

    def test_matching_topics_only_with_visible_documents(self):
        response = self.client.get(reverse("search"), {"q": "relocation"})
        self.assertNotContains(response, "Witness relocation")
        self.assertNotContains(response, "handbook")
        self.client.force_login(self.member)
        response = self.client.get(reverse("search"), {"q": "relocation"})
        self.assertContains(response, "Witness relocation")
        self.assertContains(response, "<mark>Relocation</mark> handbook")

    def test_autocomplete_topics_only_with_visible_documents(self):
        url = reverse("search_autocomplete")
        self.assertEqual(self.client.get(url, {"q": "witn"}).json()["results"], [])
        self.client.force_login(self.member)
        labels = [
            e["label"] for e in self.client.get(url, {"q": "witn"}).json()["results"]
        ]
        self.assertEqual(labels, ["Witness relocation"])

    def test_promotions_obey_privacy(self):
        query = Query.get("foster")
        SearchPromotion.objects.create(
            query=query, page=self.restricted, description="Members only", sort_order=0
        )
        SearchPromotion.objects.create(
            query=query, page=self.draft, description="Unpublished", sort_order=1
        )
        SearchPromotion.objects.create(
            query=query,
            external_link_url="https://example.org/helpline",
            external_link_text="Helpline",
            sort_order=2,
        )
        response = self.client.get(reverse("search"), {"q": "Foster"})
        self.assertContains(response, "Helpline")
        self.assertNotContains(response, "Members only")
        self.assertNotContains(response, "Unpublished")
        self.client.force_login(self.member)
        response = self.client.get(reverse("search"), {"q": "foster"})
        self.assertContains(response, "Members only")
        self.assertNotContains(response, "Unpublished")

    def test_a_promoted_page_links_to_the_page(self):
        SearchPromotion.objects.create(
            query=Query.get("foster"), page=self.foster_title, sort_order=0
        )
        html = self.client.get(reverse("search"), {"q": "foster"}).content.decode()
        promoted = re.search(r'<section class="promotions".*?</section>', html, re.S)
        links = re.findall(
            r'<a href="([^"]*)" lang="([^"]*)">([^<]*)</a>', promoted.group(0)
        )
        self.assertEqual(
            links,
            [
                (
                    self.foster_title.url,
                    self.foster_title.language,
                    self.foster_title.title,
                )
            ],
        )
        self.assertEqual(self.client.get(links[0][0]).status_code, 200)

    def test_a_match_in_the_title_only_is_marked_in_the_title(self):
        html = self.client.get(reverse("search"), {"q": "trafficked"}).content.decode()
        self.assertIn(
            '<h2 class="result-title" lang="en"><a href="/en/practices/foster-title/">'
            "Specialised foster care for "
            "<mark>trafficked</mark> children</a></h2>",
            html,
        )


class MarkupTests(SearchFixture, TestCase):
    """A plain form without JavaScript; scripts only from static files."""

    def test_form_works_without_javascript(self):
        response = self.client.get(reverse("search"), {"q": "foster"})
        html = response.content.decode()
        self.assertRegex(html, r'<form role="search" method="get" action="/en/search/"')
        self.assertIn(
            '<input id="search-q" type="search" name="q" value="foster"', html
        )
        self.assertIn('<button type="submit">', html)
        self.assertIn('data-autocomplete-url="/en/search/autocomplete/"', html)

    def test_no_inline_script(self):
        html = self.client.get(reverse("search"), {"q": "foster"}).content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        self.assertTrue(scripts)
        for tag in scripts:
            self.assertRegex(tag, r'src="/static/[^"]+\.js"')
        self.assertNotRegex(html, r"\son[a-z]+=")
        self.assertIn("/static/search/autocomplete.js", html)


class AnalyticsTests(SearchFixture, TestCase):
    def test_searches_are_counted_and_misses_recorded(self):
        self.client.get(reverse("search"), {"q": "Foster"})
        self.client.get(reverse("search"), {"q": "foster", "page": 2, "per_page": 1})
        self.client.get(reverse("search"), {"q": "nomatchword"})
        self.client.get(reverse("search"), {"q": "nomatchword"})
        self.assertEqual(Query.objects.get(query_string="foster").hits, 1)
        self.assertEqual(
            UnansweredQuery.objects.get(query_string="nomatchword").hits, 2
        )
        self.assertFalse(UnansweredQuery.objects.filter(query_string="foster"))

    def test_reports_for_administrators_only(self):
        self.client.get(reverse("search"), {"q": "foster"})
        self.client.get(reverse("search"), {"q": "nomatchword"})
        editor = user_with_role("editor", partner=self.astra)
        self.client.force_login(editor)
        for name in ("search_popular", "search_unanswered"):
            response = self.client.get(reverse(name))
            self.assertNotEqual(response.status_code, 200)
        self.client.force_login(user_with_role("admin"))
        self.assertContains(self.client.get(reverse("search_popular")), "foster")
        self.assertContains(
            self.client.get(reverse("search_unanswered")), "nomatchword"
        )

    def test_the_day_of_the_last_search_is_a_date_not_a_time_ago(self):
        """A day, not "59 minutes ago" (the time since its midnight)."""
        self.client.get(reverse("search"), {"q": "nomatchword"})
        self.client.force_login(user_with_role("admin"))
        response = self.client.get(reverse("search_unanswered"))
        self.assertContains(response, date_format(timezone.localdate()))
        self.assertNotContains(response, " ago")

    def test_reviewers_read_the_analytics_and_manage_promotions(self):
        self.client.get(reverse("search"), {"q": "nomatchword"})
        self.client.force_login(user_with_role("reviewer"))
        for name in ("search_popular", "search_unanswered"):
            self.assertEqual(self.client.get(reverse(name)).status_code, 200, name)
        self.assertEqual(
            self.client.get(reverse("wagtailsearchpromotions:index")).status_code, 200
        )
        response = self.client.post(
            reverse("wagtailsearchpromotions:add"),
            {
                "query_string": "foster",
                "editors_picks-TOTAL_FORMS": 1,
                "editors_picks-INITIAL_FORMS": 0,
                "editors_picks-MAX_NUM_FORMS": 1000,
                "editors_picks-0-page": self.foster_title.pk,
                "editors_picks-0-description": "Start here",
                "editors_picks-0-ORDER": 1,
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(
            SearchPromotion.objects.filter(
                query__query_string="foster", page=self.foster_title
            ).exists()
        )
