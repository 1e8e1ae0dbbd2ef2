"""Bad query parameters on the API answer 400 (or 404) in JSON, never 500.

Run on SQLite and on PostgreSQL: each fails on other values (SQLite past 64-bit
integers, PostgreSQL on NUL bytes in text).
"""

from unittest import mock

from django.core.cache import cache
from django.test import TestCase, override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import get_page_models

from outputs.api import (
    PublicDocumentsAPIViewSet,
    PublicImagesAPIViewSet,
    PublicPagesAPIViewSet,
)
from tests.factories import (
    ImageFactory,
    PracticeGuidePageFactory,
    UploadedDocumentFactory,
)

PAGES = "/api/v2/pages/"
ENDPOINTS = (PAGES, "/api/v2/documents/", "/api/v2/images/")
BIG = str(2**63)  # one past the largest 64-bit integer
# What each kind of column cannot hold: text for numbers and dates, numbers past
# every integer column, impossible dates, and the empty string.
HOSTILE = ["abc", "-1", BIG, "9" * 30, "", "2020-13-45", "1.5"]


class InputFixture:
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(title="Kinship care guide")
        UploadedDocumentFactory(title="Annual report")
        ImageFactory(title="Family")

    def assert_json(self, response, status: int):
        self.assertEqual(response.status_code, status, response.content[:300])
        self.assertEqual(response["Content-Type"], "application/json")
        return response.json()

    def assert_bad(self, url, params=None, *, mentions=""):
        message = self.assert_json(self.client.get(url, params), 400)["message"]
        self.assertIn(mentions, message)
        return message


class PaginationTests(InputFixture, TestCase):
    def test_an_offset_past_the_end_gives_an_empty_page(self):
        for endpoint in ENDPOINTS:
            for offset in (BIG, "9" * 30, "1000"):
                with self.subTest(endpoint=endpoint, offset=offset[:20]):
                    data = self.assert_json(
                        self.client.get(endpoint, {"offset": offset}), 200
                    )
                    self.assertEqual(data["items"], [])
                    self.assertGreater(data["meta"]["total_count"], 0)

    def test_an_offset_past_the_end_of_a_search(self):
        data = self.assert_json(
            self.client.get(PAGES, {"search": "kinship", "offset": BIG}), 200
        )
        self.assertEqual(data, {"meta": {"total_count": 1}, "items": []})

    def test_bad_offsets_and_limits(self):
        for endpoint in ENDPOINTS:
            for name in ("offset", "limit"):
                for value in ("-1", "abc", "1.5", "", "9" * 5000):
                    with self.subTest(endpoint=endpoint, name=name, value=value[:9]):
                        self.assert_bad(endpoint, {name: value}, mentions=name)
            self.assert_bad(endpoint, {"limit": BIG}, mentions="limit cannot be")


class NulByteTests(InputFixture, TestCase):
    """PostgreSQL refuses NUL in text; every parameter but ``search`` says so."""

    def test_in_every_parameter_of_every_view(self):
        views = [
            (PAGES, ["locale", "type", "fields", "order", "title", "child_of"]),
            (f"{PAGES}find/", ["html_path", "id"]),
            (f"{PAGES}{self.guide.pk}/", ["fields"]),
            ("/api/v2/documents/", ["title", "tags", "fields"]),
            ("/api/v2/images/find/", ["id"]),
        ]
        for url, names in views:
            for name in names:
                with self.subTest(url=url, name=name):
                    message = self.assert_bad(url, {name: "a\x00b"}, mentions=name)
                    self.assertIn("null characters", message)
        self.assert_bad(PAGES, {"\x00": "1"}, mentions="null characters")

    def test_a_nul_in_a_search_is_dropped_like_on_the_search_page(self):
        data = self.assert_json(self.client.get(PAGES, {"search": "kinship\x00"}), 200)
        self.assertEqual([item["id"] for item in data["items"]], [self.guide.pk])


