"""Every way a document goes live passes the safeguarding gate.

``PublishRevisionAction._publish_revision`` is where every publication in
Wagtail ends; :class:`EveryPublicationPassesTheGateTests` makes it fail for a
page the gate has not checked, and drives each way in. The other tests show
what each way does with a document that has unresolved findings.
"""

import datetime
from io import StringIO
from unittest.mock import patch

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.models import GroupApprovalTask, PageLogEntry, Workflow, WorkflowTask
from wagtail.test.utils.form_data import querydict_from_html

from interchange.bulk import NewDocument, create_documents
from practices.models import PracticeGuidePage, PracticeIndexPage
from safeguarding import gate
from safeguarding.models import Override, SafeguardedApprovalTask
from safeguarding.scanner import scan_page
from tests.factories import PartnerFactory, PracticeGuidePageFactory, UserFactory
from tests.interchange import write_file

VICTIM = "The victim Ana Petrović, JMBG 0103005710000, was placed in foster care."
CLEAN = "Foster carers receive accredited training."


def reload(page):
    return PracticeGuidePage.objects.get(pk=page.pk)


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = UserFactory(is_superuser=True, is_staff=True)
        cls.section = PracticeIndexPage.objects.get(locale__language_code="en")

    def setUp(self):
        self.client.force_login(self.admin)

    def post_form(self, url, form_id="page-edit-form", **changes):
        """Post back the admin form at ``url`` as shown, with ``changes``."""
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        data = querydict_from_html(response.content.decode(), form_id=form_id).copy()
        # Empty StreamFields, drawn by script.
        data.setdefault("body-count", "0")
        data.setdefault("members_annex-count", "0")
        for name, value in changes.items():
            data[name] = value
        return self.client.post(url, data)

    def bulk_publish(self, *pages):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        url += "?" + "&".join(f"id={page.pk}" for page in pages)
        self.assertEqual(self.client.get(url).status_code, 200)
        return self.client.post(url, {"include_descendants": ""}, follow=True)

    def api_publish(self, page):
        return self.client.post(f"/admin/api/main/pages/{page.pk}/action/publish/")

    def schedule(self, page):
        """A revision of ``page`` approved to go live a minute ago."""
        page = reload(page)
        past = timezone.now() - datetime.timedelta(minutes=1)
        page.go_live_at = past
        revision = page.save_revision(user=self.admin, clean=False)
        revision.approved_go_live_at = past
        revision.save(update_fields=["approved_go_live_at"])
        return revision


class EveryPublicationPassesTheGateTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        self.checked, self.published = set(), []
        real_findings = gate.blocking_findings
        real_publish = PublishRevisionAction._publish_revision

        def spy(page):
            self.checked.add(page.pk)
            return real_findings(page)

        def publish_only_if_checked(action, revision, obj, *args, **kwargs):
            if obj.pk not in self.checked:
                raise AssertionError(f"{obj} published without the safeguarding gate")
            self.published.append(obj.pk)
            return real_publish(action, revision, obj, *args, **kwargs)

        patch.object(gate, "blocking_findings", spy).start()
        patch.object(
            PublishRevisionAction, "_publish_revision", publish_only_if_checked
        ).start()
        self.addCleanup(patch.stopall)

    def draft(self, **kwargs):
        return PracticeGuidePageFactory(summary=CLEAN, live=False, **kwargs)

    def assertPublishedThroughTheGate(self, page):
        self.assertIn(page.pk, self.published)
        self.assertTrue(reload(page).live)

    def test_the_check_catches_a_path_without_the_gate(self):
        page = self.draft()
        with self.assertRaisesMessage(AssertionError, "without the safeguarding gate"):
            PublishPageRevisionAction(page.save_revision()).execute()

    def test_create_view(self):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["practices", "practiceguidepage", self.section.pk],
        )
        self.post_form(
            url,
            form_id="page-edit-form",
            title="New guide",
            slug="new-guide",
            summary=CLEAN,
            partner=PartnerFactory().pk,
            country="RS",
            date="2011-05-01",
            **{"action-publish": "action-publish"},
        )
        self.assertPublishedThroughTheGate(
            PracticeGuidePage.objects.get(slug="new-guide")
        )

    def test_edit_view(self):
        page = self.draft()
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.post_form(url, **{"action-publish": "action-publish"})
        self.assertPublishedThroughTheGate(page)

    def test_revert(self):
        page = self.draft()
        old = page.latest_revision
        page = reload(page)
        page.title = "Changed"
        page.save_revision(clean=False)
        url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old.pk])
        self.post_form(url, **{"action-publish": "action-publish"})
        self.assertPublishedThroughTheGate(page)

    def test_bulk_publish(self):
        page = self.draft()
        self.bulk_publish(page)
        self.assertPublishedThroughTheGate(page)

    def test_workflow_approval(self):
        task = SafeguardedApprovalTask.objects.create(name="Review")
        workflow = Workflow.objects.create(name="Reviewed")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        page = self.draft()
        state = workflow.start(page, self.admin)
        task.on_action(state.current_task_state, self.admin, "approve")
        self.assertPublishedThroughTheGate(page)

    def test_publish_scheduled(self):
        page = self.draft()
        self.schedule(page)
        call_command("publish_scheduled", stdout=StringIO())
        self.assertPublishedThroughTheGate(page)

    def test_import_of_an_existing_document(self):
        page = self.draft(slug="imported", partner=PartnerFactory(slug="astra"))
        record = {
            "type": "practice",
            "slug": "imported",
            "title": "Imported",
            "summary": CLEAN,
            "body": "Text.",
            "language": "en",
            "partner": "astra",
            "country": "RS",
            "date": "2011-03-01",
        }
        call_command("import_content", str(write_file([record])), stdout=StringIO())
        self.assertPublishedThroughTheGate(page)

    def test_admin_api_publish(self):
        page = self.draft()
        self.assertEqual(self.api_publish(page).status_code, 200)
        self.assertPublishedThroughTheGate(page)

    def test_revision_publish(self):
        page = self.draft()
        page.save_revision().publish()
        self.assertPublishedThroughTheGate(page)


