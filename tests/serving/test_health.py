"""Health checks, and a 503 instead of a 500 when the database does not answer."""

import json
from unittest import mock

from django.db import OperationalError
from django.test import Client, SimpleTestCase, TestCase, override_settings

from search.backends import search_backends, server_breaker
from tests.commands import run_manage

CLOSED_PORT_URL = "http://127.0.0.1:9"
DEPENDENCIES = ("database", "cache", "search", "mail")


def statuses(answer: dict) -> dict:
    return {"status": answer["status"]} | {
        name: answer[name]["status"] for name in DEPENDENCIES
    }


class LivenessTests(TestCase):
    def test_answers_ok_without_touching_the_database(self):
        with self.assertNumQueries(0):
            response = self.client.get("/health/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})

    @override_settings(PAGE_CACHE_SECONDS=300)
    def test_the_page_cache_does_not_touch_the_database_first(self):
        with self.assertNumQueries(0):
            self.client.get("/health/")

    @override_settings(PAGE_CACHE_SECONDS=300)
    def test_is_never_cached(self):
        response = self.client.get("/health/")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertNotIn("X-Cache", self.client.get("/health/"))


class ReadinessTests(TestCase):
    def setUp(self):
        server_breaker.reset()
        self.addCleanup(server_breaker.reset)

    def test_ready_when_database_and_search_answer(self):
        response = self.client.get("/health/ready/")
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertEqual(statuses(answer), dict.fromkeys(answer, "ok"))
        self.assertEqual(set(answer), {"status", *DEPENDENCIES})
        for name in DEPENDENCIES:
            self.assertIsInstance(answer[name]["ms"], float)
        # How much mail waits is for operators, not for whoever asks.
        self.assertEqual(set(answer["mail"]), {"status", "ms"})

    def test_unavailable_with_retry_after_when_the_database_fails(self):
        error = OperationalError("connection to server at 10.0.0.7 failed: secret")
        with mock.patch("serving.health.connection.cursor", side_effect=error):
            response = self.client.get("/health/ready/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertEqual(response.json()["status"], "down")
        self.assertEqual(response.json()["database"]["status"], "down")
        self.assertNotIn(b"10.0.0.7", response.content)
        self.assertNotIn(b"secret", response.content)

    def test_a_dead_search_server_degrades_but_keeps_the_site_ready(self):
        backends = search_backends(elasticsearch_url=CLOSED_PORT_URL)
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            response = self.client.get("/health/ready/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            statuses(response.json()),
            {
                "status": "degraded",
                "database": "ok",
                "cache": "ok",
                "search": "down",
                "mail": "ok",
            },
        )
        self.assertNotIn(b"127.0.0.1", response.content)

    def test_an_open_circuit_reports_search_unavailable_without_asking(self):
        backends = search_backends(elasticsearch_url=CLOSED_PORT_URL)
        server_breaker.trip()
        with (
            override_settings(WAGTAILSEARCH_BACKENDS=backends),
            mock.patch("serving.health.get_search_backend") as backend,
        ):
            response = self.client.get("/health/ready/")
        backend.assert_not_called()
        self.assertEqual(response.json()["search"]["status"], "down")


class DatabaseDownPageTests(TestCase):
    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def test_a_database_error_in_a_view_answers_503_with_retry_after(self):
        error = OperationalError("server closed the connection unexpectedly")
        with mock.patch("knowledge.views.topics_with_counts", side_effect=error):
            response = self.client.get("/en/topics/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertContains(response, "Briefly unavailable", status_code=503)
        self.assertNotContains(response, "server closed", status_code=503)

    def test_the_page_speaks_the_readers_language(self):
        error = OperationalError("gone")
        with mock.patch("knowledge.views.topics_with_counts", side_effect=error):
            response = self.client.get("/sr-latn/topics/")
        self.assertContains(response, 'lang="sr-Latn"', status_code=503)
        self.assertContains(response, "Privremeno nedostupno", status_code=503)

    def test_other_errors_stay_500(self):
        with mock.patch("knowledge.views.topics_with_counts", side_effect=ValueError):
            response = self.client.get("/en/topics/")
        self.assertEqual(response.status_code, 500)
        self.assertNotIn("Retry-After", response)

    def test_the_error_page_speaks_the_readers_language(self):
        with mock.patch("knowledge.views.topics_with_counts", side_effect=ValueError):
            response = self.client.get("/sl/topics/")
        self.assertContains(response, 'lang="sl"', status_code=500)
        self.assertContains(response, "Nekaj je šlo narobe", status_code=500)


SCRIPT = """
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for url in ("/health/", "/health/ready/", "/en/", "/en/topics/"):
    response = client.get(url)
    answers[url] = [response.status_code, response.get("Retry-After")]
print(json.dumps(answers))
"""


class UnreachableDatabaseTests(SimpleTestCase):
    """A real connection to a closed port, not a patched one."""

    def test_every_page_answers_503_and_liveness_stays_200(self):
        result = run_manage(
            "shell",
            "-c",
            "import json\n" + SCRIPT,
            DJANGO_SETTINGS_MODULE="knowledge.settings.test",
            DATABASE_URL="postgres://postgres@127.0.0.1:9/knowledge",
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        answers = json.loads(result.stdout.strip().splitlines()[-1])
        self.assertEqual(
            answers,
            {
                "/health/": [200, None],
                "/health/ready/": [503, "30"],
                "/en/": [503, "30"],
                "/en/topics/": [503, "30"],
            },
        )
