"""How search reads what people type: stopwords, partial matches, typo
suggestions and highlights of other word forms. One suite, run on every
database the tests run on (SQLite, and PostgreSQL with DATABASE_URL), and
against Elasticsearch or OpenSearch when ``ELASTICSEARCH_URL`` or
``OPENSEARCH_URL`` is set."""

import os
import unittest
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.search.backends import get_search_backend

from search import backends
from search.backends import search_backends
from tests.factories import (
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    TopicFactory,
    UserFactory,
)
from tests.search.fixtures import rich_text

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")


class SearchLanguage:
    @classmethod
    def setUpTestData(cls):
        cls.shelter_topic = TopicFactory(name="Shelters", slug="shelters")
        PracticeGuidePageFactory(
            slug="victims-interviews",
            title="Working with child victims",
            summary="Interviews with children in a friendly room.",
            body=rich_text("A child victim is interviewed once."),
            language="en",
        )
        PracticeGuidePageFactory(
            slug="victims-outreach",
            title="Outreach to victims",
            summary="Street work.",
            body=rich_text("Teams meet victims where they are."),
            language="en",
        )
        PracticeGuidePageFactory(
            slug="victims-body",
            title="Annual report",
            summary="What the year brought.",
            body=rich_text("Victims were referred to a shelter by the police."),
            language="en",
        )
        PracticeGuidePageFactory(
            slug="shelter-topic",
            title="Safe houses",
            summary="Places to stay.",
            body=rich_text("Rooms for families."),
            language="en",
            topics=[cls.shelter_topic],
        )
        PolicyBriefPageFactory(
            slug="hraniteljstvo",
            title="Hraniteljstvo za decu",
            summary="Hraniteljske porodice prihvataju žrtve trgovine ljudima.",
            body=rich_text("Žrtva dobija podršku."),
            language="sr-Latn",
        )
        PracticeGuidePageFactory(
            slug="restricted-word",
            title="Zaštićeni smeštaj",
            summary="Kvarcolinija je naziv programa.",
            language="sr-Latn",
            restricted=True,
        )
        cls.member = UserFactory()

    def search(self, q, **params):
        response = self.client.get(
            reverse("search"), {"q": q, "format": "json", **params}
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def slugs(self, q):
        return [result["slug"] for result in self.search(q)["results"]]

    # Stopwords

    def test_stopwords_are_left_out_of_a_query(self):
        self.assertEqual(
            self.slugs("how to interview a child victim")[:1], ["victims-interviews"]
        )

    def test_a_query_of_stopwords_only_searches_them(self):
        self.assertEqual(self.slugs("the"), ["victims-body"])

    def test_the_pieces_of_a_contraction_are_stopwords(self):
        # "isn't" is read as "isn" and "t", as "is not" is two stopwords.
        for q in (
            "isn't a child victim interviewed",
            "isn’t a child victim interviewed",
            "is not a child victim interviewed",
        ):
            with self.subTest(q=q):
                answer = self.search(q)
                self.assertEqual(answer["all_words_total"], 1)
                self.assertEqual(answer["results"][0]["slug"], "victims-interviews")
                self.assertIsNone(answer["suggestion"])

    def test_a_quoted_phrase_keeps_its_stopwords(self):
        self.assertEqual(self.slugs('"referred to a shelter"'), ["victims-body"])
        self.assertEqual(self.slugs('"referred a shelter"'), [])

    # Partial matches

    def test_documents_with_every_word_come_before_those_with_some(self):
        answer = self.search("child victims shelter")
        slugs = [result["slug"] for result in answer["results"]]
        self.assertEqual(answer["all_words_total"], 0)
        self.assertEqual(answer["total"], len(slugs))
        answer = self.search("victims police")
        slugs = [result["slug"] for result in answer["results"]]
        self.assertEqual(answer["all_words_total"], 1)
        self.assertEqual(slugs[0], "victims-body")
        self.assertEqual(set(slugs[1:]), {"victims-interviews", "victims-outreach"})

    def test_rarer_words_and_titles_rank_partial_matches(self):
        # No document has all three. "interviews" is in one document, "shelter"
        # in two (once as a topic), "victims" in three.
        self.assertEqual(
            self.slugs("victims shelter interviews"),
            [
                "victims-interviews",  # the rarest word, and "victims" in the title
                "victims-body",  # two words, in the body
                "shelter-topic",  # a rarer word, as a topic
                "victims-outreach",  # the commonest word, in the title
            ],
        )

    def test_partial_matches_keep_to_what_the_reader_may_open(self):
        answer = self.search("outreach kvarcolinija")
        self.assertEqual(answer["total"], 1)
        self.assertEqual(self.slugs("outreach kvarcolinija"), ["victims-outreach"])
        self.client.force_login(self.member)
        self.assertEqual(
            set(self.slugs("outreach kvarcolinija")),
            {"victims-outreach", "restricted-word"},
        )

    def test_partial_matches_say_so(self):
        response = self.client.get(reverse("search"), {"q": "victims hraniteljstvo"})
        self.assertContains(
            response, "No document has all your words; these have most of them."
        )
        response = self.client.get(reverse("search"), {"q": "victims police"})
        self.assertContains(
            response,
            "Only 1 document has all your words; the ones after it have some of them.",
        )
        response = self.client.get(reverse("search"), {"q": "victims"})
        self.assertNotContains(response, "all your words")

    def test_the_notice_and_the_suggestion_are_translated(self):
        with translation.override("sl"):
            url = reverse("search")
        response = self.client.get(url, {"q": "victims hraniteljsvo"})
        self.assertContains(response, "Noben dokument nima vseh vaših besed")
        self.assertContains(response, "Ste mislili <a href=")

    def test_one_word_never_gives_partial_matches(self):
        answer = self.search("hraniteljstvo")
        self.assertEqual(answer["total"], answer["all_words_total"])

    # Typos

    def test_a_misspelt_word_is_suggested_not_rewritten(self):
        answer = self.search("hraniteljsvo")
        self.assertEqual(answer["total"], 0)
        self.assertEqual(answer["suggestion"], "hraniteljstvo")
        answer = self.search("хранитељсво")
        self.assertEqual(answer["suggestion"], "hraniteljstvo")

    def test_the_suggestion_is_a_link_keeping_the_filters(self):
        response = self.client.get(
            reverse("search"), {"q": "outrech victims", "type": "practice", "page": 2}
        )
        self.assertContains(
            response,
            'Did you mean <a href="?q=outreach+victims&amp;type=practice">'
            "outreach victims</a>?",
            html=False,
        )

    def test_a_stopword_left_out_of_the_search_is_never_rewritten(self):
        # No document holds "there", and "where" is near it; but "there" was
        # not searched, so it cannot be why the search found little.
        answer = self.search("there victims shelter interviews")
        self.assertEqual(answer["all_words_total"], 0)
        self.assertIsNone(answer["suggestion"])
        answer = self.search("there victims outrech")
        self.assertEqual(answer["suggestion"], "there victims outreach")

    def test_known_words_get_no_suggestion(self):
        self.assertIsNone(self.search("victims")["suggestion"])
        self.assertIsNone(self.search("zzzz")["suggestion"])

    def test_suggestions_come_only_from_documents_the_reader_may_open(self):
        self.assertIsNone(self.search("kvarcolinia")["suggestion"])
        self.client.force_login(self.member)
        self.assertEqual(self.search("kvarcolinia")["suggestion"], "kvarcolinija")

    # Highlights

    def test_highlights_mark_the_forms_that_matched(self):
        answer = self.search("victim interview")
        highlight = answer["results"][0]["highlight"]
        self.assertIn("<mark>Interviews</mark>", highlight)
        answer = self.search("žrtvu")
        self.assertIn("<mark>žrtve</mark>", answer["results"][0]["highlight"])

    def test_stopwords_are_not_marked(self):
        highlight = self.search("the police")["results"][0]["highlight"]
        self.assertIn("<mark>police</mark>", highlight)
        self.assertNotIn("<mark>the</mark>", highlight)


class SearchLanguageTests(SearchLanguage, TestCase):
    pass


class LiveServer(SearchLanguage):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        call_command("update_index", stdout=StringIO(), stderr=StringIO())
        get_search_backend("default").refresh_index()

    def setUp(self):
        backends.server_breaker.reset()


@unittest.skipUnless(ELASTICSEARCH_URL, "ELASTICSEARCH_URL is not set")
@override_settings(
    WAGTAILSEARCH_BACKENDS=search_backends(elasticsearch_url=ELASTICSEARCH_URL)
)
class ElasticsearchSearchLanguageTests(LiveServer, TestCase):
    pass


@unittest.skipUnless(OPENSEARCH_URL, "OPENSEARCH_URL is not set")
@override_settings(
    WAGTAILSEARCH_BACKENDS=search_backends(opensearch_url=OPENSEARCH_URL)
)
class OpenSearchSearchLanguageTests(LiveServer, TestCase):
    pass
