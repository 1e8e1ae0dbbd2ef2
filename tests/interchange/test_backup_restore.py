"""A backup restores: export, import into a fresh empty database in another
process, export again, and the two exports are the same."""

import datetime
import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from wagtail.documents import get_document_model

from practices.models import EvaluationDocument
from tests.commands import run_manage
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
)
from tests.safeguarding.files import make_pdf
from tests.translations import translate

RESTORE = """
import json
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0, interactive=False)
call_command("import_content", {backup!r})
call_command("export_content", {restored!r})
# The restored translation is linked: each version offers the other.
also_available = {{}}
for path in ("/en/practices/kinship-foster-care/", "/sl/practices/kinship-foster-care/"):
    page = Client().get(path).content.decode()
    also_available[path] = page[page.index('class="also-available"'):].split("</p>")[0]
print(json.dumps(also_available))
"""


class BackupRestoreTests(TestCase):
    def test_an_export_restored_into_an_empty_database_exports_the_same(self):
        astra = PartnerFactory(slug="astra", name="ASTRA")
        kljuc = PartnerFactory(slug="kljuc", name="Društvo Ključ", country="SI")
        foster = TopicFactory(name="Foster care", slug="foster-care")
        guide = PracticeGuidePageFactory(
            title="Kinship foster care",
            slug="kinship-foster-care",
            partner=astra,
            topics=[foster],
        )
        translate(guide, "sl", title="Sorodniško rejništvo", language="sl")
        # A library file: the restore finds it in the media folder alone.
        report = get_document_model().objects.create(
            title="Evaluation 2011",
            file=ContentFile(make_pdf("Evaluation"), name="evaluation-2011.pdf"),
        )
        EvaluationDocument.objects.create(
            guide=guide, document=report, label="External evaluation, 2011"
        )
        guide.evidence_level = "evaluated"
        guide.save_revision().publish()
        draft = PracticeGuidePageFactory(title="Draft original", partner=kljuc)
        translate(draft, "sr", title="Нацрт", language="sr-Cyrl", live=False)
        PolicyBriefPageFactory(
            title="Confidential referral protocol", partner=astra, restricted=True
        )
        StudyVisitPageFactory(
            title="Visit to Ljubljana",
            partner=kljuc,
            host=kljuc,
            start_date=datetime.date(2011, 5, 1),
            end_date=datetime.date(2011, 5, 3),
        )
        PracticeGuidePageFactory(title="Unfinished draft", partner=kljuc, live=False)
        self.assertTrue(guide.live)

        folder_handle = tempfile.TemporaryDirectory(prefix="restore-")
        self.addCleanup(folder_handle.cleanup)
        folder = Path(folder_handle.name)
        backup, restored = folder / "backup.jsonl", folder / "restored.jsonl"
        call_command("export_content", str(backup), verbosity=0)
        result = run_manage(
            "shell",
            "-c",
            RESTORE.format(backup=str(backup), restored=str(restored)),
            DJANGO_SETTINGS_MODULE="knowledge.settings.test",
            DATABASE_URL=f"sqlite:///{folder / 'restored.sqlite3'}",
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        exported = backup.read_text(encoding="utf-8").splitlines()
        for title in ("Confidential referral protocol", "Unfinished draft", "Ključ"):
            self.assertIn(title, backup.read_text(encoding="utf-8"))
        self.assertEqual(restored.read_text(encoding="utf-8").splitlines(), exported)
        self.assertIn('"translation_of": "kinship-foster-care"', backup.read_text())
        self.assertIn('"file": "documents/evaluation-2011.pdf"', backup.read_text())
        also_available = json.loads(result.stdout.splitlines()[-1])
        self.assertIn(
            'href="/sl/practices/kinship-foster-care/"',
            also_available["/en/practices/kinship-foster-care/"],
        )
        self.assertIn(
            'href="/en/practices/kinship-foster-care/"',
            also_available["/sl/practices/kinship-foster-care/"],
        )
