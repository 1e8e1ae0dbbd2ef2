"""The topics, partners and standards every listing and search offers as
filters are read once per content version, and a change shows at once."""

import json
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from standards.models import Standard
from tests.factories import PartnerFactory, PracticeGuidePageFactory, TopicFactory

VOCABULARY_TABLES = ("knowledge_topic", "knowledge_partner", "standards_standard")


class FilterVocabularyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.topic = TopicFactory(name="Kinship care")
        cls.partner = PartnerFactory(name="ASTRA", slug="astra")
        PracticeGuidePageFactory(topics=[cls.topic], partner=cls.partner)

    def choices(self, url, name):
        return dict(self.client.get(url).context["form"].fields[name].choices)

    def test_a_warm_search_or_listing_reads_none_of_them_whole(self):
        """The documents shown still read their own topics and partner."""
        for url in ("/en/search/?q=kinship", "/en/practices/"):
            with self.subTest(url=url):
                self.client.get(url)
                with CaptureQueriesContext(connection) as warm:
                    self.client.get(url)
                read_whole = [
                    query["sql"]
                    for query in warm.captured_queries
                    for table in VOCABULARY_TABLES
                    if f'FROM "{table}"' in query["sql"]
                    and " WHERE " not in query["sql"]
                ]
                self.assertEqual(read_whole, [])

    def test_a_change_is_offered_at_once(self):
        url = "/en/search/?q=kinship"
        self.assertIn("astra", self.choices(url, "partner"))
        PartnerFactory(name="Ključ", slug="kljuc", country="SI")
        self.assertIn("kljuc", self.choices(url, "partner"))
        self.assertIn("SI", self.choices(url, "country"))

        self.topic.name = "Kinship and family care"
        self.topic.save()
        self.assertEqual(
            self.choices(url, "topic")["kinship-care"], "Kinship and family care"
        )

        Standard.objects.create(
            code="test-1", title="A test convention", short_name="Test convention"
        )
        self.assertEqual(self.choices(url, "standard")["test-1"], "Test convention")

    def test_loaded_data_is_offered_at_once(self):
        """Data loaded with ``loaddata`` (saved raw) is offered at once too."""
        url = "/en/search/?q=kinship"
        self.assertNotIn("loaded-1", self.choices(url, "standard"))
        fixture = [
            {
                "model": "standards.standard",
                "fields": {
                    "code": "loaded-1",
                    "title": "A loaded convention",
                    "short_name": "Loaded convention",
                },
            }
        ]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "standards.json"
            path.write_text(json.dumps(fixture))
            call_command("loaddata", str(path), verbosity=0)
        self.assertEqual(self.choices(url, "standard")["loaded-1"], "Loaded convention")
