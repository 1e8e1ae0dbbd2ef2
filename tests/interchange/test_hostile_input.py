"""Hostile input to import_content: every bad line is refused with a message
naming it, nothing is written, never a traceback."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from knowledge.models import Partner, Topic
from practices.models import PracticeGuidePage
from tests.factories import PracticeGuidePageFactory, TopicFactory
from tests.interchange import export_import_export, write_file

PARTNER = {"type": "partner", "slug": "astra", "name": "ASTRA", "country": "RS"}
DOC = {
    "type": "brief",
    "slug": "brief-a",
    "title": "A brief",
    "summary": "Summary.",
    "body": "Body.",
    "language": "en",
    "partner": "astra",
    "country": "RS",
    "date": "2012-01-15",
    "recommendations": ["Do it."],
}


def attempt(records):
    """(refused, what was printed); any exception other than CommandError
    propagates, as a traceback would."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_content", str(write_file(records)), stdout=out, stderr=err)
    except CommandError as error:
        return True, err.getvalue() + str(error)
    return False, out.getvalue() + err.getvalue()


class HugeNumberTests(TestCase):
    """Python refuses to read integers of more than 4300 digits with a
    ValueError that is not a JSONDecodeError: read_record catches only the
    latter (interchange/records.py, read_record)."""

    def test_a_huge_format_version_is_a_message_not_a_traceback(self):
        line = '{"type": "format_version", "version": ' + "9" * 5000 + "}"
        refused, printed = attempt([line, PARTNER])
        self.assertTrue(refused)
        self.assertIn("line 1", printed)

    def test_a_huge_review_interval_is_a_message_not_a_traceback(self):
        line = json.dumps({**DOC, "review_interval": 1})[:-1]
        line = line.replace('"review_interval": 1', '"review_interval": ' + "1" * 5000)
        refused, printed = attempt([PARTNER, line + "}"])
        self.assertTrue(refused)
        self.assertIn("line 2", printed)


class TopicRecordTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        TopicFactory(name="Foster care", slug="foster-care")
        TopicFactory(name="Kinship", slug="kinship")

    def test_a_topic_renamed_onto_another_topics_slug(self):
        """Found by name, given the slug another topic holds: IntegrityError."""
        refused, printed = attempt(
            [{"type": "topic", "name": "Foster care", "slug": "kinship"}]
        )
        self.assertTrue(refused, printed)
        self.assertIn("line 1", printed)

    def test_a_topic_name_longer_than_the_column(self):
        refused, printed = attempt([{"type": "topic", "name": "T" * 150}])
        self.assertTrue(refused, printed)
        self.assertIn("line 1", printed)
        self.assertFalse(Topic.objects.filter(name__startswith="TTTT").exists())

    def test_a_document_topic_longer_than_the_column(self):
        refused, printed = attempt([PARTNER, {**DOC, "topics": ["W" * 150]}])
        self.assertTrue(refused, printed)
        self.assertIn("line 2", printed)
        self.assertFalse(Topic.objects.filter(name__startswith="WWWW").exists())

    def test_malformed_translations_are_named_by_line(self):
        for translations in (
            [],
            "sl",
            {"sl": "Rejništvo"},
            {"sl": {"name": 5}},
            {"sl": {"title": "x"}},
            {"de": {"name": "Pflege"}},
            {"sl": {"name": "x" * 101}},
            {"sl": None},
            {"sl": {"name": ["a"]}},
        ):
            with self.subTest(translations=translations):
                refused, printed = attempt(
                    [{"type": "topic", "name": "Foster care",
                      "translations": translations}]
                )  # fmt: skip
                self.assertTrue(refused, printed)
                self.assertIn("line 1", printed)
        self.assertEqual(Topic.objects.get(slug="foster-care").name_sl, "")

    def test_the_same_language_twice_is_refused(self):
        """{"sl": …, "SL": …}: the second silently wins."""
        refused, printed = attempt(
            [{"type": "topic", "name": "Foster care", "translations": {
                "sl": {"name": "Rejništvo"}, "SL": {"name": "Skrbništvo"}}}]
        )  # fmt: skip
        self.assertTrue(refused, printed)

    def test_control_characters_are_dropped_from_texts(self):
        """Invisible, and refused by XML: a feed naming the topic would fail."""
        refused, printed = attempt(
            [{"type": "topic", "name": "Foster\u0000 care",
              "translations": {"sl": {"name": "Rej\u000bništvo\t"}}}]
        )  # fmt: skip
        self.assertFalse(refused, printed)
        self.assertEqual(Topic.objects.get(slug="foster-care").name_sl, "Rejništvo")


