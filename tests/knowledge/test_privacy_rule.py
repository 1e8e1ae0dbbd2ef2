"""The live view restrictions decide who reads a document, whatever content says.

Each test is one of the ways a restriction used to be lowered by accident: a
stale draft, an approval, an import of an older file, a group restriction read
as "any signed-in reader", and files of documents the bulk creation made.
"""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import PageViewRestriction

from knowledge.models import KnowledgePage
from knowledge.privacy import Privacy
from practices.models import PracticeGuidePage
from tests.content import text_of
from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    UploadedDocumentFactory,
    UserFactory,
)
from tests.interchange import failed_import, write_file
from tests.interchange.records import PARTNER

GUIDE = {
    "type": "practice",
    "slug": "escort-protocol",
    "title": "Escort protocol",
    "summary": "How children are escorted to the shelter.",
    "body": "Steps.",
    "language": "en",
    "partner": "astra",
    "country": "RS",
    "date": "2011-03-01",
    "evidence_level": "evaluated",
}


def import_file(records, *options) -> str:
    out = StringIO()
    call_command("import_content", str(write_file(records)), *options, stdout=out)
    return out.getvalue()


def restrict(page, kind, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    restriction.groups.set(groups)
    return restriction


class RestrictionSurvivesContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(title="Intake lines", slug="intake")

    def privacy(self):
        return KnowledgePage.objects.get(pk=self.guide.pk).privacy

    def test_saving_a_draft_started_before_the_restriction_keeps_it(self):
        stale = self.guide.get_latest_revision_as_object()
        restrict(self.guide, Privacy.LOGIN)
        stale.title = "Intake lines, revised"
        stale.save_revision()
        self.assertEqual(self.privacy(), Privacy.LOGIN)
        self.assertEqual(PageViewRestriction.objects.filter(page=self.guide).count(), 1)

    def test_publishing_or_reverting_to_an_older_revision_keeps_it(self):
        older = self.guide.save_revision()
        restrict(self.guide, Privacy.GROUPS, [Group.objects.create(name="Police")])
        older.publish()
        self.assertEqual(self.privacy(), Privacy.GROUPS)
        self.guide.refresh_from_db()
        self.assertEqual(self.guide.get_latest_revision_as_object().privacy, "groups")

    def test_restricted_false_asks_for_nothing(self):
        restrict(self.guide, Privacy.LOGIN)
        page = KnowledgePage.objects.get(pk=self.guide.pk).specific
        page.restricted = False
        page.save()
        self.assertEqual(self.privacy(), Privacy.LOGIN)

    def test_lifting_is_deleting_the_restriction(self):
        restriction = restrict(self.guide, Privacy.LOGIN)
        restriction.delete()
        self.assertEqual(self.privacy(), Privacy.PUBLIC)


class GroupRestrictionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.police = Group.objects.create(name="Police")
        cls.guide = PracticeGuidePageFactory(
            title="Joint interview room booking", slug="interview-room"
        )
        restrict(cls.guide, Privacy.GROUPS, [cls.police])
        cls.officer = UserFactory()
        cls.officer.groups.add(cls.police)
        cls.practitioner = UserFactory()

    def test_only_the_groups_members_find_it(self):
        for reader, found in ((self.officer, True), (self.practitioner, False)):
            self.client.force_login(reader)
            for url in ("/en/search/?q=interview", "/en/search/autocomplete/?q=joint"):
                with self.subTest(url=url, reader=reader.username):
                    content = text_of(self.client.get(url))
                    self.assertEqual("Joint interview room" in content, found)

    def test_its_files_go_to_the_groups_members_only(self):
        page = PracticeGuidePage.objects.get(pk=self.guide.pk)
        report = UploadedDocumentFactory(title="Booking sheet")
        page.evaluation_documents.create(document=report, label="Booking sheet")
        page.save_revision().publish()
        self.client.force_login(self.practitioner)
        self.assertEqual(self.client.get(report.url).status_code, 404)
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get(report.url).status_code, 200)


class DraftFileTests(TestCase):
    def test_a_file_only_in_a_draft_of_a_restricted_page_is_not_public(self):
        guide = PracticeGuidePageFactory(title="Shelter intake", restricted=True)
        minutes = UploadedDocumentFactory(title="Intake minutes")
        draft = PracticeGuidePage.objects.get(pk=guide.pk)
        draft.evaluation_documents.create(document=minutes, label="Minutes")
        draft.save_revision()
        response = self.client.get(minutes.url)
        self.assertEqual(response.status_code, 302)
        listed = self.client.get("/api/v2/documents/").json()["items"]
        self.assertNotIn(minutes.pk, [item["id"] for item in listed])


class ImportedRestrictionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        PartnerFactory(slug="astra", name="ASTRA")

    def setUp(self):
        # Each test has its own media folder (tests/conftest.py).
        self.report = UploadedDocumentFactory(title="Escort evaluation")

    def guide(self, **fields):
        files = [{"file": self.report.file.name, "label": "Evaluation"}]
        return {**GUIDE, "evaluation_documents": files, **fields}

    def test_files_of_imported_restricted_documents_are_not_public(self):
        import_file([PARTNER, self.guide(restricted=True)])
        response = self.client.get(self.report.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])
        listed = self.client.get("/api/v2/documents/").json()["items"]
        self.assertNotIn(self.report.pk, [item["id"] for item in listed])
        self.client.force_login(UserFactory())
        self.assertEqual(self.client.get(self.report.url).status_code, 200)

    def test_an_older_file_does_not_lift_a_later_restriction(self):
        import_file([PARTNER, self.guide()])
        guide = PracticeGuidePage.objects.get(slug=GUIDE["slug"])
        restrict(guide, Privacy.LOGIN)
        output = import_file([PARTNER, self.guide(title="Escort protocol, 2nd ed.")])
        guide.refresh_from_db()
        self.assertEqual(guide.title, "Escort protocol, 2nd ed.")
        self.assertEqual(guide.privacy, Privacy.LOGIN)
        self.assertIn("Kept the restriction", output)
        self.assertIn(GUIDE["slug"], output)

    def test_lift_restrictions_lifts_them_and_says_so(self):
        import_file([PARTNER, self.guide(restricted=True)])
        output = import_file([PARTNER, self.guide()], "--lift-restrictions")
        guide = PracticeGuidePage.objects.get(slug=GUIDE["slug"])
        self.assertEqual(guide.privacy, Privacy.PUBLIC)
        self.assertIn("Lifted the restriction of: escort-protocol", output)

    def test_the_kind_and_groups_travel_with_the_file(self):
        Group.objects.create(name="Police")
        restriction = {"kind": "groups", "groups": ["Police"]}
        import_file([PARTNER, self.guide(restriction=restriction)])
        guide = PracticeGuidePage.objects.get(slug=GUIDE["slug"])
        self.assertEqual(guide.privacy, Privacy.GROUPS)
        exported = write_file([]).with_name("export.jsonl")
        call_command("export_content", str(exported), stdout=StringIO())
        self.assertIn(
            '"restriction": {"kind": "groups", "groups": ["Police"]}',
            exported.read_text(encoding="utf-8"),
        )

    def test_an_unknown_group_is_refused_by_line(self):
        restriction = {"kind": "groups", "groups": ["Nobody"]}
        errors = failed_import([PARTNER, self.guide(restriction=restriction)])
        self.assertIn(
            "line 2: restriction: no group 'Nobody' on this site: create it first",
            errors,
        )
        self.assertFalse(PracticeGuidePage.objects.exists())
