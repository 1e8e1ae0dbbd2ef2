"""Security headers on every public response, and production settings that pass
``manage.py check --deploy``."""

from html.parser import HTMLParser

from django.test import RequestFactory, SimpleTestCase, TestCase
from django.views.defaults import server_error

from tests.commands import run_manage
from tests.factories import PracticeGuidePageFactory, UserFactory


class InlineCodeFinder(HTMLParser):
    """Collects what a ``'self'``-only policy would block: inline script and style."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        is_data = attrs.get("type") in ("application/json", "application/ld+json")
        if tag == "script" and "src" not in attrs and not is_data:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")


class PublicHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(title="Kinship foster care")

    def public_responses(self):
        urls = [
            "/en/",
            "/en/practices/",
            self.guide.url,
            "/en/search/?q=foster",
            "/en/topics/",
            "/en/accounts/login/",
            "/en/no-such-page/",
        ]
        return [(url, self.client.get(url)) for url in urls]

    def test_every_public_page_has_the_strict_policy_and_the_other_headers(self):
        for url, response in self.public_responses():
            with self.subTest(url=url):
                self.assertIn(response.status_code, (200, 404))
                csp = response["Content-Security-Policy"]
                self.assertIn("default-src 'self'", csp)
                self.assertIn("script-src 'self';", csp + ";")
                self.assertIn("style-src 'self';", csp + ";")
                self.assertIn("frame-ancestors 'none'", csp)
                self.assertIn("object-src 'none'", csp)
                self.assertNotIn("unsafe-inline", csp)
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                self.assertEqual(response["Referrer-Policy"], "same-origin")
                self.assertEqual(response["X-Frame-Options"], "DENY")
                self.assertIn("camera=()", response["Permissions-Policy"])
                self.assertIn("geolocation=()", response["Permissions-Policy"])

    def test_public_pages_carry_no_inline_script_or_style(self):
        for url, response in self.public_responses():
            with self.subTest(url=url):
                finder = InlineCodeFinder()
                finder.feed(response.content.decode())
                self.assertEqual(finder.found, [])

    def test_a_signed_in_reader_gets_the_same_strict_policy(self):
        self.client.force_login(UserFactory())
        response = self.client.get(self.guide.url)
        self.assertNotIn("unsafe-inline", response["Content-Security-Policy"])

    def test_static_files_and_redirects_carry_the_headers_too(self):
        for url in ("/", "/static/css/site.css"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn("Content-Security-Policy", response)
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_the_server_error_page_needs_no_inline_style(self):
        response = server_error(RequestFactory().get("/en/"))
        finder = InlineCodeFinder()
        finder.feed(response.content.decode())
        self.assertEqual(response.status_code, 500)
        self.assertIn("/static/css/error.css", response.content.decode())
        self.assertEqual(finder.found, [])


class AdminHeaderTests(TestCase):
    def test_the_admin_gets_the_relaxed_policy_it_needs_and_may_frame_itself(self):
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        csp = response["Content-Security-Policy"]
        self.assertIn("script-src 'self' 'unsafe-inline'", csp)
        self.assertIn("frame-ancestors 'self'", csp)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_the_admin_login_page_is_not_framed_by_other_sites(self):
        response = self.client.get("/admin/login/")
        self.assertIn("frame-ancestors 'self'", response["Content-Security-Policy"])
        self.assertEqual(response["X-Frame-Options"], "DENY")


DEPLOY_ENV = {
    "DJANGO_SETTINGS_MODULE": "knowledge.settings.production",
    "DJANGO_SECRET_KEY": "dummy-deploy-check-key-" + "0123456789abcdef" * 2,
    "DJANGO_ALLOWED_HOSTS": "knowledge.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_production(*args, **overrides):
    return run_manage(*args, **{**DEPLOY_ENV, **overrides})


class DeploySettingsTests(SimpleTestCase):
    def test_production_settings_pass_check_deploy_without_warnings(self):
        result = run_production("check", "--deploy", "--fail-level", "WARNING")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_development_settings_do_not_pass_it(self):
        """The check above can fail: the same command on dev settings warns."""
        result = run_production(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_SETTINGS_MODULE="knowledge.settings.dev",
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECURE_HSTS_SECONDS", result.stdout + result.stderr)

    def test_production_refuses_a_short_secret_key(self):
        result = run_production("check", DJANGO_SECRET_KEY="short")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_SECRET_KEY", result.stderr)

    def test_production_trusts_the_proxy_for_https_and_exempts_health(self):
        result = run_production(
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s;"
            "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT,"
            " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG,"
            " s.SECURE_REDIRECT_EXEMPT)",
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            result.stdout.strip().splitlines()[-1],
            "('HTTP_X_FORWARDED_PROTO', 'https') True True True False ['^health/']",
        )
