"""Small covering indexes the SQLite search joins read (see search/sql.py)."""

from django.db import migrations

# name: (table, columns), as search.sql.COVERING_INDEXES names them.
COVERING_INDEXES = {
    "search_entry_cover": (
        "wagtailsearch_indexentry",
        ("id", "content_type_id", "object_id"),
    ),
    "search_document_cover": (
        "knowledge_knowledgepage",
        ("page_ptr_id", "restricted", "partner_id", "country", "language", "date"),
    ),
    "search_page_cover": ("wagtailcore_page", ("id", "live", "content_type_id")),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name, (table, columns) in COVERING_INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({", ".join(columns)})'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in COVERING_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("knowledge", "0003_partner_teams_review_interval"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