class ParameterTests(InputFixture, TestCase):
    def test_page_tree_filters(self):
        for name in ("child_of", "descendant_of", "ancestor_of", "translation_of"):
            for value in (BIG, "9" * 30, "abc", "-1", ""):
                with self.subTest(name=name, value=value[:20]):
                    self.assert_bad(PAGES, {name: value})

    def test_find_by_id(self):
        for endpoint in ENDPOINTS:
            for value in ("abc", "1.5", "", "-1"):
                with self.subTest(endpoint=endpoint, value=value):
                    self.assert_bad(f"{endpoint}find/", {"id": value}, mentions="id")
            # Not found (Django's LocaleMiddleware first tries it under /en/).
            response = self.client.get(f"{endpoint}find/", {"id": BIG}, follow=True)
            self.assertEqual(response.status_code, 404)

    def test_find_by_id_of_a_page_of_another_type(self):
        """The guide is no section: not found, under whichever name the type
        is asked for (a section model's DoesNotExist is not Page's)."""
        for name in (
            "practices.PracticeIndexPage",
            "briefs.BriefIndexPage",
            "knowledge.BriefIndexPage",
        ):
            with self.subTest(type=name):
                response = self.client.get(
                    f"{PAGES}find/", {"id": self.guide.pk, "type": name}, follow=True
                )
                self.assertEqual(response.status_code, 404)

    def test_unknown_types_fields_and_orders(self):
        self.assert_bad(PAGES, {"type": "knowledge.Nothing"}, mentions="type")
        self.assert_bad(PAGES, {"type": "x" * 1000}, mentions="type")
        for endpoint in ENDPOINTS:
            for fields in ("nothing", "title(", "*,-", ",,", "title(title(x))"):
                with self.subTest(endpoint=endpoint, fields=fields):
                    self.assert_bad(endpoint, {"fields": fields})
            for order in ("nothing", "-", "title,random", "id;drop"):
                with self.subTest(endpoint=endpoint, order=order):
                    self.assert_bad(endpoint, {"order": order})

    def test_field_filters_the_column_cannot_hold(self):
        self.assert_bad(
            PAGES, {"first_published_at": "yesterday"}, mentions="first_published_at"
        )
        self.assert_bad(PAGES, {"alias_of": BIG}, mentions="alias_of")
        self.assert_bad(PAGES, {"id": BIG}, mentions="id")
        guides = {"type": "practices.PracticeGuidePage"}
        self.assert_bad(PAGES, guides | {"body": "1"}, mentions="cannot filter by body")
        self.assert_bad(PAGES, guides | {"adapted_from": BIG}, mentions="adapted_from")

    def test_good_filters_still_filter(self):
        data = self.assert_json(self.client.get(PAGES, {"id": self.guide.pk}), 200)
        self.assertEqual([item["id"] for item in data["items"]], [self.guide.pk])
        guides = {"type": "practices.PracticeGuidePage"}
        data = self.assert_json(
            self.client.get(PAGES, guides | {"date": self.guide.date.isoformat()}), 200
        )
        self.assertEqual([item["id"] for item in data["items"]], [self.guide.pk])


def filterable_fields():
    """(listing URL, field) for every field of every endpoint that filters."""
    endpoints = [
        ("/api/v2/documents/?", PublicDocumentsAPIViewSet, get_document_model()),
        ("/api/v2/images/?", PublicImagesAPIViewSet, get_image_model()),
    ] + [
        (f"{PAGES}?type={model._meta.label}&", PublicPagesAPIViewSet, model)
        for model in get_page_models()
    ]
    seen = set()
    for url, view, model in endpoints:
        for name in view.get_available_fields(model, db_fields_only=True):
            owner = model._meta.get_field(name).model
            if name != "locale" and (owner, name) not in seen:
                seen.add((owner, name))
                yield url, name


class EveryFieldFilterTests(InputFixture, TestCase):
    def test_hostile_values_on_every_filterable_field(self):
        for url, name in filterable_fields():
            for value in HOSTILE:
                with self.subTest(url=url, name=name, value=value[:20]):
                    response = self.client.get(f"{url}{name}={value}")
                    self.assertIn(response.status_code, (200, 400))
                    self.assertEqual(response["Content-Type"], "application/json")


LIMITS = {"search": (3, 60), "autocomplete": (3, 60), "login": (2, 60)}


@override_settings(RATE_LIMITS_ENABLED=True, RATE_LIMITS=LIMITS)
class ApiSearchRateLimitTests(InputFixture, TestCase):
    """The API's ``?search=`` spends the same budget as the search page."""

    def setUp(self):
        cache.clear()
        self.addCleanup(cache.clear)
        # One moment for the whole test, so that no window passes half-way.
        clock = mock.patch("serving.ratelimit.time.time", return_value=1_000_020.0)
        clock.start()
        self.addCleanup(clock.stop)

    def test_site_and_api_searches_share_one_budget(self):
        self.assertEqual(self.client.get("/en/search/?q=care").status_code, 200)
        for endpoint in ENDPOINTS[:2]:
            response = self.client.get(endpoint, {"search": "care"})
            self.assertEqual(response.status_code, 200)
        response = self.client.get("/api/v2/images/", {"search": "care"})
        data = self.assert_json(response, 429)
        self.assertIn("too many requests", data["message"])
        self.assertTrue(0 < int(response["Retry-After"]) <= 60)
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertEqual(self.client.get("/en/search/?q=care").status_code, 429)

    def test_api_searches_spend_the_search_page_budget(self):
        for _ in range(3):
            self.client.get(PAGES, {"search": "care"})
        self.assertContains(
            self.client.get("/en/search/?q=care"), "Too many requests", status_code=429
        )

    def test_listing_without_a_search_is_not_limited(self):
        for _ in range(5):
            self.client.get(PAGES, {"search": "care"})
        for endpoint in ENDPOINTS:
            self.assertEqual(self.client.get(endpoint).status_code, 200)
        self.assertEqual(self.client.get(f"{PAGES}{self.guide.pk}/").status_code, 200)
