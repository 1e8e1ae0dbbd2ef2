"""The "Overdue follow-ups" admin report and dashboard panel."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchanges.models import FollowUpAction
from exchanges.reports import overdue_follow_ups
from tests.factories import PartnerFactory, StudyVisitPageFactory, user_with_role

REPORT = reverse("exchanges_overdue_follow_ups")


class OverdueFollowUpTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.today = timezone.localdate()
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Društvo Ključ")
        cls.astra_visit = StudyVisitPageFactory(
            partner=cls.astra, title="ASTRA visit to Ljubljana"
        )
        cls.kljuc_visit = StudyVisitPageFactory(
            partner=cls.kljuc, title="Ključ visit to Belgrade"
        )
        cls.draft_visit = StudyVisitPageFactory(
            partner=cls.astra, title="Draft visit", live=False
        )
        past = cls.today - datetime.timedelta(days=10)
        cls.late = cls.action(cls.astra_visit, "Late protocol", due_date=past)
        cls.action(
            cls.astra_visit,
            "Late training owned by Kljuc",
            owner=cls.kljuc,
            due_date=past - datetime.timedelta(days=5),
            status="in-progress",
        )
        cls.action(cls.kljuc_visit, "Late handbook", due_date=past)
        cls.action(cls.astra_visit, "Future plan", due_date=cls.today)
        cls.action(cls.astra_visit, "Undated plan")
        cls.action(
            cls.astra_visit,
            "Adopted late",
            due_date=past,
            status="adopted",
            note="Done",
        )
        cls.action(
            cls.astra_visit, "Dropped late", due_date=past, status="dropped", note="No"
        )
        cls.action(cls.draft_visit, "Late draft action", due_date=past)
        cls.reviewer = user_with_role("reviewer")
        cls.editor_astra = user_with_role("editor", partner=cls.astra)

    @staticmethod
    def action(visit, description, **fields):
        fields.setdefault("owner", visit.partner)
        return FollowUpAction.objects.create(
            visit=visit, description=description, **fields
        )

    def test_overdue_means_open_and_past_its_due_date(self):
        self.assertEqual(
            [a.description for a in overdue_follow_ups(self.reviewer)],
            ["Late training owned by Kljuc", "Late protocol", "Late handbook"],
        )
        self.assertEqual(self.late.days_overdue, 10)

    def test_reviewers_see_every_partners_actions(self):
        self.client.force_login(self.reviewer)
        response = self.client.get(REPORT)
        self.assertEqual(response.status_code, 200)
        for text in ("Late protocol", "Late handbook", "Ključ visit to Belgrade"):
            self.assertContains(response, text)
        for text in ("Future plan", "Undated plan", "Adopted late", "Dropped late"):
            self.assertNotContains(response, text)
        self.assertNotContains(response, "Late draft action")
        self.assertContains(
            response, reverse("wagtailadmin_pages:edit", args=[self.astra_visit.pk])
        )

    def test_partner_editors_see_their_organisations_visits_only(self):
        self.client.force_login(self.editor_astra)
        response = self.client.get(REPORT)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Late protocol")
        self.assertContains(response, "Late training owned by Kljuc")
        self.assertNotContains(response, "Late handbook")

    def test_filter_by_owner(self):
        self.client.force_login(self.reviewer)
        response = self.client.get(REPORT, {"owner": self.kljuc.pk})
        self.assertContains(response, "Late training owned by Kljuc")
        self.assertContains(response, "Late handbook")
        self.assertNotContains(response, "Late protocol")

    def test_a_bad_filter_value_is_no_error(self):
        self.client.force_login(self.reviewer)
        for value in ("999999", "astra", "1;drop"):
            with self.subTest(value):
                response = self.client.get(REPORT, {"owner": value})
                self.assertEqual(response.status_code, 200)

    def test_readers_without_admin_access_are_turned_away(self):
        self.client.force_login(user_with_role("practitioner"))
        response = self.client.get(REPORT)
        self.assertEqual(response.status_code, 302)
        self.assertNotIn("Late", response.content.decode())

    def test_the_report_exports_as_csv(self):
        self.client.force_login(self.reviewer)
        response = self.client.get(REPORT, {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content).decode()
        past = (self.today - datetime.timedelta(days=10)).isoformat()
        self.assertIn(
            f"Late protocol,ASTRA visit to Ljubljana,ASTRA,Planned,{past},10", body
        )

    def test_the_report_is_in_the_reports_menu(self):
        self.client.force_login(self.editor_astra)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, REPORT)

    def test_the_dashboard_counts_what_is_overdue(self):
        self.client.force_login(self.editor_astra)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, 'id="overdue-follow-ups-section"')
        self.assertContains(response, "2 follow-up actions are overdue.")
        self.assertNotContains(response, "Late handbook")

    def test_queries_do_not_grow_with_the_number_of_actions(self):
        self.client.force_login(self.reviewer)

        def count_queries():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(REPORT).status_code, 200)
            return len(queries)

        before = count_queries()
        for number in range(10):
            visit = StudyVisitPageFactory(partner=PartnerFactory())
            self.action(
                visit, f"Late {number}", due_date=self.today - datetime.timedelta(1)
            )
        self.assertEqual(count_queries(), before)
