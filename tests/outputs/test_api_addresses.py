"""What a policy advocate meets first in the API: its root, its errors, and the
addresses it gives."""

from django.test import TestCase, override_settings

from tests.factories import PracticeGuidePageFactory, UploadedDocumentFactory


@override_settings(ALLOWED_HOSTS=["kb.example.org"])
class APIAddressTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(slug="open-guide")
        cls.hidden = PracticeGuidePageFactory(slug="hidden-guide", restricted=True)
        cls.file = UploadedDocumentFactory()

    def get(self, url):
        return self.client.get(url, HTTP_HOST="kb.example.org", secure=True)

    def test_the_root_says_what_is_there(self):
        response = self.get("/api/v2/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        endpoints = response.json()["endpoints"]
        self.assertEqual(
            endpoints,
            {
                name: f"https://kb.example.org/api/v2/{name}/"
                for name in ("pages", "documents", "images")
            },
        )
        for url in endpoints.values():
            self.assertEqual(self.get(url).status_code, 200, url)

    def test_errors_are_json_with_their_status(self):
        cases = [
            "/api/v2/pages/99999/",
            f"/api/v2/pages/{self.hidden.pk}/",
            "/api/v2/nothing/",
            "/api/v3/",
            "/api/",
        ]
        for url in cases:
            with self.subTest(url):
                response = self.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response["Content-Type"], "application/json")
                self.assertIn("message", response.json())

    def test_addresses_are_on_the_sites_address(self):
        record = self.get(f"/api/v2/pages/{self.guide.pk}/").json()
        self.assertEqual(
            record["meta"]["detail_url"],
            f"https://kb.example.org/api/v2/pages/{self.guide.pk}/",
        )
        self.assertEqual(
            record["meta"]["html_url"],
            "https://kb.example.org/en/practices/open-guide/",
        )
        self.assertTrue(
            record["meta"]["parent"]["meta"]["html_url"].startswith(
                "https://kb.example.org/"
            )
        )
        listing = self.get("/api/v2/documents/").json()
        for item in listing["items"]:
            self.assertTrue(
                item["meta"]["detail_url"].startswith("https://kb.example.org/")
            )
            self.assertTrue(
                item["meta"]["download_url"].startswith("https://kb.example.org/")
            )
