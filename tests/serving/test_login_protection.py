"""Sign-in lockout on both logins, and no way to learn which accounts exist."""

from unittest import mock

from axes.utils import reset
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import TestCase, override_settings

from tests.factories import UserFactory

PASSWORD = "correct horse battery"
LOGINS = {"front-end": "/en/accounts/login/", "admin": "/admin/login/"}


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
class LockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="practitioner", is_staff=True)

    def sign_in(self, url, username, password, address="192.0.2.10"):
        return self.client.post(
            url, {"username": username, "password": password}, REMOTE_ADDR=address
        )

    def test_both_logins_lock_after_the_failure_limit(self):
        for name, url in LOGINS.items():
            with self.subTest(login=name):
                for _ in range(2):
                    response = self.sign_in(url, "practitioner", "wrong password")
                    self.assertEqual(response.status_code, 200)
                third = self.sign_in(url, "practitioner", "wrong password")
                self.assertEqual(third.status_code, 429)
                locked = self.sign_in(url, "practitioner", PASSWORD)
                self.assertEqual(locked.status_code, 429)
                self.assertContains(locked, "Sign-in paused", status_code=429)
                self.assertNotIn("_auth_user_id", self.client.session)
                reset()

    def test_the_lock_holds_only_for_that_name_from_that_address(self):
        url = LOGINS["front-end"]
        for _ in range(3):
            self.sign_in(url, "practitioner", "wrong password")
        elsewhere = self.sign_in(url, "practitioner", PASSWORD, address="198.51.100.7")
        self.assertEqual(elsewhere.status_code, 302)

    def test_unknown_names_lock_the_same_way(self):
        url = LOGINS["front-end"]
        for _ in range(2):
            self.assertEqual(self.sign_in(url, "nobody", "guess").status_code, 200)
        self.assertEqual(self.sign_in(url, "nobody", "guess").status_code, 429)

    def test_a_successful_sign_in_clears_the_count(self):
        url = LOGINS["front-end"]
        for _ in range(2):
            self.sign_in(url, "practitioner", "wrong password")
        self.assertEqual(self.sign_in(url, "practitioner", PASSWORD).status_code, 302)
        self.client.logout()
        for _ in range(2):
            self.sign_in(url, "practitioner", "wrong password")
        self.assertEqual(self.sign_in(url, "practitioner", PASSWORD).status_code, 302)

    def test_the_lockout_page_speaks_the_readers_language(self):
        url = "/sr-latn/accounts/login/"
        for _ in range(3):
            self.sign_in(url, "practitioner", "wrong password")
        response = self.sign_in(url, "practitioner", PASSWORD)
        self.assertContains(response, "Prijavljivanje je pauzirano", status_code=429)


class NoEnumerationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(
            username="practitioner", email="known@example.org", is_staff=True
        )

    def errors(self, url, username):
        response = self.client.post(url, {"username": username, "password": "wrong"})
        self.assertEqual(response.status_code, 200)
        return response.context["form"].errors

    def test_unknown_and_known_names_get_the_same_error(self):
        for name, url in LOGINS.items():
            with self.subTest(login=name):
                self.assertEqual(
                    self.errors(url, "practitioner"), self.errors(url, "no-such-user")
                )

    def test_an_unknown_name_still_costs_a_password_hash(self):
        with mock.patch.object(
            MD5PasswordHasher, "encode", autospec=True, wraps=MD5PasswordHasher.encode
        ) as encode:
            self.errors(LOGINS["front-end"], "no-such-user")
        self.assertGreaterEqual(encode.call_count, 1)

    def test_password_reset_answers_the_same_whether_the_account_exists(self):
        answers = []
        for email in ("known@example.org", "unknown@example.org"):
            response = self.client.post(
                "/en/accounts/password_reset/", {"email": email}, follow=True
            )
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "If an account uses that address")
            answers.append((response.redirect_chain, response.content))
        self.assertEqual(answers[0], answers[1])
        self.assertEqual(
            [message.to for message in mail.outbox], [["known@example.org"]]
        )
