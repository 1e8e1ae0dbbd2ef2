"""The evidence fields of practice guides in the interchange format."""

from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase

from practices.models import PracticeGuidePage
from tests.factories import UploadedDocumentFactory
from tests.interchange import (
    export_import_export,
    failed_import,
    run_import,
    write_file,
)
from tests.interchange.records import PARTNER

PRACTICE = {
    "type": "practice",
    "slug": "akreditovana-obuka",
    "title": "Akreditovana obuka hranitelja",
    "summary": "Četiri modula za specijalizovane hranitelje.",
    "body": "Koraci.",
    "language": "sr-Latn",
    "partner": "astra",
    "country": "RS",
    "date": "2011-03-01",
    "evidence_level": "evaluated",
    "children_feedback": True,
    "carers_feedback": False,
}


class EvidenceInterchangeTests(TestCase):
    def setUp(self):
        # In this test's own media folder, where the safeguarding gate reads it.
        self.report = UploadedDocumentFactory(title="Evaluacija 2011")

    def practice(self, **overrides):
        documents = [{"file": self.report.file.name, "label": "Evaluacija, 2011"}]
        return {**PRACTICE, "evaluation_documents": documents, **overrides}

    def test_imports_level_feedback_and_evaluation_documents(self):
        run_import([PARTNER, self.practice()])
        guide = PracticeGuidePage.objects.get()
        self.assertEqual(guide.evidence_level, "evaluated")
        self.assertTrue(guide.children_feedback)
        self.assertFalse(guide.carers_feedback)
        self.assertEqual(
            [(e.document, e.label) for e in guide.evaluation_documents.all()],
            [(self.report, "Evaluacija, 2011")],
        )
        self.assertContains(self.client.get(guide.url), "Evaluacija, 2011")

    def test_feedback_defaults_to_not_collected(self):
        record = {**PRACTICE, "evidence_level": "emerging"}
        del record["children_feedback"], record["carers_feedback"]
        run_import([PARTNER, record])
        guide = PracticeGuidePage.objects.get()
        self.assertEqual(
            (guide.children_feedback, guide.carers_feedback), (False, False)
        )

    def test_bad_values_are_named_by_line_and_nothing_is_imported(self):
        records = [
            PARTNER,
            self.practice(slug="no-document", evaluation_documents=[]),
            self.practice(
                slug="proven-bare", evidence_level="proven", evaluation_documents=None
            ),
            self.practice(
                slug="ghost",
                evaluation_documents=[{"file": "documents/ghost.pdf", "label": "X"}],
            ),
            self.practice(
                slug="no-label", evaluation_documents=[{"file": self.report.file.name}]
            ),
            self.practice(slug="yes-string", children_feedback="yes"),
            self.practice(slug="anecdotal", evidence_level="anecdotal"),
        ]
        err = failed_import(records)
        for text in [
            "line 2: evaluation_documents: evidence_level 'evaluated' needs at least "
            "one evaluation document",
            "line 3: evaluation_documents: evidence_level 'proven' needs at least one",
            "line 4: evaluation_documents: no file 'documents/ghost.pdf' in the document library or the media folder",
            "line 5: evaluation_documents: evaluation document 1: label: missing",
            "line 6: children_feedback: must be true or false",
            "line 7: evidence_level: 'anecdotal' is not one of emerging, promising, "
            "evaluated, proven",
        ]:
            self.assertIn(text, err)
        self.assertFalse(PracticeGuidePage.objects.exists())

    def test_import_export_import_changes_nothing(self):
        run_import(
            [
                PARTNER,
                self.practice(),
                self.practice(
                    slug="nastajuca",
                    evidence_level="emerging",
                    evaluation_documents=[],
                    carers_feedback=True,
                    status="draft",
                ),
            ]
        )
        export = export_import_export()
        records = {r["slug"]: r for r in export if r["type"] == "practice"}
        exported = records["akreditovana-obuka"]
        self.assertEqual(
            (exported["evidence_level"], exported["children_feedback"]),
            ("evaluated", True),
        )
        self.assertEqual(
            exported["evaluation_documents"],
            [{"file": self.report.file.name, "label": "Evaluacija, 2011"}],
        )
        self.assertEqual(
            (
                records["nastajuca"]["carers_feedback"],
                records["nastajuca"]["evaluation_documents"],
            ),
            (True, []),
        )


def practice(slug, **fields):
    return {**PRACTICE, "slug": slug, "evidence_level": "emerging", **fields}


def adapted(slug, original, **fields):
    return practice(
        slug, adapted_from=original, adaptation_notes="Changed X.", **fields
    )


class LineageInterchangeTests(TestCase):
    def test_adaptations_may_come_before_their_originals(self):
        run_import(
            [
                PARTNER,
                adapted("grandchild", "child"),
                adapted("child", "original", country="SI"),
                practice("original", country="GB"),
            ]
        )
        guides = {g.slug: g for g in PracticeGuidePage.objects.all()}
        self.assertEqual(guides["grandchild"].adapted_from, guides["child"])
        self.assertEqual(guides["child"].adapted_from, guides["original"])
        self.assertEqual(guides["child"].adaptation_notes, "Changed X.")
        self.assertIsNone(guides["original"].adapted_from)
        # What editors open (the latest revision) holds the link too.
        latest = guides["grandchild"].get_latest_revision_as_object()
        self.assertEqual(latest.adapted_from_id, guides["child"].pk)

    def test_bad_lineage_is_named_by_line_and_nothing_is_imported(self):
        records = [
            PARTNER,
            adapted("ghost-child", "ghost"),
            adapted("narcissus", "narcissus"),
            adapted("a", "b"),
            adapted("b", "a"),
            practice("notes-only", adaptation_notes="Changed Y."),
            practice("silent", adapted_from="a"),
        ]
        err = failed_import(records)
        for text in [
            "line 2: adapted_from: unknown practice 'ghost'",
            "line 3: adapted_from: is the practice itself",
            "line 4: adapted_from: makes a circle: a → b → a",
            "line 5: adapted_from: makes a circle: b → a → b",
            "line 6: adapted_from: missing, but adaptation_notes is given",
            "line 7: adaptation_notes: must say what was changed and why",
        ]:
            self.assertIn(text, err)
        self.assertFalse(PracticeGuidePage.objects.exists())

    def test_a_circle_through_the_database_is_refused(self):
        run_import([PARTNER, practice("a"), adapted("b", "a")])
        with self.assertRaisesMessage(CommandError, "1 problem"):
            call_command(
                "import_content",
                str(write_file([adapted("a", "b")])),
                stdout=StringIO(),
                stderr=StringIO(),
            )
        self.assertIsNone(PracticeGuidePage.objects.get(slug="a").adapted_from)

    def test_round_trip_keeps_the_lineage(self):
        run_import([PARTNER, adapted("child", "original"), practice("original")])
        export = export_import_export()
        records = {r["slug"]: r for r in export if r["type"] == "practice"}
        self.assertEqual(
            (records["child"]["adapted_from"], records["child"]["adaptation_notes"]),
            ("original", "Changed X."),
        )
        self.assertIsNone(records["original"]["adapted_from"])
