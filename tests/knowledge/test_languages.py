from django.test import SimpleTestCase, TestCase

from knowledge.languages import bcp47_tag, interface_language
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
)

LANGUAGES = {"en": "en", "sr-latn": "sr-Latn", "sr": "sr-Cyrl", "sl": "sl"}


class LanguageCodeTests(SimpleTestCase):
    def test_interface_codes_map_to_bcp47_tags_and_back(self):
        for code, tag in LANGUAGES.items():
            with self.subTest(code=code):
                self.assertEqual(bcp47_tag(code), tag)
                self.assertEqual(interface_language(tag), code)
                self.assertEqual(interface_language(tag.upper()), code)
        self.assertIsNone(interface_language("de"))


class LanguagePrefixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        partner = PartnerFactory(slug="astra", name="ASTRA")
        topic = TopicFactory(name="Foster care", slug="foster-care")
        cls.documents = [
            PracticeGuidePageFactory(partner=partner, topics=[topic]),
            PolicyBriefPageFactory(partner=partner, topics=[topic]),
            StudyVisitPageFactory(partner=partner, topics=[topic]),
        ]

    def test_the_root_redirects_to_the_browsers_language(self):
        cases = {
            "sr-Latn-RS,sr;q=0.8": "/sr-latn/",
            "sr-RS": "/sr/",
            "sl-SI,en;q=0.5": "/sl/",
            "en-GB": "/en/",
            "de-DE,fr;q=0.8": "/en/",
            "": "/en/",
        }
        for accept, target in cases.items():
            with self.subTest(accept=accept):
                response = self.client.get("/", headers={"accept-language": accept})
                self.assertRedirects(response, target, fetch_redirect_response=False)

    def test_a_path_without_a_language_redirects_to_one(self):
        response = self.client.get("/practices/?topic=foster-care")
        self.assertRedirects(
            response, "/en/practices/?topic=foster-care", fetch_redirect_response=False
        )

    def test_a_language_prefix_spelled_otherwise_redirects_to_its_address(self):
        cases = {
            "/sr-Latn/practices/": "/sr-latn/practices/",
            "/SR-LATN/": "/sr-latn/",
            "/sr-Cyrl/topics/?page=2": "/sr/topics/?page=2",
            "/SL": "/sl/",
            "/EN/search/?q=foster": "/en/search/?q=foster",
        }
        for path, target in cases.items():
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertRedirects(
                    response, target, status_code=301, fetch_redirect_response=False
                )
                self.assertEqual(self.client.get(target, follow=True).status_code, 200)
        self.assertEqual(self.client.get("/sr-Latn/no-such-page/").status_code, 301)
        self.assertEqual(self.client.get("/sr-latn/no-such-page/").status_code, 404)

    def test_every_page_type_answers_in_every_language_with_its_html_lang(self):
        paths = [
            "",
            "practices/",
            "exchanges/",
            "briefs/",
            "topics/",
            "topics/foster-care/",
            "partners/",
            "partners/astra/",
            "search/?q=summary",
            "accounts/login/",
        ]
        paths += [document.url.removeprefix("/en/") for document in self.documents]
        for code, tag in LANGUAGES.items():
            for path in paths:
                with self.subTest(language=code, path=path):
                    response = self.client.get(f"/{code}/{path}")
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, f'<html lang="{tag}">')

    def test_pages_have_hreflang_alternates_for_every_language(self):
        response = self.client.get("/sl/practices/?topic=foster-care")
        for code, tag in LANGUAGES.items():
            self.assertContains(
                response,
                f'<link rel="alternate" hreflang="{tag}" '
                f'href="http://testserver/{code}/practices/?topic=foster-care">',
                html=True,
            )
        self.assertContains(
            response,
            '<link rel="alternate" hreflang="x-default" '
            'href="http://testserver/en/practices/?topic=foster-care">',
            html=True,
        )

    def test_the_switcher_keeps_the_reader_on_the_same_page(self):
        document = self.documents[0]
        response = self.client.get(document.url)
        switcher = {
            version.code: version.url
            for version in response.context["language_versions"]
        }
        self.assertEqual(switcher["en"], document.url)
        for code in ("sr-latn", "sr", "sl"):
            with self.subTest(language=code):
                response = self.client.get(switcher[code])
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["page"].pk, document.pk)
                self.assertEqual(response.context["LANGUAGE_CODE"], code)

    def test_navigation_stays_in_the_readers_language(self):
        response = self.client.get("/sr-latn/")
        for path in ["practices/", "exchanges/", "briefs/", "topics/", "partners/"]:
            self.assertContains(response, f'href="/sr-latn/{path}"')
        self.assertContains(response, 'action="/sr-latn/search/"')

    def test_restricted_pages_send_to_sign_in_in_the_readers_language(self):
        document = PracticeGuidePageFactory(restricted=True)
        path = document.url.removeprefix("/en/")
        response = self.client.get(f"/sl/{path}")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/sl/accounts/login/?next="))
