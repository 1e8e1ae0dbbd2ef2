"""The parts of a practice guide (problem, objectives, target groups, method,
results, evaluation, transferability, lessons learned): the admin, the page,
the PDF, the API, search, safeguarding and the interchange."""

import re

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from practices.models import PART_NAMES, PracticeGuidePage
from safeguarding.gate import PublicationRefused
from safeguarding.scanner import scan_page
from tests.content import pdf_text
from tests.editorial.form_data import guide_form_data
from tests.factories import PartnerFactory, PracticeGuidePageFactory, user_with_role
from tests.interchange import export_import_export, failed_import, run_import
from tests.interchange.records import PARTNER, PRACTICE
from tests.search.fixtures import rich_text as body_text
from tests.search.fixtures import slugs

PARTS = {
    "problem": "<p>Children waited in shelters for months.</p>",
    "objectives": "<p>A family placement within 72 hours.</p>",
    "method": "<ol><li>Recruit carers.</li><li>Train them.</li></ol>",
    "results": "<p>Forty placements in three years.</p>",
    "evaluation": "<p>An external evaluation in 2012.</p>",
    "transferability": "<p>Needs a specialised allowance in law.</p>",
    "lessons": "<p>Peer groups mattered as much as training.</p>",
}
HEADINGS = [
    "Problem",
    "Objectives",
    "Target groups",
    "Method",
    "Results",
    "Evaluation",
    "Transferability",
    "Lessons learned",
]


def headings(html: str) -> list[str]:
    """The headings of the guide's parts, in the order of the page."""
    return re.findall(r'<h2 id="part-[a-z_]+">([^<]+)</h2>', html)


class PartsFixture:
    @classmethod
    def setUpTestData(cls):
        cls.partner = PartnerFactory(slug="astra", name="ASTRA")
        cls.guide = PracticeGuidePageFactory(
            title="Specialised foster care",
            slug="specialised-foster-care",
            partner=cls.partner,
            target_groups="Child victims\nFoster carers",
            body=body_text("Appendix: the forms we use."),
            **PARTS,
        )
        cls.legacy = PracticeGuidePageFactory(
            title="Mentoring young people",
            slug="mentoring",
            partner=cls.partner,
            target_groups="Young people leaving care",
            body=body_text("A mentor meets each young person weekly."),
        )

    def setUp(self):
        cache.clear()


class PageTests(PartsFixture, TestCase):
    def test_every_filled_part_in_order_then_the_body(self):
        html = self.client.get(self.guide.url).content.decode()
        self.assertEqual(headings(html), [*HEADINGS, "Other notes"])
        for text in ("Children waited in shelters", "Recruit carers", "Child victims"):
            self.assertIn(text, html)
        self.assertLess(html.index("Peer groups"), html.index("Appendix: the forms"))
        results = html[html.index('id="part-results"') :]
        self.assertIn("badge-evidence-emerging", results[: results.index("</section>")])

    def test_an_older_guide_shows_its_body_as_the_method(self):
        html = self.client.get(self.legacy.url).content.decode()
        self.assertEqual(headings(html), ["Target groups", "Method"])
        method = html[html.index('id="part-method"') :]
        self.assertIn("A mentor meets each young person weekly.", method)

    def test_a_part_without_words_is_empty(self):
        self.legacy.lessons = "<p> </p>"
        self.assertTrue(self.legacy.body_is_method)
        self.assertFalse(self.legacy.parts[-1])

    def test_headings_in_the_readers_language(self):
        html = self.client.get("/sl" + self.guide.url.removeprefix("/en")).content
        html = html.decode()
        self.assertEqual(
            headings(html)[:4], ["Problem", "Cilji", "Ciljne skupine", "Metoda"]
        )


class PdfTests(PartsFixture, TestCase):
    def test_the_parts_in_order_then_the_body(self):
        _, text = pdf_text(self.client.get(f"{self.guide.url}pdf/"))
        flat = " ".join(text.split())
        positions = [flat.index(heading) for heading in HEADINGS]
        self.assertEqual(positions, sorted(positions))
        self.assertIn("Peer groups mattered as much as training.", flat)
        self.assertIn("Child victims", flat)
        self.assertLess(flat.index("Peer groups"), flat.index("Other notes"))

    def test_an_older_guide_has_its_body_as_the_method(self):
        _, text = pdf_text(self.client.get(f"{self.legacy.url}pdf/"))
        flat = " ".join(text.split())
        self.assertIn("Method A mentor meets each young person weekly.", flat)
        self.assertNotIn("Other notes", flat)


