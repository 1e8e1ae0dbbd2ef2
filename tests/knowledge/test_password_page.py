"""A document shared with a password asks for it in the site's layout, in the
reader's language, and shows nothing of what it guards until it is given."""

import re

from django.test import TestCase
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import (
    PracticeGuidePageFactory,
    TopicFactory,
    UploadedDocumentFactory,
)

PASSPHRASE = "shared with partners"


class PasswordPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        topic = TopicFactory(name="Escort arrangements", slug="escort")
        cls.guide = PracticeGuidePageFactory(
            title="Night intake protocol",
            summary="Which door the night team opens",
            topics=[topic],
        )
        cls.neighbour = PracticeGuidePageFactory(
            title="Public neighbour guide", topics=[topic]
        )
        PageViewRestriction.objects.create(
            page=cls.guide, restriction_type="password", password=PASSPHRASE
        )

    def test_the_form_is_in_the_site_layout_and_shows_nothing_guarded(self):
        response = self.client.get(self.guide.url)
        self.assertTemplateUsed(response, "knowledge/password_required.html")
        self.assertTemplateUsed(response, "base.html")
        html = response.content.decode()
        self.assertIn("<h1>Password required</h1>", html)
        self.assertIn('name="password"', html)
        for guarded in ("Night intake", "night team", "Escort", "neighbour guide"):
            self.assertNotIn(guarded, html)

    def test_the_form_speaks_the_readers_language(self):
        url = self.guide.url.replace("/en/", "/sr-latn/", 1)
        html = self.client.get(url).content.decode()
        self.assertIn('lang="sr-Latn"', html)
        self.assertIn("<h1>Potrebna je lozinka</h1>", html)

    def submit(self, password):
        """The form as the page renders it, filled in and sent."""
        html = self.client.get(self.guide.url).content.decode()
        action = re.search(r'<form action="([^"]+)"', html)[1]
        return_url = re.search(r'name="return_url" value="([^"]+)"', html)[1]
        return self.client.post(
            action, {"password": password, "return_url": return_url}, follow=True
        )

    def test_a_wrong_password_is_answered_on_the_form(self):
        response = self.submit("guess")
        self.assertTemplateUsed(response, "knowledge/password_required.html")
        self.assertContains(response, 'class="field-error"')
        self.assertNotContains(response, "Night intake")

    def test_the_password_opens_the_document(self):
        response = self.submit(PASSPHRASE)
        self.assertEqual(response.redirect_chain[-1][0], self.guide.url)
        self.assertContains(response, "Night intake protocol")
        self.assertContains(response, "Public neighbour guide")


class PasswordFileTests(TestCase):
    def test_a_file_under_a_password_asks_in_the_site_layout(self):
        collection = Collection.get_first_root_node().add_child(name="Shared")
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="password", password=PASSPHRASE
        )
        file = UploadedDocumentFactory(title="Rota of escorts", collection=collection)
        response = self.client.get(file.url)
        self.assertTemplateUsed(response, "knowledge/password_required.html")
        self.assertContains(response, "<h1>Password required</h1>")
        self.assertNotContains(response, "Rota of escorts")
        self.assertNotContains(response, "%PDF")
