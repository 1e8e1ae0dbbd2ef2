"""Follow-up actions of study visits: editing, the visit and guide pages, the
exchanges index and the API."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from exchanges.models import FollowUpAction, StudyVisitPage
from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    UserFactory,
    user_with_role,
)

EXCHANGES = "/en/exchanges/"


def add_action(visit, **fields):
    fields.setdefault("owner", visit.host)
    fields.setdefault("description", "Write a referral protocol")
    # In the order they are added, as the editor's inline panel numbers them.
    fields.setdefault("sort_order", visit.follow_up_actions.count())
    return FollowUpAction.objects.create(visit=visit, **fields)


class ActionRuleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.visit = StudyVisitPageFactory()
        cls.guide = PracticeGuidePageFactory()

    def errors(self, **fields):
        action = FollowUpAction(
            visit=self.visit, owner=self.visit.host, description="Adopt it", **fields
        )
        try:
            action.full_clean()
        except ValidationError as error:
            return set(error.message_dict)
        return set()

    def test_adopted_names_the_guide_or_says_what_in_a_note(self):
        self.assertEqual(self.errors(status="adopted"), {"note"})
        self.assertEqual(self.errors(status="adopted", note="By the ministry"), set())
        self.assertEqual(
            self.errors(status="adopted", resulting_guide=self.guide), set()
        )

    def test_dropped_says_why(self):
        self.assertEqual(self.errors(status="dropped"), {"note"})
        self.assertEqual(self.errors(status="dropped", note="No funding"), set())

    def test_only_started_actions_have_a_resulting_guide(self):
        self.assertEqual(
            self.errors(status="planned", resulting_guide=self.guide),
            {"resulting_guide"},
        )
        self.assertEqual(
            self.errors(status="in-progress", resulting_guide=self.guide), set()
        )

    def test_unknown_status_is_refused(self):
        self.assertEqual(self.errors(status="done"), {"status"})


def visit_form_data(visit, actions, **overrides):
    data = {
        "title": visit.title,
        "slug": visit.slug,
        "summary": visit.summary,
        "partner": visit.partner.pk,
        "country": "RS",
        "language": "en",
        "date": "2011-05-01",
        "topics": "",
        "review_interval": 12,
        "body": streamfield([]),
        "members_annex": streamfield([]),
        "host": visit.host.pk,
        "participants": [],
        "location": "Ljubljana",
        "start_date": "2011-05-01",
        "end_date": "2011-05-03",
        "lessons": rich_text(""),
        "follow_up": rich_text(""),
        "related_practices": [],
        "follow_up_actions": inline_formset(actions),
        "comments": inline_formset([]),
        "action-publish": "1",
    }
    data.update(overrides)
    return nested_form_data(data)


class ActionEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Društvo Ključ")
        cls.visit = StudyVisitPageFactory(partner=cls.astra, title="Visit to Ljubljana")
        cls.guide = PracticeGuidePageFactory(partner=cls.astra)
        cls.reviewer = user_with_role("reviewer")

    def setUp(self):
        self.client.force_login(self.reviewer)
        self.url = reverse("wagtailadmin_pages:edit", args=[self.visit.pk])

    def action(self, **fields):
        return {
            "description": "Pilot the referral protocol",
            "owner": self.kljuc.pk,
            "due_date": "2012-01-31",
            "status": "in-progress",
            "resulting_guide": "",
            "note": "",
            **fields,
        }

    def test_the_editor_adds_actions_in_the_visit(self):
        response = self.client.post(
            self.url,
            visit_form_data(
                self.visit,
                [
                    self.action(),
                    self.action(status="adopted", resulting_guide=self.guide.pk),
                ],
            ),
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(
            list(
                self.visit.follow_up_actions.values_list(
                    "owner__slug", "status", "resulting_guide"
                )
            ),
            [("kljuc", "in-progress", None), ("kljuc", "adopted", self.guide.pk)],
        )

    def test_bad_actions_are_form_errors(self):
        cases = {
            "adopted without guide or note": self.action(status="adopted"),
            "dropped without a reason": self.action(status="dropped"),
            "due before the visit": self.action(due_date="2011-04-30"),
            "not a date": self.action(due_date="31.01.2012"),
            "unknown owner": self.action(owner=999999),
            "unknown status": self.action(status="finished"),
        }
        for name, action in cases.items():
            with self.subTest(name):
                response = self.client.post(
                    self.url, visit_form_data(self.visit, [action])
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "error-message")
                self.assertFalse(self.visit.follow_up_actions.exists())

    def test_the_due_date_check_follows_the_visit_being_edited(self):
        response = self.client.post(
            self.url,
            visit_form_data(
                self.visit,
                [self.action(due_date="2011-04-30")],
                start_date="2011-04-01",
                end_date="2011-04-03",
            ),
        )
        self.assertEqual(response.status_code, 302)


class ActionDisplayTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Društvo Ključ")
        cls.visit = StudyVisitPageFactory(
            partner=cls.astra, title="Visit to Ljubljana", slug="ljubljana"
        )
        cls.public_guide = PracticeGuidePageFactory(title="Public foster guide")
        cls.restricted_guide = PracticeGuidePageFactory(
            title="Restricted referral guide", restricted=True
        )
        cls.draft_guide = PracticeGuidePageFactory(title="Draft guide", live=False)
        add_action(
            cls.visit,
            description="Train foster carers",
            owner=cls.kljuc,
            status="adopted",
            resulting_guide=cls.public_guide,
            due_date=datetime.date(2012, 1, 31),
        )
        add_action(
            cls.visit,
            description="Agree a referral protocol",
            status="adopted",
            resulting_guide=cls.restricted_guide,
        )
        add_action(
            cls.visit,
            description="Draft a handbook",
            status="in-progress",
            resulting_guide=cls.draft_guide,
            due_date=datetime.date(2012, 6, 30),
        )
        add_action(
            cls.visit, description="Open a hotline", status="dropped", note="No funds"
        )
        cls.reader = UserFactory()

    def test_the_visit_shows_its_actions(self):
        response = self.client.get(self.visit.url)
        self.assertContains(response, "Train foster carers")
        self.assertContains(
            response, 'class="badge badge-status badge-adopted">Adopted'
        )
        self.assertContains(response, "Društvo Ključ")
        self.assertContains(response, "31 January 2012")
        self.assertContains(response, "Overdue")  # the handbook, due mid-2012
        self.assertContains(response, "No funds")
        self.assertContains(response, self.public_guide.url)

    def test_resulting_guides_are_linked_only_for_readers_who_may_open_them(self):
        response = self.client.get(self.visit.url)
        self.assertContains(response, "Agree a referral protocol")
        self.assertNotContains(response, "Restricted referral guide")
        self.assertNotContains(response, "Draft guide")
        self.client.force_login(self.reader)
        response = self.client.get(self.visit.url)
        self.assertContains(response, "Restricted referral guide")
        self.assertNotContains(response, "Draft guide")

    def test_the_guide_names_the_visit_it_came_out_of(self):
        response = self.client.get(self.public_guide.url)
        self.assertContains(response, "Came out of the study visit")
        self.assertContains(response, self.visit.url)

    def test_a_restricted_visit_is_not_named_to_anonymous_readers(self):
        visit = StudyVisitPageFactory(title="Closed-door visit", restricted=True)
        add_action(visit, status="adopted", resulting_guide=self.public_guide)
        response = self.client.get(self.public_guide.url)
        self.assertNotContains(response, "Closed-door visit")
        self.client.force_login(self.reader)
        self.assertContains(self.client.get(self.public_guide.url), "Closed-door visit")

    def test_the_index_shows_what_each_visit_led_to(self):
        response = self.client.get(EXCHANGES)
        self.assertContains(response, "Adopted: 2, In progress: 1, Dropped: 1")
        self.assertContains(response, "Public foster guide")
        self.assertNotContains(response, "Restricted referral guide")
        self.client.force_login(self.reader)
        response = self.client.get(EXCHANGES)
        self.assertContains(response, "Restricted referral guide")
        self.assertNotContains(response, "Draft guide")

    def test_the_api_lists_actions_with_public_guides_only(self):
        self.client.force_login(self.reader)  # the API answers as anonymous anyway
        response = self.client.get(
            "/api/v2/pages/",
            {"type": "exchanges.StudyVisitPage", "fields": "follow_up_actions"},
        )
        self.assertEqual(response.status_code, 200)
        [record] = response.json()["items"]
        actions = record["follow_up_actions"]
        self.assertEqual(
            [(a["status"], a["owner"]["slug"]) for a in actions],
            [
                ("adopted", "kljuc"),
                ("adopted", "astra"),
                ("in-progress", "astra"),
                ("dropped", "astra"),
            ],
        )
        self.assertEqual(actions[0]["resulting_guide"]["slug"], self.public_guide.slug)
        self.assertEqual(actions[0]["due_date"], "2012-01-31")
        self.assertIsNone(actions[1]["resulting_guide"])
        self.assertIsNone(actions[2]["resulting_guide"])
        self.assertNotIn("Restricted referral guide", response.content.decode())

    def test_action_descriptions_are_searchable_with_the_visit(self):
        StudyVisitPage.objects.get(pk=self.visit.pk).save_revision().publish()
        response = self.client.get(reverse("search"), {"q": "hotline"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Visit to Ljubljana")


class IndexQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory()
        cls.restricted_guide = PracticeGuidePageFactory(restricted=True)

    def add_visits(self, count):
        for _ in range(count):
            visit = StudyVisitPageFactory()
            add_action(visit, status="adopted", resulting_guide=self.guide)
            add_action(
                visit, status="in-progress", resulting_guide=self.restricted_guide
            )
            add_action(
                visit, owner=PartnerFactory(), due_date=datetime.date(2030, 1, 1)
            )

    def count_queries(self):
        self.client.get(EXCHANGES)  # Warm the cached site root paths.
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(EXCHANGES)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Adopted: 1, In progress: 1, Planned: 1")
        return len(queries)

    def test_queries_stay_constant_from_2_to_20_visits(self):
        self.add_visits(2)
        before = self.count_queries()
        self.add_visits(18)
        self.assertEqual(self.count_queries(), before)

    def test_for_a_signed_in_reader_too(self):
        self.client.force_login(UserFactory())
        self.add_visits(2)
        before = self.count_queries()
        self.add_visits(18)
        self.assertEqual(self.count_queries(), before)
