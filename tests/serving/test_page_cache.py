"""The anonymous page cache: what it stores, what empties it, whom it never serves."""

import os
import socket
from unittest import skipUnless

from django.core.cache import cache
from django.test import TestCase, override_settings
from wagtail.models import Collection, PageViewRestriction

from editorial.roles import restricted_collection
from knowledge.content_cache import content_version
from practices.models import EvaluationDocument
from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    TopicFactory,
    UploadedDocumentFactory,
    UserFactory,
)

# A database of its own for each test worker (gw0, gw1, …), as each clears it.
REDIS_URL = "redis://127.0.0.1:6379/{}".format(
    7 + int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
)


def redis_is_running() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@override_settings(PAGE_CACHE_SECONDS=300)
class PageCacheTests(TestCase):
    listing = "/en/practices/"

    @classmethod
    def setUpTestData(cls):
        cls.partner = PartnerFactory(slug="astra", name="ASTRA")
        cls.topic = TopicFactory(name="Foster care", slug="foster-care")
        cls.guide = PracticeGuidePageFactory(
            title="Kinship foster care", partner=cls.partner, topics=[cls.topic]
        )
        cls.secret = PracticeGuidePageFactory(
            title="Confidential referral protocol",
            partner=cls.partner,
            topics=[cls.topic],
            restricted=True,
        )
        cls.reader = UserFactory()

    def setUp(self):
        cache.clear()

    def get(self, url, client=None):
        response = (client or self.client).get(url)
        self.assertEqual(response.status_code, 200, url)
        return response

    def test_a_second_anonymous_request_is_answered_from_the_cache(self):
        first = self.get(self.listing)
        second = self.get(self.listing)
        self.assertEqual(first["X-Cache"], "miss")
        self.assertEqual(second["X-Cache"], "hit")
        self.assertEqual(first.content, second.content)
        self.assertIn("Cookie", second["Vary"])
        self.assertTrue(second.has_header("ETag"))

    def test_a_repeated_request_with_its_etag_gets_not_modified(self):
        etag = self.get(self.guide.url)["ETag"]
        response = self.client.get(self.guide.url, headers={"if-none-match": etag})
        self.assertEqual(response.status_code, 304)

    def test_documents_say_when_they_were_last_published(self):
        self.guide.save_revision().publish()
        self.assertTrue(self.get(self.guide.url).has_header("Last-Modified"))

    def test_unpublishing_a_listed_document_empties_the_cache(self):
        self.assertContains(self.get(self.listing), "Kinship foster care")
        for url in ["/en/", "/en/topics/foster-care/", "/en/partners/astra/"]:
            self.get(url)
        self.guide.unpublish()
        for url in [self.listing, "/en/", "/en/partners/astra/"]:
            with self.subTest(url=url):
                response = self.get(url)
                self.assertEqual(response["X-Cache"], "miss")
                self.assertNotContains(response, "Kinship foster care")
        # The topic had no other document: it is gone, not served from the cache.
        self.assertEqual(self.client.get("/en/topics/foster-care/").status_code, 404)

    def test_publishing_a_document_empties_the_cache(self):
        self.get(self.listing)
        PracticeGuidePageFactory(title="Street outreach", partner=self.partner)
        self.assertContains(self.get(self.listing), "Street outreach")

    def test_restricting_a_document_empties_the_cache(self):
        self.assertContains(self.get(self.guide.url), "Kinship foster care")
        self.assertContains(self.get(self.listing), "Kinship foster care")
        PageViewRestriction.objects.create(
            page=self.guide, restriction_type=PageViewRestriction.LOGIN
        )
        self.assertEqual(self.client.get(self.guide.url).status_code, 302)
        self.assertNotContains(self.get(self.listing), "Kinship foster care")

    def test_saving_a_draft_keeps_the_cache(self):
        self.get(self.listing)
        version = content_version()
        self.guide.title = "Draft title"
        self.guide.save_revision()
        self.assertEqual(content_version(), version)
        self.assertNotContains(self.get(self.guide.url), "Draft title")

    def test_moving_or_deleting_a_document_empties_the_cache(self):
        version = content_version()
        self.guide.move(self.guide.get_parent(), pos="first-child")
        self.assertGreater(content_version(), version)
        self.get(self.listing)
        self.guide.delete()
        self.assertNotContains(self.get(self.listing), "Kinship foster care")

    def test_moving_an_evaluation_document_into_a_restricted_collection_empties_it(
        self,
    ):
        report = UploadedDocumentFactory(title="Evaluation")
        self.guide.evaluation_documents = [
            EvaluationDocument(document=report, label="Monitoring figures")
        ]
        self.guide.save_revision().publish()
        self.assertContains(self.get(self.guide.url), "Monitoring figures")
        report.collection = restricted_collection(Collection.get_first_root_node())
        report.save()
        self.assertNotContains(self.get(self.guide.url), "Monitoring figures")

    def test_editing_a_partner_empties_the_cache(self):
        self.get(self.listing)
        self.partner.name = "ASTRA Belgrade"
        self.partner.save()
        self.assertContains(self.get(self.listing), "ASTRA Belgrade")

    def test_a_signed_in_readers_page_is_never_stored_nor_served_to_others(self):
        signed_in = self.client_class()
        signed_in.force_login(self.reader)
        for url in [self.listing, "/en/", self.secret.url]:
            with self.subTest(url=url):
                response = self.get(url, signed_in)
                self.assertContains(response, "Confidential referral protocol")
                self.assertFalse(response.has_header("X-Cache"))
                self.assertIn("private", response["Cache-Control"])
                self.assertIn("no-store", response["Cache-Control"])
                self.assertIn("Cookie", response["Vary"])
                anonymous = self.client.get(url)
                self.assertNotContains(
                    anonymous,
                    "Confidential referral protocol",
                    status_code=anonymous.status_code,
                )

    def test_a_signed_in_reader_never_gets_an_anonymous_cached_page(self):
        self.assertNotContains(self.get(self.listing), "Confidential")
        self.assertEqual(self.get(self.listing)["X-Cache"], "hit")
        self.client.force_login(self.reader)
        response = self.get(self.listing)
        self.assertFalse(response.has_header("X-Cache"))
        self.assertContains(response, "Confidential referral protocol")

    def test_restricted_pages_the_admin_and_cookie_setting_pages_are_not_stored(self):
        self.client.get(self.secret.url)
        self.assertEqual(self.client.get(self.secret.url).status_code, 302)
        for url in ["/admin/login/", "/en/accounts/login/"]:
            with self.subTest(url=url):
                self.client.get(url)
                self.assertFalse(self.client.get(url).has_header("X-Cache"))

    def test_posts_are_not_cached(self):
        self.get(self.listing)
        response = self.client.post(self.listing)
        self.assertFalse(response.get("X-Cache") == "hit")


@skipUnless(redis_is_running(), "no Redis server at 127.0.0.1:6379")
@override_settings(
    CACHES={
        "default": {
            "BACKEND": "serving.redis_cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
)
class RedisPageCacheTests(PageCacheTests):
    """The same guarantees with the cache in Redis, shared by every process."""

    def test_the_redis_client_is_made_once(self):
        self.assertIs(cache._cache.get_client(), cache._cache.get_client())
        cache.set("greeting", "hello")
        self.assertEqual(cache.get("greeting"), "hello")
