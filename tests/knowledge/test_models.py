import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from briefs.models import BriefIndexPage, PolicyBriefPage
from exchanges.models import ExchangeIndexPage, StudyVisitPage
from knowledge.models import HomePage, KnowledgePage, Language
from practices.models import PracticeGuidePage, PracticeIndexPage
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
)


class PageTreeTests(WagtailPageTestCase):
    def test_a_fresh_database_has_home_and_the_sections(self):
        home = HomePage.objects.get(locale__language_code="en")
        self.assertEqual(
            sorted(p.slug for p in home.get_children()),
            ["briefs", "exchanges", "practices", "training"],
        )
        self.assertEqual(home.get_site().root_page.specific, home)

    def test_document_types_live_only_in_their_section(self):
        self.assertAllowedParentPageTypes(PracticeGuidePage, {PracticeIndexPage})
        self.assertAllowedParentPageTypes(StudyVisitPage, {ExchangeIndexPage})
        self.assertAllowedParentPageTypes(PolicyBriefPage, {BriefIndexPage})
        self.assertCanNotCreateAt(HomePage, PracticeGuidePage)
        self.assertCanCreateAt(PracticeIndexPage, PracticeGuidePage)
        self.assertFalse(KnowledgePage.is_creatable)

    def test_index_pages_are_single(self):
        for model in (PracticeIndexPage, ExchangeIndexPage, BriefIndexPage, HomePage):
            self.assertEqual(model.max_count, 1)

    def test_documents_render(self):
        for factory in (
            PracticeGuidePageFactory,
            PolicyBriefPageFactory,
            StudyVisitPageFactory,
        ):
            self.assertPageIsRenderable(factory())


class LanguageTests(WagtailPageTestCase):
    def test_codes_are_accepted_in_any_case(self):
        self.assertEqual(Language.normalise("SR-latn"), "sr-Latn")
        self.assertEqual(Language.normalise("sr-cyrl"), "sr-Cyrl")
        self.assertIsNone(Language.normalise("de"))

    def test_saving_normalises_the_language(self):
        page = PracticeGuidePageFactory(language="SL")
        page.refresh_from_db()
        self.assertEqual(page.language, "sl")


class StudyVisitDateTests(WagtailPageTestCase):
    def test_end_before_start_is_a_form_error(self):
        visit = StudyVisitPageFactory()
        visit.end_date = visit.start_date - datetime.timedelta(days=1)
        with self.assertRaises(ValidationError) as raised:
            visit.full_clean()
        self.assertIn("end_date", raised.exception.message_dict)

    def test_the_database_refuses_end_before_start(self):
        visit = StudyVisitPageFactory()
        with self.assertRaises(IntegrityError), transaction.atomic():
            StudyVisitPage.objects.filter(pk=visit.pk).update(
                end_date=visit.start_date - datetime.timedelta(days=1)
            )


class RestrictionTests(WagtailPageTestCase):
    def test_the_flag_creates_page_privacy_but_never_removes_it(self):
        page = PracticeGuidePageFactory(restricted=True)
        self.assertEqual(page.get_view_restrictions().count(), 1)
        page.restricted = False
        page.save()
        self.assertEqual(page.get_view_restrictions().count(), 1)
        page.refresh_from_db()
        self.assertTrue(page.restricted)

    def test_privacy_set_in_the_admin_updates_the_flag(self):
        page = PracticeGuidePageFactory()
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
        page.refresh_from_db()
        self.assertTrue(page.restricted)
        restriction.delete()
        page.refresh_from_db()
        self.assertFalse(page.restricted)

    def test_a_restricted_section_restricts_its_documents_for_good(self):
        index = PracticeIndexPage.objects.get(locale__language_code="en")
        PageViewRestriction.objects.create(
            page=index, restriction_type=PageViewRestriction.LOGIN
        )
        page = PracticeGuidePageFactory()
        page.refresh_from_db()
        self.assertTrue(page.restricted)
        home = index.get_parent()
        Page.objects.get(pk=page.pk).move(home, pos="last-child")
        index.view_restrictions.get().delete()
        page.refresh_from_db()
        self.assertTrue(page.restricted)

    def test_moving_into_a_restricted_section_marks_the_document(self):
        page = PracticeGuidePageFactory(partner=PartnerFactory())
        index = PracticeIndexPage.objects.get(locale__language_code="en")
        holder = index.add_child(instance=Page(title="Holder", slug="holder"))
        PageViewRestriction.objects.create(
            page=holder, restriction_type=PageViewRestriction.LOGIN
        )
        Page.objects.get(pk=page.pk).move(holder, pos="last-child")
        page.refresh_from_db()
        self.assertTrue(page.restricted)
