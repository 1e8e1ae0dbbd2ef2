"""A backup of everything an editor can set restores: the demo content with
every editable field given a value, with translations (published and draft),
documents for signed-in readers, for a group and behind a password, and drafts
of every type, exported, imported into an empty database of the same kind
(SQLite or PostgreSQL) in another process, and exported again, is the same
file, byte for byte."""

import datetime
import json
import tempfile
import uuid
from io import StringIO
from pathlib import Path

import psycopg
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from interchange.records import (
    FORMAT_VERSION,
    TOPIC_TRANSLATIONS,
    VERSION_RECORD,
    fields,
    file_lines,
)
from knowledge.document_types import document_types
from knowledge.languages import TRANSLATED_LANGUAGES, translation_field
from knowledge.models import KnowledgePage, Topic
from knowledge.models.topics import TRANSLATED_FIELDS
from knowledge.permissions import PRACTITIONERS
from knowledge.privacy import Privacy, restrict
from practices.models import TEXT_PARTS
from standards.amendments import record_amendment
from standards.models import Standard, StandardArticle, StandardCitation
from tests.commands import run_manage
from tests.safeguarding.files import make_pdf
from tests.translations import translate
from training.models import TrainingMaterial

RESTORE = """
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
call_command("import_content", {backup!r})
call_command("export_content", {restored!r})
"""

MOMENT = datetime.datetime(2011, 1, 2, 9, 30, tzinfo=datetime.UTC)


def set_every_editable_field(page, position: int, attachment) -> None:
    """Values other than the defaults for every field the interchange added in
    format versions 4 and 5, on the page's newest content (a draft's revision)."""
    content = page.get_latest_revision_as_object() if not page.live else page
    content.review_interval = (6, 24, 36)[position % 3]
    content.seo_title = f"Search title {position}"
    content.search_description = f"What search engines show for {position}."
    content.show_in_menus = True
    content.go_live_at = MOMENT
    content.expire_at = timezone.now() + datetime.timedelta(days=3650)
    content.last_reviewed = datetime.date(2012, 1, 1)
    if content.document_type == "practice":
        for name in TEXT_PARTS:
            text = getattr(content, name) or f"<p>The {name} of guide {position}.</p>"
            setattr(content, name, text)
    content.members_annex = [
        ("rich_text", RichText(f"<p>Intake line <b>{position}</b>.</p>"))
    ]
    if content.document_type == "brief":
        content.attachment = attachment
    if content.document_type == "training":
        content.materials.add(TrainingMaterial(document=attachment, title="Slides"))
    if hasattr(content, "other_standards"):
        content.other_standards = "Palermo Protocol\nLocal bylaw"
    if hasattr(content, "standard_citations"):
        content.standard_citations.add(
            StandardCitation(
                standard=Standard.objects.get(code="cets-201"), sort_order=1000
            )
        )
    revision = content.save_revision(clean=False)
    if page.live:
        revision.publish()


def add_translations_restrictions_and_drafts() -> None:
    """What the demo content lacks, for every type: a translation, published
    and in draft; a document for signed-in readers, one for a group and one
    behind a password; a draft."""
    practitioners = Group.objects.get(name=PRACTITIONERS)
    for entry in document_types:
        first, *others = entry.model.objects.order_by("path")
        translate(first, "sl", title=f"{first.title} (sl)", language="sl")
        translate(first, "sr", title=f"{first.title} (sr)", language="sr-Cyrl",
                  live=False)  # fmt: skip
        restrict(others[0], Privacy.LOGIN)
        restrict(others[1], Privacy.GROUPS, [practitioners])
        restrict(others[2], Privacy.PASSWORD)
        others[-1].unpublish()


