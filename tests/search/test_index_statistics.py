"""After ``update_index`` the database knows the index table as it now is
(search.database.refresh_index_statistics), and on PostgreSQL the search joins
have their covering indexes (search/migrations/0005)."""

from io import StringIO
from unittest import skipUnless

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from wagtail.search.models import IndexEntry

from tests.factories import PracticeGuidePageFactory
from tests.statistics import estimated_rows


class IndexStatisticsTests(TestCase):
    def test_update_index_refreshes_the_index_tables_statistics(self):
        for _ in range(3):
            PracticeGuidePageFactory()
        call_command("update_index", stdout=StringIO(), stderr=StringIO())
        self.assertEqual(
            estimated_rows(IndexEntry._meta.db_table), IndexEntry.objects.count()
        )

    @skipUnless(connection.vendor == "postgresql", "PostgreSQL's own indexes")
    def test_the_document_and_page_columns_search_reads_are_covered(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE indexname IN ('search_document_cover', 'search_page_cover')"
            )
            definitions = dict(cursor.fetchall())
        self.assertIn(
            "(page_ptr_id) INCLUDE (privacy, partner_id, country, language, date)",
            definitions["search_document_cover"],
        )
        self.assertIn(
            "(id) INCLUDE (live, content_type_id)", definitions["search_page_cover"]
        )
