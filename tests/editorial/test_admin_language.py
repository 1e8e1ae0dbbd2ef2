"""The admin speaks the language each editor chose in their Wagtail preferences."""

import re

from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    UserFactory,
    user_with_role,
)


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


class AdminLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.editor = user_with_role("editor", partner=cls.astra)
        cls.reviewer = user_with_role("reviewer")
        # Dated 2011 and never reviewed since: due for review.
        cls.guide = PracticeGuidePageFactory(partner=cls.astra, title="Foster care")

    def get_as(self, user, language, url):
        prefer(user, language)
        self.client.force_login(user)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response

    def test_editors_choose_among_the_sites_languages(self):
        response = self.get_as(self.editor, "en", reverse("wagtailadmin_account"))
        html = response.content.decode()
        for code in ("en", "sr-latn", "sr", "sl"):
            self.assertIn(f'<option value="{code}"', html)
        self.assertNotIn('<option value="de"', html)

    def test_the_dashboard_and_page_editor_in_slovenian(self):
        dashboard = self.get_as(self.editor, "sl", reverse("wagtailadmin_home"))
        self.assertContains(dashboard, '<html lang="sl"')
        self.assertContains(dashboard, "Nadzorna plošča")  # Wagtail's own
        self.assertContains(dashboard, "Za pregled")  # Due for review
        editor = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.guide.pk])
        )
        self.assertContains(editor, "Zaščitno preverjanje v shranjeni različici")
        # The document's own panels and help texts.
        self.assertContains(editor, "O tem dokumentu")
        self.assertContains(editor, "Dva ali trije stavki, prikazani v seznamih.")

    def test_the_dashboard_and_page_editor_in_serbian_latin(self):
        dashboard = self.get_as(self.editor, "sr-latn", reverse("wagtailadmin_home"))
        self.assertContains(dashboard, '<html lang="sr-latn"')
        self.assertContains(dashboard, "Za proveru")
        editor = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.guide.pk])
        )
        self.assertContains(editor, "Zaštitna provera nije pronašla lične podatke")
        self.assertContains(editor, "O ovom dokumentu")
        self.assertContains(
            editor, "Dve ili tri rečenice koje se prikazuju u spiskovima."
        )

    def test_the_reports_in_serbian_cyrillic(self):
        report = self.get_as(self.reviewer, "sr", reverse("safeguarding:report"))
        self.assertContains(report, "Налази заштитне провере")
        due = self.client.get(reverse("editorial_due_for_review"))
        self.assertContains(due, "За проверу")
        self.assertContains(due, "Foster care")
        # Back in English for a reader of the public site.
        self.client.logout()
        self.assertNotContains(self.client.get("/en/"), "За проверу")


class EmailLanguageTests(TestCase):
    """E-mails speak their recipient's language: review notifications the one
    chosen in the admin, password resets the one of the page it was asked on."""

    def test_review_notifications_follow_each_recipients_choice(self):
        astra = PartnerFactory(slug="astra")
        editor = user_with_role("editor", partner=astra)
        slovenian = user_with_role("reviewer", email="sl@example.org")
        user_with_role("reviewer", email="en@example.org")
        prefer(slovenian, "sl")
        guide = PracticeGuidePageFactory(partner=astra, live=False)
        guide.save_revision(user=editor)
        guide.get_workflow().start(guide, editor)
        bodies = {message.to[0]: message.body for message in mail.outbox}
        self.assertIn("Pozdravljeni", bodies["sl@example.org"])
        self.assertIn("Nastavitve obveščanja uredite tukaj:", bodies["sl@example.org"])
        self.assertIn(
            "Edit your notification preferences here:", bodies["en@example.org"]
        )

    def test_password_reset_in_every_language(self):
        UserFactory(email="reader@example.org")
        cases = {
            "sr-latn": ("Izaberite lozinku za STOP!", "Ako to niste bili vi"),
            "sr": ("Изаберите лозинку за STOP!", "Ако то нисте били ви"),
            "sl": ("Izberite geslo za STOP!", "Če to niste bili vi"),
            "en": ("Choose a password for STOP!", "If it was not you"),
        }
        for code, (subject, body) in cases.items():
            with self.subTest(language=code):
                mail.outbox.clear()
                self.client.post(
                    f"/{code}/accounts/password_reset/", {"email": "reader@example.org"}
                )
                [message] = mail.outbox
                self.assertIn(subject, message.subject)
                self.assertIn(body, message.body)
                self.assertTrue(
                    re.search(
                        rf"http://testserver/{code}/accounts/reset/", message.body
                    )
                )


