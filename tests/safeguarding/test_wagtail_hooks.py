from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import querydict_from_html

from practices.models import PracticeGuidePage
from safeguarding.models import Override
from safeguarding.scanner import scan_page
from tests.factories import PracticeGuidePageFactory, UserFactory

VICTIM_SUMMARY = "The victim Ana Petrović was placed with a foster family."


class PublicationGateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = UserFactory(is_superuser=True, is_staff=True)
        cls.page = PracticeGuidePageFactory(summary=VICTIM_SUMMARY, live=False)

    def setUp(self):
        self.client.force_login(self.admin)

    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def post_editor(self, action: str, **changes):
        response = self.client.get(self.edit_url())
        data = querydict_from_html(
            response.content.decode(), form_id="page-edit-form"
        ).copy()
        # Empty StreamFields, drawn by script.
        data.setdefault("body-count", "0")
        data.setdefault("members_annex-count", "0")
        for name, value in changes.items():
            data[name] = value
        data[action] = action
        return self.client.post(self.edit_url(), data)

    def review_url(self):
        return reverse("safeguarding:page", args=[self.page.pk])

    def test_the_editor_shows_findings_masked(self):
        response = self.client.get(self.edit_url())
        self.assertContains(response, "possible pieces of victims")
        self.assertContains(response, "A•• P•••••••")

    def test_publishing_with_findings_saves_a_draft_and_logs_the_block(self):
        response = self.post_editor("action-publish")
        self.assertRedirects(response, self.edit_url(), fetch_redirect_response=False)
        self.page.refresh_from_db()
        self.assertFalse(self.page.live)
        self.assertTrue(
            PageLogEntry.objects.filter(
                page=self.page, action="safeguarding.blocked"
            ).exists()
        )

    def test_a_reviewer_override_is_recorded_and_unblocks_publication(self):
        findings = scan_page(self.page)
        for finding in findings:
            response = self.client.post(
                self.review_url(),
                {
                    "fingerprint": finding.fingerprint,
                    "reason": "A fictional case from the training manual.",
                },
            )
            self.assertRedirects(response, self.review_url())
        self.assertEqual(Override.objects.filter(page=self.page).count(), 2)
        entry = PageLogEntry.objects.filter(
            page=self.page, action="safeguarding.override"
        ).first()
        self.assertEqual(
            entry.data["reason"], "A fictional case from the training manual."
        )
        self.assertEqual(entry.user, self.admin)

        self.post_editor("action-publish")
        self.page.refresh_from_db()
        self.assertTrue(self.page.live)

    def test_an_override_needs_a_reason(self):
        finding = scan_page(self.page)[0]
        response = self.client.post(
            self.review_url(), {"fingerprint": finding.fingerprint, "reason": " "}
        )
        self.assertEqual(response.status_code, 400)
        response = self.client.post(
            self.review_url(), {"fingerprint": "0" * 64, "reason": "Not a real person."}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Override.objects.exists())

    def test_editing_a_live_page_is_checked_again(self):
        self.post_editor("action-publish", summary="A guide for social workers.")
        self.page.refresh_from_db()
        self.assertTrue(self.page.live)
        self.post_editor("action-publish", summary="Child's JMBG: 0103005710000.")
        live = PracticeGuidePage.objects.get(pk=self.page.pk)
        self.assertEqual(live.summary, "A guide for social workers.")
        self.assertTrue(live.has_unpublished_changes)


class OverridePermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = PracticeGuidePageFactory(summary=VICTIM_SUMMARY, live=False)
        cls.editor = UserFactory()
        cls.editor.user_permissions.add(Permission.objects.get(codename="access_admin"))

    def test_users_who_cannot_edit_the_page_cannot_see_its_findings(self):
        self.client.force_login(self.editor)
        url = reverse("safeguarding:page", args=[self.page.pk])
        # A user outside the page's partner is refused at the admin's door.
        self.assertEqual(self.client.get(url).status_code, 403)
        finding = scan_page(self.page)[0]
        response = self.client.post(
            url, {"fingerprint": finding.fingerprint, "reason": "I say it is fine."}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Override.objects.exists())

    def test_moderators_may_override(self):
        moderators = Group.objects.get(name="Moderators")
        self.assertTrue(
            moderators.permissions.filter(codename="override_finding").exists()
        )

    def test_report_lists_documents_with_unresolved_findings(self):
        self.client.force_login(UserFactory(is_superuser=True))
        response = self.client.get(reverse("safeguarding:report"))
        self.assertContains(response, self.page.title)
