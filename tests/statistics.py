"""What the database's planner believes of a table, for the tests of the
statistics refreshed after bulk writes and ``update_index``."""

from django.db import connection


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
