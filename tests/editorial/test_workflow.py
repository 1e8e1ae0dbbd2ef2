"""Submit → request changes → resubmit → approve, through the admin as people use it."""

from django.contrib.auth.models import Group
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    TaskState,
    Workflow,
    WorkflowState,
    WorkflowTask,
)

from editorial.workflow import (
    REVIEW_TASK_NAME,
    WORKFLOW_NAME,
    ensure_partner_review_workflow,
)
from knowledge.models.documents import add_months
from knowledge.permissions import REVIEWERS
from practices.models import PracticeGuidePage, PracticeIndexPage
from safeguarding.checks import unresolved_findings
from safeguarding.models import Override, SafeguardedApprovalTask
from tests.editorial.form_data import TITLE, guide_form_data
from tests.factories import PartnerFactory, PracticeGuidePageFactory, user_with_role

COMMENT = "Please remove the town of the foster family from step 3."


class PartnerReviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.editor = user_with_role(
            "editor", partner=cls.astra, email="editor@example.org"
        )
        cls.reviewer = user_with_role("reviewer", email="reviewer@example.org")
        cls.section = PracticeIndexPage.objects.get(locale__language_code="en")

    def submit_new_guide(self):
        self.client.force_login(self.editor)
        url = reverse(
            "wagtailadmin_pages:add",
            args=["practices", "practiceguidepage", self.section.pk],
        )
        response = self.client.post(
            url, guide_form_data(self.astra, **{"action-submit": "submit"})
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return PracticeGuidePage.objects.get(slug="foster-families")

    def act(self, page, action, comment=""):
        self.client.force_login(self.reviewer)
        task_state = page.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
        )
        response = self.client.post(url, {"comment": comment})
        self.assertIn(response.status_code, (200, 302))
        page.refresh_from_db()
        return page

    def test_the_sections_use_the_partner_review_workflow(self):
        workflow = self.section.get_workflow()
        self.assertEqual(workflow.name, WORKFLOW_NAME)
        self.assertEqual([task.name for task in workflow.tasks], [REVIEW_TASK_NAME])

    def test_editors_cannot_publish_directly(self):
        self.client.force_login(self.editor)
        url = reverse(
            "wagtailadmin_pages:add",
            args=["practices", "practiceguidepage", self.section.pk],
        )
        self.client.post(url, guide_form_data(self.astra, **{"action-publish": "1"}))
        page = PracticeGuidePage.objects.get(slug="foster-families")
        self.assertFalse(page.live)

    def test_an_administrator_hears_of_a_submission_once(self):
        user_with_role("admin", email="admin@example.org")
        self.submit_new_guide()
        recipients = sorted(
            address for message in mail.outbox for address in message.to
        )
        self.assertEqual(recipients, ["admin@example.org", "reviewer@example.org"])

    def test_an_administrator_hears_of_each_step_once(self):
        user_with_role("admin", email="admin@example.org")
        page = self.submit_new_guide()
        steps = {}

        def recipients():
            return sorted(address for message in mail.outbox for address in message.to)

        mail.outbox.clear()
        page = self.act(page, "reject", COMMENT)
        steps["changes requested"] = recipients()
        mail.outbox.clear()
        self.client.force_login(self.editor)
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            guide_form_data(self.astra, **{"action-submit": "submit"}),
        )
        steps["resubmitted"] = recipients()
        mail.outbox.clear()
        self.act(page, "approve")
        steps["approved"] = recipients()
        self.assertEqual(
            steps,
            {
                "changes requested": ["editor@example.org"],
                "resubmitted": ["admin@example.org", "reviewer@example.org"],
                "approved": ["editor@example.org"],
            },
        )

    def test_submit_request_changes_resubmit_approve(self):
        page = self.submit_new_guide()
        self.assertFalse(page.live)
        self.assertEqual(page.owner, self.editor)
        state = WorkflowState.objects.for_instance(page).get()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.requested_by, self.editor)

        # Reviewers hear of the submission and see it on their dashboard.
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["reviewer@example.org"])
        self.assertIn(TITLE, mail.outbox[0].subject + mail.outbox[0].body)
        self.client.force_login(self.reviewer)
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, "Awaiting your review")
        self.assertContains(dashboard, TITLE)

        # The reviewer asks for changes; the editor is told why.
        mail.outbox.clear()
        page = self.act(page, "reject", COMMENT)
        self.assertFalse(page.live)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["editor@example.org"])
        self.assertIn(COMMENT, mail.outbox[0].body)

        # The editor sees the comment, changes the page and resubmits.
        self.client.force_login(self.editor)
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.assertContains(self.client.get(edit), COMMENT)
        mail.outbox.clear()
        response = self.client.post(
            edit,
            guide_form_data(
                self.astra,
                summary="Recruiting foster families, without identifying details.",
                **{"action-submit": "submit"},
            ),
        )
        self.assertEqual(response.status_code, 302)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(
            [message.to for message in mail.outbox], [["reviewer@example.org"]]
        )

        # The reviewer approves, which publishes; the editor is told.
        mail.outbox.clear()
        page = self.act(page, "approve", "Thank you.")
        self.assertTrue(page.live)
        # Approving is reviewing: the review date moves on.
        today = timezone.localdate()
        self.assertEqual(page.last_reviewed, today)
        self.assertEqual(page.next_review, add_months(today, page.review_interval))
        self.assertEqual(
            page.summary, "Recruiting foster families, without identifying details."
        )
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["editor@example.org"])
        self.assertEqual(self.client.get(page.url).status_code, 200)

        # The audit log says who did what.
        actions = list(
            PageLogEntry.objects.filter(page=page)
            .order_by("timestamp", "pk")
            .values_list("action", "user__email")
        )
        for entry in [
            ("wagtail.workflow.start", "editor@example.org"),
            ("wagtail.workflow.reject", "reviewer@example.org"),
            ("wagtail.workflow.resume", "editor@example.org"),
            ("wagtail.workflow.approve", "reviewer@example.org"),
            ("wagtail.publish", "reviewer@example.org"),
        ]:
            self.assertIn(entry, actions)
        self.assertEqual(TaskState.objects.filter(workflow_state=state).count(), 2)

    def test_editors_see_their_submissions_on_the_dashboard(self):
        self.submit_new_guide()
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, TITLE)


