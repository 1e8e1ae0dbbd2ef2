from django.db import migrations, models


class Migration(migrations.Migration):
    """The free-text standards become "other standards": standards on the site's
    list are cited article by article (standards.StandardCitation); existing text
    is kept as it was written."""

    dependencies = [
        ("practices", "0003_practice_guide_lineage"),
    ]

    operations = [
        migrations.RenameField(
            model_name="practiceguidepage",
            old_name="standards",
            new_name="other_standards",
        ),
        migrations.AlterField(
            model_name="practiceguidepage",
            name="other_standards",
            field=models.TextField(
                blank=True,
                help_text="Standards that are not in the site's list of standards, "
                "one per line (e.g. a national bylaw). Cite listed standards article "
                "by article below.",
            ),
        ),
    ]
