import json
from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from modelsearch.query import Phrase, PlainText
from wagtail.search.backends import get_search_backend

from knowledge.filters import DocumentFilters
from knowledge.models import KnowledgePage, Partner
from search import backends
from search.backends import search_backends
from search.queries import DocumentSearch
from search.text import parse_query
from tests.content import text_of
from tests.factories import UserFactory
from tests.search.fixtures import DEAD_SERVER, SearchFixture


class SearchBackendsSettingTests(SimpleTestCase):
    def test_database_without_a_server(self):
        self.assertEqual(
            search_backends(),
            {
                "default": {
                    "BACKEND": "search.database",
                    "SEARCH_CONFIG": "simple",
                }
            },
        )

    def test_elasticsearch_with_the_database_beside_it(self):
        config = search_backends(elasticsearch_url="http://es:9200")
        self.assertEqual(config["default"]["BACKEND"], "search.backends.elasticsearch")
        self.assertEqual(config["default"]["URLS"], ["http://es:9200"])
        self.assertLessEqual(config["default"]["TIMEOUT"], 5)
        self.assertEqual(config["database"]["BACKEND"], "search.database")

    def test_opensearch(self):
        config = search_backends(opensearch_url="http://os:9200")
        self.assertEqual(config["default"]["BACKEND"], "search.backends.opensearch")
        self.assertIn("database", config)


@override_settings(
    WAGTAILSEARCH_BACKENDS=search_backends(elasticsearch_url=DEAD_SERVER)
)
class ElasticsearchCompileTests(TestCase):
    """What the site sends to Elasticsearch, checked without a server (in a
    transaction: a reader's groups are rows, which must not outlive the test)."""

    def setUp(self):
        self.backend = get_search_backend("default")

    def test_mapping_indexes_folded_text_and_privacy_filters(self):
        mapping = self.backend.mapping_class(KnowledgePage).get_mapping()
        properties = mapping["properties"]
        self.assertIn("knowledge_knowledgepage__indexed_title", properties)
        self.assertIn("knowledge_knowledgepage__summary", properties)
        self.assertIn("knowledge_knowledgepage__body", properties)
        self.assertEqual(
            properties["knowledge_knowledgepage__privacy_filter"]["type"],
            "keyword",
        )
        self.assertEqual(properties["live_filter"]["type"], "boolean")

    def test_index_settings_fold_accents(self):
        analyzer = self.backend.settings["settings"]["analysis"]["analyzer"]
        self.assertIn("asciifolding", analyzer["default"]["filter"])

    def test_documents_are_indexed_folded(self):
        document = KnowledgePage(
            title="Трговина људима",
            summary="Žrtve i šole",
            language="sr-Cyrl",
            partner=Partner(name="Društvo Ključ"),
        )
        mapping = self.backend.mapping_class(KnowledgePage)
        indexed = mapping.get_document(document)
        # The folded words, then their Serbian stems.
        self.assertEqual(
            indexed["knowledge_knowledgepage__indexed_title"],
            "trgovina ljudima trgovin ljud",
        )
        self.assertEqual(
            indexed["knowledge_knowledgepage__summary"], "zrtve i sole zrtv sol"
        )

    def test_a_group_members_query_compiles_to_kinds_the_server_holds(self):
        member = UserFactory()
        member.groups.add(Group.objects.create(name="Police"))
        search = DocumentSearch(
            user=member, query=parse_query("zrtve"), filters=DocumentFilters()
        )
        compiled = self.backend.query_compiler_class(
            search._server_queryset(), PlainText("zrtve")
        ).get_query()
        self.assertIn(
            '{"terms": {"knowledge_knowledgepage__privacy_filter": '
            '["public", "login", "groups"]}}',
            json.dumps(compiled),
        )

    def test_query_filters_on_the_privacy_kind_not_on_page_ids(self):
        queryset = KnowledgePage.objects.live().filter(privacy="public")
        query = parse_query("Žrtve трговине")
        compiled = self.backend.query_compiler_class(
            queryset, PlainText(query.folded, operator="and")
        ).get_query()
        text = json.dumps(compiled)
        self.assertIn('"zrtve trgovine"', text)
        self.assertIn('{"term": {"live_filter": true}}', text)
        self.assertIn(
            '{"term": {"knowledge_knowledgepage__privacy_filter": "public"}}', text
        )
        self.assertNotIn("path_filter", text)

    def test_each_word_asks_for_any_of_its_forms_and_phrases_as_typed(self):
        query = parse_query('Žrtvu trgovine "child victims" identifying')
        compiled = json.dumps(
            self.backend.query_compiler_class(
                KnowledgePage.objects.live(), backends.server_query(query)
            ).get_query()
        )
        # Every word must match (its own clause), in any of its forms: the word,
        # its Serbian stem (zrtv), its English one (identifi); the phrase
        # matches only its words as typed.
        self.assertIn(
            '"must": [{"match": {"_all_text": {"query": "zrtvu zrtv"}}}', compiled
        )
        self.assertIn(
            '{"match": {"_all_text": {"query": "trgovine trgovin"}}}', compiled
        )
        self.assertIn(
            '{"match": {"_all_text": {"query": "identifying identifi"}}}', compiled
        )
        self.assertIn('{"match_phrase": {"_all_text": "child victims"}}', compiled)
        self.assertNotIn('"operator": "and"', compiled)

    def test_phrases_compile_to_match_phrase(self):
        compiled = self.backend.query_compiler_class(
            KnowledgePage.objects.live(), Phrase("foster care")
        ).get_query()
        self.assertIn('"type": "phrase"', json.dumps(compiled))