class RefusalTests(AdminTestCase):
    """Documents with findings stay drafts on every path, and are named."""

    def risky(self, **kwargs):
        return PracticeGuidePageFactory(summary=VICTIM, live=False, **kwargs)

    def test_revision_publish_is_refused_and_logged(self):
        page = self.risky()
        with self.assertRaises(gate.PublicationRefused) as refused:
            page.save_revision().publish(user=self.admin)
        self.assertIn("unresolved safeguarding findings", str(refused.exception))
        self.assertFalse(reload(page).live)
        self.assertTrue(
            PageLogEntry.objects.filter(
                page=page, action="safeguarding.blocked"
            ).exists()
        )

    def test_a_reviewers_override_lets_it_through(self):
        page = self.risky()
        for finding in scan_page(page):
            Override.objects.create(
                page=page,
                fingerprint=finding.fingerprint,
                kind=finding.kind,
                reason="A fictional case from the training manual.",
                user=self.admin,
            )
        page.save_revision().publish(user=self.admin)
        self.assertTrue(reload(page).live)

    def test_bulk_publish_skips_and_names_pages_with_findings(self):
        risky, clean = self.risky(), PracticeGuidePageFactory(live=False)
        response = self.bulk_publish(risky, clean)
        self.assertFalse(reload(risky).live)
        self.assertTrue(reload(clean).live)
        messages = [str(message) for message in response.context["messages"]]
        self.assertTrue(
            any(risky.title in m and "not published" in m for m in messages), messages
        )
        self.assertTrue(
            any(m.startswith("1 page has been published") for m in messages), messages
        )

    def test_publish_scheduled_skips_reports_and_keeps_the_schedule(self):
        risky, clean = self.risky(), PracticeGuidePageFactory(live=False)
        revision = self.schedule(risky)
        self.schedule(clean)
        err = StringIO()
        with self.assertRaises(CommandError) as failed:
            call_command("publish_scheduled", stdout=StringIO(), stderr=err)
        self.assertEqual(failed.exception.returncode, 1)
        self.assertIn("1 scheduled document(s) not published", str(failed.exception))
        [line] = err.getvalue().splitlines()
        self.assertIn(risky.slug, line)
        self.assertNotIn("Petrović", line)
        self.assertFalse(reload(risky).live)
        revision.refresh_from_db()
        self.assertIsNotNone(revision.approved_go_live_at)
        self.assertTrue(reload(clean).live)
        # The next run refuses again without logging the same block twice.
        with self.assertRaises(CommandError):
            call_command("publish_scheduled", stdout=StringIO(), stderr=StringIO())
        blocked = PageLogEntry.objects.filter(page=risky, action="safeguarding.blocked")
        self.assertEqual(blocked.count(), 1)

    def test_workflow_approval_of_a_plain_task_is_refused(self):
        task = GroupApprovalTask.objects.create(name="Plain review")
        workflow = Workflow.objects.create(name="Plain")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        page = self.risky()
        state = workflow.start(page, self.admin)
        with self.assertRaises(gate.PublicationRefused):
            task.on_action(state.current_task_state, self.admin, "approve")
        self.assertFalse(reload(page).live)

    def test_admin_api_publish_answers_403_with_the_reason(self):
        page = self.risky()
        response = self.api_publish(page)
        self.assertEqual(response.status_code, 403)
        self.assertIn("unresolved safeguarding findings", response.json()["detail"])
        self.assertFalse(reload(page).live)

    def copy(self, source, slug, **extra):
        return self.client.post(
            reverse("wagtailadmin_pages:copy", args=[source.pk]),
            {
                "new_title": f"Copy {slug}",
                "new_slug": slug,
                "new_parent_page": self.section.pk,
                "publish_copies": "on",
                **extra,
            },
            follow=True,
        )

    def test_a_copy_kept_live_with_findings_is_a_draft(self):
        source = self.risky()
        for finding in scan_page(source):  # published once, with a reviewer's word
            Override.objects.create(
                page=source, fingerprint=finding.fingerprint, reason="Fictional."
            )
        source.save_revision().publish()
        response = self.copy(source, "copied")
        copy = PracticeGuidePage.objects.get(slug="copied")
        self.assertFalse(copy.live)
        self.assertIsNone(copy.live_revision_id)
        self.assertIsNone(copy.first_published_at)
        self.assertContains(response, "The copy was saved as a draft")
        self.assertTrue(
            PageLogEntry.objects.filter(
                page=copy, action="safeguarding.blocked", data__how="copy"
            ).exists()
        )
        self.assertFalse(
            PageLogEntry.objects.filter(page=copy, action="wagtail.publish").exists()
        )
        # The same through the admin API, which keeps copies live by default.
        response = self.client.post(
            f"/admin/api/main/pages/{source.pk}/action/copy/",
            {"slug": "api-copy"},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 201)
        self.assertFalse(PracticeGuidePage.objects.get(slug="api-copy").live)

    def test_a_clean_copy_stays_live(self):
        source = PracticeGuidePageFactory(live=False)
        source.save_revision().publish()
        self.copy(source, "clean-copy")
        self.assertTrue(PracticeGuidePage.objects.get(slug="clean-copy").live)

    def test_bulk_creation_makes_drafts_of_documents_with_findings(self):
        partner = PartnerFactory()

        def new(slug, summary):
            page = PracticeGuidePage(
                title=slug,
                slug=slug,
                summary=summary,
                partner=partner,
                country="RS",
                date=datetime.date(2011, 5, 1),
            )
            return NewDocument(page=page, publish=True)

        with self.captureOnCommitCallbacks(execute=True):
            risky, clean = create_documents(
                self.section, [new("risky", VICTIM), new("clean", CLEAN)]
            )
        self.assertFalse(reload(risky).live)
        self.assertTrue(reload(risky).has_unpublished_changes)
        self.assertTrue(reload(clean).live)
        self.assertEqual(
            PageLogEntry.objects.get(page=risky, action="safeguarding.blocked").data,
            {"findings": 3, "how": "bulk creation"},
        )
        self.assertFalse(
            PageLogEntry.objects.filter(page=risky, action="wagtail.publish").exists()
        )


