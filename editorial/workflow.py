"""The "Partner review" workflow: nothing in the sections goes live unreviewed.

Editors submit; a reviewer approves (which publishes) or requests changes with a
comment; the editor changes the page and resubmits. The reviewer's task is the
safeguarding approval: "Approve" is withheld while the document has unresolved
findings. Further steps are added by appending to ``partner_review_tasks()``:
tasks are created once and kept in that order.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy, gettext_noop
from wagtail.models import Task, Workflow, WorkflowPage, WorkflowTask

from editorial.roles import sections
from knowledge.permissions import REVIEWERS
from safeguarding.models import SafeguardedApprovalTask

# Stored in English; shown in each reader's language (editorial.names).
WORKFLOW_NAME = gettext_noop("Partner review")
REVIEW_TASK_NAME = gettext_noop("Reviewer approval")


def label_comments_lazily() -> None:
    """Name the comment field of the task dialogs ("Request changes", "Approve
    with comment") in the reviewer's language: Wagtail's form names it when
    imported, in English for everyone."""
    from wagtail.forms import TaskStateCommentForm

    TaskStateCommentForm.base_fields["comment"].label = gettext_lazy("Comment")


def review_task() -> Task:
    task = SafeguardedApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = SafeguardedApprovalTask.objects.create(name=REVIEW_TASK_NAME)
        task.groups.set([Group.objects.get(name=REVIEWERS)])
    return task


def partner_review_tasks() -> list[Task]:
    """The workflow's tasks, in order."""
    return [review_task()]


def ensure_partner_review_workflow() -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    tasks = partner_review_tasks()
    # A database set up before the safeguarding check has a plain group approval
    # of the same name; tasks an administrator added are left alone.
    retired_links = workflow.workflow_tasks.filter(task__name=REVIEW_TASK_NAME).exclude(
        task__in=tasks
    )
    retired = [link.task.specific for link in retired_links.select_related("task")]
    retired_links.delete()
    present = set(workflow.workflow_tasks.values_list("task_id", flat=True))
    for task in tasks:
        if task.pk not in present:
            WorkflowTask.objects.create(
                workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
            )
    for task in retired:
        # Cancels the task's open reviews, which move on to the listed tasks.
        task.deactivate()
    for section in sections():
        WorkflowPage.objects.get_or_create(
            page=section, defaults={"workflow": workflow}
        )
    return workflow


def share_workflow(original, translation) -> None:
    """Give ``translation`` the workflow assigned to ``original`` itself."""
    assigned = WorkflowPage.objects.filter(page=original).first()
    if assigned is not None:
        WorkflowPage.objects.get_or_create(
            page=translation, defaults={"workflow": assigned.workflow}
        )
