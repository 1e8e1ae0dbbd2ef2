"""Import keeps translations linked: ``locale`` and ``translation_of``."""

from django.test import TestCase

from briefs.models import PolicyBriefPage
from knowledge.models import KnowledgePage
from practices.models import PracticeGuidePage
from tests.interchange import failed_import, run_import
from tests.interchange.records import BRIEF, PARTNER, PRACTICE

ENGLISH = {
    **PRACTICE,
    "title": "Specialised foster care",
    "summary": "How to prepare foster carers.",
    "language": "en",
}
SERBIAN = {**PRACTICE, "locale": "sr-latn", "translation_of": PRACTICE["slug"]}
SLOVENIAN = {
    **PRACTICE,
    "slug": "specializirano-rejnistvo",
    "title": "Specializirano rejništvo",
    "language": "sl",
    "locale": "sl",
    "translation_of": PRACTICE["slug"],
}


class ImportTranslationTests(TestCase):
    def test_translations_are_linked_to_their_original_in_their_locale(self):
        # Translations may come before their original in the file.
        report = run_import([PARTNER, SLOVENIAN, SERBIAN, ENGLISH])
        self.assertIn("practice: 3 created, 0 updated", report)
        original = PracticeGuidePage.objects.get(locale__language_code="en")
        translations = original.get_translations().order_by("locale__language_code")
        self.assertEqual(
            [(t.locale.language_code, t.slug, t.title, t.live) for t in translations],
            [
                ("sl", "specializirano-rejnistvo", "Specializirano rejništvo", True),
                ("sr-latn", PRACTICE["slug"], PRACTICE["title"], True),
            ],
        )
        self.assertEqual(
            sorted(t.topics.count() for t in translations), [2, 2], "topics kept"
        )
        response = self.client.get(original.url)
        self.assertContains(
            response,
            f'href="/sr-latn/practices/{PRACTICE["slug"]}/" hreflang="sr-Latn"',
        )
        self.assertContains(
            response, 'href="/sl/practices/specializirano-rejnistvo/" hreflang="sl"'
        )
        translated = self.client.get("/sl/practices/specializirano-rejnistvo/")
        self.assertContains(translated, "Specializirano rejništvo")
        self.assertContains(translated, f'href="/en/practices/{PRACTICE["slug"]}/"')

    def test_importing_again_updates_the_translations_in_place(self):
        run_import([PARTNER, ENGLISH, SERBIAN])
        report = run_import([{**SERBIAN, "title": "Novi naslov"}])
        self.assertIn("practice: 0 created, 1 updated", report)
        self.assertEqual(PracticeGuidePage.objects.count(), 2)
        self.assertEqual(
            PracticeGuidePage.objects.get(locale__language_code="sr-latn").title,
            "Novi naslov",
        )

    def test_a_document_in_another_locale_without_an_original_stands_alone(self):
        run_import([PARTNER, {**BRIEF, "locale": "sr-Latn"}])
        brief = PolicyBriefPage.objects.get()
        self.assertEqual(brief.locale.language_code, "sr-latn")
        self.assertFalse(brief.get_translations().exists())
        self.assertEqual(
            self.client.get(f"/sr-latn/briefs/{BRIEF['slug']}/").status_code, 302
        )

    def test_bad_translations_are_named_and_nothing_is_imported(self):
        err = failed_import(
            [
                PARTNER,
                ENGLISH,
                {**SERBIAN, "translation_of": "ghost"},
                {**SLOVENIAN, "locale": "de"},
                {**SLOVENIAN, "slug": "english-copy", "locale": "en"},
                {**BRIEF, "locale": "sl", "translation_of": PRACTICE["slug"]},
                SLOVENIAN,
                {**SLOVENIAN, "slug": "second-slovenian"},
            ]
        )
        for text in (
            "line 3: translation_of: unknown practice 'ghost' in 'en'",
            "line 4: locale: 'de' is not one of en, sr-latn, sr, sl",
            "line 5: translation_of: only a document in another locale",
            "line 6: translation_of: unknown brief 'specialised-foster-care' in 'en'",
            "line 8: translation_of: repeats the practice on line 7",
        ):
            self.assertIn(text, err)
        self.assertEqual(KnowledgePage.objects.count(), 0)

    def test_an_original_keeps_one_translation_per_locale(self):
        run_import([PARTNER, ENGLISH, SLOVENIAN])
        # The same translation under a new slug: renamed, not doubled.
        report = run_import([{**SLOVENIAN, "slug": "rejnistvo"}])
        self.assertIn("practice: 0 created, 1 updated", report)
        self.assertEqual(
            PracticeGuidePage.objects.get(locale__language_code="sl").slug,
            "rejnistvo",
        )
        # Another Slovenian document cannot become a second translation.
        standalone = {**SLOVENIAN, "slug": "drug-vodnik", "translation_of": None}
        run_import([standalone])
        err = failed_import([{**standalone, "translation_of": PRACTICE["slug"]}])
        self.assertIn(
            "line 1: translation_of: 'specialised-foster-care' already has a "
            "translation in 'sl': 'rejnistvo'",
            err,
        )
        self.assertFalse(
            PracticeGuidePage.objects.get(slug="drug-vodnik")
            .get_translations()
            .exists()
        )
