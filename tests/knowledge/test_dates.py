"""Dates in the reader's language, written the same way on pages, in the admin's
reports and on its dashboard."""

import datetime
import re

from django.test import TestCase
from django.urls import reverse
from wagtail.users.models import UserProfile

from exchanges.models import FollowUpAction
from tests.factories import (
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    user_with_role,
)

# 5 November 2019 as each language writes it (months in lower case in Serbian
# and Slovenian, no leading zero).
WRITTEN = {
    "en": "5 November 2019",
    "sl": "5. november 2019",
    "sr-latn": "5. novembar 2019.",
    "sr": "5. новембар 2019.",
}


def times(response) -> list[str]:
    return re.findall(r"<time [^>]*>([^<]*)</time>", response.content.decode())


class DatesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(
            title="Dated guide",
            date=datetime.date(2019, 11, 5),
            last_reviewed=datetime.date(2019, 5, 5),
            review_interval=6,
        )
        cls.visit = StudyVisitPageFactory(
            start_date=datetime.date(2019, 11, 5),
            end_date=datetime.date(2019, 11, 6),
        )
        FollowUpAction.objects.create(
            visit=cls.visit,
            owner=cls.visit.host,
            description="Write a referral protocol",
            due_date=datetime.date(2019, 11, 5),
        )
        cls.reviewer = user_with_role("reviewer")

    def test_cards_and_pages_write_dates_in_the_readers_language(self):
        for code, written in WRITTEN.items():
            with self.subTest(code):
                listing = self.client.get(f"/{code}/practices/")
                self.assertEqual(times(listing), [written])
                page = self.client.get(f"/{code}/practices/{self.guide.slug}/")
                self.assertEqual(times(page)[0], written)
                visit = self.client.get(f"/{code}/exchanges/{self.visit.slug}/")
                self.assertIn(written, times(visit))

    def test_the_review_report_and_the_dashboard_write_a_date_alike(self):
        for code, written in WRITTEN.items():
            with self.subTest(code):
                profile = UserProfile.get_for_user(self.reviewer)
                profile.preferred_language = code
                profile.save()
                self.client.force_login(self.reviewer)
                dashboard = self.client.get(reverse("wagtailadmin_home"))
                self.assertContains(dashboard, written, count=2)
                for report in (
                    "editorial_due_for_review",
                    "exchanges_overdue_follow_ups",
                ):
                    self.assertContains(self.client.get(reverse(report)), written)
