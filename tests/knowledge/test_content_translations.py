import re

from django.test import TestCase

from tests.factories import PracticeGuidePageFactory, UserFactory
from tests.translations import translate


def links(response, slug):
    return re.findall(rf'href="([^"]*/{slug}/)"', response.content.decode())


class ContentTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = PracticeGuidePageFactory(
            title="Foster care for trafficked children", slug="foster-care-guide"
        )
        cls.untranslated = PracticeGuidePageFactory(
            title="Identification checklist", slug="identification-checklist"
        )
        cls.translation = translate(
            cls.original,
            "sr",
            title="Хранитељство за децу жртве трговине",
            language="sr-Cyrl",
        )

    def test_the_translation_lives_in_its_locale_under_the_same_path(self):
        self.assertEqual(self.translation.locale.language_code, "sr")
        self.assertEqual(
            self.translation.translation_key, self.original.translation_key
        )
        self.assertEqual(self.translation.url, "/sr/practices/foster-care-guide/")
        response = self.client.get("/sr/practices/foster-care-guide/")
        self.assertEqual(response.context["page"].pk, self.translation.pk)
        self.assertContains(response, "Хранитељство за децу жртве трговине")

    def test_an_untranslated_document_is_served_and_linked_in_every_language(self):
        for code in ("en", "sr-latn", "sr", "sl"):
            with self.subTest(language=code):
                response = self.client.get(
                    f"/{code}/practices/identification-checklist/"
                )
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["page"].pk, self.untranslated.pk)
                self.assertEqual(response.context["LANGUAGE_CODE"], code)
                listing = self.client.get(f"/{code}/practices/")
                self.assertEqual(
                    links(listing, "identification-checklist"),
                    [f"/{code}/practices/identification-checklist/"],
                )
                self.assertContains(listing, "Identification checklist")
                self.assertContains(
                    listing, '<span lang="en">English</span>', html=True
                )

    def test_every_section_lists_originals_and_translations_with_their_language(self):
        response = self.client.get("/sr/practices/")
        self.assertContains(response, "Хранитељство за децу жртве трговине")
        self.assertContains(response, "Foster care for trafficked children")
        self.assertContains(
            response, '<span lang="sr-Cyrl">Српски (ћирилица)</span>', html=True
        )
        filtered = self.client.get("/en/practices/?language=sr-Cyrl")
        self.assertContains(filtered, "Хранитељство за децу жртве трговине")
        self.assertNotContains(filtered, "Foster care for trafficked children")
        self.assertNotContains(filtered, "Identification checklist")

    def test_a_document_page_links_its_translations(self):
        response = self.client.get("/en/practices/foster-care-guide/")
        self.assertContains(
            response,
            '<a href="/sr/practices/foster-care-guide/" hreflang="sr-Cyrl" '
            'lang="sr-Cyrl">Српски (ћирилица)</a>',
            html=True,
        )
        response = self.client.get("/sr/practices/foster-care-guide/")
        self.assertContains(
            response,
            '<a href="/en/practices/foster-care-guide/" hreflang="en" lang="en">English</a>',
            html=True,
        )
        response = self.client.get("/sr/practices/identification-checklist/")
        self.assertNotContains(response, 'class="also-available"')

    def test_a_restricted_or_draft_translation_is_not_offered_to_anonymous_readers(
        self,
    ):
        restricted = PracticeGuidePageFactory(slug="restricted-guide")
        copy = translate(restricted, "sl", title="Omejen vodnik", language="sl")
        copy.restricted = True
        copy.save()
        draft = PracticeGuidePageFactory(slug="draft-guide")
        translate(draft, "sl", title="Osnutek", language="sl", live=False)
        for document in ("restricted-guide", "draft-guide"):
            with self.subTest(document=document):
                response = self.client.get(f"/en/practices/{document}/")
                self.assertNotContains(response, 'class="also-available"')
        self.client.force_login(UserFactory())
        response = self.client.get("/en/practices/restricted-guide/")
        self.assertContains(response, 'href="/sl/practices/restricted-guide/"')

    def test_the_switcher_opens_the_translation_or_stays_on_the_page(self):
        for page, translated in ((self.original, True), (self.untranslated, False)):
            response = self.client.get(page.url)
            switcher = {v.code: v.url for v in response.context["language_versions"]}
            for code in ("sr-latn", "sr", "sl"):
                with self.subTest(page=page.slug, language=code):
                    followed = self.client.get(switcher[code])
                    self.assertEqual(followed.status_code, 200)
                    self.assertEqual(followed.context["LANGUAGE_CODE"], code)
                    expected = (
                        self.translation.pk if translated and code == "sr" else page.pk
                    )
                    self.assertEqual(followed.context["page"].pk, expected)
            back = self.client.get(switcher["sr"])
            switcher = {v.code: v.url for v in back.context["language_versions"]}
            self.assertEqual(
                self.client.get(switcher["en"]).context["page"].pk, page.pk
            )
