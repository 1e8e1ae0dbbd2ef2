from io import StringIO

from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import TestCase
from django.urls import reverse

from corpus.management.commands.load_demo_content import add_demo_files
from exchanges.models import FollowUpAction, FollowUpStatus
from exchanges.reports import overdue_follow_ups
from knowledge.document_types import document_types
from knowledge.models import KnowledgePage, Partner
from practices.models import PracticeGuidePage
from tests.content import text_of
from tests.factories import UserFactory, user_with_role

SAFEGUARDING_DRAFT = "vezba-bezbednosne-provere-nacrt"
# What the draft holds that must never reach a reader: a fictional name, a
# JMBG with a valid control digit, and a phone number.
FICTIONAL_DATA = ["Milica", "Petrović", "1505009715507", "064 123 4567"]


class DemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO())

    def test_the_demo_set_is_varied(self):
        documents = KnowledgePage.objects.all()
        self.assertGreaterEqual(documents.count(), 30)
        self.assertGreaterEqual(Partner.objects.count(), 5)
        by_language = dict(
            documents.values_list("language").annotate(n=Count("pk")).order_by()
        )
        self.assertEqual(set(by_language), {"en", "sr-Latn", "sr-Cyrl", "sl"})
        self.assertTrue(documents.filter(privacy="login").exists())
        self.assertTrue(documents.filter(live=False).exists())
        for entry in document_types:
            self.assertTrue(
                documents.filter(
                    content_type__model=entry.model._meta.model_name
                ).exists(),
                entry.key,
            )

    def test_guides_stand_at_several_evidence_levels_with_their_evaluations(self):
        # Into this test's own media folder; the library rows are kept as they are.
        add_demo_files()
        guides = PracticeGuidePage.objects.live()
        levels = set(guides.values_list("evidence_level", flat=True))
        self.assertGreaterEqual(len(levels), 3)
        self.assertTrue(guides.filter(children_feedback=True).exists())
        self.assertTrue(guides.filter(carers_feedback=False).exists())
        for guide in guides.filter(evidence_level__in=["evaluated", "proven"]):
            with self.subTest(guide=guide.slug):
                (evaluation, *_) = guide.evaluation_documents.all()
                response = self.client.get(evaluation.document.url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "application/pdf")

    def test_guides_are_written_in_parts(self):
        guides = PracticeGuidePage.objects.exclude(slug=SAFEGUARDING_DRAFT)
        for guide in guides:
            with self.subTest(guide=guide.slug):
                self.assertFalse(guide.body_is_method)
                self.assertTrue(guide.method)
        flagship = guides.get(slug="specialised-foster-care-model")
        self.assertTrue(all(part for part in flagship.parts))
        # The fictional draft keeps its body, read as its method.
        self.assertTrue(
            PracticeGuidePage.objects.get(slug=SAFEGUARDING_DRAFT).body_is_method
        )

    def test_a_practice_travels_across_countries(self):
        slovenian = PracticeGuidePage.objects.get(
            slug="rejnistvo-za-otroke-zrtve-trgovine"
        )
        response = self.client.get(f"{slovenian.url}lineage/")
        self.assertEqual(response.status_code, 200)
        countries = [
            guide.country.code for guide in response.context["lineage"].ancestors
        ]
        self.assertEqual([*countries, slovenian.country.code], ["GB", "RS", "SI"])
        self.assertEqual(
            PracticeGuidePage.objects.filter(
                adapted_from__slug="foster-carer-preparation-training"
            ).count(),
            2,
        )

    def test_loading_again_keeps_what_is_there(self):
        page = KnowledgePage.objects.filter(live=True).first()
        page.title = "Edited by an editor"
        page.save()
        out = StringIO()
        call_command("load_demo_content", stdout=out)
        self.assertIn("not loaded", out.getvalue())
        page.refresh_from_db()
        self.assertEqual(page.title, "Edited by an editor")

    def test_every_page_answers(self):
        reader = UserFactory()
        urls = ["/en/", "/en/topics/", "/en/partners/"]
        urls += [p.url for p in KnowledgePage.objects.live().filter(privacy="public")]
        urls += [
            reverse("partner_detail", kwargs={"slug": slug})
            for slug in Partner.objects.values_list("slug", flat=True)
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        self.client.force_login(reader)
        for page in KnowledgePage.objects.live().filter(privacy="login"):
            with self.subTest(url=page.url):
                self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_visits_show_follow_up_actions_in_every_status(self):
        actions = FollowUpAction.objects.filter(visit__live=True)
        self.assertEqual(
            set(actions.values_list("status", flat=True)), set(FollowUpStatus.values)
        )
        self.assertEqual(overdue_follow_ups(user_with_role("reviewer")).count(), 1)
        adopted = actions.filter(
            status="adopted",
            resulting_guide__live=True,
            resulting_guide__privacy="public",
        ).first()
        response = self.client.get(adopted.resulting_guide.url)
        self.assertContains(response, "Came out of the study visit")
        self.assertContains(response, adopted.visit.url)

    def test_safeguarding_scan_fails_only_because_of_the_fictional_draft(self):
        # The scan reads the evaluation files: into this test's media folder.
        add_demo_files()
        out = StringIO()
        with self.assertRaises(CommandError) as raised:
            call_command("safeguarding_scan", stdout=out, stderr=StringIO())
        self.assertEqual(raised.exception.returncode, 1)
        findings = [line.split("\t") for line in out.getvalue().splitlines()]
        self.assertEqual({slug for slug, *_ in findings}, {SAFEGUARDING_DRAFT})
        self.assertEqual(
            {kind for _, _, kind, _ in findings},
            {"name", "jmbg", "birth_date", "phone"},
        )
        for value in FICTIONAL_DATA:
            self.assertNotIn(value, out.getvalue())
        others = KnowledgePage.objects.exclude(slug=SAFEGUARDING_DRAFT)
        call_command(
            "safeguarding_scan",
            *others.values_list("slug", flat=True),
            stdout=StringIO(),
            stderr=StringIO(),
        )

    def test_the_admin_shows_the_drafts_findings(self):
        draft = KnowledgePage.objects.get(slug=SAFEGUARDING_DRAFT)
        self.assertFalse(draft.live)
        self.client.force_login(user_with_role("reviewer"))
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
        self.assertContains(response, "Personal number (JMBG)")
        self.assertContains(response, "M••••• P•••••••")

    def test_the_fictional_draft_reaches_no_reader(self):
        draft = KnowledgePage.objects.get(slug=SAFEGUARDING_DRAFT)
        listings = [
            "/en/",
            "/en/practices/",
            "/en/practices/?partner=astra",
            "/sr-latn/practices/",
            "/en/partners/astra/",
            "/feed/",
            "/feed/?type=practice",
            "/sitemap.xml",
            "/api/v2/pages/?type=practices.PracticeGuidePage&fields=body&limit=20",
        ]
        searches = ["Milica", "1505009715507", "064 123 4567", "vezba bezbednosne"]
        for user in (None, UserFactory()):
            if user:
                self.client.force_login(user)
            pages = [(url, "") for url in listings]
            pages += [(f"/en/search/?q={q}", q) for q in searches]
            pages += [(f"/api/v2/pages/?search={q}", q) for q in searches]
            for url, echoed in pages:
                with self.subTest(url=url, signed_in=bool(user)):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    # Without search's marks around matched words in titles.
                    content = text_of(response)
                    content = content.replace(echoed, "") if echoed else content
                    for value in [draft.title, SAFEGUARDING_DRAFT, *FICTIONAL_DATA]:
                        self.assertNotIn(value, content)
            for url in [draft.url, f"{draft.url}pdf/", f"{draft.url}cite.bib/"]:
                with self.subTest(url=url, signed_in=bool(user)):
                    self.assertEqual(self.client.get(url).status_code, 404)
