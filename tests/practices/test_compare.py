"""Practices compared side by side: chosen from a listing or search, read
through the one visibility rule, bad choices answered clearly."""

import re

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from tests.factories import (
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    UserFactory,
)
from tests.search.fixtures import rich_text

URL = "/en/practices/compare/"


def compare_url(*guides) -> str:
    return URL + "?" + "&".join(f"guides={guide}" for guide in guides)


def columns(html: str) -> list[str]:
    """The titles heading the columns, left to right."""
    return re.findall(r'<h2 class="compare-title"[^>]*><a [^>]*>([^<]+)</a>', html)


def part_headings(html: str) -> list[str]:
    return re.findall(r'<h2 id="compare-[a-z_]+">([^<]+)</h2>', html)


class CompareTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kinship = PracticeGuidePageFactory(
            title="Kinship care first",
            problem="<p>Children placed far from relatives.</p>",
            lessons="<p>Grandparents need respite.</p>",
        )
        cls.foster = PracticeGuidePageFactory(
            title="Specialised foster care",
            method="<p>Recruit and train carers.</p>",
            evidence_level="promising",
        )
        cls.legacy = PracticeGuidePageFactory(
            title="Mentoring young people",
            body=rich_text("A mentor meets each young person weekly."),
        )
        cls.secret = PracticeGuidePageFactory(
            title="Confidential placement protocol",
            problem="<p>Hidden problem.</p>",
            restricted=True,
        )
        cls.member = UserFactory()

    def setUp(self):
        cache.clear()

    def test_url(self):
        self.assertEqual(reverse("practice_compare"), URL)

    def test_guides_side_by_side_part_by_part_in_the_order_chosen(self):
        response = self.client.get(
            compare_url(self.foster.pk, self.kinship.pk, self.legacy.pk)
        )
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertEqual(
            columns(html),
            ["Specialised foster care", "Kinship care first", "Mentoring young people"],
        )
        self.assertIn('class="compare compare-3"', html)
        self.assertEqual(
            part_headings(html),
            [
                "Problem",
                "Objectives",
                "Target groups",
                "Method",
                "Results",
                "Evaluation",
                "Transferability",
                "Lessons learned",
            ],
        )
        method = html[html.index('id="compare-method"') :]
        method = method[: method.index("</section>")]
        self.assertLess(
            method.index("Recruit and train carers."),
            method.index("A mentor meets each young person weekly."),
        )
        self.assertIn("Not described.", method)
        self.assertIn("badge-evidence-promising", html)

    def test_a_guide_the_reader_may_not_open_is_left_out_as_an_unknown_one(self):
        for guides in (
            (self.kinship.pk, self.secret.pk),
            (self.kinship.pk, 987654),
            (self.kinship.pk, 9999999999),
        ):
            with self.subTest(guides=guides):
                response = self.client.get(compare_url(*guides))
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertEqual(columns(html), ["Kinship care first"])
                self.assertIn("1 of the chosen guides is not shown", html)
                self.assertNotIn("Confidential", html)
                self.assertNotIn("Hidden problem", html)

    def test_a_member_sees_the_restricted_guide(self):
        self.client.force_login(self.member)
        html = self.client.get(compare_url(self.kinship.pk, self.secret.pk)).content
        self.assertEqual(
            columns(html.decode()),
            ["Kinship care first", "Confidential placement protocol"],
        )
        self.assertIn(b"Hidden problem", html)

    def test_other_documents_are_not_guides(self):
        brief = PolicyBriefPageFactory(title="A policy brief")
        html = self.client.get(compare_url(self.kinship.pk, brief.pk)).content
        self.assertNotIn(b"A policy brief", html)

    def test_a_guide_chosen_twice_is_shown_once(self):
        html = self.client.get(
            compare_url(self.kinship.pk, self.kinship.pk, self.foster.pk)
        ).content.decode()
        self.assertEqual(
            columns(html), ["Kinship care first", "Specialised foster care"]
        )
        self.assertNotIn("not shown", html)

    def test_bad_choices_are_answered_clearly(self):
        for guides, message in (
            ((1, 2, 3, 4), "Choose at most three guides to compare."),
            (("abc",), "“abc” is not the number of a guide."),
            (("12345678901",), "is not the number of a guide."),
            (("-3",), "“-3” is not the number of a guide."),
        ):
            with self.subTest(guides=guides):
                response = self.client.get(compare_url(*guides))
                self.assertContains(response, message, status_code=400)
                self.assertEqual(columns(response.content.decode()), [])

    def test_nothing_chosen_says_how_to_choose(self):
        response = self.client.get(URL)
        self.assertContains(response, "Choose two or three guides")
        self.assertEqual(columns(response.content.decode()), [])


class ChoosingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(title="Kinship care first")
        cls.secret = PracticeGuidePageFactory(
            title="Confidential placement protocol", restricted=True
        )
        cls.brief = PolicyBriefPageFactory(title="Kinship care brief")

    def setUp(self):
        cache.clear()

    def choices(self, html: str) -> list[str]:
        return re.findall(
            r'<input type="checkbox" name="guides" value="(\d+)" form="compare-form">',
            html,
        )

    def test_the_listing_offers_each_guide_to_compare(self):
        html = self.client.get("/en/practices/").content.decode()
        self.assertIn(
            f'<form id="compare-form" class="compare-form" method="get" action="{URL}">',
            html,
        )
        self.assertEqual(self.choices(html), [str(self.guide.pk)])

    def test_search_offers_guides_only(self):
        html = self.client.get("/en/search/?q=kinship").content.decode()
        self.assertIn('id="compare-form"', html)
        self.assertEqual(self.choices(html), [str(self.guide.pk)])

    def test_other_listings_offer_nothing(self):
        html = self.client.get("/en/briefs/").content.decode()
        self.assertNotIn("compare-form", html)