@override_settings(
    WAGTAILSEARCH_BACKENDS=search_backends(elasticsearch_url=DEAD_SERVER)
)
class DeadServerTests(SearchFixture, TestCase):
    """With nothing listening, search answers from the database and says so."""

    def setUp(self):
        backends.server_breaker.reset()

    def tearDown(self):
        backends.server_breaker.reset()

    def test_page_answers_from_the_database(self):
        response = self.client.get(reverse("search"), {"q": "zrtve"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "may be incomplete")
        self.assertIn("Žrtve trgovine ljudima", text_of(response))
        self.assertTrue(backends.server_breaker.is_open)

    def test_json_and_privacy_hold_in_fallback(self):
        response = self.client.get(reverse("search"), {"q": "foster", "format": "json"})
        data = json.loads(response.content)
        self.assertEqual(data["total"], 3)
        self.assertNotIn("restricted", [r["slug"] for r in data["results"]])

    def test_open_circuit_skips_the_server(self):
        backends.server_breaker.trip()
        search = DocumentSearch(
            user=None,
            query=parse_query("foster"),
            filters=backends_filters(),
        )
        results = search.run()
        self.assertTrue(results.degraded)
        self.assertEqual(results.total, 3)

    def test_documents_saved_while_the_server_is_down_reach_the_database(self):
        self.foster_title.title = "Specialised kinship care"
        self.foster_title.save_revision().publish()
        response = self.client.get(
            reverse("search"), {"q": "kinship", "format": "json"}
        )
        self.assertEqual(
            [r["slug"] for r in json.loads(response.content)["results"]],
            ["foster-title"],
        )


def backends_filters():
    from knowledge.filters import DocumentFilters

    return DocumentFilters()


@override_settings(
    WAGTAILSEARCH_BACKENDS=search_backends(elasticsearch_url=DEAD_SERVER)
)
class UpdateIndexTests(SearchFixture, TestCase):
    """``update_index`` brings the indexes back in line with the database."""

    def kinship(self):
        response = self.client.get(
            reverse("search"), {"q": "kinship", "format": "json"}
        )
        return [r["slug"] for r in json.loads(response.content)["results"]]

    def test_database_index_rebuilt_even_when_the_server_is_down(self):
        backends.server_breaker.trip()
        # A bulk change that bypasses the index (as a raw SQL fix would).
        KnowledgePage.objects.filter(pk=self.foster_title.pk).update(
            title="Specialised kinship care"
        )
        self.assertEqual(self.kinship(), [])
        with self.assertRaisesMessage(CommandError, "Search backend 'default'"):
            call_command("update_index", stdout=StringIO(), stderr=StringIO())
        self.assertEqual(self.kinship(), ["foster-title"])
        backends.server_breaker.reset()
