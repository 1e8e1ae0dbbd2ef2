"""The "due for review" report and dashboard panel."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editorial.review_due import due_for_review
from knowledge.models import KnowledgePage
from tests.factories import PartnerFactory, PracticeGuidePageFactory, user_with_role

REPORT = reverse("editorial_due_for_review")


class DueForReviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Društvo Ključ")
        cls.today = timezone.localdate()
        cls.overdue_a = PracticeGuidePageFactory(
            title="Overdue ASTRA guide", partner=cls.astra
        )
        cls.overdue_b = PracticeGuidePageFactory(
            title="Overdue Kljuc guide", partner=cls.kljuc
        )
        cls.fresh = PracticeGuidePageFactory(
            title="Freshly reviewed guide",
            partner=cls.astra,
            last_reviewed=cls.today,
        )
        cls.draft = PracticeGuidePageFactory(
            title="Overdue draft guide", partner=cls.astra, live=False
        )
        cls.reviewer = user_with_role("reviewer")
        cls.editor_a = user_with_role("editor", partner=cls.astra)

    def test_due_means_the_review_date_has_come(self):
        guide = PracticeGuidePageFactory(
            date=datetime.date(2020, 1, 31), review_interval=6
        )
        self.assertEqual(guide.next_review, datetime.date(2020, 7, 31))
        guide.last_reviewed = datetime.date(2023, 8, 31)
        guide.review_interval = 6
        guide.save()
        self.assertEqual(guide.next_review, datetime.date(2024, 2, 29))
        due = due_for_review(self.reviewer, today=datetime.date(2024, 2, 28))
        self.assertNotIn(guide.pk, due.values_list("pk", flat=True))
        due = due_for_review(self.reviewer, today=datetime.date(2024, 2, 29))
        self.assertIn(guide.pk, due.values_list("pk", flat=True))

    def test_reviewers_see_every_partners_due_documents(self):
        self.client.force_login(self.reviewer)
        response = self.client.get(REPORT)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Overdue ASTRA guide")
        self.assertContains(response, "Overdue Kljuc guide")
        self.assertNotContains(response, "Freshly reviewed guide")
        self.assertNotContains(response, "Overdue draft guide")
        self.assertContains(
            response, reverse("wagtailadmin_pages:edit", args=[self.overdue_a.pk])
        )

    def test_editors_see_their_own_organisations_only(self):
        self.client.force_login(self.editor_a)
        response = self.client.get(REPORT)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Overdue ASTRA guide")
        self.assertNotContains(response, "Overdue Kljuc guide")

    def test_readers_without_admin_access_are_turned_away(self):
        self.client.force_login(user_with_role("practitioner"))
        response = self.client.get(REPORT)
        self.assertEqual(response.status_code, 302)
        self.assertNotIn("Overdue", response.content.decode())

    def test_the_report_exports_as_csv(self):
        self.client.force_login(self.reviewer)
        response = self.client.get(REPORT + "?export=csv")
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content).decode()
        self.assertIn("Overdue Kljuc guide,Društvo Ključ,,12,2012-05-01", body)

    def test_a_review_takes_the_document_off_the_report(self):
        self.overdue_a.last_reviewed = self.today
        self.overdue_a.save_revision(clean=False).publish()
        self.client.force_login(self.reviewer)
        self.assertNotContains(self.client.get(REPORT), "Overdue ASTRA guide")

    def test_the_dashboard_shows_what_is_due(self):
        self.client.force_login(self.editor_a)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, 'id="due-for-review-section"')
        self.assertContains(response, "Overdue ASTRA guide")
        self.assertNotContains(response, "Overdue Kljuc guide")
        self.assertContains(response, REPORT)

    def test_queries_do_not_grow_with_the_number_of_documents(self):
        self.client.force_login(self.reviewer)

        def count_queries():
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(REPORT)
            self.assertEqual(response.status_code, 200)
            return len(queries)

        for _ in range(5):
            PracticeGuidePageFactory(partner=self.kljuc)
        before = count_queries()
        for _ in range(10):
            PracticeGuidePageFactory(partner=self.astra)
        self.assertEqual(count_queries(), before)

    def test_generated_documents_get_a_review_date(self):
        call_command("generate_corpus", documents=6, seed=5, stdout=StringIO())
        generated = KnowledgePage.objects.filter(slug__endswith="-s5n1")
        self.assertTrue(generated.exists())
        self.assertFalse(
            KnowledgePage.objects.filter(next_review__isnull=True).exists()
        )
