"""Amendments travel in interchange files (format version 6): an export writes
them, and an import records each as ``record_amendment`` does, once."""

import datetime

from django.core import mail
from django.test import TestCase
from django.utils import timezone

from briefs.models import PolicyBriefPage
from standards.amendments import flagged, record_amendment
from standards.models import Amendment, StandardArticle
from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    cite,
    user_with_role,
)
from tests.interchange import export_import_export, failed_import, run_import

NOTE = "Identification of child victims strengthened."
RECORD = {
    "type": "amendment",
    "article": "CETS-197:10",
    "date": "2024-07-13",
    "note": NOTE,
    "url": "https://eur-lex.europa.eu/eli/dir/2024/1712/oj",
}


class AmendmentInterchangeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA", country="RS")
        cls.guide = PracticeGuidePageFactory(
            title="Guide citing Article 10",
            partner=cls.astra,
            standard_citations=cite("cets-197:10"),
            first_published_at=timezone.now() - datetime.timedelta(days=30),
        )
        user_with_role("editor", partner=cls.astra, email="ed@astra.org")

    def run_import(self, records) -> str:
        with self.captureOnCommitCallbacks(execute=True):
            return run_import(records)

    def test_an_export_writes_them_before_the_documents(self):
        record_amendment(
            StandardArticle.objects.get(standard__code="cets-197", key="10"),
            date=datetime.date(2024, 7, 13),
            note=NOTE,
        )
        records = export_import_export()
        types = [record["type"] for record in records]
        self.assertLess(types.index("amendment"), types.index("practice"))
        self.assertEqual(
            [record for record in records if record["type"] == "amendment"],
            [
                {
                    "type": "amendment",
                    "article": "cets-197:10",
                    "date": "2024-07-13",
                    "note": NOTE,
                    "url": "",
                }
            ],
        )
        self.assertEqual(Amendment.objects.count(), 1)

    def test_an_imported_amendment_flags_and_tells_the_editors_once(self):
        self.assertIn("amendment: 1 created", self.run_import([RECORD]))
        amendment = Amendment.objects.get()
        self.assertEqual(
            (amendment.article.reference, amendment.date, amendment.url),
            ("cets-197:10", datetime.date(2024, 7, 13), RECORD["url"]),
        )
        self.assertEqual(list(flagged().values_list("pk", flat=True)), [self.guide.pk])
        [message] = mail.outbox
        self.assertEqual(message.to, ["ed@astra.org"])
        self.assertIn("Guide citing Article 10", message.body)

        self.assertIn("amendment: 0 created, 1 updated", self.run_import([RECORD]))
        self.run_import([{**RECORD, "note": "Corrected note.", "url": None}])
        amendment.refresh_from_db()
        self.assertEqual((amendment.note, amendment.url), ("Corrected note.", ""))
        self.assertEqual(Amendment.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_documents_the_file_brings_are_not_flagged_by_its_amendments(self):
        brief = {
            "type": "brief",
            "slug": "restored-brief",
            "title": "Restored brief",
            "summary": "Restored from a backup.",
            "body": "",
            "language": "en",
            "partner": "astra",
            "country": "RS",
            "date": "2020-01-01",
            "standards": ["cets-197:10"],
        }
        self.run_import([brief, RECORD])
        restored = PolicyBriefPage.objects.get(slug="restored-brief")
        self.assertNotIn(restored.pk, flagged().values_list("pk", flat=True))
        self.assertNotIn("Restored brief", " ".join(m.body for m in mail.outbox))

    def test_bad_amendments_name_the_line_and_nothing_is_imported(self):
        err = failed_import(
            [
                {**RECORD, "article": "cets-197:999"},
                {**RECORD, "article": "cets-197"},
                {**RECORD, "article": "Palermo Protocol"},
                {**RECORD, "note": " "},
                {**RECORD, "date": "13.7.2024"},
                {**RECORD, "url": "ftp://example.org/act"},
                RECORD,
                {**RECORD, "article": " cets-197:10 "},
            ]
        )
        for problem in (
            "line 1: article: unknown article 'cets-197:999'",
            "line 2: article: 'cets-197' is a standard, not one of its articles",
            "line 3: article: 'Palermo Protocol' is not an article of a standard",
            "line 4: note: must not be empty",
            "line 5: date: '13.7.2024' is not a date (YYYY-MM-DD)",
            "line 6: url: 'ftp://example.org/act' is not an http(s) URL",
            "line 8: article: repeats the amendment on line 7",
        ):
            self.assertIn(problem, err)
        self.assertFalse(Amendment.objects.exists())
