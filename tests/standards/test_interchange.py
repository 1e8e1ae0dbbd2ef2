"""Cited articles in the interchange format: references like ``cets-197:10`` on
practice and brief records, checked before anything is written."""

import json

from django.test import TestCase

from briefs.models import PolicyBriefPage
from interchange.exporter import export_records
from interchange.importer import InvalidFile, import_lines
from practices.models import PracticeGuidePage
from tests.interchange import failed_import
from tests.interchange.records import PARTNER

COMMON = {
    "body": "Text.",
    "language": "en",
    "partner": "astra",
    "country": "RS",
    "date": "2012-01-01",
}
PRACTICE = {
    "type": "practice",
    "slug": "identification-indicators",
    "title": "Identification indicators",
    "summary": "Indicators for social workers.",
    **COMMON,
    "standards": ["cets-197:10", "eu-2011-36:13", "rs-criminal-code:388"],
    "other_standards": ["Palermo Protocol"],
}
BRIEF = {
    "type": "brief",
    "slug": "guardianship-brief",
    "title": "Guardians for unaccompanied children",
    "summary": "Why guardians must be appointed at once.",
    **COMMON,
    "standards": ["greta-serbia:unaccompanied-children", "eu-2011-36:16"],
}


def lines(*records):
    return [json.dumps(record, ensure_ascii=False) for record in records]


def references(page) -> list[str]:
    return [article.reference for article in page.cited_articles()]


class StandardsInterchangeTests(TestCase):
    def test_import_cites_the_articles_in_order(self):
        import_lines(lines(PARTNER, PRACTICE, BRIEF))
        guide = PracticeGuidePage.objects.get(slug="identification-indicators")
        self.assertEqual(references(guide), PRACTICE["standards"])
        self.assertEqual(guide.other_standard_list, ["Palermo Protocol"])
        brief = PolicyBriefPage.objects.get(slug="guardianship-brief")
        self.assertEqual(references(brief), BRIEF["standards"])

    def test_round_trip(self):
        import_lines(lines(PARTNER, PRACTICE, BRIEF))
        exported = {
            record["slug"]: record
            for record in export_records()
            if record["type"] in ("practice", "brief")
        }
        self.assertEqual(
            exported["identification-indicators"]["standards"], PRACTICE["standards"]
        )
        self.assertEqual(
            exported["identification-indicators"]["other_standards"],
            ["Palermo Protocol"],
        )
        self.assertEqual(
            exported["guardianship-brief"]["standards"], BRIEF["standards"]
        )
        # Importing the export again changes nothing, and updating in place
        # replaces the citations.
        changed = {**exported["guardianship-brief"], "standards": ["uncrc:3"]}
        import_lines(lines(PARTNER, exported["identification-indicators"], changed))
        guide = PracticeGuidePage.objects.get(slug="identification-indicators")
        self.assertEqual(references(guide), PRACTICE["standards"])
        brief = PolicyBriefPage.objects.get(slug="guardianship-brief")
        self.assertEqual(references(brief), ["uncrc:3"])
        self.assertEqual(references(brief.get_latest_revision_as_object()), ["uncrc:3"])

    def test_unknown_or_malformed_references_name_the_line(self):
        bad_brief = {**BRIEF, "standards": ["cets-197:999"]}
        bad_practice = {**PRACTICE, "standards": ["EU Directive 2011/36/EU"]}
        with self.assertRaises(InvalidFile) as raised:
            import_lines(lines(PARTNER, bad_practice, bad_brief))
        problems = [str(problem) for problem in raised.exception.problems]
        self.assertEqual(len(problems), 2, problems)
        self.assertIn(
            "line 2: standards: 'EU Directive 2011/36/EU' is not", problems[0]
        )
        self.assertEqual(
            problems[1], "line 3: standards: unknown article 'cets-197:999'"
        )
        self.assertFalse(PracticeGuidePage.objects.exists())
        self.assertFalse(PolicyBriefPage.objects.exists())

    def test_command_reports_an_unknown_reference(self):
        err = failed_import(lines(PARTNER, {**BRIEF, "standards": ["nope:1"]}))
        self.assertIn("line 2: standards: unknown article 'nope:1'", err)
        self.assertFalse(PolicyBriefPage.objects.exists())
