"""A topic has one slug and a name in every interface language: readers see the
name of their language wherever a topic is named, and search finds its documents
by any of them."""

import io
import json
from unittest import mock

from django.core.cache import cache
from django.test import TestCase
from django.utils import translation
from pypdf import PdfReader

from knowledge.models import Topic
from tests.factories import PracticeGuidePageFactory, TopicFactory

NAMES = {
    "en": "Foster care",
    "sr-latn": "Hraniteljstvo",
    "sr": "Хранитељство",
    "sl": "Rejništvo",
}
DESCRIPTIONS = {
    "en": "Family-based care for children.",
    "sr-latn": "Porodični smeštaj dece.",
    "sr": "Породични смештај деце.",
    "sl": "Družinska oskrba otrok.",
}


class TopicNameTests(TestCase):
    """The Cyrillic name is written from the Latin unless given; an untranslated
    topic keeps its English name everywhere."""

    def test_each_language_and_its_fallbacks(self):
        topic = Topic(
            name="Foster care", name_sr_latn="Hraniteljstvo", name_sl="Rejništvo"
        )
        seen = {}
        for language in NAMES:
            with translation.override(language):
                seen[language] = (str(topic), topic.local_name)
        self.assertEqual(seen, {code: (name, name) for code, name in NAMES.items()})
        topic.name_sr_cyrl = "Хранитељска заштита"
        self.assertEqual(topic.translated("name", "sr-Cyrl"), "Хранитељска заштита")
        untranslated = Topic(name="Kinship care")
        with translation.override("sl"):
            self.assertEqual(untranslated.local_name, "Kinship care")
            self.assertEqual(untranslated.local_description, "")
            # Pages mark a name shown in English with lang="en".
            self.assertEqual((untranslated.language, topic.language), ("en", "sl"))
        with translation.override("sr"):
            self.assertEqual(topic.language, "sr-Cyrl")


class TopicTranslationOutputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.topic = TopicFactory(
            name=NAMES["en"],
            slug="foster-care",
            description=DESCRIPTIONS["en"],
            name_sr_latn=NAMES["sr-latn"],
            description_sr_latn=DESCRIPTIONS["sr-latn"],
            name_sl=NAMES["sl"],
            description_sl=DESCRIPTIONS["sl"],
        )
        cls.guide = PracticeGuidePageFactory(
            title="Specialised placements for trafficked children",
            slug="specialised-placements",
            summary="How a specialised placement is prepared.",
            topics=[cls.topic],
        )

    def setUp(self):
        cache.clear()

    def test_topic_page_in_every_language(self):
        for language, name in NAMES.items():
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/topics/foster-care/")
                self.assertContains(response, f">{name}</h1>")
                self.assertContains(response, DESCRIPTIONS[language])

    def test_topic_index_and_document_page(self):
        for language, name in NAMES.items():
            with self.subTest(language=language):
                self.assertContains(self.client.get(f"/{language}/topics/"), name)
                page = self.client.get(f"/{language}/practices/specialised-placements/")
                self.assertContains(page, f">{name}</a>")

    def test_listing_filter_and_card(self):
        for language, name in NAMES.items():
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/practices/")
                tag = {"en": "en", "sr-latn": "sr-Latn", "sr": "sr-Cyrl", "sl": "sl"}
                self.assertContains(
                    response,
                    f'<option value="foster-care" lang="{tag[language]}">{name}',
                )
                self.assertContains(response, f'lang="{tag[language]}">{name}</a>')

    def test_search_facet_in_every_language(self):
        for language, name in NAMES.items():
            with self.subTest(language=language):
                response = self.client.get(
                    f"/{language}/search/?q=placement&format=json"
                )
                topics = json.loads(response.content)["facets"]["topic"]
                self.assertEqual(
                    [(t["value"], t["label"]) for t in topics], [("foster-care", name)]
                )

    def test_search_finds_documents_by_the_topic_name_in_their_language(self):
        slovenian = PracticeGuidePageFactory(
            title="Namestitve za otroke",
            slug="namestitve",
            summary="Kako se pripravi namestitev.",
            language="sl",
            topics=[self.topic],
        )
        for query, slugs in (
            ("Rejništvo", {slovenian.slug}),
            ("foster care", {slovenian.slug, self.guide.slug}),
        ):
            with self.subTest(query=query):
                response = self.client.get(f"/sl/search/?q={query}&format=json")
                found = {
                    r["url"].rstrip("/").rsplit("/", 1)[-1]
                    for r in json.loads(response.content)["results"]
                }
                self.assertEqual(found, slugs)

    def test_a_name_translated_later_is_searchable_at_once(self):
        PracticeGuidePageFactory(slug="namestitve", language="sl", topics=[self.topic])
        self.topic.name_sl = "Rejniška oskrba"
        self.topic.save()
        response = self.client.get("/sl/search/?q=rejniška+oskrba&format=json")
        found = [r["url"] for r in json.loads(response.content)["results"]]
        self.assertEqual(len(found), 1, found)

    def test_only_a_change_of_name_indexes_the_documents_again(self):
        task = "knowledge.signals.insert_or_update_object_task"
        with mock.patch(task) as indexing:
            indexed = indexing.enqueue
            self.topic.description_sl = "Nov opis."
            self.topic.save()
            self.assertEqual(indexed.call_count, 0)
            self.topic.name_sr_latn = "Hraniteljska zaštita"
            self.topic.save()
            self.assertEqual(indexed.call_count, 1)

    def test_pdf_in_every_language(self):
        for language, name in NAMES.items():
            with self.subTest(language=language):
                response = self.client.get(
                    f"/{language}/practices/specialised-placements/" + "pdf/"
                )
                self.assertEqual(response.status_code, 200)
                reader = PdfReader(io.BytesIO(b"".join(response)))
                text = "\n".join(page.extract_text() for page in reader.pages)
                self.assertIn(name, text)

    def test_api_gives_every_name(self):
        response = self.client.get(
            "/api/v2/pages/?type=practices.PracticeGuidePage&fields=topics&slug=specialised-placements"
        )
        (item,) = json.loads(response.content)["items"]
        self.assertEqual(
            item["topics"][0]["names"],
            {
                "en": NAMES["en"],
                "sr-Latn": NAMES["sr-latn"],
                "sr-Cyrl": NAMES["sr"],
                "sl": NAMES["sl"],
            },
        )

    def test_a_followed_topic_is_named_in_the_readers_language(self):
        from follow.models import Subscription
        from follow.targets import Resolver
        from tests.factories import UserFactory

        reader = UserFactory()
        subscription = Subscription(user=reader, kind="topic", target="foster-care")
        resolver = Resolver()
        for language, name in NAMES.items():
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(resolver(subscription, user=reader).label, name)

    def test_feed_in_every_language(self):
        for language, name in NAMES.items():
            with self.subTest(language=language):
                response = self.client.get(f"/feed/?topic=foster-care&lang={language}")
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, f'term="{name}"')
                self.assertEqual(response["Content-Language"], language)

    def test_feed_link_carries_the_page_language(self):
        response = self.client.get("/sl/topics/foster-care/")
        self.assertContains(response, "/feed/?topic=foster-care&amp;lang=sl")
        response = self.client.get("/en/topics/foster-care/")
        self.assertContains(response, 'href="/feed/?topic=foster-care"')

    def test_feed_refuses_an_unknown_language(self):
        response = self.client.get("/feed/?lang=xx")
        self.assertEqual(response.status_code, 400)
        self.assertIn(b"lang", response.content)


class TopicAdminTests(TestCase):
    """The admin edits a topic's translations beside its English name."""

    def test_an_administrator_translates_a_topic(self):
        from django.urls import reverse

        from tests.factories import UserFactory

        topic = TopicFactory(name="Foster care", slug="foster-care")
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))
        url = reverse("wagtailsnippets_knowledge_topic:edit", args=[topic.pk])
        form = self.client.get(url).content.decode()
        fields = ["id_name", "id_slug", "id_description"]
        fields += [
            f"id_{f}_{s}"
            for s in ("sr_latn", "sr_cyrl", "sl")
            for f in ("name", "description")
        ]
        positions = [form.index(f'id="{field}"') for field in fields]
        self.assertEqual(positions, sorted(positions))
        response = self.client.post(
            url,
            {
                "name": "Foster care",
                "slug": "foster-care",
                "description": DESCRIPTIONS["en"],
                "name_sr_latn": NAMES["sr-latn"],
                "description_sr_latn": DESCRIPTIONS["sr-latn"],
                "name_sr_cyrl": "",
                "description_sr_cyrl": "",
                "name_sl": NAMES["sl"],
                "description_sl": DESCRIPTIONS["sl"],
            },
        )
        self.assertEqual(response.status_code, 302)
        topic.refresh_from_db()
        for language, name in NAMES.items():
            with translation.override(language):
                self.assertEqual(
                    (topic.local_name, topic.local_description),
                    (name, DESCRIPTIONS[language]),
                )