class FormatVersionTests(TestCase):
    def test_odd_versions(self):
        for version in ("4", True, 0, -1, 4.0, 1e400, None, [4], {"v": 4}, 99):
            with self.subTest(version=version):
                line = json.dumps({"type": "format_version", "version": version})
                refused, printed = attempt([line, PARTNER])
                self.assertTrue(refused, printed)
                self.assertIn("line 1", printed)

    def test_unknown_fields_on_the_version_record(self):
        refused, printed = attempt(
            [{"type": "format_version", "version": 4, "site": "x"}, PARTNER]
        )
        self.assertTrue(refused, printed)


class OverLongTextTests(TestCase):
    """Slugs and names have columns of fixed length (PostgreSQL enforces them,
    SQLite does not): the readers must say so by line."""

    def test_over_long_slugs_and_names(self):
        cases = {
            "partner slug": [{**PARTNER, "slug": "p" * 300}],
            "partner name": [{**PARTNER, "name": "P" * 300}],
            "document slug": [PARTNER, {**DOC, "slug": "d" * 300}],
            "topic slug": [{"type": "topic", "name": "Short", "slug": "t" * 150}],
            "audience": [PARTNER, {**DOC, "audience": "A" * 300}],
        }
        for case, records in cases.items():
            with self.subTest(case=case):
                refused, printed = attempt(records)
                self.assertTrue(refused, printed)


FORMATS = Path(__file__).parent / "formats"


def attempt_bytes(content: bytes):
    """``attempt`` with the file's bytes as they are."""
    path = Path(tempfile.mkdtemp()) / "archive.jsonl"
    path.write_bytes(content)
    out, err = StringIO(), StringIO()
    try:
        call_command("import_content", str(path), stdout=out, stderr=err)
    except CommandError as error:
        return True, err.getvalue() + str(error)
    return False, out.getvalue() + err.getvalue()


class OldArchiveFileTests(TestCase):
    """The oldest format's file as archives hold it: written on Windows, by
    other programs, cut short."""

    def setUp(self):
        self.lines = (FORMATS / "version-1.jsonl").read_bytes().splitlines()

    def test_a_byte_order_mark_and_crlf_line_ends_are_read(self):
        refused, printed = attempt_bytes(b"\xef\xbb\xbf" + b"\r\n".join(self.lines))
        self.assertFalse(refused, printed)
        self.assertEqual(PracticeGuidePage.objects.get().slug, "legacy-foster-care")

    def test_bytes_that_are_not_utf8_name_their_line(self):
        lines = list(self.lines)
        lines[4] = lines[4].replace(b"Ljubljana", b"Ljubljana \xe8")
        refused, printed = attempt_bytes(b"\n".join(lines))
        self.assertTrue(refused, printed)
        self.assertIn("line 5: not UTF-8 text", printed)
        self.assertFalse(Partner.objects.exists())

    def test_a_text_holding_an_unpaired_surrogate_names_its_line(self):
        """JSON may escape half a character (\\ud800); no database stores it."""
        lines = list(self.lines)
        lines[3] = lines[3].replace(b'"How foster', b'"\\ud800How foster')
        refused, printed = attempt_bytes(b"\n".join(lines))
        self.assertTrue(refused, printed)
        self.assertIn("line 4: summary: ", printed)
        self.assertFalse(Partner.objects.exists())

    def test_a_character_escaped_as_a_surrogate_pair_is_read(self):
        lines = list(self.lines)
        lines[3] = lines[3].replace(b'"How foster', b'"\\ud83d\\ude00 How foster')
        refused, printed = attempt_bytes(b"\n".join(lines))
        self.assertFalse(refused, printed)
        self.assertTrue(
            PracticeGuidePage.objects.get().summary.startswith("\U0001f600")
        )

    def test_a_key_given_twice_is_refused(self):
        """Python's json keeps the last value and drops the first unseen."""
        lines = list(self.lines)
        lines[3] = lines[3].replace(b'"title":', b'"title": "Lost", "title":')
        refused, printed = attempt_bytes(b"\n".join(lines))
        self.assertTrue(refused, printed)
        self.assertIn("line 4: title: given twice", printed)

    def test_json_nested_too_deeply_names_its_line(self):
        line = b'{"type": "topic", "name": "x", "description": ' + b"[" * 100_000
        refused, printed = attempt_bytes(b"\n".join([*self.lines, line]))
        self.assertTrue(refused, printed)
        self.assertIn("line 7: not valid JSON", printed)

    def test_a_folder_instead_of_a_file(self):
        with self.assertRaisesMessage(CommandError, "Is a directory"):
            call_command("import_content", tempfile.mkdtemp(), stdout=StringIO())


class LineSeparatorTests(TestCase):
    def test_texts_with_unicode_line_separators_come_back(self):
        """JSON leaves U+2028, U+2029 and NEL unescaped: only line feeds end a
        record, or an export would not import."""
        PracticeGuidePageFactory(
            title="Separators", summary="One\u2028two\u2029three\x85four"
        )
        records = export_import_export()
        (guide,) = [r for r in records if r["type"] == "practice"]
        self.assertEqual(guide["summary"], "One\u2028two\u2029three\x85four")
