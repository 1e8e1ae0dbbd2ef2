"""The briefs' content types follow their models from ``knowledge`` to ``briefs``.

Pages, revisions, workflow states, log entries, permissions, reference and
search index entries all point at a content type by id. Renaming the existing
rows in place keeps every one of them pointing at the right model.

A fresh database has no rows yet (post_migrate creates them after the
migrations). A database migrated only part of the way may already have
``briefs`` rows, made by post_migrate: anything pointing at one is moved to the
old row, which then takes the new name. The same is done for the duplicate's
permissions (``add_policybriefpage``…) so that no grant is lost.
"""

from django.apps import apps as global_apps
from django.db import migrations

MODELS = ("briefindexpage", "policybriefpage")


def _repoint(connection, table: str, old_id: int, new_id: int) -> None:
    """Point every foreign key to ``table``'s row ``old_id`` at ``new_id``.

    A row that would then repeat one already pointing at ``new_id`` (a unique
    constraint over the key and other columns) is deleted instead.
    """
    introspection = connection.introspection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for other in introspection.table_names(cursor):
            relations = introspection.get_relations(cursor, other)
            # (column in the other table, table[, on delete]): Django 6.1
            # added the third.
            columns = [
                column
                for column, relation in relations.items()
                if relation[1] == table
            ]
            if not columns:
                continue
            constraints = introspection.get_constraints(cursor, other).values()
            for column in columns:
                for constraint in constraints:
                    if not constraint["unique"] or column not in constraint["columns"]:
                        continue
                    same = "".join(
                        f" AND o.{quote(c)} = {quote(other)}.{quote(c)}"
                        for c in constraint["columns"]
                        if c != column
                    )
                    cursor.execute(
                        f"DELETE FROM {quote(other)} WHERE {quote(column)} = %s "  # noqa: S608
                        f"AND EXISTS (SELECT 1 FROM {quote(other)} o "
                        f"WHERE o.{quote(column)} = %s{same})",
                        [old_id, new_id],
                    )
                cursor.execute(
                    f"UPDATE {quote(other)} SET {quote(column)} = %s "  # noqa: S608
                    f"WHERE {quote(column)} = %s",
                    [new_id, old_id],
                )


def _move(apps, schema_editor, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    connection = schema_editor.connection
    db = connection.alias
    for model in MODELS:
        moving = ContentType.objects.using(db).filter(app_label=source, model=model)
        moving = moving.first()
        if moving is None:
            continue  # a fresh database: post_migrate names it right
        duplicate = (
            ContentType.objects.using(db).filter(app_label=target, model=model).first()
        )
        if duplicate is not None:
            kept = {
                p.codename: p
                for p in Permission.objects.using(db).filter(content_type=moving)
            }
            for permission in Permission.objects.using(db).filter(
                content_type=duplicate
            ):
                if permission.codename in kept:
                    _repoint(
                        connection,
                        Permission._meta.db_table,
                        permission.pk,
                        kept[permission.codename].pk,
                    )
                    permission.delete()
                else:
                    permission.content_type = moving
                    permission.save(update_fields=["content_type"])
            _repoint(connection, ContentType._meta.db_table, duplicate.pk, moving.pk)
            duplicate.delete()
        moving.app_label = target
        moving.save(update_fields=["app_label"])
    # The cache of the real model, which maps the models to the old rows.
    global_apps.get_model("contenttypes", "ContentType").objects.clear_cache()


def forwards(apps, schema_editor):
    _move(apps, schema_editor, "knowledge", "briefs")


def backwards(apps, schema_editor):
    _move(apps, schema_editor, "briefs", "knowledge")


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
