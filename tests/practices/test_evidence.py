"""The evidence ladder: badge, explanation page, listing filter, search facet,
evaluation documents, feedback flags, and the rule an evaluated guide must meet."""

import io
import json

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.test.utils.form_data import inline_formset

from editorial.restricted_documents import is_restricted
from editorial.roles import restricted_collection
from knowledge.filters import DocumentFilters
from knowledge.selectors import evidence_counts
from practices.models import EvaluationDocument, PracticeGuidePage, PracticeIndexPage
from search import sql
from tests.editorial.form_data import guide_form_data as workflow_guide_form_data
from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    UploadedDocumentFactory,
    UserFactory,
    user_with_role,
)


class EvidenceFixture:
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.public_report = UploadedDocumentFactory(title="Evaluation 2011")
        cls.internal_report = UploadedDocumentFactory(
            title="Internal monitoring",
            collection=restricted_collection(Collection.get_first_root_node()),
        )
        cls.evaluated = PracticeGuidePageFactory(
            title="Accredited foster carer training",
            slug="evaluated-guide",
            partner=cls.astra,
            evidence_level="evaluated",
            children_feedback=True,
            carers_feedback=False,
            evaluation_documents=[
                EvaluationDocument(
                    document=cls.public_report, label="External evaluation, 2011"
                ),
                EvaluationDocument(
                    document=cls.internal_report, label="Internal monitoring data"
                ),
            ],
        )
        cls.promising = PracticeGuidePageFactory(
            title="Peer support: a carer network",
            slug="promising-guide",
            evidence_level="promising",
        )
        cls.secret_proven = PracticeGuidePageFactory(
            title="Confidential placement study",
            slug="secret-proven",
            evidence_level="proven",
            restricted=True,
        )
        cls.visit = StudyVisitPageFactory(slug="a-visit", title="A study visit")
        cls.member = UserFactory()


class BadgeAndPageTests(EvidenceFixture, TestCase):
    def test_guide_page_shows_a_labelled_badge_linking_to_the_explanation(self):
        response = self.client.get(self.evaluated.url)
        self.assertContains(
            response,
            '<a class="badge badge-evidence badge-evidence-evaluated" '
            'href="/en/evidence/#evaluated">',
        )
        self.assertContains(response, "Evidence level:")
        self.assertContains(response, "(3 of 4)")

    def test_feedback_flags_are_shown_in_words(self):
        response = self.client.get(self.evaluated.url)
        html = response.content.decode()
        children = html.index("Children's own feedback")
        carers = html.index("Carers' own feedback")
        self.assertIn("<dd>Collected</dd>", html[children:carers])
        self.assertIn("<dd>Not collected</dd>", html[carers:])

    def test_evaluation_documents_in_a_restricted_collection_are_for_members(self):
        response = self.client.get(self.evaluated.url)
        self.assertContains(response, "External evaluation, 2011")
        self.assertNotContains(response, "Internal monitoring data")
        self.assertNotContains(response, self.internal_report.url)
        self.client.force_login(self.member)
        response = self.client.get(self.evaluated.url)
        self.assertContains(response, "External evaluation, 2011")
        self.assertContains(response, "Internal monitoring data")

    def test_a_collection_restricted_later_hides_its_files_at_once(self):
        """The restricted collections are kept until content changes; a new
        collection restriction is such a change."""
        self.assertContains(self.client.get(self.evaluated.url), "External evaluation")
        collection = Collection.get_first_root_node().add_child(name="Closed later")
        self.public_report.collection = collection
        self.public_report.save()
        self.assertContains(self.client.get(self.evaluated.url), "External evaluation")
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        response = self.client.get(self.evaluated.url)
        self.assertNotContains(response, "External evaluation")
        self.client.force_login(self.member)
        self.assertContains(self.client.get(self.evaluated.url), "External evaluation")

    def test_a_group_taken_off_a_collection_restriction_loses_its_files_at_once(self):
        collection = Collection.get_first_root_node().add_child(name="Group files")
        self.public_report.collection = collection
        self.public_report.save()
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        group = Group.objects.create(name="Evaluators")
        restriction.groups.add(group)
        self.member.groups.add(group)
        self.client.force_login(self.member)
        self.assertContains(self.client.get(self.evaluated.url), "External evaluation")
        restriction.groups.remove(group)
        self.assertNotContains(
            self.client.get(self.evaluated.url), "External evaluation"
        )

    def test_badge_in_listings_and_search_results(self):
        for url in ("/en/practices/", "/en/search/?q=carer", "/en/search/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, 'href="/en/evidence/#evaluated"')
                self.assertContains(response, 'href="/en/evidence/#promising"')
        # Other document types carry no badge.
        response = self.client.get("/en/exchanges/")
        self.assertContains(response, "A study visit")
        self.assertNotContains(response, "badge-evidence")


class ExplanationPageTests(EvidenceFixture, TestCase):
    def test_lists_every_level_with_its_requirement_and_visible_count(self):
        response = self.client.get(reverse("evidence"))
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "base.html")
        for level in ("emerging", "promising", "evaluated", "proven"):
            self.assertContains(response, f'id="{level}"')
        self.assertContains(response, "A controlled study")
        self.assertContains(response, "An evaluation report")
        self.assertContains(
            response,
            '<a href="/en/practices/?evidence=evaluated">1 practice guide at this level</a>',
            html=True,
        )
        # The restricted proven guide is not counted for anonymous readers.
        self.assertNotContains(response, "?evidence=proven")
        self.assertNotContains(response, "Confidential")
        self.client.force_login(self.member)
        response = self.client.get(reverse("evidence"))
        self.assertContains(response, "?evidence=proven")

    def test_in_every_language(self):
        expected = {
            "en": "How strong is the evidence?",
            "sr-latn": "Koliko su jaki dokazi?",
            "sr": "Колико су јаки докази?",
            "sl": "Kako trdni so dokazi?",
        }
        for language, heading in expected.items():
            with self.subTest(language=language), translation.override(language):
                url = reverse("evidence")
                self.assertTrue(url.startswith(f"/{language}/"))
                response = self.client.get(url)
                self.assertContains(response, heading)
                self.assertContains(response, f"/{language}/practices/?evidence=")


