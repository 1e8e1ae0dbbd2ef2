"""Wagtail's own history tools work for every document type: scheduled
publishing, revisions, compare, and an audit log that names who restricted."""

import datetime
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, PageViewRestriction

from tests.editorial.form_data import guide_form_data
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    user_with_role,
)

FACTORIES = (PracticeGuidePageFactory, StudyVisitPageFactory, PolicyBriefPageFactory)


class HistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = PartnerFactory(slug="astra", name="ASTRA")
        cls.reviewer = user_with_role("reviewer")

    def documents(self, **kwargs):
        return [
            factory(
                partner=self.partner,
                title=f"History {factory._meta.model.__name__}",
                **kwargs,
            )
            for factory in FACTORIES
        ]

    def test_scheduled_publishing(self):
        for page in self.documents(live=False):
            with self.subTest(type=type(page).__name__):
                page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
                page.save_revision(user=self.reviewer, clean=False).publish(
                    user=self.reviewer
                )
                page.refresh_from_db()
                self.assertFalse(page.live)
                self.assertEqual(
                    self.client.get(
                        f"/en/{page.url_path.split('/', 2)[2]}"
                    ).status_code,
                    404,
                )
                self.assertIsNotNone(page.scheduled_revision)

                # An hour later, the cron job publishes it.
                later = timezone.now() + datetime.timedelta(hours=1, minutes=1)
                with mock.patch("django.utils.timezone.now", return_value=later):
                    call_command("publish_scheduled", stdout=StringIO())
                page.refresh_from_db()
                self.assertTrue(page.live)
                self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_revisions_history_and_compare(self):
        self.client.force_login(self.reviewer)
        for page in self.documents():
            with self.subTest(type=type(page).__name__):
                first = page.get_latest_revision()
                page.summary = "A second, corrected summary."
                second = page.save_revision(user=self.reviewer, clean=False)
                for name, args in (
                    ("wagtailadmin_pages:history", [page.pk]),
                    ("wagtailadmin_pages:revisions_index", [page.pk]),
                    ("wagtailadmin_pages:revisions_view", [page.pk, first.pk]),
                    (
                        "wagtailadmin_pages:revisions_compare",
                        [page.pk, first.pk, second.pk],
                    ),
                ):
                    response = self.client.get(reverse(name, args=args), follow=True)
                    self.assertEqual(response.status_code, 200, name)
                compare = self.client.get(
                    reverse(
                        "wagtailadmin_pages:revisions_compare",
                        args=[page.pk, first.pk, second.pk],
                    )
                )
                self.assertContains(compare, "corrected")

    def test_the_audit_log_names_who_restricted(self):
        page = PracticeGuidePageFactory(partner=self.partner)
        self.client.force_login(self.reviewer)
        response = self.client.post(
            reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
            {"restriction_type": PageViewRestriction.LOGIN},
        )
        self.assertEqual(response.status_code, 200)
        page.refresh_from_db()
        self.assertTrue(page.restricted)
        entry = PageLogEntry.objects.get(
            page=page, action="wagtail.view_restriction.create"
        )
        self.assertEqual(entry.user, self.reviewer)

    def test_the_audit_log_names_who_ticked_restricted(self):
        page = PracticeGuidePageFactory(partner=self.partner, slug="foster-families")
        self.client.force_login(self.reviewer)
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            guide_form_data(self.partner, restricted="on", **{"action-publish": "1"}),
        )
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertTrue(page.restricted)
        actions = PageLogEntry.objects.filter(page=page).values_list("action", "user")
        self.assertIn(("wagtail.view_restriction.create", self.reviewer.pk), actions)
        self.assertIn(("wagtail.publish", self.reviewer.pk), actions)
