import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from knowledge.permissions import PARTNER_EDITORS, PRACTITIONERS, REVIEWERS
from tests.factories import PartnerFactory, UserFactory


def grant(*args):
    out = StringIO()
    call_command("grant_role", *args, stdout=out)
    return out.getvalue()


class GrantRoleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")

    def groups(self, email):
        user = get_user_model().objects.get(email=email)
        return set(user.groups.values_list("name", flat=True))

    def test_creates_a_practitioner_with_a_one_time_set_password_link(self):
        output = grant("reader@example.org", "practitioner")
        self.assertIn("Created reader@example.org", output)
        self.assertEqual(self.groups("reader@example.org"), {PRACTITIONERS})
        user = get_user_model().objects.get(email="reader@example.org")
        self.assertFalse(user.has_usable_password())
        self.assertNotIn("password=", output.lower())

        link = re.search(r"http://testserver(/\S+/accounts/reset/\S+)", output).group(1)
        form = self.client.get(link, follow=True)
        self.assertContains(form, "new_password1")
        new_password = "a long and private passphrase"
        response = self.client.post(
            form.redirect_chain[-1][0],
            {"new_password1": new_password, "new_password2": new_password},
        )
        self.assertRedirects(response, reverse("password_reset_complete"))
        self.assertTrue(
            self.client.login(username=user.username, password=new_password)
        )
        self.client.logout()
        again = self.client.get(link, follow=True)
        self.assertNotContains(again, "new_password1")

    def test_editor_joins_the_partner_group(self):
        grant("editor@example.org", "editor", "--partner", "astra")
        self.assertEqual(
            self.groups("editor@example.org"),
            {PARTNER_EDITORS, f"{PARTNER_EDITORS}: astra"},
        )

    def test_existing_accounts_keep_their_password_and_get_no_link(self):
        user = UserFactory(email="old@example.org")
        output = grant("OLD@example.org", "reviewer")
        self.assertIn("Updated old@example.org", output)
        self.assertNotIn("/accounts/reset/", output)
        self.assertEqual(self.groups("old@example.org"), {REVIEWERS})
        user.refresh_from_db()
        self.assertTrue(user.has_usable_password())

    def test_admin_becomes_superuser(self):
        grant("boss@example.org", "admin")
        user = get_user_model().objects.get(email="boss@example.org")
        self.assertTrue(user.is_superuser and user.is_staff)

    def test_bad_input_is_refused_without_creating_an_account(self):
        cases = [
            (("x@example.org", "editor"), "needs --partner"),
            (("x@example.org", "editor", "--partner", "nobody"), "No partner"),
            (("x@example.org", "reviewer", "--partner", "astra"), "only goes with"),
            (("not-an-address", "reviewer"), "Not an e-mail address"),
        ]
        for args, message in cases:
            with (
                self.subTest(args=args),
                self.assertRaisesMessage(CommandError, message),
            ):
                grant(*args)
        with self.assertRaises(CommandError):
            grant("x@example.org", "emperor")
        self.assertFalse(
            get_user_model().objects.filter(email="x@example.org").exists()
        )


class GrantRoleLinkAddressTests(TestCase):
    def test_the_output_names_the_address_the_link_uses_and_how_to_change_it(self):
        output = grant("first@example.org", "reviewer")
        self.assertIn("http://testserver/", output)
        self.assertIn("WAGTAILADMIN_BASE_URL", output)
        self.assertIn("--base-url", output)

    def test_the_link_can_point_at_the_port_the_site_runs_on(self):
        output = grant(
            "second@example.org", "reviewer", "--base-url", "http://127.0.0.1:8123/"
        )
        link = re.search(r"http://127\.0\.0\.1:8123(/\S+/accounts/reset/\S+)", output)
        self.assertIsNotNone(link, output)
        form = self.client.get(link.group(1), follow=True)
        self.assertContains(form, "new_password1")

    def test_a_base_url_that_is_no_address_is_refused(self):
        with self.assertRaisesMessage(CommandError, "--base-url needs an address"):
            grant("third@example.org", "reviewer", "--base-url", "127.0.0.1:8000")
        self.assertFalse(
            get_user_model().objects.filter(email="third@example.org").exists()
        )