class ApiTests(PartsFixture, TestCase):
    def test_each_part_is_a_field(self):
        response = self.client.get(
            "/api/v2/pages/?type=practices.PracticeGuidePage&slug=specialised-foster-care"
            f"&fields={','.join(PART_NAMES)}"
        )
        item = response.json()["items"][0]
        self.assertEqual(item["target_groups"], ["Child victims", "Foster carers"])
        for name, html in PARTS.items():
            self.assertEqual(item[name], html)


class SearchAndSafeguardingTests(PartsFixture, TestCase):
    def test_every_part_is_searched(self):
        for query in (
            "shelters",
            "placement",
            "recruit",
            "forty",
            "external",
            "allowance",
            "peer",
        ):
            with self.subTest(query=query):
                self.assertEqual(slugs(self.client, query), [self.guide.slug])

    def test_personal_data_in_a_part_holds_publication_back(self):
        draft = PracticeGuidePageFactory(
            slug="risky",
            live=False,
            lessons="<p>The victim Ana Petrović, JMBG 0103005710000, was placed.</p>",
        )
        findings = scan_page(draft)
        self.assertIn("lessons", {finding.field for finding in findings})
        with self.assertRaises(PublicationRefused):
            draft.save_revision().publish()
        self.assertFalse(PracticeGuidePage.objects.get(pk=draft.pk).live)


class AdminTests(PartsFixture, TestCase):
    def test_the_editor_writes_each_part(self):
        self.client.force_login(user_with_role("reviewer"))
        edit = reverse("wagtailadmin_pages:edit", args=[self.legacy.pk])
        form = self.client.get(edit).content.decode()
        positions = [form.index(f'name="{name}"') for name in PART_NAMES]
        self.assertEqual(positions, sorted(positions))
        self.assertLess(positions[-1], form.index('id="body"'))
        data = guide_form_data(
            self.partner,
            title=self.legacy.title,
            slug=self.legacy.slug,
            problem=rich_text("Young people lose their support at 18."),
            lessons=rich_text("Match by interests."),
            target_groups="Young people leaving care",
        )
        response = self.client.post(edit, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        saved = PracticeGuidePage.objects.get(pk=self.legacy.pk).get_latest_revision()
        guide = saved.as_object()
        self.assertIn("lose their support at 18", guide.problem)
        self.assertIn("Match by interests", guide.lessons)
        self.assertEqual(guide.objectives, "")

    def test_no_guide_takes_the_address_of_the_comparison(self):
        self.guide.slug = "compare"
        with self.assertRaisesMessage(Exception, "comparison of guides"):
            self.guide.full_clean()


class InterchangeTests(TestCase):
    def test_parts_round_trip_in_markdown(self):
        run_import(
            [
                PARTNER,
                {
                    **PRACTICE,
                    "problem": "Children **waited** in shelters.",
                    "method": "1. Recruit carers.\n2. Train them.",
                    "lessons": "Peer groups [mattered](https://example.org/peer).",
                },
            ]
        )
        guide = PracticeGuidePage.objects.get()
        self.assertEqual(
            guide.problem, "<p>Children <strong>waited</strong> in shelters.</p>"
        )
        self.assertIn("<li>Train them.</li>", guide.method)
        records = export_import_export()
        (record,) = [r for r in records if r["type"] == "practice"]
        self.assertEqual(
            {name: record[name] for name in PART_NAMES},
            {
                "problem": "Children **waited** in shelters.",
                "objectives": "",
                "target_groups": ["Foster carers", "Social workers"],
                "method": "1. Recruit carers.\n2. Train them.",
                "results": "",
                "evaluation": "",
                "transferability": "",
                "lessons": "Peer groups [mattered](https://example.org/peer).",
            },
        )
        keys = list(record)
        start = keys.index("problem")
        self.assertEqual(keys[start : start + len(PART_NAMES)], list(PART_NAMES))

    def test_a_record_without_parts_leaves_a_guides_parts_as_they_are(self):
        run_import([PARTNER, {**PRACTICE, "lessons": "Match by interests."}])
        run_import([PARTNER, PRACTICE])
        self.assertEqual(
            PracticeGuidePage.objects.get().lessons, "<p>Match by interests.</p>"
        )
        run_import([PARTNER, {**PRACTICE, "lessons": ""}])
        self.assertEqual(PracticeGuidePage.objects.get().lessons, "")

    def test_the_address_of_the_comparison_is_refused_as_a_slug(self):
        err = failed_import([PARTNER, {**PRACTICE, "slug": "compare"}])
        self.assertIn("line 2: slug: is the address of the comparison of guides", err)
