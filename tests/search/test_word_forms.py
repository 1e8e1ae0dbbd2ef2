"""Other forms of a word find a document, on every database the suite runs on."""

from django.test import TestCase
from django.urls import reverse

from tests.factories import PolicyBriefPageFactory, PracticeGuidePageFactory
from tests.search.fixtures import rich_text


class WordFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        PracticeGuidePageFactory(
            slug="english",
            title="Working with child victims",
            summary="Interviews with children.",
            language="en",
        )
        PolicyBriefPageFactory(
            slug="serbian",
            title="Preporuke za zaštitu žrtava",
            summary="Kako prepoznati žrtve trgovine ljudima.",
            body=rich_text("Hraniteljske porodice."),
            language="sr-Latn",
        )
        PracticeGuidePageFactory(
            slug="slovenian",
            title="Rejništvo za otroke",
            summary="Izbor rejniških družin.",
            language="sl",
        )

    def slugs(self, q):
        response = self.client.get(reverse("search"), {"q": q, "format": "json"})
        return [result["slug"] for result in response.json()["results"]]

    def test_another_form_of_each_word_finds_the_document(self):
        for query, slug in [
            ("interview child victim", "english"),
            ("victim", "english"),
            ("žrtve", "serbian"),
            ("zrtvu", "serbian"),
            ("жртве трговине", "serbian"),
            ("hraniteljsku porodicu", "serbian"),
            ("rejniške družine", "slovenian"),
            ("rejnistva", "slovenian"),
        ]:
            with self.subTest(query=query):
                self.assertEqual(self.slugs(query), [slug])

    def test_a_document_with_only_some_words_is_a_partial_match(self):
        response = self.client.get(
            reverse("search"), {"q": "victim rejništvo", "format": "json"}
        )
        self.assertEqual(response.json()["all_words_total"], 0)
        self.assertEqual(set(self.slugs("victim rejništvo")), {"english", "slovenian"})

    def test_a_quoted_phrase_matches_its_words_as_typed(self):
        self.assertEqual(self.slugs('"child victims"'), ["english"])
        self.assertEqual(self.slugs('"child victim"'), [])

    def test_autocomplete_completes_whole_words_of_titles(self):
        response = self.client.get(reverse("search_autocomplete"), {"q": "rejnis"})
        labels = [entry["label"] for entry in response.json()["results"]]
        self.assertEqual(labels, ["Rejništvo za otroke"])
