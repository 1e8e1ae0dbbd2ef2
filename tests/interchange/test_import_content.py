import json
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from briefs.models import PolicyBriefPage
from exchanges.models import StudyVisitPage
from knowledge.models import KnowledgePage, Partner, Topic
from practices.models import PracticeGuidePage
from tests.interchange.records import BRIEF, KLJUC, PARTNER, PRACTICE

VISIT = {
    "type": "visit",
    "slug": "ljubljana-2011",
    "title": "Study visit to Ljubljana",
    "summary": "What we learned.",
    "body": "Notes.",
    "language": "en",
    "partner": "astra",
    "country": "SI",
    "date": "2011-05-10",
    "host": "kljuc",
    "participants": ["astra"],
    "location": "Ljubljana, Slovenia",
    "start_date": "2011-05-10",
    "end_date": "2011-05-12",
    "lessons": "- Multi-agency teams work.",
    "related_practices": ["specialised-foster-care"],
    "status": "draft",
}


def write_file(tmp_dir: Path, records, name="content.jsonl") -> Path:
    path = tmp_dir / name
    lines = [
        r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class ImportContentTests(TestCase):
    def setUp(self):
        import tempfile

        self.tmp = Path(tempfile.mkdtemp())

    def run_import(self, records):
        out, err = StringIO(), StringIO()
        call_command(
            "import_content", str(write_file(self.tmp, records)), stdout=out, stderr=err
        )
        return out.getvalue(), err.getvalue()

    def failed_import(self, records):
        err = StringIO()
        with self.assertRaises(CommandError) as raised:
            call_command(
                "import_content",
                str(write_file(self.tmp, records)),
                stdout=StringIO(),
                stderr=err,
            )
        return str(raised.exception), err.getvalue()

    def test_imports_every_type_with_its_fields(self):
        self.run_import([PARTNER, KLJUC, PRACTICE, BRIEF, VISIT])
        practice = PracticeGuidePage.objects.get(slug="specialised-foster-care")
        self.assertTrue(practice.live)
        self.assertEqual(practice.language, "sr-Latn")
        self.assertEqual(practice.country.code, "RS")
        self.assertEqual(
            practice.target_group_list, ["Foster carers", "Social workers"]
        )
        self.assertEqual(practice.evidence_level, "promising")
        self.assertEqual(
            sorted(t.name for t in practice.topics.all()), ["Foster care", "Training"]
        )
        body_html = practice.body[0].value.source
        self.assertIn("<h2>Koraci</h2>", body_html)
        self.assertIn('<a href="https://example.org/smernice">smernice</a>', body_html)

        brief = PolicyBriefPage.objects.get(slug="brief-foster-care")
        self.assertTrue(brief.restricted)
        self.assertTrue(brief.get_view_restrictions().exists())
        self.assertEqual(
            brief.recommendation_texts,
            ["Fund specialised foster care.", "Train carers."],
        )

        visit = StudyVisitPage.objects.get(slug="ljubljana-2011")
        self.assertFalse(visit.live)
        self.assertEqual(visit.host.slug, "kljuc")
        self.assertEqual([p.slug for p in visit.participants.all()], ["astra"])
        self.assertEqual(
            [p.slug for p in visit.related_practices.all()], [practice.slug]
        )
        self.assertIn("<li>Multi-agency teams work.</li>", visit.lessons)

    def test_queries_do_not_grow_with_the_number_of_new_documents(self):
        self.run_import([PARTNER, PRACTICE, BRIEF])

        def documents(prefix, count):
            return [PARTNER] + [
                {**record, "slug": f"{prefix}-{record['type']}-{n}"}
                for n in range(count)
                for record in (PRACTICE, BRIEF)
            ]

        counts = []
        for prefix, count in (("few", 2), ("many", 6)):
            with CaptureQueriesContext(connection) as queries:
                self.run_import(documents(prefix, count))
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(KnowledgePage.objects.count(), 2 + 2 * 2 + 2 * 6)

    def test_unknown_topics_are_created_with_a_slug(self):
        self.run_import([PARTNER, PRACTICE])
        self.assertEqual(Topic.objects.get(name="Foster care").slug, "foster-care")

    def test_importing_the_same_file_twice_updates_in_place(self):
        self.run_import([PARTNER, KLJUC, PRACTICE, BRIEF, VISIT])
        changed = {**PRACTICE, "title": "Specijalizovano hraniteljstvo (2. izdanje)"}
        out, _ = self.run_import([PARTNER, KLJUC, changed, BRIEF, VISIT])
        self.assertIn("practice: 0 created, 1 updated", out)
        self.assertEqual(KnowledgePage.objects.count(), 3)
        self.assertEqual(Partner.objects.count(), 2)
        self.assertEqual(
            PracticeGuidePage.objects.get().title,
            "Specijalizovano hraniteljstvo (2. izdanje)",
        )

    def test_status_draft_unpublishes_a_live_document(self):
        self.run_import([PARTNER, PRACTICE])
        self.run_import([PARTNER, {**PRACTICE, "status": "draft"}])
        self.assertFalse(PracticeGuidePage.objects.get().live)

    def test_raw_html_and_script_links_in_markdown_never_reach_the_page(self):
        hostile = {
            **PRACTICE,
            "body": "<script>alert(1)</script>\n\n[click](javascript:alert(1)) "
            '<img src=x onerror="alert(1)">',
        }
        self.run_import([PARTNER, hostile])
        html = PracticeGuidePage.objects.get().body[0].value.source
        self.assertNotIn("<script", html)
        self.assertNotIn("<img", html)
        self.assertNotIn("javascript:", html)

    def test_a_bad_file_names_every_problem_and_imports_nothing(self):
        records = [
            PARTNER,
            "{not json",
            {"type": "poster", "slug": "x"},
            {**PRACTICE, "slug": "missing-title", "title": None},
            {**PRACTICE, "slug": "bad-date", "date": "2011-13-45"},
            {**PRACTICE, "slug": "bad-language", "language": "de"},
            {**PRACTICE, "slug": "bad-partner", "partner": "nobody"},
            {**PRACTICE, "slug": "bad-country", "country": "XX"},
            {**VISIT, "slug": "backwards", "end_date": "2011-05-01"},
            {**PRACTICE, "slug": "bad-evidence", "evidence_level": "anecdotal"},
            {**PRACTICE, "slug": "typo", "titel": "x"},
            [1, 2],
        ]
        message, err = self.failed_import(records)
        self.assertIn("nothing was imported", message)
        expected = [
            "line 2: not valid JSON",
            "line 3: type: unknown type 'poster'",
            "line 4: title: missing",
            "line 5: date: '2011-13-45' is not a date",
            "line 6: language: 'de' is not one of",
            "line 7: partner: unknown partner 'nobody'",
            "line 8: country: 'XX' is not an ISO 3166",
            "line 9: end_date: is before start_date",
            "line 10: evidence_level: 'anecdotal' is not one of",
            "line 11: titel: unknown field",
            "line 12: a record must be a JSON object",
        ]
        for text in expected:
            self.assertIn(text, err)
        self.assertEqual(Partner.objects.count(), 0)
        self.assertEqual(KnowledgePage.objects.count(), 0)
        self.assertEqual(Topic.objects.count(), 0)

    def test_duplicate_slugs_in_one_file_are_refused(self):
        _, err = self.failed_import([PARTNER, PRACTICE, PRACTICE])
        self.assertIn("line 3: slug: repeats the practice on line 2", err)

    def test_references_to_practices_that_do_not_exist_are_refused(self):
        _, err = self.failed_import(
            [PARTNER, KLJUC, {**VISIT, "related_practices": ["ghost"]}]
        )
        self.assertIn("line 3: related_practices: unknown practice 'ghost'", err)

    def test_partners_may_come_before_or_from_the_database(self):
        self.run_import([PARTNER])
        self.run_import([PRACTICE])
        self.assertEqual(PracticeGuidePage.objects.get().partner.slug, "astra")

    def test_missing_or_undecodable_file_fails_clearly(self):
        with self.assertRaisesMessage(CommandError, "no such file"):
            call_command("import_content", str(self.tmp / "absent.jsonl"))
        latin1 = self.tmp / "latin1.jsonl"
        latin1.write_bytes('{"name": "Klju\u010d"}'.encode("cp1250"))
        err = StringIO()
        with self.assertRaisesMessage(CommandError, "nothing was imported"):
            call_command("import_content", str(latin1), stderr=err)
        self.assertIn("line 1: not UTF-8 text", err.getvalue())


class RoundTripTests(TestCase):
    def test_import_export_import_changes_nothing(self):
        import tempfile

        tmp = Path(tempfile.mkdtemp())
        call_command(
            "import_content",
            str(write_file(tmp, [PARTNER, KLJUC, PRACTICE, BRIEF, VISIT])),
            stdout=StringIO(),
        )
        first = tmp / "first.jsonl"
        call_command("export_content", str(first), stdout=StringIO())
        call_command("import_content", str(first), stdout=StringIO())
        second = tmp / "second.jsonl"
        call_command("export_content", str(second), stdout=StringIO())
        self.assertEqual(first.read_text(), second.read_text())

        records = {
            (r["type"], r.get("slug")): r
            for r in map(json.loads, first.read_text().splitlines())
        }
        practice = records[("practice", "specialised-foster-care")]
        for field in (
            "title",
            "summary",
            "partner",
            "date",
            "target_groups",
            "standards",
            "other_standards",
        ):
            self.assertEqual(practice[field], PRACTICE[field], field)
        self.assertEqual(practice["language"], "sr-Latn")
        self.assertEqual(practice["country"], "RS")
        self.assertEqual(
            " ".join(practice["body"].split()), " ".join(PRACTICE["body"].split())
        )
        brief = records[("brief", "brief-foster-care")]
        self.assertTrue(brief["restricted"])
        self.assertEqual(brief["recommendations"], BRIEF["recommendations"])
        visit = records[("visit", "ljubljana-2011")]
        self.assertEqual(visit["status"], "draft")
        self.assertEqual(visit["lessons"], VISIT["lessons"])
        self.assertEqual(visit["related_practices"], VISIT["related_practices"])
        self.assertIn(("partner", "kljuc"), records)
        self.assertIn(("topic", "foster-care"), records)
