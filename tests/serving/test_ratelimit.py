"""Per-client rate limits on search, autocomplete and sign-in."""

from unittest import mock

from django.core.cache import cache
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings

from serving.ratelimit import client_ip

LIMITS = {"search": (3, 60), "autocomplete": (3, 60), "login": (2, 60)}


@override_settings(RATE_LIMITS_ENABLED=True, RATE_LIMITS=LIMITS)
class RateLimitTests(TestCase):
    def setUp(self):
        cache.clear()
        self.addCleanup(cache.clear)
        # One moment for the whole test: a slow run must not cross into the next
        # window (a fixed minute) half-way through and find a fresh budget.
        clock = mock.patch("serving.ratelimit.time.time", return_value=1_000_020.0)
        clock.start()
        self.addCleanup(clock.stop)

    def get(self, url, address="192.0.2.10", **extra):
        return self.client.get(url, REMOTE_ADDR=address, **extra)

    def test_search_answers_429_with_retry_after_past_the_limit(self):
        for _ in range(3):
            self.assertEqual(self.get("/en/search/?q=foster").status_code, 200)
        response = self.get("/en/search/?q=foster")
        self.assertEqual(response.status_code, 429)
        self.assertTrue(0 < int(response["Retry-After"]) <= 60)
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertContains(response, "Too many requests", status_code=429)
        self.assertIn("Content-Security-Policy", response)

    def test_other_clients_are_not_affected(self):
        for _ in range(4):
            self.get("/en/search/?q=foster")
        self.assertEqual(
            self.get("/en/search/", address="198.51.100.7").status_code, 200
        )

    def test_autocomplete_has_its_own_budget(self):
        for _ in range(3):
            self.get("/en/search/?q=foster")
        for _ in range(3):
            response = self.get("/en/search/autocomplete/?q=fos")
            self.assertEqual(response.status_code, 200)
        self.assertEqual(self.get("/en/search/autocomplete/?q=fos").status_code, 429)

    def test_sign_in_attempts_are_limited_but_showing_the_form_is_not(self):
        for _ in range(5):
            self.assertEqual(self.get("/en/accounts/login/").status_code, 200)
        for url in ("/en/accounts/login/", "/admin/login/"):
            self.client.post(url, {"username": "x", "password": "y"})
        response = self.client.post("/en/accounts/login/", {"username": "x"})
        self.assertEqual(response.status_code, 429)

    def test_the_window_passes(self):
        with mock.patch("serving.ratelimit.time.time", return_value=1_000_020.0):
            for _ in range(4):
                self.get("/en/search/")
            self.assertEqual(self.get("/en/search/").status_code, 429)
        with mock.patch("serving.ratelimit.time.time", return_value=1_000_081.0):
            self.assertEqual(self.get("/en/search/").status_code, 200)

    def test_a_failing_cache_lets_requests_through(self):
        with mock.patch.object(cache, "incr", side_effect=ConnectionError):
            for _ in range(5):
                self.assertEqual(self.get("/en/search/").status_code, 200)

    def test_the_page_speaks_the_readers_language(self):
        for _ in range(3):
            self.get("/sl/search/")
        self.assertContains(self.get("/sl/search/"), "Preveč zahtev", status_code=429)

    def test_a_forged_forwarded_for_header_does_not_buy_more_requests(self):
        for n in range(4):
            response = self.get("/en/search/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        self.assertEqual(response.status_code, 429)


class ClientAddressTests(SimpleTestCase):
    def request(self, forwarded=None):
        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **extra)

    def test_without_a_trusted_proxy_the_connection_address_counts(self):
        self.assertEqual(client_ip(self.request("203.0.113.9")), "10.0.0.2")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_only_the_hop_it_added_counts(self):
        self.assertEqual(client_ip(self.request("203.0.113.9")), "203.0.113.9")
        forged = self.request("198.51.100.1, 203.0.113.9")
        self.assertEqual(client_ip(forged), "203.0.113.9")
        self.assertEqual(client_ip(self.request()), "10.0.0.2")
