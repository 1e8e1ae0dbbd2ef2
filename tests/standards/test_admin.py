"""Keeping the list of standards (reviewers and administrators only) and citing
articles from a practice guide in the admin."""

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from practices.models import PracticeGuidePage, PracticeIndexPage
from standards.models import Standard, StandardArticle
from standards.references import Resolved, StandardNames
from tests.factories import PartnerFactory, user_with_role

ARTICLES = "/admin/snippets/standards/standardarticle/"
CHOOSER = "/admin/snippets/choose/standards/standardarticle/"


def article(code, key):
    return StandardArticle.objects.get(standard__code=code, key=key)


class StandardsAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.editor = user_with_role("editor", partner=cls.astra)
        cls.reviewer = user_with_role("reviewer")

    def test_reviewers_keep_the_list_of_standards(self):
        self.client.force_login(self.reviewer)
        response = self.client.post(
            reverse(StandardArticle.snippet_viewset.get_url_name("add")),
            {
                "standard": Standard.objects.get(code="cets-197").pk,
                "label": "Article 14",
                "key": "14",
                "title": "Residence permit",
                "summary": "",
                "official_url": "",
                "sort_order": 20,
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(
            StandardArticle.objects.filter(standard__code="cets-197", key="14").exists()
        )

    def test_a_repeated_key_is_a_form_error(self):
        self.client.force_login(self.reviewer)
        response = self.client.post(
            reverse(StandardArticle.snippet_viewset.get_url_name("add")),
            {
                "standard": Standard.objects.get(code="cets-197").pk,
                "label": "Article 10 again",
                "key": "10",
                "title": "Duplicate",
                "sort_order": 0,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)

    def test_partner_editors_cannot_change_the_list(self):
        self.client.force_login(self.editor)
        for url in [ARTICLES, f"{ARTICLES}add/", "/admin/snippets/standards/standard/"]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotEqual(response.status_code, 200)

    def test_chooser_finds_articles_by_standard_and_number(self):
        self.client.force_login(self.editor)
        response = self.client.get(
            f"{CHOOSER}results/", {"q": "cets-197 identification"}
        )
        self.assertEqual(response.status_code, 200)
        found = list(response.context["results"])
        self.assertEqual(found, [article("cets-197", "10")])
        response = self.client.get(f"{CHOOSER}results/", {"q": "2011/36 child"})
        keys = {(a.standard.code, a.key) for a in response.context["results"]}
        self.assertIn(("eu-2011-36", "13"), keys)
        self.assertNotIn(("cets-197", "10"), keys)


class CitingInTheEditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.editor = user_with_role("editor", partner=cls.astra)

    def post_guide(self, citations, rows=None):
        self.client.force_login(self.editor)
        section = PracticeIndexPage.objects.get(locale__language_code="en")
        url = reverse(
            "wagtailadmin_pages:add",
            args=["practices", "practiceguidepage", section.pk],
        )
        data = {
            "title": "Identification in social work centres",
            "slug": "identification",
            "summary": "Indicators for case workers.",
            "partner": self.astra.pk,
            "country": "RS",
            "language": "en",
            "date": "2012-03-01",
            "topics": "",
            "review_interval": 12,
            "body": streamfield([]),
            "members_annex": streamfield([]),
            "evidence_level": "emerging",
            "target_groups": "",
            "other_standards": "",
            "contact_point": "",
            "comments": inline_formset([]),
            "evaluation_documents": inline_formset([]),
            "standard_citations": inline_formset(
                rows or [{"article": cited.pk} for cited in citations]
            ),
        }
        return self.client.post(url, nested_form_data(data))

    def test_editor_cites_articles_in_order(self):
        response = self.post_guide([article("cets-197", "10"), article("uncrc", "35")])
        self.assertEqual(response.status_code, 302)
        guide = PracticeGuidePage.objects.get(slug="identification")
        revision = guide.get_latest_revision_as_object()
        self.assertEqual(
            [cited.reference for cited in revision.cited_articles()],
            ["cets-197:10", "uncrc:35"],
        )

    def test_citing_one_article_twice_is_a_form_error(self):
        response = self.post_guide([article("cets-197", "10")] * 2)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(PracticeGuidePage.objects.filter(slug="identification"))
        self.assertContains(response, "The page could not be created")

    def test_editor_cites_a_standard_as_a_whole(self):
        lanzarote = Standard.objects.get(code="cets-201")
        response = self.post_guide(
            [],
            rows=[{"article": article("uncrc", "35").pk}, {"standard": lanzarote.pk}],
        )
        self.assertEqual(response.status_code, 302)
        guide = PracticeGuidePage.objects.get(slug="identification")
        revision = guide.get_latest_revision_as_object()
        self.assertEqual(
            [citation.reference for citation in revision.citations()],
            ["uncrc:35", "cets-201"],
        )

    def test_a_citation_of_nothing_is_a_form_error(self):
        response = self.post_guide([], rows=[{"article": "", "standard": ""}])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Choose an article, or a standard to cite")
        self.assertFalse(PracticeGuidePage.objects.filter(slug="identification"))


class AliasesInTheAdminTests(TestCase):
    """Reviewers list the other names of a standard that imports read."""

    @classmethod
    def setUpTestData(cls):
        cls.reviewer = user_with_role("reviewer")

    def post_aliases(self, code, aliases):
        standard = Standard.objects.get(code=code)
        self.client.force_login(self.reviewer)
        url = reverse(Standard.snippet_viewset.get_url_name("edit"), args=[standard.pk])
        form = self.client.get(url).context["form"]
        data = {name: form[name].value() for name in form.fields}
        data["year"] = data["year"] or ""
        return self.client.post(url, {**data, "aliases": aliases})

    def test_a_reviewer_adds_an_alias_that_imports_read(self):
        response = self.post_aliases("rs-criminal-code", "Krivični zakonik\nKZ Srbije")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            StandardNames().resolve("kz srbije"),
            Resolved("standard", "rs-criminal-code"),
        )

    def test_a_name_of_another_standard_is_a_form_error(self):
        response = self.post_aliases("uncrc", "UNCRC\nLanzarote Convention")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Lanzarote Convention", str(response.context["form"].errors))
        self.assertNotIn("Lanzarote", Standard.objects.get(code="uncrc").aliases)
