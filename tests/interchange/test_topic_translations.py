"""A topic record carries its names and descriptions in other languages as
``translations``; a language a record leaves out keeps what the site has."""

from django.test import TestCase

from interchange.exporter import export_records
from knowledge.models import Topic
from tests.interchange import failed_import, run_import

TOPIC = {"type": "topic", "slug": "foster-care", "name": "Foster care"}


class TopicTranslationRecordTests(TestCase):
    def test_import_and_export_keep_every_language(self):
        run_import(
            [
                {
                    **TOPIC,
                    "translations": {
                        "sr-Latn": {
                            "name": "Hraniteljstvo",
                            "description": "Porodični smeštaj.",
                        },
                        "SL": {"name": "Rejništvo"},
                    },
                }
            ]
        )
        topic = Topic.objects.get(slug="foster-care")
        self.assertEqual(
            (
                topic.name_sr_latn,
                topic.description_sr_latn,
                topic.name_sl,
                topic.name_sr_cyrl,
            ),
            ("Hraniteljstvo", "Porodični smeštaj.", "Rejništvo", ""),
        )
        (record,) = [r for r in export_records() if r["type"] == "topic"]
        self.assertEqual(
            record["translations"],
            {
                "sr-Latn": {
                    "name": "Hraniteljstvo",
                    "description": "Porodični smeštaj.",
                },
                "sl": {"name": "Rejništvo"},
            },
        )

    def test_a_language_left_out_is_kept(self):
        run_import([{**TOPIC, "translations": {"sl": {"name": "Rejništvo"}}}])
        run_import([{**TOPIC, "translations": {"sr-Latn": {"name": "Hraniteljstvo"}}}])
        run_import([TOPIC])
        topic = Topic.objects.get(slug="foster-care")
        self.assertEqual(
            (topic.name_sl, topic.name_sr_latn), ("Rejništvo", "Hraniteljstvo")
        )

    def test_bad_translations_are_named_by_line_and_nothing_is_imported(self):
        for translations, problem in (
            ({"de": {"name": "Pflege"}}, "'de' is not one of sr-Latn, sr-Cyrl, sl"),
            ({"sl": "Rejništvo"}, "sl: must be an object with name and description"),
            (
                {"sl": {"title": "Rejništvo"}},
                "sl: must be an object with name and description",
            ),
            (
                {"sl": {"name": "x" * 101}},
                "sl: name: must be at most 100 characters long",
            ),
            (["sl"], "must be an object"),
        ):
            with self.subTest(translations=translations):
                printed = failed_import([{**TOPIC, "translations": translations}])
                self.assertIn("line 1", printed)
                self.assertIn(problem, printed)
                self.assertFalse(Topic.objects.exists())