class SafeguardingGateInReviewTests(PartnerReviewTests):
    """The reviewer's task in Partner review is the safeguarding approval."""

    # A JMBG (valid checksum) of a fictional child.
    PERSONAL_DATA = "The child's JMBG is 0103005710000."

    def submit_guide_with_personal_data(self):
        self.client.force_login(self.editor)
        url = reverse(
            "wagtailadmin_pages:add",
            args=["practices", "practiceguidepage", self.section.pk],
        )
        data = guide_form_data(
            self.astra, summary=self.PERSONAL_DATA, **{"action-submit": "submit"}
        )
        self.assertEqual(self.client.post(url, data).status_code, 302)
        return PracticeGuidePage.objects.get(slug="foster-families")

    def workflow_action_url(self, page, action):
        return reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, page.current_workflow_task_state.pk],
        )

    def test_the_review_task_withholds_approval_while_findings_are_open(self):
        page = self.submit_guide_with_personal_data()
        self.client.force_login(self.reviewer)

        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(edit, 'data-workflow-action-name="reject"')
        self.assertNotContains(edit, 'data-workflow-action-name="approve"')

        # A forged approval meets the admin's "no permission" answer.
        response = self.client.post(self.workflow_action_url(page, "approve"))
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertEqual(
            WorkflowState.objects.for_instance(page).get().status,
            WorkflowState.STATUS_IN_PROGRESS,
        )

    def test_an_override_lets_the_reviewer_approve(self):
        page = self.submit_guide_with_personal_data()
        for finding in unresolved_findings(page.get_latest_revision_as_object()):
            Override.objects.create(
                page=page,
                fingerprint=finding.fingerprint,
                kind=finding.kind,
                reason="Number from the training handbook's fictional case.",
                user=self.reviewer,
            )
        page = self.act(page, "approve")
        self.assertTrue(page.live)


class ReviewTaskUpgradeTests(TestCase):
    """A database set up with a plain group approval moves to the safeguarding one."""

    def test_the_plain_approval_is_replaced_and_open_reviews_move_on(self):
        workflow = Workflow.objects.get(name=WORKFLOW_NAME)
        new_task = workflow.workflow_tasks.get().task
        WorkflowTask.objects.filter(workflow=workflow).delete()
        new_task.delete()
        legacy = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
        legacy.groups.set([Group.objects.get(name=REVIEWERS)])
        WorkflowTask.objects.create(workflow=workflow, task=legacy, sort_order=0)
        editor = user_with_role("editor", partner=PartnerFactory(slug="astra"))
        page = PracticeGuidePageFactory(live=False)
        state = workflow.start(page, editor)
        self.assertEqual(state.current_task_state.task.specific, legacy)

        ensure_partner_review_workflow()
        ensure_partner_review_workflow()  # and a second run changes nothing

        tasks = [task.specific for task in Workflow.objects.get(pk=workflow.pk).tasks]
        self.assertEqual(len(tasks), 1)
        self.assertIsInstance(tasks[0], SafeguardedApprovalTask)
        self.assertEqual(
            list(tasks[0].groups.values_list("name", flat=True)), [REVIEWERS]
        )
        legacy.refresh_from_db()
        self.assertFalse(legacy.active)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.current_task_state.task.specific, tasks[0])
        self.assertEqual(state.current_task_state.status, TaskState.STATUS_IN_PROGRESS)
