from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from wagtail.models import Workflow, WorkflowTask

from safeguarding.models import Override, SafeguardedApprovalTask
from safeguarding.scanner import scan_page
from tests.factories import PracticeGuidePageFactory, UserFactory


class SafeguardedApprovalTaskTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.reviewers = Group.objects.create(name="Test reviewers")
        cls.reviewer = UserFactory(is_superuser=True)  # may publish on approval
        cls.reviewer.groups.add(cls.reviewers)
        cls.task = SafeguardedApprovalTask.objects.create(name="Review")
        cls.task.groups.add(cls.reviewers)
        workflow = Workflow.objects.create(name="Reviewed")
        WorkflowTask.objects.create(workflow=workflow, task=cls.task, sort_order=0)
        cls.workflow = workflow
        cls.page = PracticeGuidePageFactory(
            summary="Survivor Marko P. told his story.", live=False
        )

    def actions(self):
        return [
            name
            for name, _label, _modal in self.task.get_actions(self.page, self.reviewer)
        ]

    def submit(self):
        return self.workflow.start(self.page, self.reviewer)

    def test_a_submission_with_findings_cannot_be_approved(self):
        state = self.submit()
        self.assertEqual(self.actions(), ["reject"])
        with self.assertRaises(PermissionDenied):
            self.task.on_action(state.current_task_state, self.reviewer, "approve")
        self.page.refresh_from_db()
        self.assertFalse(self.page.live)

    def test_overriding_every_finding_brings_approval_back(self):
        state = self.submit()
        for finding in scan_page(self.page):
            Override.objects.create(
                page=self.page,
                fingerprint=finding.fingerprint,
                kind=finding.kind,
                reason="Fictional name from a training case study.",
            )
        self.assertEqual(self.actions(), ["reject", "approve", "approve"])
        self.task.on_action(state.current_task_state, self.reviewer, "approve")
        self.page.refresh_from_db()
        self.assertTrue(self.page.live)

    def test_pages_outside_the_knowledge_base_are_not_checked(self):
        home = self.page.get_parent().get_parent().specific
        self.assertIn(
            "approve", [a[0] for a in self.task.get_actions(home, self.reviewer)]
        )
