"""The API names an alias's original only when it lists the original itself."""

from django.test import TestCase
from wagtail.models import PageViewRestriction

from tests.factories import PracticeGuidePageFactory


class AliasOriginalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = PracticeGuidePageFactory(title="Safe house addresses")
        cls.alias = cls.original.create_alias(update_slug="safe-house-alias")

    def alias_of(self):
        response = self.client.get(f"/api/v2/pages/{self.alias.pk}/")
        self.assertEqual(response.status_code, 200)
        return response.json()["meta"]["alias_of"]

    def test_a_public_original_is_named(self):
        self.assertEqual(self.alias_of()["id"], self.original.pk)

    def test_a_restricted_original_is_not(self):
        PageViewRestriction.objects.create(page=self.original, restriction_type="login")
        # A reviewer lowers the alias's own restriction, an explicit choice.
        PageViewRestriction.objects.filter(page=self.alias).delete()
        self.assertIsNone(self.alias_of())

    def test_an_alias_takes_a_restriction_added_to_its_original(self):
        PageViewRestriction.objects.create(page=self.original, restriction_type="login")
        response = self.client.get(f"/api/v2/pages/{self.alias.pk}/")
        self.assertEqual(response.status_code, 404)
