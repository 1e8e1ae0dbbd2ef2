"""The API's ``?search=`` and the admin's searches answer from the database when
the search server is down, through the site search's circuit breaker.

The servers here are real sockets: a closed port (refused at once) and one that
accepts connections and never answers (the client's timeout ends the wait).
"""

import socket
import time

from django.test import TestCase, override_settings

from search import backends
from search.backends import search_backends
from tests.factories import ImageFactory, UploadedDocumentFactory, UserFactory
from tests.search.fixtures import DEAD_SERVER, SearchFixture

API_SEARCH = "/api/v2/pages/?type=knowledge.KnowledgePage&search="


class SilentServer:
    """A listening socket that never accepts: connections wait in its backlog."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0), backlog=16)
        self.socket.setblocking(False)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/"

    def close(self):
        self.socket.close()

    def connections(self) -> int:
        """Connections made since the last call."""
        count = 0
        while True:
            try:
                connection, _ = self.socket.accept()
            except BlockingIOError:
                return count
            connection.close()
            count += 1


class FallbackFixture(SearchFixture):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.admin = UserFactory(is_superuser=True, is_staff=True)
        UploadedDocumentFactory(title="Kinship care handbook")
        ImageFactory(title="Kinship carers at work")

    def setUp(self):
        backends.server_breaker.reset()
        self.addCleanup(backends.server_breaker.reset)

    def api_slugs(self, query):
        response = self.client.get(API_SEARCH + query)
        self.assertEqual(response.status_code, 200, response.content[:300])
        return {item["meta"]["slug"] for item in response.json()["items"]}

    def admin_get(self, url):
        self.client.force_login(self.admin)
        response = self.client.get(url)
        self.client.logout()
        self.assertEqual(response.status_code, 200)
        return response


@override_settings(
    WAGTAILSEARCH_BACKENDS=search_backends(elasticsearch_url=DEAD_SERVER)
)
class ClosedPortTests(FallbackFixture, TestCase):
    def test_api_search_answers_from_the_database(self):
        self.assertEqual(
            self.api_slugs("foster"), {"foster-title", "foster-summary", "foster-body"}
        )
        self.assertTrue(backends.server_breaker.is_open)

    def test_api_search_keeps_its_privacy_and_folding(self):
        self.assertEqual(self.api_slugs("жртве"), {"latin"})
        self.assertNotIn("restricted", self.api_slugs("foster"))
        self.assertNotIn("draft", self.api_slugs("foster"))

    def test_admin_page_search(self):
        response = self.admin_get("/admin/pages/search/?q=foster")
        self.assertContains(response, "Specialised foster care for trafficked")
        self.assertNotContains(response, "Training social workers")
        self.assertTrue(backends.server_breaker.is_open)

    def test_admin_document_and_image_search(self):
        response = self.admin_get("/admin/documents/?q=kinship")
        self.assertContains(response, "Kinship care handbook")
        response = self.admin_get("/admin/images/?q=kinship")
        self.assertContains(response, "Kinship carers at work")

    def test_the_site_search_still_says_it_is_degraded(self):
        """Its own fallback ranks better, and tells the reader."""
        response = self.client.get("/en/search/", {"q": "foster"})
        self.assertContains(response, "may be incomplete")


class SilentServerTests(FallbackFixture, TestCase):
    """A server that takes connections and never answers costs one timeout, and
    then none until the breaker closes."""

    def setUp(self):
        super().setUp()
        self.server = SilentServer()
        self.addCleanup(self.server.close)
        settings = override_settings(
            WAGTAILSEARCH_BACKENDS=search_backends(elasticsearch_url=self.server.url)
        )
        settings.enable()
        self.addCleanup(settings.disable)

    def test_api_search_times_out_once_then_skips_the_server(self):
        started = time.monotonic()
        self.assertIn("foster-title", self.api_slugs("foster"))
        self.assertGreaterEqual(time.monotonic() - started, 1)
        self.assertTrue(backends.server_breaker.is_open)
        self.assertGreater(self.server.connections(), 0)

        self.assertIn("foster-title", self.api_slugs("foster"))
        self.admin_get("/admin/pages/search/?q=foster")
        self.admin_get("/admin/documents/?q=kinship")
        self.assertEqual(self.server.connections(), 0)

    def test_the_server_is_asked_again_once_the_breaker_closes(self):
        backends.server_breaker.trip()
        self.assertIn("foster-title", self.api_slugs("foster"))
        self.assertEqual(self.server.connections(), 0)
        backends.server_breaker.reset()
        self.admin_get("/admin/documents/?q=kinship")
        self.assertGreater(self.server.connections(), 0)
