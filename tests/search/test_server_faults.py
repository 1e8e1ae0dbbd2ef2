"""Readiness and the site search while the search server hangs, refuses or
comes back (the API's and the admin's fallbacks: test_admin_fallback.py).

The search server is a stub that answers pings, behind a :class:`FaultyPort`;
the client's timeout is 0.2 s here.
"""

import time
from unittest import mock

from django.test import TestCase, override_settings
from django.urls import reverse

from search import backends
from search.backends import search_backends
from tests.content import text_of
from tests.search.fixtures import SearchFixture
from tests.serving.faults import FaultyPort, SearchServerStub

TIMEOUT = 0.2


class SearchServerFaultTests(SearchFixture, TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stub = SearchServerStub()
        cls.addClassCleanup(cls.stub.close)
        cls.port = FaultyPort(("127.0.0.1", cls.stub.port))
        cls.addClassCleanup(cls.port.close)

    def setUp(self):
        self.port.forward()
        config = search_backends(elasticsearch_url=f"http://{self.port.address}/")
        config["default"]["TIMEOUT"] = TIMEOUT
        self.enterContext(override_settings(WAGTAILSEARCH_BACKENDS=config))

    def ready(self):
        response = self.client.get(reverse("health_ready"))
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_a_server_that_answers_is_ready(self):
        self.assertEqual(self.ready()["search"]["status"], "ok")

    def test_a_hanging_server_is_asked_once_then_reported_down(self):
        self.port.hang()
        started = time.monotonic()
        ready = self.ready()
        self.assertLess(time.monotonic() - started, 10 * TIMEOUT)
        self.assertEqual(
            (ready["status"], ready["search"]["status"]), ("degraded", "down")
        )
        asked = self.port.requests
        self.assertEqual(self.ready()["search"]["status"], "down")
        response = self.client.get(reverse("search"), {"q": "foster"})
        self.assertContains(response, "may be incomplete")
        self.assertIn("Specialised foster care", text_of(response))
        self.assertEqual(self.port.requests, asked)

    def test_the_server_coming_back_is_seen_and_logged_once(self):
        self.port.refuse()
        self.assertEqual(self.ready()["search"]["status"], "down")
        self.port.forward()
        self.assertEqual(self.ready()["search"]["status"], "down")  # not asked yet
        with (
            mock.patch.object(backends.server_breaker, "open_seconds", 0),
            self.assertLogs("knowledge.breaker", "WARNING") as logs,
        ):
            self.assertEqual(self.ready()["search"]["status"], "ok")
            self.assertEqual(self.ready()["search"]["status"], "ok")
        self.assertEqual(
            logs.output, ["WARNING:knowledge.breaker:Search server is back"]
        )
