"""Training programmes in the interchange format: import, export, round trip."""

from django.test import TestCase

from tests.factories import UploadedDocumentFactory
from tests.interchange import export_import_export, failed_import, run_import
from tests.interchange.records import PARTNER, PRACTICE
from training.models import TrainingProgrammePage

TRAINING = {
    "type": "training",
    "slug": "obuka-hranitelja",
    "title": "Obuka hranitelja",
    "summary": "Akreditovana obuka za specijalizovane hranitelje.",
    "body": "## Cilj\n\nPriprema porodica.",
    "language": "sr-Latn",
    "partner": "astra",
    "country": "RS",
    "date": "2011-02-01",
    "topics": ["Training"],
    "target_groups": ["Foster families", "Social workers"],
    "modules": [
        {
            "title": "Trgovina ljudima i deca",
            "hours": 4,
            "learning_outcomes": ["Prepoznati indikatore", "Uputiti dete"],
        },
        {"title": "Trauma i privrženost", "hours": 6},
    ],
    "trainer_requirements": "Licencirani socijalni radnik.",
    "accreditation_body": "Republički zavod za socijalnu zaštitu",
    "accreditation_status": "accredited",
    "accredited_until": "2014-02-01",
    "related_practices": ["specialised-foster-care"],
}


class TrainingImportTests(TestCase):
    def setUp(self):
        # In this test's own media folder, where the safeguarding gate reads it.
        self.handbook = UploadedDocumentFactory(title="Priručnik")

    def training(self, **overrides):
        materials = [{"file": self.handbook.file.name, "title": "Priručnik za trenere"}]
        return {**TRAINING, "materials": materials, **overrides}

    def test_imports_a_programme_with_its_modules_and_materials(self):
        report = run_import([PARTNER, PRACTICE, self.training()])
        self.assertIn("training: 1 created", report)
        page = TrainingProgrammePage.objects.get()
        self.assertTrue(page.live)
        self.assertEqual(page.target_group_list, ["Foster families", "Social workers"])
        self.assertEqual(
            [(m.title, m.hours, m.learning_outcome_list) for m in page.modules.all()],
            [
                (
                    "Trgovina ljudima i deca",
                    4,
                    ["Prepoznati indikatore", "Uputiti dete"],
                ),
                ("Trauma i privrženost", 6, []),
            ],
        )
        self.assertEqual(page.total_hours, 10)
        self.assertEqual(
            [(m.document, m.label) for m in page.materials.all()],
            [(self.handbook, "Priručnik za trenere")],
        )
        self.assertEqual(page.accreditation_status, "accredited")
        self.assertEqual(
            [p.slug for p in page.related_practices.all()], ["specialised-foster-care"]
        )
        # The revision editors open holds the modules too.
        latest = page.get_latest_revision_as_object()
        self.assertEqual(latest.modules.count(), 2)
        self.assertContains(self.client.get(page.url), "Trauma i privrženost")

    def test_importing_again_replaces_the_modules(self):
        run_import([PARTNER, PRACTICE, self.training()])
        shorter = self.training(modules=[{"title": "Jedan modul", "hours": 3}])
        report = run_import([shorter])
        self.assertIn("training: 0 created, 1 updated", report)
        page = TrainingProgrammePage.objects.get()
        self.assertEqual([m.title for m in page.modules.all()], ["Jedan modul"])
        self.assertEqual(page.total_hours, 3)

    def test_bad_programmes_are_named_and_nothing_is_imported(self):
        records = [
            PARTNER,
            self.training(slug="no-modules", modules=[]),
            self.training(slug="zero-hours", modules=[{"title": "X", "hours": 0}]),
            self.training(slug="typo", modules=[{"title": "X", "hours": 2, "hour": 2}]),
            self.training(slug="bad-status", accreditation_status="approved"),
            self.training(slug="no-file", materials=[{"file": "documents/ghost.pdf"}]),
            self.training(slug="ghost-practice", related_practices=["ghost"]),
            self.training(slug="no-groups", target_groups=[]),
            self.training(slug="text-module", modules=["Module one"]),
        ]
        err = failed_import(records)
        for text in [
            "line 2: modules: must not be empty",
            "line 3: modules: module 1: hours: must be a whole number of hours",
            "line 4: modules: module 1: unknown field 'hour'",
            "line 5: accreditation_status: 'approved' is not one of",
            "line 6: materials: no file 'documents/ghost.pdf' in the document library or the media folder",
            "line 7: related_practices: unknown practice 'ghost'",
            "line 8: target_groups: must not be empty",
            "line 9: modules: module 1: must be a JSON object",
        ]:
            self.assertIn(text, err)
        self.assertFalse(TrainingProgrammePage.objects.exists())

    def test_import_export_import_changes_nothing(self):
        run_import(
            [
                PARTNER,
                PRACTICE,
                self.training(),
                self.training(slug="draft-programme", status="draft", restricted=True),
            ]
        )
        export = export_import_export()
        records = {(r["type"], r["slug"]): r for r in export if "slug" in r}
        exported = records[("training", "obuka-hranitelja")]
        for field in (
            "title",
            "target_groups",
            "modules",
            "trainer_requirements",
            "accreditation_body",
            "accreditation_status",
            "accredited_until",
            "related_practices",
        ):
            expected = TRAINING[field]
            if field == "modules":
                expected = [{"learning_outcomes": [], **m} for m in expected]
            self.assertEqual(exported[field], expected, field)
        self.assertEqual(
            exported["materials"],
            [{"file": self.handbook.file.name, "title": "Priručnik za trenere"}],
        )
        self.assertEqual(records[("training", "draft-programme")]["status"], "draft")
