"""The SQLite covering index of documents reads ``privacy``, which replaced
``restricted`` (rebuilding the table dropped the old index)."""

from django.db import migrations

NAME = "search_document_cover"
TABLE = "knowledge_knowledgepage"


COLUMNS = ("page_ptr_id", "privacy", "partner_id", "country", "language", "date")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        drop(apps, schema_editor)
        schema_editor.execute(f'CREATE INDEX "{NAME}" ON "{TABLE}" ({", ".join(COLUMNS)})')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME}"')


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_covering_indexes"),
        ("knowledge", "0004_privacy"),
    ]

    operations = [
migrations.RunPython(create, drop)
    ]