class ImportTests(TestCase):
    RECORDS = [
        {"type": "partner", "slug": "astra", "name": "ASTRA", "country": "RS"},
        {
            "type": "practice",
            "slug": "clean",
            "title": "Clean",
            "summary": CLEAN,
            "body": "Text.",
            "language": "en",
            "partner": "astra",
            "country": "RS",
            "date": "2011-03-01",
        },
    ]

    def import_records(self, *records):
        err = StringIO()
        call_command(
            "import_content",
            str(write_file([self.RECORDS[0], *records])),
            stdout=StringIO(),
            stderr=err,
        )
        return err.getvalue().splitlines()

    def test_a_record_with_findings_is_saved_as_a_draft_and_reported(self):
        risky = {**self.RECORDS[1], "slug": "risky", "body": VICTIM}
        lines = self.import_records(self.RECORDS[1], risky)
        self.assertTrue(PracticeGuidePage.objects.get(slug="clean").live)
        page = PracticeGuidePage.objects.get(slug="risky")
        self.assertFalse(page.live)
        self.assertEqual(len(lines), 3, lines)
        self.assertTrue(
            all(" line 3: Body › block 1 (Text): " in line for line in lines), lines
        )
        self.assertIn("Personal number (JMBG)", "\n".join(lines))
        self.assertNotIn("0103005710000", "\n".join(lines))

    def test_an_update_with_findings_takes_the_document_offline(self):
        self.import_records(self.RECORDS[1])
        self.assertTrue(PracticeGuidePage.objects.get(slug="clean").live)
        updated = {**self.RECORDS[1], "title": "Victim: Sarah Smith"}
        lines = self.import_records(updated)
        self.assertEqual(len(lines), 2)  # the given name and the surname
        self.assertIn("line 2: Title: Name next to a victim or child", lines[0])
        page = PracticeGuidePage.objects.get(slug="clean")
        self.assertFalse(page.live)
