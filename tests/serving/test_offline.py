"""What the server tells the offline worker, the worker itself, and the weight of
a guide on a phone. The worker's behaviour in a browser: tests/browser/test_phone.py."""

import gzip
import json
import posixpath
import random
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.sessions.models import Session
from django.contrib.staticfiles import finders
from django.test import TestCase, override_settings
from wagtail.rich_text import RichText

from practices.models import TEXT_PARTS
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
# Words for a guide's text, drawn at random so that it compresses as prose
# does, not as a repeated sentence.
WORDS = (
    "the child carer foster family placement social worker police border shelter "
    "protocol first hours after identification interview consent safety plan "
    "guardian school health psychologist court trafficking exploitation risk "
    "assessment review meeting record trust language interpreter support group "
    "training module evaluation outcome result method objective problem weekly "
    "monthly transfer partner country adapted lessons learned was were is are "
    "with without before during from into across because which while whose"
)
FONT_URL = re.compile(r"url\(\s*[\"']?([^\"')]+\.(?:woff2?|ttf|otf))", re.IGNORECASE)


class PageAssets(HTMLParser):
    """The stylesheets and scripts a page loads, by their addresses."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.urls.append(attrs["href"])


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
    """A guide with every part filled and a members' annex, read on a phone."""

    @classmethod
    def setUpTestData(cls):
        vocabulary, words = WORDS.split(), random.Random(26)
        texts = {
            name: "".join(
                f"<p>{' '.join(words.choices(vocabulary, k=60)).capitalize()}.</p>"
                for _paragraph in range(3)
            )
            for name in TEXT_PARTS
        }
        cls.guide = PracticeGuidePageFactory(
            title="Kinship care",
            target_groups="Child victims\nFoster carers\nSocial workers",
            members_annex=[
                ("rich_text", RichText(" ".join(words.choices(vocabulary, k=120))))
            ],
            **texts,
        )
        cls.member = UserFactory()

    def weight(self, response) -> int:
        """The page's bytes compressed, with every stylesheet and script it
        loads, and every font the stylesheets load."""
        html = response.content
        assets = PageAssets()
        assets.feed(html.decode())
        self.assertGreaterEqual(len(assets.urls), 4)
        urls = list(assets.urls)
        total = len(gzip.compress(html, 9))
        for url in urls:  # the fonts are added as they are found
            path = finders.find(url.removeprefix(settings.STATIC_URL))
            with open(path, "rb") as file:
                body = file.read()
            total += len(gzip.compress(body, 9))
            if url.endswith(".css"):
                folder = posixpath.dirname(url)
                urls += [
                    posixpath.normpath(posixpath.join(folder, font))
                    for font in FONT_URL.findall(body.decode())
                ]
        return total

    def test_a_guide_page_stays_within_its_budget_on_a_phone(self):
        anonymous = self.client.get(self.guide.url)
        self.client.force_login(self.member)
        member = self.client.get(self.guide.url)
        self.assertContains(member, "Operational annex")
        for reader, response in (("anonymous", anonymous), ("member", member)):
            with self.subTest(reader):
                self.assertContains(response, "Lessons learned")
                self.assertLessEqual(self.weight(response), PAGE_BUDGET_BYTES)
