"""Readers who ask the same question share the counting and ranking SQL, and a
change to the content is seen by the very next search."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import PartnerFactory, PracticeGuidePageFactory, UserFactory

pytestmark = pytest.mark.django_db

COUNTING = "UNION ALL"  # only the facet statement has it
RANKING = "AS score"  # only the ranking statement has it


def guide(slug, **kwargs):
    return PracticeGuidePageFactory(
        title=f"Kinship foster placements {slug}",
        slug=slug,
        summary="Kinship placements for children.",
        partner=kwargs.pop("partner", None) or PartnerFactory(),
        date=datetime.date(2012, 1, 1),
        **kwargs,
    )


def search(client, query="kinship"):
    """The result slugs, the total and the SQL statements of one search."""
    with CaptureQueriesContext(connection) as queries:
        data = client.get("/en/search/", {"q": query, "format": "json"}).json()
    statements = [q["sql"] for q in queries.captured_queries]
    return [r["slug"] for r in data["results"]], data["total"], statements


def counted(statements) -> bool:
    return any(COUNTING in sql for sql in statements)


def test_the_same_question_is_counted_once(client):
    guide("first")
    guide("second")
    first = search(client)
    again = search(client)
    assert counted(first[2])
    assert not counted(again[2])
    assert any(RANKING in sql for sql in first[2])
    assert not any(RANKING in sql for sql in again[2])
    assert again[:2] == first[:2]
    assert first[1] == 2
    assert len(again[2]) < len(first[2])


def test_without_the_cache_every_search_counts(client, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    guide("first")
    search(client)
    assert counted(search(client)[2])


def test_a_published_document_is_found_by_the_next_search(client):
    guide("first")
    assert search(client)[1] == 1
    guide("second")
    slugs, total, _ = search(client)
    assert total == 2
    assert set(slugs) == {"first", "second"}


def test_a_document_restricted_after_a_search_leaves_the_next_one(client):
    kept, hidden = guide("kept"), guide("hidden")
    assert search(client)[1] == 2
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )
    slugs, total, _ = search(client)
    assert (slugs, total) == ([kept.slug], 1)


def test_a_members_answer_never_reaches_an_anonymous_reader(client):
    guide("open")
    guide("members", restricted=True)
    client.force_login(UserFactory())
    member = search(client)
    client.logout()
    anonymous = search(client)
    assert member[1] == 2
    assert anonymous[:2] == (["open"], 1)
    assert counted(anonymous[2])