class FilterTests(EvidenceFixture, TestCase):
    def titles(self, response):
        return [document.title for document in response.context["documents"]]

    def test_practice_listing_filters_by_level(self):
        response = self.client.get("/en/practices/", {"evidence": "promising"})
        self.assertEqual(self.titles(response), ["Peer support: a carer network"])
        response = self.client.get("/en/practices/", {"evidence": "EVALUATED"})
        self.assertEqual(self.titles(response), ["Accredited foster carer training"])
        response = self.client.get("/en/practices/", {"evidence": "proven"})
        self.assertEqual(self.titles(response), [])
        self.client.force_login(self.member)
        response = self.client.get("/en/practices/", {"evidence": "proven"})
        self.assertEqual(self.titles(response), ["Confidential placement study"])

    def test_unknown_level_is_a_form_error_and_an_empty_listing(self):
        response = self.client.get("/en/practices/", {"evidence": "anecdotal"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Some filters were not understood")
        self.assertEqual(self.titles(response), [])

    def test_other_listings_have_no_evidence_filter(self):
        response = self.client.get("/en/exchanges/", {"evidence": "promising"})
        self.assertNotIn("evidence", response.context["filter_form"].fields)
        self.assertEqual(self.titles(response), ["A study visit"])
        response = self.client.get("/en/practices/")
        self.assertContains(response, 'name="evidence"')


class SearchFacetTests(EvidenceFixture, TestCase):
    def search(self, **params):
        response = self.client.get(reverse("search"), {"format": "json", **params})
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content)

    def facet(self, data):
        return [
            (v["value"], v["label"], v["count"]) for v in data["facets"]["evidence"]
        ]

    def test_facet_counts_in_ladder_order_without_restricted_guides(self):
        data = self.search()
        self.assertEqual(
            self.facet(data),
            [("promising", "Promising", 1), ("evaluated", "Evaluated", 1)],
        )
        self.client.force_login(self.member)
        self.assertEqual(self.facet(self.search())[-1], ("proven", "Proven", 1))

    def test_filter_narrows_results_and_other_facets(self):
        data = self.search(evidence="evaluated")
        self.assertEqual([r["slug"] for r in data["results"]], ["evaluated-guide"])
        self.assertEqual(data["results"][0]["evidence_level"], "evaluated")
        self.assertEqual(
            {v["value"]: v["count"] for v in data["facets"]["type"]}, {"practice": 1}
        )
        # The facet's own filter leaves its counts alone, so readers can switch.
        self.assertEqual(len(self.facet(data)), 2)
        data = self.search(q="carer", evidence="promising")
        self.assertEqual([r["slug"] for r in data["results"]], ["promising-guide"])
        self.assertEqual(self.search(evidence="proven")["total"], 0)

    def test_the_facet_sql_counts_what_the_explanation_page_counts(self):
        for user in (None, self.member):
            with self.subTest(user=user):
                _, counts = sql.facet_counts(
                    sql.every_document(), user=user, filters=DocumentFilters()
                )
                self.assertEqual(
                    {level: int(n) for level, n in counts["evidence"].items()},
                    evidence_counts(user=user),
                )

    def test_unknown_level_gives_an_empty_result(self):
        data = self.search(evidence="anecdotal")
        self.assertEqual((data["total"], data["results"]), (0, []))

    def test_facet_links_are_shareable(self):
        response = self.client.get(reverse("search"), {"q": "carer"})
        self.assertContains(response, "<h2>Evidence</h2>", html=True)
        self.assertContains(response, "?q=carer&amp;evidence=promising")
        response = self.client.get(reverse("search"), {"evidence": "promising"})
        self.assertContains(response, 'aria-current="true"')
        self.assertContains(
            response, '<input type="hidden" name="evidence" value="promising">'
        )


class OutputTests(EvidenceFixture, TestCase):
    def setUp(self):
        cache.clear()

    def test_api_has_level_feedback_and_only_public_evaluation_documents(self):
        response = self.client.get(
            "/api/v2/pages/?type=practices.PracticeGuidePage&fields="
            "evidence_level,children_feedback,carers_feedback,evaluation_documents"
        )
        items = {item["meta"]["slug"]: item for item in response.json()["items"]}
        self.assertNotIn("secret-proven", items)
        guide = items["evaluated-guide"]
        self.assertEqual(guide["evidence_level"], "evaluated")
        self.assertIs(guide["children_feedback"], True)
        self.assertIs(guide["carers_feedback"], False)
        self.assertEqual(
            guide["evaluation_documents"],
            [
                {
                    "label": "External evaluation, 2011",
                    "title": "Evaluation 2011",
                    "url": self.public_report.url,
                }
            ],
        )
        # Even for a signed-in member: the API answers as to anyone.
        self.client.force_login(self.member)
        response = self.client.get(f"/api/v2/pages/{self.evaluated.pk}/")
        self.assertNotIn("Internal monitoring", response.content.decode())

    def test_evaluation_documents_of_a_restricted_guide_are_restricted(self):
        report = UploadedDocumentFactory(title="Placement study")
        self.assertFalse(is_restricted(report.collection))
        guide = PracticeGuidePageFactory(
            restricted=True,
            evidence_level="proven",
            evaluation_documents=[EvaluationDocument(document=report, label="Study")],
        )
        guide.save_revision().publish()
        report.refresh_from_db()
        self.assertTrue(is_restricted(report.collection))
        response = self.client.get(report.url)
        self.assertEqual(response.status_code, 302)
        response = self.client.get("/api/v2/documents/")
        self.assertNotIn(report.pk, [item["id"] for item in response.json()["items"]])

    def test_feed_filters_by_level_and_never_shows_restricted_guides(self):
        response = self.client.get("/feed/", {"evidence": "evaluated"})
        self.assertContains(response, "Accredited foster carer training")
        self.assertNotContains(response, "Peer support")
        self.client.force_login(self.member)
        response = self.client.get("/feed/", {"evidence": "proven"})
        self.assertNotContains(response, "Confidential")
        response = self.client.get("/feed/", {"evidence": "anecdotal"})
        self.assertEqual(response.status_code, 400)

    def test_pdf_has_level_feedback_and_public_evaluation_documents(self):
        self.client.force_login(self.member)
        response = self.client.get(f"{self.evaluated.url}pdf/")
        self.assertEqual(response.status_code, 200)
        reader = PdfReader(io.BytesIO(b"".join(response)))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        for expected in (
            "Evidence level",
            "Evaluated",
            "Children's own feedback",
            "Not collected",
            "External evaluation, 2011",
        ):
            self.assertIn(expected, text)
        # The PDF is cached for everyone, so it lists public files only.
        self.assertNotIn("Internal monitoring data", text)


def guide_form_data(partner, **overrides):
    """The workflow tests' guide, evaluated and with children's feedback."""
    return workflow_guide_form_data(
        partner,
        **{
            "slug": "accredited-training",
            "evidence_level": "evaluated",
            "children_feedback": "on",
            **overrides,
        },
    )


class EditorRuleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.admin = user_with_role("reviewer")
        cls.report = UploadedDocumentFactory(title="Evaluation report")
        cls.url = reverse(
            "wagtailadmin_pages:add",
            args=[
                "practices",
                "practiceguidepage",
                PracticeIndexPage.objects.get(locale__language_code="en").pk,
            ],
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def test_evaluated_without_an_evaluation_document_is_a_form_error(self):
        for level in ("evaluated", "proven"):
            with self.subTest(level=level):
                response = self.client.post(
                    self.url, guide_form_data(self.astra, evidence_level=level)
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "needs at least one evaluation document")
                self.assertFalse(PracticeGuidePage.objects.exists())

    def test_a_deleted_evaluation_document_does_not_count(self):
        documents = inline_formset(
            [{"document": self.report.pk, "label": "Report", "DELETE": "on"}]
        )
        response = self.client.post(
            self.url, guide_form_data(self.astra, evaluation_documents=documents)
        )
        self.assertContains(response, "needs at least one evaluation document")

    def test_evaluated_with_a_document_saves_and_lower_levels_need_none(self):
        documents = inline_formset(
            [{"document": self.report.pk, "label": "External evaluation, 2012"}]
        )
        response = self.client.post(
            self.url, guide_form_data(self.astra, evaluation_documents=documents)
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        guide = PracticeGuidePage.objects.get(slug="accredited-training")
        self.assertTrue(guide.children_feedback)
        self.assertFalse(guide.carers_feedback)
        self.assertEqual(
            [e.label for e in guide.evaluation_documents.all()],
            ["External evaluation, 2012"],
        )
        response = self.client.post(
            self.url,
            guide_form_data(self.astra, slug="emerging", evidence_level="emerging"),
        )
        self.assertEqual(response.status_code, 302)
