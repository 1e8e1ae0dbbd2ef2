"""Telling the database what a bulk write changed, with its own tools.

After thousands of rows are written at once, the planner keeps the statistics
of when the tables were small until ``ANALYZE`` runs; on PostgreSQL the new
pages are not yet marked all-visible (an index-only scan still reads every
row) and rewritten rows leave their old versions behind, which every scan
reads, until ``VACUUM`` passes. Autovacuum does both within minutes; a bulk
write does them at once. SQLite keeps no statistics without ``ANALYZE`` and
needs no ``VACUUM`` for either.
"""

from django.db import connections


def refresh_statistics(table: str | None = None, *, using: str = "default") -> None:
    """``VACUUM ANALYZE`` ``table`` (every table, when None) on PostgreSQL;
    ``ANALYZE`` only where ``VACUUM`` cannot run: on SQLite, and inside a
    transaction."""
    connection = connections[using]
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    statement = "VACUUM ANALYZE" if vacuum else "ANALYZE"
    if table:
        statement += f" {connection.ops.quote_name(table)}"
    with connection.cursor() as cursor:
        cursor.execute(statement)
