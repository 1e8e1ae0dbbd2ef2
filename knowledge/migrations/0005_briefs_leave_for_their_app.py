"""Policy briefs moved to the ``briefs`` app. Only Django's idea of the models
moves: their tables stay as they are, and briefs 0001 takes them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0004_privacy"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PolicyBriefPage"),
                migrations.DeleteModel(name="BriefIndexPage"),
            ],
            database_operations=[],
        ),
    ]
