"""A practice guide adapted from another: validation, both pages, the lineage
view, the API, and what readers who may not open a guide never see."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from practices.lineage import lineage
from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    UserFactory,
    user_with_role,
)

NOTES = "Kept the preparation groups; added a safety plan agreed with the police."


def adapt(original, **kwargs):
    return PracticeGuidePageFactory(
        adapted_from=original, adaptation_notes=NOTES, **kwargs
    )


class LineageFixture:
    @classmethod
    def setUpTestData(cls):
        cls.baaf = PartnerFactory(slug="baaf", name="BAAF", country="GB")
        cls.astra = PartnerFactory(slug="astra", name="ASTRA", country="RS")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Ključ", country="SI")
        cls.uk = PracticeGuidePageFactory(
            title="Foster carer preparation", partner=cls.baaf, country="GB"
        )
        cls.serbia = adapt(
            cls.uk, title="Specijalizovano hraniteljstvo", partner=cls.astra
        )
        cls.slovenia = adapt(
            cls.serbia,
            title="Specializirano rejništvo",
            partner=cls.kljuc,
            country="SI",
            language="sl",
        )
        cls.secret = adapt(
            cls.serbia, title="Confidential police protocol", restricted=True
        )
        cls.beyond_secret = adapt(cls.secret, title="Beyond the hidden one")
        cls.member = UserFactory()


class GuidePageTests(LineageFixture, TestCase):
    def test_the_adapted_guide_names_its_original_with_country_and_notes(self):
        response = self.client.get(self.serbia.url)
        self.assertContains(
            response,
            f'Adapted from <a href="{self.uk.url}" lang="{self.uk.language}">'
            "Foster carer preparation</a> "
            "(United Kingdom)",
        )
        self.assertContains(response, NOTES)
        self.assertContains(response, f'href="{self.serbia.url}lineage/"')

    def test_the_original_lists_its_visible_adaptations(self):
        response = self.client.get(self.serbia.url)
        self.assertContains(response, "Adapted as")
        self.assertContains(response, "Specializirano rejništvo")
        self.assertContains(response, "Slovenia")
        self.assertNotContains(response, "Confidential")
        self.client.force_login(self.member)
        self.assertContains(self.client.get(self.serbia.url), "Confidential")

    def test_a_hidden_original_is_not_named(self):
        response = self.client.get(self.beyond_secret.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Adapted from")
        self.assertNotContains(response, "Confidential")
        self.assertNotContains(response, NOTES)
        self.assertNotContains(response, "lineage/")

    def test_a_guide_without_lineage_has_no_lineage_section(self):
        lonely = PracticeGuidePageFactory(title="Lonely guide")
        response = self.client.get(lonely.url)
        self.assertNotContains(response, "Adapted")
        self.assertNotContains(response, "lineage/")


class LineageViewTests(LineageFixture, TestCase):
    def test_shows_the_chain_of_originals_and_the_tree_of_adaptations(self):
        response = self.client.get(f"{self.serbia.url}lineage/")
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "base.html")
        html = response.content.decode()
        self.assertIn("Foster carer preparation", html)
        self.assertIn("BAAF · United Kingdom", html)
        self.assertIn("Ključ · Slovenia", html)
        self.assertLess(
            html.index("Foster carer preparation"), html.index("Specializirano")
        )
        self.assertNotIn("Confidential", html)
        self.assertNotIn("Beyond the hidden one", html)

    def test_members_see_restricted_branches(self):
        self.client.force_login(self.member)
        response = self.client.get(f"{self.serbia.url}lineage/")
        self.assertContains(response, "Confidential police protocol")
        self.assertContains(response, "Beyond the hidden one")

    def test_the_chain_stops_at_a_guide_the_reader_may_not_open(self):
        response = self.client.get(f"{self.beyond_secret.url}lineage/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Confidential")
        self.assertNotContains(response, "Specijalizovano hraniteljstvo")
        self.assertNotContains(response, "Foster carer preparation")

    def test_the_lineage_of_a_restricted_guide_needs_sign_in(self):
        response = self.client.get(f"{self.secret.url}lineage/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/login/", response["Location"])

    def test_in_other_languages(self):
        response = self.client.get(f"/sr-latn/practices/{self.serbia.slug}/lineage/")
        self.assertContains(response, "Poreklo ove prakse")

    def test_queries_do_not_grow_with_the_depth_of_the_chain(self):
        def count(guide):
            self.client.get(f"{guide.url}lineage/")  # warm per-process caches
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(f"{guide.url}lineage/")
            self.assertEqual(response.status_code, 200)
            return len(queries)

        short = adapt(self.uk, title="Short chain")
        deep = self.slovenia
        for number in range(6):
            deep = adapt(deep, title=f"Generation {number}")
        for number in range(4):
            adapt(self.uk, title=f"Sibling {number}")
        self.assertEqual(count(short), count(deep))
        self.assertEqual(len(lineage(deep, user=None).ancestors), 8)


class ValidationTests(LineageFixture, TestCase):
    def errors(self, guide):
        try:
            guide.full_clean()
        except Exception as error:  # noqa: BLE001 - the test reads the messages
            return error.message_dict
        return {}

    def test_no_self_reference_and_no_circle(self):
        self.uk.adapted_from = self.uk
        self.uk.adaptation_notes = NOTES
        self.assertIn("adapted_from", self.errors(self.uk))
        self.uk.adapted_from = self.slovenia  # uk → slovenia → serbia → uk
        self.assertIn(
            "itself or from one of its own", self.errors(self.uk)["adapted_from"][0]
        )

    def test_notes_go_with_an_original(self):
        self.slovenia.adaptation_notes = ""
        self.assertIn("adaptation_notes", self.errors(self.slovenia))
        self.uk.adaptation_notes = NOTES
        self.assertIn("adapted_from", self.errors(self.uk))

    def test_across_countries_and_locales_is_fine(self):
        self.assertEqual(self.errors(self.slovenia), {})

    def test_the_admin_form_shows_the_circle_as_an_error(self):
        reviewer = user_with_role("reviewer")
        self.client.force_login(reviewer)
        data = nested_form_data(
            {
                "title": self.uk.title,
                "slug": self.uk.slug,
                "summary": self.uk.summary,
                "partner": self.baaf.pk,
                "country": "GB",
                "language": "en",
                "date": "2011-05-01",
                "topics": "",
                "review_interval": 12,
                "body": streamfield([]),
                "members_annex": streamfield([]),
                "evidence_level": "emerging",
                "target_groups": "",
                "other_standards": "",
                "contact_point": "",
                "adapted_from": self.slovenia.pk,
                "adaptation_notes": NOTES,
                "evaluation_documents": inline_formset([]),
                "comments": inline_formset([]),
                "standard_citations": inline_formset([]),
            }
        )
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[self.uk.pk]), data
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "itself or from one of its own adaptations")
        self.uk.refresh_from_db()
        self.assertIsNone(self.uk.adapted_from)


class DeletionAndApiTests(LineageFixture, TestCase):
    def test_deleting_the_original_keeps_the_adaptation(self):
        self.uk.delete()
        self.serbia.refresh_from_db()
        self.assertIsNone(self.serbia.adapted_from)
        self.assertEqual(self.client.get(self.serbia.url).status_code, 200)

    def test_api_names_only_public_originals(self):
        response = self.client.get(
            "/api/v2/pages/?type=practices.PracticeGuidePage"
            "&fields=adapted_from,adaptation_notes&limit=20"
        )
        items = {item["title"]: item for item in response.json()["items"]}
        serbia = items["Specijalizovano hraniteljstvo"]
        self.assertEqual(serbia["adapted_from"]["slug"], self.uk.slug)
        self.assertEqual(serbia["adapted_from"]["country"], "GB")
        self.assertEqual(serbia["adaptation_notes"], NOTES)
        self.assertIsNone(items["Foster carer preparation"]["adapted_from"])
        self.assertIsNone(items["Beyond the hidden one"]["adapted_from"])
        self.assertNotIn("Confidential", response.content.decode())
