"""The "Partner review" workflow: nothing in the sections goes live unreviewed.

Editors submit; a reviewer approves (which publishes) or requests changes with a
comment; the editor changes the page and resubmits. Further steps (a safeguarding
check, say) are added by appending to ``partner_review_tasks()``: tasks are
created once and kept in that order.
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Task, Workflow, WorkflowPage, WorkflowTask

from editorial.roles import sections
from knowledge.permissions import REVIEWERS

WORKFLOW_NAME = "Partner review"
REVIEW_TASK_NAME = "Reviewer approval"


def review_task() -> Task:
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
        task.groups.set([Group.objects.get(name=REVIEWERS)])
    return task


def partner_review_tasks() -> list[Task]:
    """The workflow's tasks, in order."""
    return [review_task()]


def ensure_partner_review_workflow() -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    present = set(workflow.workflow_tasks.values_list("task_id", flat=True))
    for task in partner_review_tasks():
        if task.pk not in present:
            WorkflowTask.objects.create(
                workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
            )
    for section in sections():
        WorkflowPage.objects.get_or_create(
            page=section, defaults={"workflow": workflow}
        )
    return workflow
