"""A module of its own: under pytest-xdist a module runs whole on one worker,
so a test that commits must not share one with tests that expect the data
migrations wrote (its flush removes them)."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, Site, WorkflowPage

from briefs.models import BriefIndexPage
from editorial.workflow import WORKFLOW_NAME
from knowledge.models import HomePage
from knowledge.permissions import REVIEWERS


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_its_structure_back():
    """Transactional tests (the browser tests) flush the database after each test."""
    call_command("flush", interactive=False, verbosity=0)
    home = HomePage.objects.get(locale__language_code="en")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert BriefIndexPage.objects.child_of(home).exists()
    assert Collection.get_first_root_node() is not None
    assert Group.objects.get(name=REVIEWERS).permissions.exists()
    for section in BriefIndexPage.objects.all():
        assert WorkflowPage.objects.get(page=section).workflow.name == WORKFLOW_NAME
    assert sorted(
        BriefIndexPage.objects.values_list("locale__language_code", flat=True)
    ) == ["en", "sl", "sr", "sr-latn"]