class HelpMenuLanguageTests(TestCase):
    def test_whats_new_is_in_each_editors_language(self):
        """Wagtail words it once, for the first editor to open the admin."""
        editor = user_with_role("reviewer")
        self.client.force_login(editor)
        for language, label in (
            ("en", "What's new in Wagtail"),
            ("sr-latn", "ta je novo u verziji Wagtail"),  # Š is escaped in JSON
            ("sl", "Kaj je novega v Wagtail"),
        ):
            with self.subTest(language=language):
                prefer(editor, language)
                response = self.client.get(reverse("wagtailadmin_home"))
                self.assertContains(response, label)


class WorkflowNameLanguageTests(TestCase):
    """The workflow and its task are stored in English and shown in the
    reader's language; saving in another language stores them in English."""

    def test_names_in_each_language_and_stored_in_english(self):
        from wagtail.models import Task, Workflow

        from editorial.workflow import REVIEW_TASK_NAME, WORKFLOW_NAME

        admin = UserFactory(is_superuser=True, is_staff=True)
        self.client.force_login(admin)
        for language, names in (
            ("en", ("Partner review", "Reviewer approval")),
            ("sr-latn", ("Partnerski pregled", "Odobrenje recenzenta")),
            ("sl", ("Partnerski pregled", "Odobritev recenzenta")),
        ):
            with self.subTest(language=language):
                prefer(admin, language)
                workflows = self.client.get(reverse("wagtailadmin_workflows:index"))
                self.assertContains(workflows, names[0])
                tasks = self.client.get(reverse("wagtailadmin_workflows:task_index"))
                self.assertContains(tasks, names[1])
        with translation.override("sl"):
            workflow = Workflow.objects.get(name=WORKFLOW_NAME)
            self.assertEqual(workflow.name, "Partnerski pregled")
            workflow.save()
            task = Task.objects.get(name=REVIEW_TASK_NAME).specific
            task.name = "Odobritev recenzenta"  # typed in Slovenian
            task.save()
        self.assertEqual(
            (
                Workflow.objects.filter(name=WORKFLOW_NAME).count(),
                Task.objects.filter(name=REVIEW_TASK_NAME).count(),
            ),
            (1, 1),
        )


class ReviewerDialogLanguageTests(TestCase):
    """What Wagtail words before it knows who is asking is in their language too."""

    @classmethod
    def setUpTestData(cls):
        astra = PartnerFactory(slug="astra")
        cls.editor = user_with_role("editor", partner=astra)
        cls.reviewer = user_with_role("reviewer")
        cls.guide = PracticeGuidePageFactory(partner=astra, live=False)
        cls.guide.save_revision(user=cls.editor)
        cls.guide.get_workflow().start(cls.guide, cls.editor)

    def test_the_comment_of_request_changes_is_labelled_in_each_language(self):
        task_state = self.guide.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[self.guide.pk, "reject", task_state.pk],
        )
        self.client.force_login(self.reviewer)
        for language, label in (
            ("sr-latn", "Komentar"),
            ("sr", "Коментар"),
            ("sl", "Komentar"),
            ("en", "Comment"),
        ):
            with self.subTest(language=language):
                prefer(self.reviewer, language)
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                html = response.json()["html"]
                self.assertRegex(html, rf'<label[^>]*for="id_comment"[^>]*>\s*{label}')

    def test_a_refusal_is_told_in_the_editors_language(self):
        # An editor may not set a page's privacy (the document's own field does).
        prefer(self.editor, "sr")
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse("wagtailadmin_pages:set_privacy", args=[self.guide.pk]),
            follow=True,
        )
        self.assertContains(response, "Нажалост, немате дозволу за приступ овом делу.")
        self.assertNotContains(response, "you do not have permission")


