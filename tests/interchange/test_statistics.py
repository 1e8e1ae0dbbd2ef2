"""After a bulk write the database re-reads its statistics (interchange.bulk)."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from interchange.bulk import STATISTICS_AFTER, refresh_statistics
from knowledge.models import KnowledgePage
from tests.factories import PracticeGuidePageFactory
from tests.statistics import estimated_rows


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
