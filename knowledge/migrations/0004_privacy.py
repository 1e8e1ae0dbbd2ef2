"""Documents keep the strictest kind of their live view restrictions in
``privacy`` instead of the ``restricted`` flag each revision carried."""

from django.db import migrations, models

STRICTNESS = ("public", "login", "groups", "password")


def privacy_from_restrictions(apps, schema_editor):
    KnowledgePage = apps.get_model("knowledge", "KnowledgePage")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    kinds = {}
    for path, kind in PageViewRestriction.objects.values_list(
        "page__path", "restriction_type"
    ):
        kinds.setdefault(path, set()).add(kind)
    for pk, path, restricted in KnowledgePage.objects.values_list(
        "pk", "path", "restricted"
    ):
        # A flag without a restriction row (old data) still means signed-in only.
        found = {"login"} if restricted else set()
        found |= {
            kind
            for prefix, own in kinds.items()
            if path.startswith(prefix)
            for kind in own
            if kind in STRICTNESS
        }
        if found:
            KnowledgePage.objects.filter(pk=pk).update(
                privacy=max(found, key=STRICTNESS.index)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_partner_teams_review_interval"),
        ("wagtailcore", "0098_apitoken"),
        # Its SQLite covering index names ``restricted``: made first, then
        # rebuilt with ``privacy`` by search 0003.
        ("search", "0002_covering_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="knowledgepage",
            name="privacy",
            field=models.CharField(
                choices=[
                    ("public", "Public"),
                    ("login", "Signed-in readers"),
                    ("groups", "Members of chosen groups"),
                    ("password", "Shared password"),
                ],
                db_index=True,
                default="public",
                editable=False,
                help_text="Who may read the document: set under Privacy.",
                max_length=8,
            ),
        ),
        migrations.RunPython(privacy_from_restrictions, migrations.RunPython.noop),
        migrations.RemoveField(model_name="knowledgepage", name="restricted"),
    ]
