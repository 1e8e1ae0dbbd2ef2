"""A module of its own: its tests commit (``VACUUM`` cannot run inside a
transaction), and a flush after them would remove what the migrations wrote
for the tests of a shared module."""

import pytest
from django.db import connection, transaction

from knowledge.models import KnowledgePage
from knowledge.statistics import refresh_statistics
from tests.factories import PracticeGuidePageFactory

TABLE = KnowledgePage._meta.db_table

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="VACUUM is PostgreSQL's"
)


def pages_all_visible() -> tuple[int, int]:
    """The table's pages, and how many of them are marked all-visible (what
    an index-only scan needs to skip the rows), as the database last counted."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpages, relallvisible FROM pg_class WHERE relname = %s", [TABLE]
        )
        return cursor.fetchone()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_new_rows_are_marked_visible():
    for _ in range(3):
        PracticeGuidePageFactory()
    refresh_statistics(TABLE)
    pages, visible = pages_all_visible()
    assert pages > 0
    assert visible == pages


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_only_the_statistics():
    for _ in range(3):
        PracticeGuidePageFactory()
    with transaction.atomic():
        refresh_statistics(TABLE)
    pages, visible = pages_all_visible()
    assert pages > 0
    assert visible == 0
