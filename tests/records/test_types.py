"""Every document type declares its interchange record, and the interchange
reads, checks and writes it through the registry alone."""

from django.test import SimpleTestCase

from interchange.records import COMMON_DOCUMENT_FIELDS, fields, read_record
from knowledge.document_types import document_types
from records.types import RecordType


class RecordTypeTests(SimpleTestCase):
    def test_each_type_app_declares_a_record_of_its_own_fields(self):
        for entry in document_types:
            with self.subTest(entry.key):
                record = entry.interchange_record
                self.assertIsInstance(record, RecordType)
                self.assertTrue(
                    entry.record.startswith(f"{entry.model._meta.app_label}.")
                )
                self.assertFalse(set(record.fields) & set(COMMON_DOCUMENT_FIELDS))
                self.assertEqual(
                    list(fields()[entry.key]),
                    [*COMMON_DOCUMENT_FIELDS, *record.fields],
                )
                if record.files:
                    self.assertIn(record.files, record.fields)

    def test_a_type_record_checks_its_own_rules(self):
        line = (
            '{"type": "training", "slug": "t", "title": "T", "summary": "S", '
            '"body": "", "language": "en", "partner": "astra", "country": "RS", '
            '"date": "2020-01-01", "target_groups": [], "modules": []}'
        )
        _record, problems = read_record(4, line)
        self.assertEqual(
            [str(problem) for problem in problems],
            [
                "line 4: target_groups: must not be empty",
                "line 4: modules: must not be empty",
            ],
        )
