"""A policy brief's own fields in the interchange format (briefs/interchange.py)."""

from django.test import TestCase

from briefs.models import PolicyBriefPage
from tests.interchange import export_import_export, failed_import, run_import
from tests.interchange.records import BRIEF, PARTNER


class BriefInterchangeTests(TestCase):
    def test_recommendations_and_audience_survive_export_and_import(self):
        run_import([PARTNER, BRIEF])
        page = PolicyBriefPage.objects.get(slug=BRIEF["slug"])
        self.assertEqual(page.recommendation_texts, BRIEF["recommendations"])
        self.assertEqual(page.audience, "Ministry of Family Care")
        (brief,) = [r for r in export_import_export() if r["type"] == "brief"]
        self.assertEqual(
            list(brief)[-5:],
            [
                "recommendations",
                "audience",
                "standards",
                "other_standards",
                "attachment",
            ],
        )
        self.assertEqual(brief["recommendations"], BRIEF["recommendations"])
        self.assertEqual(brief["audience"], BRIEF["audience"])

    def test_another_types_field_is_refused(self):
        err = failed_import([PARTNER, {**BRIEF, "host": "astra"}])
        self.assertIn("line 2: host: unknown field", err)
        self.assertFalse(PolicyBriefPage.objects.exists())
