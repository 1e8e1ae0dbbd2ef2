"""What the server tells the offline worker, the worker itself, and the weight of
a guide on a phone. The worker's behaviour in a browser: tests/browser/test_phone.py."""

import gzip
import json
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.contrib.staticfiles import finders
from django.test import TestCase, override_settings

from serving.offline import (
    ACCOUNT_HEADER,
    EXPIRES_HEADER,
    EXPIRES_SESSION_KEY,
    KEEP_HEADER,
    account_key,
)
from tests.factories import PartnerFactory, PracticeGuidePageFactory, UserFactory

# A guide page on a phone: HTML, CSS, JavaScript and fonts, compressed.
PAGE_BUDGET_BYTES = 100 * 1024


class OfflineHeadersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        partner = PartnerFactory()
        cls.guide = PracticeGuidePageFactory(title="Kinship care", partner=partner)
        cls.secret = PracticeGuidePageFactory(
            title="Referral protocol", partner=partner, restricted=True
        )
        cls.reader = UserFactory()
        cls.other = UserFactory()

    def test_an_anonymous_public_page_and_its_pdf_may_be_kept(self):
        response = self.client.get(self.guide.url)
        self.assertEqual(response[KEEP_HEADER], "1")
        self.assertNotIn(ACCOUNT_HEADER, response)

    @override_settings(PAGE_CACHE_SECONDS=300)
    def test_a_page_from_the_page_cache_is_marked_too(self):
        self.client.get(self.guide.url)
        response = self.client.get(self.guide.url)
        self.assertEqual(response["X-Cache"], "hit")
        self.assertEqual(response[KEEP_HEADER], "1")

    def test_a_restricted_page_is_never_kept_for_an_anonymous_reader(self):
        response = self.client.get(self.secret.url)
        self.assertEqual(response.status_code, 302)
        self.assertNotIn(KEEP_HEADER, response)

    def test_search_and_sign_in_pages_are_not_kept(self):
        for url in ("/en/search/?q=care", "/en/accounts/login/"):
            with self.subTest(url):
                self.assertNotIn(KEEP_HEADER, self.client.get(url))

    def test_a_reader_with_a_session_is_not_kept(self):
        """Such as a reader who opened a password-protected page."""
        self.client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
        self.assertNotIn(KEEP_HEADER, self.client.get(self.guide.url))

    def test_every_answer_to_a_member_names_the_account_and_the_session_end(self):
        self.client.force_login(self.reader)
        for url in (self.guide.url, self.secret.url, self.secret.url + "pdf/"):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertNotIn(KEEP_HEADER, response)
                self.assertEqual(response[ACCOUNT_HEADER], account_key(self.reader))
                expires = datetime.fromisoformat(response[EXPIRES_HEADER])
                stored = Session.objects.get(
                    session_key=self.client.session.session_key
                ).expire_date
                # Never past the session's real end, and close to it.
                self.assertLessEqual(expires, stored)
                self.assertLess(stored - expires, timedelta(seconds=5))
                self.assertIn("no-store", response["Cache-Control"])

    def test_a_session_from_before_sign_in_recorded_its_end_keeps_nothing(self):
        self.client.force_login(self.reader)
        session = self.client.session
        del session[EXPIRES_SESSION_KEY]
        session.save()
        response = self.client.get(self.secret.url)
        self.assertEqual(response[ACCOUNT_HEADER], account_key(self.reader))
        self.assertNotIn(EXPIRES_HEADER, response)

    def test_account_keys_tell_accounts_apart_without_naming_them(self):
        key = account_key(self.reader)
        self.assertNotEqual(key, account_key(self.other))
        self.assertNotIn(self.reader.username, key)

    def test_a_document_page_offers_saving_with_its_pdf_and_version(self):
        self.guide.save_revision().publish()
        html = self.client.get(self.guide.url).content.decode()
        self.assertIn("data-offline-save hidden", html)
        self.assertIn(f'data-pdf="{self.guide.url}pdf/"', html)
        self.assertRegex(html, r'<meta name="document-version" content="\d{4}-')


class WorkerTests(TestCase):
    def test_the_worker_is_served_from_the_root_with_the_site_s_addresses(self):
        response = self.client.get("/sw.js")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/javascript"))
        self.assertEqual(response["Cache-Control"], "no-cache")
        config = json.loads(
            re.match(r"self.OFFLINE_CONFIG = (.*);\n", response.content.decode())[1]
        )
        self.assertEqual(config["offline"]["en"], "/en/offline/")
        self.assertIn("/sl/accounts/logout/", config["signOut"])
        self.assertIn("/admin/logout/", config["signOut"])
        self.assertIn("/documents/", config["ignores"])
        for url in config["precache"] + [config["script"]]:
            with self.subTest(url):
                name = url.removeprefix(settings.STATIC_URL)
                self.assertIsNotNone(finders.find(name), url)

    def test_the_offline_page_is_kept_for_anyone(self):
        response = self.client.get("/sr-latn/offline/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response[KEEP_HEADER], "1")
        self.assertContains(response, "data-offline-list")


class PageWeightTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(title="Kinship care")

    def test_a_guide_page_stays_within_its_budget_on_a_phone(self):
        html = self.client.get(self.guide.url).content
        assets = re.findall(
            rb'<(?:link rel="stylesheet"|script) [^>]*(?:href|src)="([^"]+)"', html
        )
        self.assertGreaterEqual(len(assets), 4)
        total = len(gzip.compress(html, 9))
        for url in assets:
            name = url.decode().removeprefix(settings.STATIC_URL)
            with open(finders.find(name), "rb") as file:
                total += len(gzip.compress(file.read(), 9))
        self.assertLessEqual(total, PAGE_BUDGET_BYTES)
