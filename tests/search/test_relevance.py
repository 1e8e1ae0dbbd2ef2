import datetime

from django.test import TestCase

from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
)
from tests.search.fixtures import rich_text, slugs


class SearchableFieldTests(TestCase):
    """Every field the issue names finds its document, folded, on any database."""

    @classmethod
    def setUpTestData(cls):
        partner = PartnerFactory(name="Centar Šprinc", slug="sprinc")
        PolicyBriefPageFactory(
            slug="brief",
            partner=partner,
            body=rich_text("Bodyword appears in the body."),
            recommendations=[("recommendation", "Fund the ombudsperson's helpline.")],
            audience="Parliamentary committees",
        )
        StudyVisitPageFactory(
            slug="visit",
            partner=partner,
            location="Kragujevac, Serbia",
            lessons="<p>Kinship placements worked.</p>",
            follow_up="<p>A joint handbook followed.</p>",
        )
        PracticeGuidePageFactory(
            slug="practice",
            partner=partner,
            target_groups="Unaccompanied minors",
            other_standards="Minimum standards of the Palermo protocol",
        )

    def test_fields(self):
        for query, slug in [
            ("bodyword", "brief"),
            ("ombudsperson", "brief"),
            # Another form of the word finds it; part of a word does not.
            ("ombudspersons", "brief"),
            ("ombuds", None),
            ("parliamentary", "brief"),
            ("kragujevac", "visit"),
            ("kinship", "visit"),
            ("handbook", "visit"),
            ("unaccompanied", "practice"),
            ("palermo", "practice"),
        ]:
            with self.subTest(query=query):
                self.assertEqual(slugs(self.client, query), [slug] if slug else [])

    def test_partner_name_in_either_script_without_diacritics(self):
        self.assertEqual(
            set(slugs(self.client, "sprinc")), {"brief", "visit", "practice"}
        )
        self.assertEqual(
            set(slugs(self.client, "Шпринц")), {"brief", "visit", "practice"}
        )


class GentleBoostTests(TestCase):
    """Recent and recently reviewed documents win ties, never over a title match."""

    @classmethod
    def setUpTestData(cls):
        partner = PartnerFactory()
        today = datetime.date.today()
        common = {
            "partner": partner,
            "summary": "Mentoring for young people leaving care.",
        }
        # Created first, so the lower id: without the boosts it would come last.
        PracticeGuidePageFactory(slug="recent", title="Mentoring", date=today, **common)
        PracticeGuidePageFactory(
            slug="old", title="Mentoring", date=datetime.date(2005, 1, 1), **common
        )
        PracticeGuidePageFactory(
            slug="reviewed",
            title="Outreach",
            date=datetime.date(2008, 1, 1),
            last_reviewed=today - datetime.timedelta(days=30),
            **common,
        )
        PracticeGuidePageFactory(
            slug="unreviewed",
            title="Outreach",
            date=datetime.date(2008, 1, 1),
            **common,
        )
        PracticeGuidePageFactory(
            slug="new-body-only",
            title="Annual report",
            summary="Figures of the year.",
            body=rich_text("One paragraph on mentoring."),
            date=today,
            partner=partner,
        )

    def test_recent_first_among_equals(self):
        self.assertEqual(slugs(self.client, "mentoring")[:2], ["recent", "old"])

    def test_reviewed_first_among_equals(self):
        self.assertEqual(slugs(self.client, "outreach"), ["reviewed", "unreviewed"])

    def test_a_title_match_outranks_a_newer_body_match(self):
        self.assertEqual(slugs(self.client, "mentoring")[-1], "new-body-only")
