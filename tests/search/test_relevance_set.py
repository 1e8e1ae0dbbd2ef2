"""Search on the demo content keeps ranking what readers mean.

The relevance set (bench/relevance.json, measured by ``make relevance``) runs
through the site's search as an anonymous reader; hit@3 of every language must
stay at least at the level recorded there for this database.
"""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import TestCase

from bench import relevance


class RelevanceSetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO())
        cls.judgements = relevance.judgements()

    def test_expected_documents_are_ones_an_anonymous_reader_may_open(self):
        self.assertEqual(relevance.unreachable(self.judgements), [])

    def test_every_language_keeps_its_recorded_hit_at_3(self):
        figures, misses = relevance.evaluate(relevance.site_search, self.judgements)
        recorded = relevance.recorded_hit_at_3()[connection.vendor]
        self.assertEqual(set(recorded), set(relevance.LANGUAGES))
        for language, level in recorded.items():
            with self.subTest(language=language):
                missed = [
                    f"{item.query!r} gave {got}"
                    for item, got in misses
                    if item.language == language
                ]
                self.assertGreaterEqual(
                    figures[language].hit_at_3, level, "\n".join(missed)
                )
