"""A standard's short name and title, and an article's title and summary, in
every interface language: the seeded ones translated by the migration, the
rest English, marked lang="en"."""

import datetime
import io
import json

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from standards.models import Standard, StandardArticle, StandardCitation
from tests.factories import PracticeGuidePageFactory, UserFactory, cite

TAGS = {"en": "en", "sr-latn": "sr-Latn", "sr": "sr-Cyrl", "sl": "sl"}
# CETS No. 197 and its Article 10, as the migration translates them.
SHORT_NAMES = {
    "en": "CETS No. 197",
    "sr-latn": "CETS br. 197",
    "sr": "CETS бр. 197",
    "sl": "CETS št. 197",
}
TITLES = {
    "en": "Council of Europe Convention on Action against Trafficking in Human Beings",
    "sr-latn": "Konvencija Saveta Evrope o borbi protiv trgovine ljudima",
    "sr": "Конвенција Савета Европе о борби против трговине људима",
    "sl": "Konvencija Sveta Evrope o ukrepanju proti trgovini z ljudmi",
}
ARTICLE_TITLES = {
    "en": "Identification of the victims",
    "sr-latn": "Identifikacija žrtava",
    "sr": "Идентификација жртава",
    "sl": "Identifikacija žrtev",
}


class TranslatedFieldsTests(TestCase):
    """Cyrillic is written from the Latin unless given; what is not translated
    is English, and says so."""

    def test_seeded_translations_and_fallbacks(self):
        standard = Standard.objects.get(code="cets-197")
        article = StandardArticle.objects.get(standard=standard, key="10")
        for language in TAGS:
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(
                    (str(standard), standard.local_title, article.local_title),
                    (SHORT_NAMES[language], TITLES[language], ARTICLE_TITLES[language]),
                )
                self.assertEqual(standard.title_language, TAGS[language])
                # Seeded summaries are English until translated.
                self.assertEqual(article.summary_language, "en")
        article.summary_sr_latn = "Obučeno osoblje identifikuje žrtve."
        with translation.override("sr"):
            self.assertEqual(
                article.local_summary, "Обучено особље идентификује жртве."
            )
            self.assertEqual(article.summary_language, "sr-Cyrl")

    def test_an_administrators_translation_is_kept_by_the_migration(self):
        from importlib import import_module

        from django.apps import apps

        migration = import_module("standards.migrations.0006_standard_translations")
        Standard.objects.filter(code="cets-197").update(short_name_sl="KSE 197")
        migration.translate(apps, None)
        standard = Standard.objects.get(code="cets-197")
        self.assertEqual(
            (standard.short_name_sl, standard.title_sl), ("KSE 197", TITLES["sl"])
        )


class TranslatedOutputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(
            title="Identifying children in centres for social work",
            slug="identifying-children",
            summary="How centres identify child victims.",
            standard_citations=[
                *cite("cets-197:10"),
                StandardCitation(standard=Standard.objects.get(code="cets-197")),
            ],
        )
        cls.untranslated = Standard.objects.create(
            code="local-protocol",
            short_name="Local protocol",
            title="Local referral protocol",
            kind="guidelines",
            issuing_body="City council",
            official_url="https://example.org/protocol",
        )
        cls.untranslated_article = StandardArticle.objects.create(
            standard=cls.untranslated, key="1", label="Step 1", title="First contact"
        )

    def setUp(self):
        cache.clear()

    def test_standard_and_article_pages(self):
        for language, tag in TAGS.items():
            with self.subTest(language=language):
                page = self.client.get(f"/{language}/standards/cets-197/")
                self.assertContains(
                    page, f'<h1 lang="{tag}">{SHORT_NAMES[language]}</h1>'
                )
                self.assertContains(page, f'lang="{tag}">{TITLES[language]}</p>')
                self.assertContains(
                    page, f'<span lang="{tag}">{ARTICLE_TITLES[language]}</span>'
                )
                page = self.client.get(f"/{language}/standards/cets-197/10/")
                self.assertContains(
                    page,
                    f'<h1>Article 10: <span lang="{tag}">'
                    f"{ARTICLE_TITLES[language]}</span></h1>",
                )
                self.assertContains(page, f'lang="{tag}">{TITLES[language]}</p>')

    def test_an_article_summary_given_only_in_a_translation_is_shown(self):
        StandardArticle.objects.filter(standard__code="cets-197", key="10").update(
            summary="", summary_sl="Usposobljeno osebje prepozna žrtve."
        )
        page = self.client.get("/sl/standards/cets-197/10/")
        self.assertContains(
            page, '<p class="lead" lang="sl">Usposobljeno osebje prepozna žrtve.</p>'
        )
        page = self.client.get("/en/standards/cets-197/10/")
        self.assertNotContains(page, '<p class="lead"')

    def test_index_marks_english_names_in_other_languages(self):
        for language, tag in TAGS.items():
            with self.subTest(language=language):
                page = self.client.get(f"/{language}/standards/")
                self.assertContains(page, f'lang="{tag}">{SHORT_NAMES[language]}</a>')
                self.assertContains(page, f'lang="{tag}">{TITLES[language]}</p>')
                self.assertContains(page, 'lang="en">Local protocol</a>')
                self.assertContains(page, '<span lang="en">First contact</span>')

    def test_aside_of_a_citing_document(self):
        for language, tag in TAGS.items():
            with self.subTest(language=language):
                page = self.client.get(f"/{language}/practices/identifying-children/")
                self.assertContains(
                    page,
                    f'<span lang="{tag}">{SHORT_NAMES[language]}</span>, Article 10</a>:'
                    f' <span lang="{tag}">{ARTICLE_TITLES[language]}</span>',
                )
                self.assertContains(
                    page,
                    f'lang="{tag}">{SHORT_NAMES[language]}</a>: '
                    f'<span lang="{tag}">{TITLES[language]}</span>',
                )

    def test_standard_filter_options(self):
        for language, tag in TAGS.items():
            with self.subTest(language=language):
                page = self.client.get(f"/{language}/practices/")
                self.assertContains(
                    page,
                    f'<option value="cets-197" lang="{tag}">{SHORT_NAMES[language]}',
                )
                self.assertContains(
                    page, '<option value="local-protocol" lang="en">Local protocol'
                )

    def test_search_facet_label_follows_the_language(self):
        for language in TAGS:
            with self.subTest(language=language):
                response = self.client.get(
                    f"/{language}/search/?q=identifying&format=json"
                )
                facet = json.loads(response.content)["facets"]["standard"]
                self.assertEqual(
                    [(s["value"], s["label"]) for s in facet],
                    [("cets-197", SHORT_NAMES[language])],
                )

    def test_search_finds_a_document_by_its_standards_in_its_own_language(self):
        slovenian = PracticeGuidePageFactory(
            title="Prepoznavanje otrok",
            slug="prepoznavanje",
            language="sl",
            standard_citations=cite("cets-197:10"),
        )
        for query, slugs in (
            ("ukrepanju proti trgovini", {slovenian.slug}),
            ("identification victims", {slovenian.slug, self.guide.slug}),
        ):
            with self.subTest(query=query):
                response = self.client.get(f"/sl/search/?q={query}&format=json")
                found = {
                    r["url"].rstrip("/").rsplit("/", 1)[-1]
                    for r in json.loads(response.content)["results"]
                }
                self.assertEqual(found, slugs)

    def test_a_standard_or_article_renamed_later_is_searchable_at_once(self):
        slovenian = PracticeGuidePageFactory(
            title="Prepoznavanje otrok",
            slug="prepoznavanje",
            language="sl",
            standard_citations=cite("cets-197:10"),
        )
        standard = Standard.objects.get(code="cets-197")
        article = standard.articles.get(key="10")
        for thing, field, words in (
            (standard, "title_sl", "Konvencija o zaupnih hišah"),
            (article, "title_sl", "Prepoznavanje skritih žrtev"),
        ):
            with self.subTest(field=f"{type(thing).__name__}.{field}"):
                setattr(thing, field, words)
                thing.save()
                query = words.split()[-2]
                response = self.client.get(f"/sl/search/?q={query}&format=json")
                found = [
                    r["url"].rstrip("/").rsplit("/", 1)[-1]
                    for r in json.loads(response.content)["results"]
                ]
                self.assertEqual(found, [slovenian.slug])

    def test_pdf_in_every_language(self):
        for language in TAGS:
            with self.subTest(language=language):
                response = self.client.get(
                    f"/{language}/practices/identifying-children/pdf/"
                )
                self.assertEqual(response.status_code, 200)
                reader = PdfReader(io.BytesIO(b"".join(response)))
                text = " ".join(
                    " ".join(page.extract_text().split()) for page in reader.pages
                )
                for expected in (
                    SHORT_NAMES[language],
                    TITLES[language],
                    ARTICLE_TITLES[language],
                ):
                    self.assertIn(expected, text)

    def test_api_gives_every_language(self):
        response = self.client.get(
            "/api/v2/pages/?type=practices.PracticeGuidePage&fields=standards"
            "&slug=identifying-children"
        )
        (item,) = json.loads(response.content)["items"]
        (cited,) = item["standards"]
        by_tag = {TAGS[language]: language for language in TAGS}
        self.assertEqual(
            cited["titles"], {t: ARTICLE_TITLES[lang] for t, lang in by_tag.items()}
        )
        self.assertEqual(
            cited["standard_names"],
            {t: SHORT_NAMES[lang] for t, lang in by_tag.items()},
        )
        self.assertEqual(
            cited["standard_titles"], {t: TITLES[lang] for t, lang in by_tag.items()}
        )

    def test_amendment_notice_names_the_standard_in_the_readers_language(self):
        from standards.amendments import record_amendment

        article = StandardArticle.objects.get(standard__code="cets-197", key="10")
        record_amendment(
            article, date=datetime.date(2025, 1, 2), note="Wider definition."
        )
        for language in TAGS:
            with self.subTest(language=language):
                page = self.client.get(f"/{language}/practices/identifying-children/")
                notice = page.content.decode().split('amendment-notice">')[1]
                self.assertIn(SHORT_NAMES[language], notice.split("</p>")[0])
                page = self.client.get(f"/{language}/standards/cets-197/10/")
                self.assertContains(page, '<span lang="en">Wider definition.</span>')

    def test_a_followed_article_is_named_in_the_readers_language(self):
        from follow.models import Subscription
        from follow.targets import Resolver

        reader = UserFactory()
        subscription = Subscription(user=reader, kind="article", target="cets-197:10")
        for language in TAGS:
            with self.subTest(language=language), translation.override(language):
                label = Resolver()(subscription, user=reader).label
                self.assertEqual(label, f"{SHORT_NAMES[language]}, Article 10")


class StandardAdminTests(TestCase):
    """The admin edits the translations beside the English fields."""

    def test_an_administrator_translates_an_article(self):
        article = StandardArticle.objects.get(standard__code="cets-197", key="10")
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))
        url = reverse(
            "wagtailsnippets_standards_standardarticle:edit", args=[article.pk]
        )
        form = self.client.get(url).content.decode()
        fields = ["id_title", "id_summary"] + [
            f"id_{f}_{s}"
            for s in ("sr_latn", "sr_cyrl", "sl")
            for f in ("title", "summary")
        ]
        positions = [form.index(f'id="{field}"') for field in fields]
        self.assertEqual(positions, sorted(positions))
        self.assertIn('value="Identifikacija žrtev"', form)
        standard = Standard.objects.get(code="cets-197")
        form = self.client.get(
            reverse("wagtailsnippets_standards_standard:edit", args=[standard.pk])
        ).content.decode()
        for field in ("short_name_sr_latn", "title_sr_cyrl", "title_sl"):
            self.assertIn(f'id="id_{field}"', form)