class TaxonomyLanguageTests(TestCase):
    """Partners and topics in the admin: Wagtail's words and the models' own."""

    @classmethod
    def setUpTestData(cls):
        from knowledge.models import Topic

        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.topic = Topic.objects.create(
            name="Foster care", slug="foster-care", name_sr_latn="Hraniteljstvo"
        )
        cls.admin = UserFactory(is_superuser=True, is_staff=True)
        prefer(cls.admin, "sr-latn")

    def setUp(self):
        self.client.force_login(self.admin)

    def visible_text(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        html = html[html.index("<main") :]
        html = re.sub(r"<(script|template|svg)\b.*?</\1>", " ", html, flags=re.S)
        # A tag's attributes may hold ">" within quotes.
        tag = r"""<(?:[^>"']|"[^"]*"|'[^']*')*>"""
        return " ".join(re.sub(tag, " ", html).split())

    def test_the_partners_in_serbian(self):
        listing = self.visible_text(reverse("wagtailsnippets_knowledge_partner:list"))
        form = self.visible_text(
            reverse("wagtailsnippets_knowledge_partner:edit", args=[self.astra.pk])
        )
        for text in (listing, form):
            self.assertIn("Početna", text)
            self.assertNotRegex(text, r"\b(Home|Partners|Country)\b")
        self.assertIn("Dodaj: partner", listing)
        for label in ("Naziv", "Deo adrese", "Zemlja", "Veb-sajt", "Opis", "Logo"):
            self.assertIn(label, form)
        self.assertNotRegex(form, r"\b(Name|Slug|Website|Description)\b")

    def test_the_topics_in_serbian(self):
        listing = self.visible_text(reverse("wagtailsnippets_knowledge_topic:list"))
        form = self.visible_text(
            reverse("wagtailsnippets_knowledge_topic:edit", args=[self.topic.pk])
        )
        for text in (listing, form):
            self.assertIn("Početna", text)
            self.assertNotRegex(text, r"\b(Home|Topics|topic)\b")
        self.assertIn("Dodaj: tema", listing)
        self.assertIn("Opis", form)
        self.assertNotRegex(form, r"\bDescription\b")


class CollectionNameLanguageTests(TestCase):
    """The restricted collection each partner's files move into is stored in
    English and shown in the editor's language."""

    def test_the_restricted_collection_in_each_language(self):
        from wagtail.models import Collection

        from editorial.roles import RESTRICTED_COLLECTION

        astra = PartnerFactory(slug="astra", name="ASTRA")
        editor = user_with_role("editor", partner=astra)
        self.client.force_login(editor)
        for language, name in (
            ("en", "Restricted (signed-in readers only)"),
            ("sr-latn", "Ograničen pristup (samo prijavljeni čitaoci)"),
            ("sr", "Ограничен приступ (само пријављени читаоци)"),
            ("sl", "Omejen dostop (samo prijavljeni bralci)"),
        ):
            with self.subTest(language=language):
                prefer(editor, language)
                response = self.client.get(reverse("wagtaildocs:add"))
                self.assertContains(response, name)
        with translation.override("sl"):
            restricted = astra.collection.get_children().get()
            self.assertEqual(restricted.name, "Omejen dostop (samo prijavljeni bralci)")
            restricted.save()
        self.assertTrue(
            Collection.objects.filter(name=RESTRICTED_COLLECTION, depth=3).exists()
        )
