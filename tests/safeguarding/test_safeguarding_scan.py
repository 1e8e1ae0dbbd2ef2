from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase

from safeguarding.models import Override
from safeguarding.scanner import scan_page
from tests.factories import PolicyBriefPageFactory, PracticeGuidePageFactory


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
