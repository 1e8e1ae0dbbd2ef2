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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, heading, intro",
    [
        ("en", "Practice guides", "Practices that worked"),
        ("sr-latn", "Vodiči za praksu", "Prakse koje su se pokazale uspešnim"),
        ("sr", "Водичи за праксу", "Праксе које су се показале успешним"),
        ("sl", "Vodniki za prakso", "Prakse, ki so se obnesle"),
    ],
)
def test_sections_and_home_are_written_in_every_language(client, code, heading, intro):
    response = client.get(f"/{code}/practices/")
    assert response.context["page"].locale.language_code == code
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert intro in html
    assert f"<title>{heading}" in html
    home = client.get(f"/{code}/")
    assert home.context["page"].locale.language_code == code
    assert (
        home.context["page"].title
        == {
            "en": "STOP! Knowledge Exchange",
            "sr-latn": "STOP! Razmena znanja",
            "sr": "STOP! Размена знања",
            "sl": "STOP! Izmenjava znanja",
        }[code]
    )
