"""A database made before briefs had an app of their own upgrades in place.

Each test takes the database back to knowledge 0004 (briefs unmigrated), adds
what an old site has, using the models as they were then, migrates forward and
checks that the same rows now belong to ``briefs``. The database ends on the
latest migrations again, for the tests that follow.

These are not transactional tests (``django_db(transaction=True)``): those
flush the database afterwards, which also empties what data migrations added
(the standards, Wagtail's groups) for every later test on the same worker.
Migrations cannot run inside the transaction of an ordinary test on SQLite, so
the tests run outside one and remove what they added.
"""

import datetime
import uuid

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import (
    GroupPagePermission,
    Page,
    PageLogEntry,
    Revision,
    WorkflowState,
)

from briefs.models import BriefIndexPage, PolicyBriefPage

BEFORE = [("knowledge", "0004_privacy"), ("briefs", None)]
MODELS = ("briefindexpage", "policybriefpage")


def migrate(targets=None):
    """Migrate to ``targets`` (default: the latest), the apps as they are then."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    state = executor.migrate(targets)
    ContentType.objects.clear_cache()
    return state.apps


@pytest.fixture
def old_apps(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = row_counts()
        try:
            yield migrate(BEFORE)
        finally:
            remove_old_rows(migrate())
        assert row_counts() == before


def row_counts() -> dict:
    return {
        model._meta.label: model._base_manager.count()
        for model in global_apps.get_models()
        if not model._meta.proxy
    }


def remove_old_rows(apps):
    """Delete what ``add_brief`` and the tests added, without signals (nothing
    else in the database changes)."""
    page_type = apps.get_model("contenttypes", "ContentType").objects.get(
        app_label="wagtailcore", model="page"
    )
    with transaction.atomic():
        for page in apps.get_model("wagtailcore", "Page").objects.filter(
            slug="old-brief"
        ):
            for model in ("Revision", "WorkflowState"):
                apps.get_model("wagtailcore", model).objects.filter(
                    base_content_type=page_type, object_id=str(page.pk)
                ).delete()
            apps.get_model("wagtailcore", "PageLogEntry").objects.filter(
                page_id=page.pk
            ).delete()
            parent = apps.get_model("wagtailcore", "Page").objects.get(
                path=page.path[: -Page.steplen]
            )
            page.delete()
            parent.numchild -= 1
            parent.save(update_fields=["numchild"])
        apps.get_model("wagtailcore", "Workflow").objects.filter(
            name="Old review"
        ).delete()
        apps.get_model("knowledge", "Partner").objects.filter(slug="old-astra").delete()
        apps.get_model("auth", "Group").objects.filter(
            name="Old brief editors"
        ).delete()
        apps.get_model("auth", "Permission").objects.filter(
            codename="publish_policybriefpage"
        ).delete()
    ContentType.objects.clear_cache()


def add_brief(apps, *, title="Old brief", live=True):
    """A brief added the way Wagtail did before the move: the page under the
    section, a draft revision after the live one, a workflow state and a log
    entry, all by the ``knowledge`` content types."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Partner = apps.get_model("knowledge", "Partner")
    OldIndex = apps.get_model("knowledge", "BriefIndexPage")
    OldBrief = apps.get_model("knowledge", "PolicyBriefPage")
    OldRevision = apps.get_model("wagtailcore", "Revision")
    OldWorkflow = apps.get_model("wagtailcore", "Workflow")
    OldWorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    OldLogEntry = apps.get_model("wagtailcore", "PageLogEntry")

    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    brief_type = ContentType.objects.get(app_label="knowledge", model="policybriefpage")
    section = OldIndex.objects.order_by("path").first()
    assert section.content_type.app_label == "knowledge"
    partner = Partner.objects.create(name="ASTRA", slug="old-astra", country="RS")
    step = section.numchild + 1
    brief = OldBrief.objects.create(
        title=title,
        draft_title=title,
        slug="old-brief",
        path=f"{section.path}{step:04d}",
        depth=section.depth + 1,
        url_path=f"{section.url_path}old-brief/",
        content_type=brief_type,
        locale_id=section.locale_id,
        translation_key=uuid.uuid4(),
        live=live,
        has_unpublished_changes=True,
        first_published_at=timezone.now(),
        summary="What ministries should change.",
        partner=partner,
        country="RS",
        language="en",
        date=datetime.date(2020, 5, 1),
        audience="Ministries",
        recommendations='[{"type": "recommendation", "value": "Train carers.", "id": "a"}]',
    )
    section.numchild = step
    section.save(update_fields=["numchild"])
    content = {
        "pk": brief.pk,
        "title": "Old brief, revised",
        "slug": "old-brief",
        "summary": "What ministries should change.",
        "partner": partner.pk,
        "country": "RS",
        "language": "en",
        "date": "2020-05-01",
        "audience": "Ministries and agencies",
        "recommendations": "[]",
    }
    revision = OldRevision.objects.create(
        content_type=brief_type,
        base_content_type=page_type,
        object_id=str(brief.pk),
        created_at=timezone.now(),
        content=content,
    )
    workflow = OldWorkflow.objects.create(name="Old review")
    state = OldWorkflowState.objects.create(
        content_type=brief_type,
        base_content_type=page_type,
        object_id=str(brief.pk),
        workflow=workflow,
        status="in_progress",
        created_at=timezone.now(),
    )
    OldLogEntry.objects.create(
        content_type=brief_type,
        label=title,
        action="wagtail.create",
        timestamp=timezone.now(),
        page_id=brief.pk,
    )
    return brief.pk, revision.pk, state.pk, brief_type.pk


