from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.documents.models import Document

from safeguarding.models import Override
from safeguarding.scanner import scan_page
from tests.factories import PolicyBriefPageFactory, PracticeGuidePageFactory
from tests.safeguarding.files import make_pdf


class SafeguardingScanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.clean = PracticeGuidePageFactory(slug="clean", summary="Foster care works.")
        cls.risky = PolicyBriefPageFactory(
            slug="risky", summary="Contact the girl's mother at mama@example.org."
        )

    def scan(self, *args):
        out, err = StringIO(), StringIO()
        call_command("safeguarding_scan", *args, stdout=out, stderr=err)
        return out.getvalue()

    def test_prints_a_masked_line_per_finding_and_fails(self):
        out = StringIO()
        with self.assertRaises(CommandError) as raised:
            call_command("safeguarding_scan", stdout=out, stderr=StringIO())
        self.assertEqual(raised.exception.returncode, 1)
        [line] = out.getvalue().splitlines()
        slug, place, kind, excerpt = line.split("\t")
        self.assertEqual((slug, place, kind), ("risky", "Summary", "email"))
        self.assertIn("m•••@", excerpt)
        self.assertNotIn("mama@example.org", excerpt)

    def test_drafts_are_checked_in_their_newest_version(self):
        self.clean.summary = "Dete je rođeno 03.05.2006."
        self.clean.save_revision()
        with self.assertRaises(CommandError):
            self.scan("clean")

    def test_overridden_findings_pass_and_show_with_all(self):
        finding = scan_page(self.risky)[0]
        Override.objects.create(
            page=self.risky,
            fingerprint=finding.fingerprint,
            kind=finding.kind,
            place=finding.place,
            excerpt=finding.excerpt,
            reason="The organisation's shared inbox.",
        )
        self.assertEqual(self.scan(), "")
        self.assertTrue(self.scan("--all").rstrip().endswith("\toverridden"))

    def test_unknown_slug_is_named(self):
        with self.assertRaisesMessage(CommandError, "No document with slug nope"):
            self.scan("nope")


class NewKindsOfTextTests(TestCase):
    def test_slugs_and_library_files_are_reported_masked(self):
        report = Document(title="Statement of the victim Sarah Smith")
        report.file.save("statement.pdf", ContentFile(make_pdf("Contents")), save=False)
        report.save()
        page = PracticeGuidePageFactory(
            slug="zrtva-ana-petrovic",
            body=[("document", {"document": report, "title": "Statement"})],
        )
        out = StringIO()
        with self.assertRaises(CommandError):
            call_command("safeguarding_scan", stdout=out, stderr=StringIO())
        rows = [line.split("\t") for line in out.getvalue().splitlines()]
        self.assertEqual(
            {(slug, place, kind) for slug, place, kind, _excerpt in rows},
            {
                (f"z••••-•••-•••••••• (id {page.pk})", "Slug", "name"),
                (
                    f"z••••-•••-•••••••• (id {page.pk})",
                    "Body › block 1 (Document): Statement of the victim S•••• "
                    "S•••• (statement.pdf), title",
                    "name",
                ),
            },
        )
        self.assertNotIn("petrovic", out.getvalue())
        self.assertNotIn("Smith", out.getvalue())