class empty_database:
    """A database of the kind the tests run on, with nothing in it; its
    ``DATABASE_URL`` for another process."""

    def __enter__(self):
        self.folder = tempfile.TemporaryDirectory(prefix="restore-")
        if connection.vendor == "sqlite":
            return f"sqlite:///{Path(self.folder.name) / 'restored.sqlite3'}"
        parameters = connection.get_connection_params()
        self.name = f"restore_{uuid.uuid4().hex[:12]}"
        self.admin = {k: v for k, v in parameters.items() if k != "dbname"}
        with psycopg.connect(dbname="postgres", autocommit=True, **self.admin) as db:
            db.execute(f'CREATE DATABASE "{self.name}"')
        user, host = parameters.get("user", ""), parameters.get("host", "")
        password = parameters.get("password") or ""
        port = parameters.get("port") or 5432
        login = f"{user}:{password}@" if password else f"{user}@"
        return f"postgres://{login}{host}:{port}/{self.name}"

    def __exit__(self, *exc):
        if connection.vendor != "sqlite":
            with psycopg.connect(
                dbname="postgres", autocommit=True, **self.admin
            ) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self.folder.cleanup()


class FullRestoreTests(TestCase):
    def test_every_editable_field_of_the_demo_content_comes_back(self):
        call_command("load_demo_content", stdout=StringIO())
        attachment = get_document_model().objects.create(
            title="Brief",
            file=ContentFile(make_pdf("The brief"), name="brief-attachment.pdf"),
        )
        for topic in Topic.objects.all():
            for name in TOPIC_TRANSLATIONS:
                setattr(topic, name, f"{topic.name} ({name})")
            topic.save()
        add_translations_restrictions_and_drafts()
        pages = KnowledgePage.objects.specific().order_by("path")
        for position, page in enumerate(pages):
            set_every_editable_field(page, position, attachment)
        record_amendment(
            StandardArticle.objects.get(standard__code="cets-197", key="10"),
            date=datetime.date(2024, 7, 13),
            note="Identification of child victims strengthened.",
            url="https://example.org/act",
        )

        with tempfile.TemporaryDirectory() as folder, empty_database() as url:
            backup, restored = Path(folder) / "backup.jsonl", Path(folder) / "r.jsonl"
            call_command("export_content", str(backup), verbosity=0)
            result = run_manage(
                "shell",
                "-c",
                RESTORE.format(backup=str(backup), restored=str(restored)),
                DJANGO_SETTINGS_MODULE="knowledge.settings.test",
                DATABASE_URL=url,
                MEDIA_ROOT=str(settings.MEDIA_ROOT),
            )
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(restored.read_bytes(), backup.read_bytes())
            exported = backup.read_bytes()

        records = [json.loads(line) for line in file_lines(exported) if line]
        # The test sets what it checks: every field of every record is given,
        # with a value other than its default, by at least one record.
        for record_type, spec in fields().items():
            if record_type == VERSION_RECORD:
                continue
            with self.subTest(record_type):
                of_type = [r for r in records if r["type"] == record_type]
                self.assertEqual(
                    [
                        name
                        for name, (_reader, _required, default) in spec.items()
                        if all(
                            r.get(name) in (None, "", [], {}, default) for r in of_type
                        )
                    ],
                    [],
                )
        self.assertEqual(
            records[0], {"type": "format_version", "version": FORMAT_VERSION}
        )
        self.assertEqual(
            [r["article"] for r in records if r["type"] == "amendment"],
            ["cets-197:10"],
        )
        topics = [r for r in records if r["type"] == "topic"]
        self.assertTrue(topics)
        for record in topics:
            self.assertEqual(
                record["translations"],
                {
                    tag: {
                        field: f"{record['name']} ({translation_field(field, tag)})"
                        for field in TRANSLATED_FIELDS
                    }
                    for tag in TRANSLATED_LANGUAGES
                },
            )
        documents = [r for r in records if r["type"] in document_types]
        self.assertEqual(len(documents), pages.count())
        # The test sets what it checks: no value is the default.
        for record in documents:
            with self.subTest(record["slug"], locale=record["locale"]):
                self.assertIn(record["review_interval"], (6, 24, 36))
                self.assertTrue(record["seo_title"])
                self.assertTrue(record["search_description"])
                self.assertIs(record["show_in_menus"], True)
                self.assertEqual(record["go_live_at"], "2011-01-02T09:30:00+00:00")
                self.assertTrue(record["expire_at"])
                if record["type"] == "practice":
                    self.assertTrue(all(record[name] for name in TEXT_PARTS))
                if record["type"] == "brief":
                    self.assertEqual(
                        record["attachment"], "documents/brief-attachment.pdf"
                    )
                if "standards" in record:
                    self.assertEqual(record["standards"][-1], "cets-201")
