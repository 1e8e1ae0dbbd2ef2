"""After a bulk write the database re-reads its statistics (interchange.bulk)."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from interchange.bulk import STATISTICS_AFTER, refresh_statistics
from knowledge.models import KnowledgePage
from tests.factories import PracticeGuidePageFactory


def estimated_rows(table: str) -> float | None:
    """What the planner believes ``table`` holds, or None before any
    statistics were collected."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            estimate = cursor.fetchone()[0]
            return None if estimate < 0 else estimate
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        row = cursor.fetchone()
        return float(row[0].split()[0]) if row else None


class StatisticsTests(TestCase):
    def test_a_small_write_leaves_them_alone(self):
        with CaptureQueriesContext(connection) as queries:
            self.assertFalse(refresh_statistics(STATISTICS_AFTER - 1))
        self.assertEqual(len(queries), 0)

    def test_a_large_write_refreshes_them(self):
        for _ in range(3):
            PracticeGuidePageFactory()
        self.assertTrue(refresh_statistics(STATISTICS_AFTER))
        self.assertEqual(
            estimated_rows(KnowledgePage._meta.db_table), KnowledgePage.objects.count()
        )
