"""Follow-up actions of study visits in the interchange format."""

from django.test import TestCase

from exchanges.models import StudyVisitPage
from tests.interchange import export_import_export, failed_import, run_import
from tests.interchange.records import KLJUC, PARTNER, PRACTICE

ACTIONS = [
    {
        "description": "Train specialised foster carers",
        "owner": "astra",
        "due_date": "2011-12-31",
        "status": "adopted",
        "resulting_guide": "specialised-foster-care",
        "note": "",
    },
    {
        "description": "Agree a referral protocol with the police",
        "owner": "kljuc",
        "due_date": "2012-06-30",
        "status": "in-progress",
        "resulting_guide": None,
        "note": "",
    },
    {
        "description": "Open a hotline",
        "owner": "kljuc",
        "due_date": None,
        "status": "dropped",
        "resulting_guide": None,
        "note": "No funding was found.",
    },
]
VISIT = {
    "type": "visit",
    "slug": "ljubljana-2011",
    "title": "Study visit to Ljubljana",
    "summary": "What ASTRA learnt from Ključ.",
    "body": "Notes.",
    "language": "en",
    "partner": "astra",
    "country": "SI",
    "date": "2011-05-01",
    "host": "kljuc",
    "location": "Ljubljana",
    "start_date": "2011-05-01",
    "end_date": "2011-05-03",
    "follow_up_actions": ACTIONS,
}


class FollowUpInterchangeTests(TestCase):
    def test_imports_the_actions_of_a_visit(self):
        report = run_import([PARTNER, KLJUC, PRACTICE, VISIT])
        self.assertIn("visit: 1 created", report)
        visit = StudyVisitPage.objects.get()
        self.assertEqual(
            [
                (a.owner.slug, a.status, getattr(a.resulting_guide, "slug", None))
                for a in visit.follow_up_actions.all()
            ],
            [
                ("astra", "adopted", "specialised-foster-care"),
                ("kljuc", "in-progress", None),
                ("kljuc", "dropped", None),
            ],
        )
        latest = visit.get_latest_revision_as_object()
        self.assertEqual(latest.follow_up_actions.count(), 3)
        self.assertContains(self.client.get(visit.url), "Open a hotline")

    def test_importing_again_replaces_the_actions(self):
        run_import([PARTNER, KLJUC, PRACTICE, VISIT])
        run_import([{**VISIT, "follow_up_actions": ACTIONS[1:2]}])
        visit = StudyVisitPage.objects.get()
        self.assertEqual(
            [a.description for a in visit.follow_up_actions.all()],
            ["Agree a referral protocol with the police"],
        )

    def test_bad_actions_are_named_and_nothing_is_imported(self):
        def visit(slug, **action):
            return {
                **VISIT,
                "slug": slug,
                "follow_up_actions": [{**ACTIONS[1], **action}],
            }

        records = [
            PARTNER,
            KLJUC,
            visit("ghost-owner", owner="ghost"),
            visit("ghost-guide", status="adopted", resulting_guide="ghost"),
            visit("bad-status", status="done"),
            visit("bad-date", due_date="30.6.2012"),
            visit("too-early", due_date="2011-04-30"),
            visit("adopted-bare", status="adopted"),
            visit("dropped-bare", status="dropped"),
            visit("typo", descripton="x"),
            {**VISIT, "slug": "not-a-list", "follow_up_actions": "Train carers"},
        ]
        err = failed_import(records)
        for text in [
            "line 3: follow_up_actions: action 1: owner: unknown partner 'ghost'",
            "line 4: follow_up_actions: action 1: resulting_guide: unknown practice 'ghost'",
            "line 5: follow_up_actions: action 1: status: 'done' is not one of",
            "line 6: follow_up_actions: action 1: due_date: '30.6.2012' is not a date",
            "line 7: follow_up_actions: action 1: due_date: The due date cannot be",
            "line 8: follow_up_actions: action 1: note: Say what was adopted",
            "line 9: follow_up_actions: action 1: note: Say in a note why",
            "line 10: follow_up_actions: action 1: unknown field 'descripton'",
            "line 11: follow_up_actions: must be a list of action objects",
        ]:
            self.assertIn(text, err)
        self.assertFalse(StudyVisitPage.objects.exists())

    def test_import_export_import_changes_nothing(self):
        run_import(
            [
                PARTNER,
                KLJUC,
                PRACTICE,
                VISIT,
                {**VISIT, "slug": "draft-visit", "status": "draft"},
            ]
        )
        export = export_import_export()
        records = {(r["type"], r["slug"]): r for r in export if "slug" in r}
        self.assertEqual(
            records[("visit", "ljubljana-2011")]["follow_up_actions"], ACTIONS
        )
        self.assertEqual(
            records[("visit", "draft-visit")]["follow_up_actions"], ACTIONS
        )
