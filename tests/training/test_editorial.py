"""Training programmes go through the same "Partner review" workflow and the same
partner rule as every other document."""

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    streamfield,
)

from editorial.workflow import WORKFLOW_NAME
from tests.factories import PartnerFactory, TrainingProgrammePageFactory, user_with_role
from training.models import TrainingIndexPage, TrainingProgrammePage


def programme_form_data(partner, **overrides):
    data = {
        "title": "Training for specialised foster families",
        "slug": "foster-family-training",
        "summary": "Five modules for families who care for trafficked children.",
        "partner": partner.pk,
        "country": "RS",
        "language": "en",
        "date": "2011-03-01",
        "topics": "",
        "review_interval": 12,
        "body": streamfield([]),
        "members_annex": streamfield([]),
        "target_groups": "Foster families",
        "trainer_requirements": "",
        "accreditation_body": "Republic Institute for Social Protection",
        "accreditation_status": "pending",
        "accredited_until": "",
        "modules": inline_formset(
            [
                {"title": "Who are trafficked children?", "hours": 4},
                {"title": "Everyday care", "hours": 6, "learning_outcomes": "Plan"},
            ]
        ),
        "materials": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class TrainingEditorialTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Ključ", country="SI")
        cls.editor = user_with_role("editor", partner=cls.astra)
        cls.other_editor = user_with_role("editor", partner=cls.kljuc)
        cls.reviewer = user_with_role("reviewer")
        cls.section = TrainingIndexPage.objects.get(locale__language_code="en")

    def add_url(self):
        return reverse(
            "wagtailadmin_pages:add",
            args=["training", "trainingprogrammepage", self.section.pk],
        )

    def test_the_section_uses_the_partner_review_workflow(self):
        self.assertEqual(self.section.get_workflow().name, WORKFLOW_NAME)

    def test_editor_submits_and_reviewer_approves(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            self.add_url(),
            programme_form_data(self.astra, **{"action-submit": "submit"}),
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        page = TrainingProgrammePage.objects.get(slug="foster-family-training")
        self.assertFalse(page.live)
        latest = page.get_latest_revision_as_object()
        self.assertEqual(
            [(m.title, m.hours) for m in latest.modules.all()],
            [("Who are trafficked children?", 4), ("Everyday care", 6)],
        )

        self.client.force_login(self.reviewer)
        task_state = page.current_workflow_task_state
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[page.pk, "approve", task_state.pk],
            ),
            {"comment": ""},
        )
        self.assertIn(response.status_code, (200, 302))
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(page.total_hours, 10)

    def test_editors_cannot_publish_directly(self):
        self.client.force_login(self.editor)
        self.client.post(
            self.add_url(),
            programme_form_data(self.astra, **{"action-publish": "1"}),
        )
        page = TrainingProgrammePage.objects.get(slug="foster-family-training")
        self.assertFalse(page.live)

    def test_a_programme_needs_a_module(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            self.add_url(),
            programme_form_data(
                self.astra, modules=inline_formset([]), **{"action-submit": "submit"}
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(TrainingProgrammePage.objects.exists())

    def test_partner_rule(self):
        page = TrainingProgrammePageFactory(partner=self.astra, title="ASTRA course")
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.client.force_login(self.other_editor)
        response = self.client.get(edit)
        self.assertIn(response.status_code, (302, 403, 404))
        self.assertNotContains(
            response, "ASTRA course", status_code=response.status_code
        )
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(edit), "ASTRA course")
