"""Where an address leads is kept until the content changes, and nothing about
who may read the page is kept with it."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from practices.models import PracticeIndexPage
from tests.factories import PracticeGuidePageFactory


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries.captured_queries]


class PageRouteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(title="Night intake", slug="night-intake")
        cls.url = "/en/practices/night-intake/"

    def test_an_address_served_again_is_not_looked_up_again(self):
        first, first_queries = queries_of(self.client, self.url)
        again, again_queries = queries_of(self.client, self.url)
        self.assertContains(first, "Night intake")
        self.assertEqual(again.content, first.content)
        self.assertTrue(any("wagtailcore_site" in sql for sql in first_queries))
        self.assertFalse(any("wagtailcore_site" in sql for sql in again_queries))
        self.assertLessEqual(len(again_queries), len(first_queries) - 5)

    def test_a_kept_route_leads_to_the_pages_own_addresses(self):
        self.client.get(self.url)
        self.assertEqual(self.client.get(self.url + "cite.bib").status_code, 200)
        self.assertEqual(self.client.get(self.url + "no-such-part/").status_code, 404)
        self.assertEqual(self.client.get("/en/practices/").status_code, 200)

    def test_an_unpublished_page_is_gone_at_once(self):
        self.client.get(self.url)
        self.guide.unpublish()
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_a_moved_or_renamed_page_answers_at_its_new_address_only(self):
        self.client.get(self.url)
        self.guide.slug = "night-intake-2012"
        self.guide.save_revision().publish()
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertContains(
            self.client.get("/en/practices/night-intake-2012/"), "Night intake"
        )

    def test_a_page_restricted_after_its_route_was_kept_is_restricted(self):
        self.client.get(self.url)
        PageViewRestriction.objects.create(
            page=self.guide, restriction_type=PageViewRestriction.LOGIN
        )
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])
        self.assertNotContains(self.client.get(self.url + "cite.bib"), "Night", 302)

    def test_a_site_given_another_root_leads_there(self):
        self.client.get(self.url)
        site = Site.objects.get(is_default_site=True)
        section = PracticeIndexPage.objects.get(locale__language_code="en")
        site.root_page = Page.objects.get(pk=section.pk)
        site.save()
        self.assertContains(self.client.get("/en/night-intake/"), "Night intake")
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_every_language_has_its_own_route(self):
        english = self.client.get(self.url)
        serbian = self.client.get("/sr-latn/practices/night-intake/")
        self.assertEqual(english["Content-Language"], "en")
        self.assertEqual(serbian["Content-Language"], "sr-latn")
        self.assertContains(serbian, "Night intake")
        self.assertEqual(self.client.get(self.url)["Content-Language"], "en")
