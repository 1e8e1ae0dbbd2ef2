"""On PostgreSQL, the covering indexes the search joins read (see search/sql.py).

Every count and ranking joins its matches to the document and page rows, which
are wide; these indexes hold the few columns the visibility rule, the filters
and the facets read, so the joins are index-only scans of them. SQLite has its
own (0002, 0003), which its SQL names.
"""

from django.db import migrations

# name: (table, key, included columns).
COVERING_INDEXES = {
    "search_document_cover": (
        "knowledge_knowledgepage",
        "page_ptr_id",
        ("privacy", "partner_id", "country", "language", "date"),
    ),
    "search_page_cover": ("wagtailcore_page", "id", ("live", "content_type_id")),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, key, included) in COVERING_INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({key}) '
            f"INCLUDE ({', '.join(included)})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in COVERING_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_members_annex"),
        ("knowledge", "0004_privacy"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop)]
