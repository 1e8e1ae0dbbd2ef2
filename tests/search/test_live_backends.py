"""The same searches against a real Elasticsearch or OpenSearch server.

Runs only when ``ELASTICSEARCH_URL`` or ``OPENSEARCH_URL`` is set; otherwise the
suite is skipped and pytest's summary says why.
"""

import json
import os
import unittest
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from knowledge.models import KnowledgePage
from search import backends
from search.backends import search_backends
from tests.search.fixtures import SearchFixture

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")


class LiveServerSearch(SearchFixture):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        call_command("update_index", stdout=StringIO(), stderr=StringIO())
        get_search_backend("default").refresh_index()

    def setUp(self):
        backends.server_breaker.reset()

    def slugs(self, **params):
        response = self.client.get(reverse("search"), {"format": "json", **params})
        self.assertEqual(response.status_code, 200)
        return [r["slug"] for r in json.loads(response.content)["results"]]

    def test_answers_from_the_server(self):
        response = self.client.get(reverse("search"), {"q": "foster"})
        self.assertNotContains(response, "may be incomplete")

    def test_cross_script_and_diacritics(self):
        self.assertIn("cyrillic", self.slugs(q="trgovina ljudima"))
        self.assertIn("latin", self.slugs(q="жртве"))
        self.assertEqual(self.slugs(q="sole"), ["slovene"])

    def test_title_ranks_first(self):
        self.assertEqual(self.slugs(q="foster")[0], "foster-title")

    def test_privacy(self):
        self.assertNotIn("restricted", self.slugs(q="foster"))
        self.assertNotIn("draft", self.slugs(q="foster"))

    def test_a_stale_index_cannot_expose_a_restricted_document(self):
        """Restricted in the database only (as if the server was down meanwhile)."""
        KnowledgePage.objects.filter(pk=self.foster_title.pk).update(restricted=True)
        self.assertNotIn("foster-title", self.slugs(q="foster"))


@unittest.skipUnless(ELASTICSEARCH_URL, "ELASTICSEARCH_URL is not set")
@override_settings(
    WAGTAILSEARCH_BACKENDS=search_backends(elasticsearch_url=ELASTICSEARCH_URL)
)
class ElasticsearchLiveTests(LiveServerSearch, TestCase):
    pass


@unittest.skipUnless(OPENSEARCH_URL, "OPENSEARCH_URL is not set")
@override_settings(
    WAGTAILSEARCH_BACKENDS=search_backends(opensearch_url=OPENSEARCH_URL)
)
class OpenSearchLiveTests(LiveServerSearch, TestCase):
    pass
