"""Partner editors translate their own documents in the admin, and translations
go through "Partner review" like any other page."""

from django.core import mail
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, WorkflowPage, WorkflowState

from briefs.models import BriefIndexPage
from editorial.workflow import WORKFLOW_NAME
from knowledge.models import HomePage
from practices.models import PracticeGuidePage, PracticeIndexPage
from tests.editorial.form_data import guide_form_data
from tests.factories import PartnerFactory, PracticeGuidePageFactory, user_with_role

TRANSLATED_TITLE = "Hraniteljske porodice za decu žrtve trgovine ljudima"


def translate_url(page):
    return reverse("simple_translation:submit_page_translation", args=[page.pk])


class SectionTranslationTests(TestCase):
    def test_every_locale_has_the_sections_with_their_permissions_and_workflow(self):
        english = PracticeIndexPage.objects.get(locale__language_code="en")
        permissions = set(
            GroupPagePermission.objects.filter(page=english).values_list(
                "group__name", "permission__codename"
            )
        )
        self.assertIn(("Partner editors", "add_page"), permissions)
        for code in ("sr-latn", "sr", "sl"):
            with self.subTest(language=code):
                section = PracticeIndexPage.objects.get(locale__language_code=code)
                self.assertEqual(section.translation_key, english.translation_key)
                self.assertTrue(section.live)
                self.assertIsNone(section.alias_of_id)
                self.assertEqual(section.get_workflow().name, WORKFLOW_NAME)
                self.assertEqual(
                    set(
                        GroupPagePermission.objects.filter(page=section).values_list(
                            "group__name", "permission__codename"
                        )
                    ),
                    permissions,
                )
                self.assertTrue(
                    HomePage.objects.filter(locale__language_code=code).exists()
                )

    def test_a_section_translated_later_gets_the_same_permissions_and_workflow(self):
        slovenian = Locale.objects.get(language_code="sl")
        english = BriefIndexPage.objects.get(locale__language_code="en")
        BriefIndexPage.objects.get(locale=slovenian).delete()
        copy = english.copy_for_translation(slovenian)
        self.assertEqual(
            WorkflowPage.objects.get(page=copy).workflow.name, WORKFLOW_NAME
        )
        self.assertEqual(
            GroupPagePermission.objects.filter(page=copy).count(),
            GroupPagePermission.objects.filter(page=english).count(),
        )


class PartnerTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Ključ")
        cls.editor = user_with_role(
            "editor", partner=cls.astra, email="editor@example.org"
        )
        cls.reviewer = user_with_role("reviewer", email="reviewer@example.org")
        cls.guide = PracticeGuidePageFactory(
            partner=cls.astra, slug="foster-families", title="Foster families"
        )
        cls.foreign_guide = PracticeGuidePageFactory(
            partner=cls.kljuc, slug="kljuc-guide"
        )
        cls.serbian = Locale.objects.get(language_code="sr-latn")

    def translate(self, page):
        return self.client.post(translate_url(page), {"locales": [self.serbian.pk]})

    def test_an_editor_translates_their_guide_and_a_reviewer_approves_it(self):
        self.client.force_login(self.editor)
        self.assertContains(
            self.client.get(reverse("wagtailadmin_pages:edit", args=[self.guide.pk])),
            translate_url(self.guide),
        )
        response = self.translate(self.guide)
        translation = PracticeGuidePage.objects.get(
            locale=self.serbian, translation_key=self.guide.translation_key
        )
        edit = reverse("wagtailadmin_pages:edit", args=[translation.pk])
        self.assertRedirects(response, edit)
        self.assertFalse(translation.live)
        self.assertEqual(translation.get_workflow().name, WORKFLOW_NAME)

        # Publishing directly is refused: the translation stays a draft.
        form = guide_form_data(self.astra, title=TRANSLATED_TITLE, language="sr-Latn")
        form["slug"] = "foster-families"
        self.client.post(edit, {**form, "action-publish": "1"})
        translation.refresh_from_db()
        self.assertFalse(translation.live)

        response = self.client.post(edit, {**form, "action-submit": "submit"})
        self.assertEqual(response.status_code, 302)
        state = WorkflowState.objects.for_instance(translation).get()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.workflow.name, WORKFLOW_NAME)
        self.assertEqual([m.to for m in mail.outbox], [["reviewer@example.org"]])

        self.client.force_login(self.reviewer)
        task_state = translation.current_workflow_task_state
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[translation.pk, "approve", task_state.pk],
            ),
            {"comment": ""},
        )
        translation.refresh_from_db()
        self.assertTrue(translation.live)
        self.client.logout()
        response = self.client.get("/sr-latn/practices/foster-families/")
        self.assertContains(response, TRANSLATED_TITLE)
        original = self.client.get("/en/practices/foster-families/")
        self.assertContains(
            original, 'href="/sr-latn/practices/foster-families/" hreflang="sr-Latn"'
        )

    def test_an_editor_cannot_translate_another_partners_guide(self):
        self.client.force_login(self.editor)
        self.assertNotEqual(
            self.client.get(translate_url(self.foreign_guide)).status_code, 200
        )
        self.translate(self.foreign_guide)
        self.assertFalse(
            PracticeGuidePage.objects.filter(
                translation_key=self.foreign_guide.translation_key,
                locale=self.serbian,
            ).exists()
        )

    def test_a_practitioner_cannot_translate(self):
        self.client.force_login(user_with_role("practitioner"))
        self.translate(self.guide)
        self.assertFalse(self.guide.get_translations().exists())
