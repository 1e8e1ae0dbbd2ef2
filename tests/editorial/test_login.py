"""Practitioners sign in on the public site, in their language, and come back."""

import re

from django.core import mail
from django.test import TestCase

from tests.factories import PracticeGuidePageFactory, user_with_role

TITLE = "Fictional case-handling protocol"
PASSWORD = "a long practitioner passphrase"


class FrontEndLoginTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = PracticeGuidePageFactory(title=TITLE, restricted=True)
        cls.practitioner = user_with_role(
            "practitioner", email="practitioner@example.org"
        )
        cls.practitioner.set_password(PASSWORD)
        cls.practitioner.save()

    def test_readers_come_back_to_the_restricted_page_in_their_language(self):
        path = self.page.url.removeprefix("/en/")
        for code in ("en", "sr-latn", "sr", "sl"):
            with self.subTest(language=code):
                self.client.logout()
                page_url = f"/{code}/{path}"
                response = self.client.get(page_url, follow=True)
                login_url, _ = response.redirect_chain[-1]
                self.assertTrue(login_url.startswith(f"/{code}/accounts/login/"))
                self.assertNotContains(response, TITLE)
                # The sign-in page is the site's, not the admin's.
                self.assertContains(response, 'class="site-header"')
                self.assertContains(response, f'name="next" value="{page_url}"')

                response = self.client.post(
                    login_url,
                    {
                        "username": "practitioner@example.org",
                        "password": PASSWORD,
                        "next": page_url,
                    },
                )
                self.assertRedirects(response, page_url, fetch_redirect_response=False)
                self.assertContains(self.client.get(page_url), TITLE)

    def test_a_wrong_password_shows_the_form_again_with_an_error(self):
        response = self.client.post(
            "/sl/accounts/login/",
            {"username": "practitioner@example.org", "password": "wrong"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_next_address_off_the_site_is_ignored(self):
        response = self.client.post(
            "/en/accounts/login/",
            {
                "username": "practitioner@example.org",
                "password": PASSWORD,
                "next": "https://attacker.example/",
            },
        )
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_password_reset_by_e_mail(self):
        response = self.client.post(
            "/sr-latn/accounts/password_reset/", {"email": "practitioner@example.org"}
        )
        self.assertRedirects(
            response,
            "/sr-latn/accounts/password_reset/done/",
            fetch_redirect_response=False,
        )
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["practitioner@example.org"])
        link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
        self.assertTrue(link.startswith("/sr-latn/accounts/reset/"))

        # Django swaps the token for a session key and redirects once.
        form = self.client.get(link, follow=True)
        self.assertContains(form, 'name="new_password1"')
        set_url = form.redirect_chain[-1][0]
        new = "another long practitioner passphrase"
        response = self.client.post(
            set_url, {"new_password1": new, "new_password2": new}
        )
        self.assertRedirects(
            response,
            "/sr-latn/accounts/reset/done/",
            fetch_redirect_response=False,
        )
        self.assertTrue(
            self.client.login(username=self.practitioner.username, password=new)
        )

        # The link works once.
        self.client.logout()
        self.assertContains(
            self.client.get(link, follow=True),
            'href="/sr-latn/accounts/password_reset/"',
        )

    def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(self):
        response = self.client.post(
            "/en/accounts/password_reset/", {"email": "nobody@example.org"}
        )
        self.assertRedirects(
            response, "/en/accounts/password_reset/done/", fetch_redirect_response=False
        )
        self.assertEqual(mail.outbox, [])
