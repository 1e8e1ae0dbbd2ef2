"""Cited articles in the interchange format: references like ``cets-197:10`` on
practice and brief records, checked before anything is written."""

import json
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase

from briefs.models import PolicyBriefPage
from interchange.exporter import export_records
from interchange.importer import InvalidFile, import_lines
from practices.models import PracticeGuidePage
from standards.models import Standard
from tests.interchange import write_file
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

    def test_an_unknown_article_of_a_listed_standard_names_the_line(self):
        bad_brief = {**BRIEF, "standards": ["cets-197:999"]}
        with self.assertRaises(InvalidFile) as raised:
            import_lines(lines(PARTNER, PRACTICE, bad_brief))
        problems = [str(problem) for problem in raised.exception.problems]
        self.assertEqual(
            problems, ["line 3: standards: unknown article 'cets-197:999'"]
        )
        self.assertFalse(PracticeGuidePage.objects.exists())

    def test_free_text_names_instruments_and_keeps_the_rest(self):
        old = {
            **PRACTICE,
            "standards": [
                "EU Directive 2011/36/EU",
                "Lanzarote Convention",
                "CoE Convention on Action against Trafficking",
                "UNCRC",
                "cets-197",
                "Palermo Protocol",
                "nope:1",
            ],
            "other_standards": ["National bylaw"],
        }
        err = StringIO()
        call_command(
            "import_content",
            str(write_file(lines(PARTNER, old, BRIEF))),
            stdout=StringIO(),
            stderr=err,
        )
        guide = PracticeGuidePage.objects.get(slug="identification-indicators")
        self.assertEqual(
            [citation.reference for citation in guide.citations()],
            ["eu-2011-36", "cets-201", "cets-197", "uncrc"],
        )
        self.assertEqual(
            guide.other_standard_list, ["National bylaw", "Palermo Protocol", "nope:1"]
        )
        self.assertIn(
            "line 2: standards: 'Lanzarote Convention' is read as 'cets-201', "
            "a citation of the whole standard",
            err.getvalue(),
        )
        self.assertIn(
            "line 2: standards: 'Palermo Protocol' is not on the site's list of "
            "standards; kept in other_standards",
            err.getvalue(),
        )
        # The page shows each instrument, linked to its page.
        html = self.client.get(guide.url).content.decode()
        self.assertIn('<a href="/en/standards/cets-201/" lang="en">', html)
        self.assertIn("Palermo Protocol", html)
        # The export names them by code, and reads back without a note.
        (record,) = [r for r in export_records() if r["type"] == "practice"]
        self.assertEqual(
            record["standards"], ["eu-2011-36", "cets-201", "cets-197", "uncrc"]
        )
        report = import_lines(lines(PARTNER, record))
        self.assertEqual(report.notes, [])

    def test_an_alias_set_in_the_admin_is_read(self):
        standard = Standard.objects.get(code="rs-criminal-code")
        standard.aliases += "\nKZ Srbije"
        standard.save()
        import_lines(lines(PARTNER, {**BRIEF, "standards": ["KZ srbije"]}))
        brief = PolicyBriefPage.objects.get(slug="guardianship-brief")
        self.assertEqual(
            [citation.reference for citation in brief.citations()],
            ["rs-criminal-code"],
        )
        self.assertEqual(brief.other_standard_list, [])

    def test_an_alias_naming_another_standard_is_refused(self):
        standard = Standard.objects.get(code="uncrc")
        standard.aliases = "lanzarote  convention"
        with self.assertRaisesMessage(ValidationError, "Lanzarote Convention"):
            standard.full_clean()
