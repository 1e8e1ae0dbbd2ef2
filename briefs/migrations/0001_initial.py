"""Policy briefs, moved here from the ``knowledge`` app (knowledge 0005).

The tables were made by knowledge 0001 and keep their names (``db_table``), so
this only tells Django the models now live here: nothing changes in the
database. 0002 moves their content types.
"""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("knowledge", "0005_briefs_leave_for_their_app"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BriefIndexPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        ("intro", models.TextField(blank=True)),
                    ],
                    options={
                        "verbose_name": "policy brief index",
                        "db_table": "knowledge_briefindexpage",
                    },
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="PolicyBriefPage",
                    fields=[
                        (
                            "knowledgepage_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="knowledge.knowledgepage",
                            ),
                        ),
                        (
                            "recommendations",
                            wagtail.fields.StreamField(
                                [("recommendation", 0)],
                                blank=True,
                                block_lookup={
                                    0: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {"icon": "tick", "label": "Recommendation"},
                                    )
                                },
                                help_text="In order of priority; shown as a numbered list.",
                            ),
                        ),
                        (
                            "audience",
                            models.CharField(
                                blank=True,
                                help_text="Who the brief is addressed to.",
                                max_length=255,
                            ),
                        ),
                        (
                            "attachment",
                            models.ForeignKey(
                                blank=True,
                                help_text="The brief as a PDF, if there is one.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtaildocs.document",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "policy brief",
                        "db_table": "knowledge_policybriefpage",
                    },
                    bases=("knowledge.knowledgepage",),
                ),
            ],
            database_operations=[],
        ),
    ]