def test_an_old_brief_keeps_its_rows_and_renders(old_apps, client):
    brief_id, revision_id, state_id, type_id = add_brief(old_apps)
    # What editorial.roles granted on the sections (each translation is one).
    sections = old_apps.get_model("knowledge", "BriefIndexPage").objects.values("pk")
    section_grants = set(
        GroupPagePermission.objects.filter(page__in=sections).values_list(
            "group__name", "page_id", "permission__codename"
        )
    )
    assert section_grants
    editors = Group.objects.create(name="Old brief editors")
    editors.permissions.add(
        *old_apps.get_model("auth", "Permission")
        .objects.filter(content_type_id=type_id)
        .values_list("pk", flat=True)
    )

    migrate()

    for model in MODELS:
        assert not ContentType.objects.filter(app_label="knowledge", model=model)
    brief_type = ContentType.objects.get_for_model(PolicyBriefPage)
    assert (brief_type.pk, brief_type.app_label) == (type_id, "briefs")
    page = Page.objects.get(pk=brief_id)
    assert page.content_type_id == type_id
    assert section_grants == set(
        GroupPagePermission.objects.filter(
            page__in=BriefIndexPage.objects.values("pk")
        ).values_list("group__name", "page_id", "permission__codename")
    )
    assert type(page.specific) is PolicyBriefPage
    assert type(page.get_parent().specific) is BriefIndexPage
    revision = Revision.objects.get(pk=revision_id)
    assert revision.content_type_id == type_id
    draft = revision.as_object()
    assert type(draft) is PolicyBriefPage
    assert (draft.pk, draft.title) == (brief_id, "Old brief, revised")
    assert WorkflowState.objects.get(pk=state_id).content_type_id == type_id
    assert PageLogEntry.objects.get(page_id=brief_id).content_type_id == type_id
    assert set(
        editors.permissions.values_list("content_type__app_label", "codename")
    ) == {
        ("briefs", f"{action}_policybriefpage")
        for action in ("add", "change", "delete", "view")
    }

    response = client.get(page.url)
    assert response.status_code == 200
    assert response.templates[0].name == "briefs/policy_brief_page.html"
    assert "Old brief" in response.content.decode()
    assert "Train carers." in response.content.decode()
    response = client.get(page.get_parent().url)
    assert response.status_code == 200
    assert "Old brief" in response.content.decode()


def test_content_types_made_early_for_briefs_are_merged(old_apps):
    """post_migrate of a database migrated part of the way has already made
    ``briefs`` content types and their permissions: the old rows, which
    everything points at, are kept, and no permission granted on either is lost."""
    brief_id, revision_id, _state_id, type_id = add_brief(old_apps)
    OldContentType = old_apps.get_model("contenttypes", "ContentType")
    OldPermission = old_apps.get_model("auth", "Permission")
    early = {}
    for model in MODELS:
        early[model] = OldContentType.objects.create(app_label="briefs", model=model)
    for action in ("add", "change", "publish"):  # "publish": only on the early one
        OldPermission.objects.create(
            content_type=early["policybriefpage"],
            codename=f"{action}_policybriefpage",
            name=f"Can {action} policy brief",
        )
    editors = Group.objects.create(name="Old brief editors")
    editors.permissions.add(
        OldPermission.objects.get(
            content_type_id=type_id, codename="add_policybriefpage"
        ).pk,
        *OldPermission.objects.filter(
            content_type=early["policybriefpage"]
        ).values_list("pk", flat=True),
    )

    migrate()

    for model in MODELS:
        assert ContentType.objects.filter(model=model).count() == 1
        assert ContentType.objects.get(model=model).app_label == "briefs"
    brief_type = ContentType.objects.get_for_model(PolicyBriefPage)
    assert brief_type.pk == type_id
    assert not ContentType.objects.filter(pk=early["policybriefpage"].pk).exists()
    assert Page.objects.get(pk=brief_id).content_type_id == type_id
    assert Revision.objects.get(pk=revision_id).content_type_id == type_id
    assert type(Page.objects.get(pk=brief_id).specific) is PolicyBriefPage
    assert set(editors.permissions.values_list("content_type_id", "codename")) == {
        (type_id, "add_policybriefpage"),
        (type_id, "change_policybriefpage"),
        (type_id, "publish_policybriefpage"),
    }
    assert brief_type.permission_set.filter(codename="add_policybriefpage").count() == 1
