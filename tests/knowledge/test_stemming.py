from django.test import SimpleTestCase

from knowledge.models import Language
from knowledge.stemming import (
    LIGHT_STEMMERS,
    SNOWBALL,
    STOPWORDS,
    base_language,
    language_of,
    query_forms,
    site_languages,
    slovenian_stem,
    stem,
    stopwords,
    text_forms,
    with_stems,
)
from serbian import fold


class StemTests(SimpleTestCase):
    def test_forms_of_a_word_share_a_stem_in_its_language(self):
        for language, words in [
            ("en", "victim victims"),
            ("en", "interview interviews interviewing"),
            ("sr", "žrtva žrtve žrtvu"),
            ("sr", "хранитељску хранитељска hraniteljske"),
            ("sl", "delavnica delavnice delavnic"),
            ("sl", "rejniške rejniških"),
            ("sl", "rejnik rejniki rejnikov rejnikom"),
        ]:
            with self.subTest(words=words):
                stems = {stem(word, language) for word in fold(words).split()}
                self.assertEqual(len(stems), 1, stems)

    def test_slovenian_keeps_at_least_three_letters(self):
        self.assertEqual(slovenian_stem("sole"), "sol")
        self.assertEqual(slovenian_stem("ime"), "ime")

    def test_numbers_are_not_stemmed(self):
        self.assertEqual(stem("2011", "sl"), "2011")

    def test_language_codes(self):
        for code, language in [
            ("en", "en"),
            ("sr-Latn", "sr"),
            ("sr-Cyrl", "sr"),
            ("sl", "sl"),
            (None, "en"),
            ("de", "en"),
        ]:
            with self.subTest(code=code):
                self.assertEqual(language_of(code), language)


class LanguageTests(SimpleTestCase):
    def test_the_languages_are_those_documents_are_written_in(self):
        self.assertEqual(
            site_languages(),
            tuple(dict.fromkeys(base_language(code) for code in Language.values)),
        )

    def test_every_language_has_a_stemmer_and_stopwords(self):
        for language in site_languages():
            with self.subTest(language=language):
                self.assertIn(language, {*SNOWBALL, *LIGHT_STEMMERS})
                self.assertTrue(STOPWORDS.get(language))

    def test_stopwords_are_folded_words(self):
        for word in stopwords():
            with self.subTest(word=word):
                self.assertEqual(fold(word), word)


class IndexAndQueryTests(SimpleTestCase):
    def test_the_index_keeps_the_words_in_order_then_differing_stems(self):
        self.assertEqual(
            with_stems("rejniske druzine za otroke", "sl"),
            "rejniske druzine za otroke rejnisk druzin otrok",
        )
        self.assertEqual(with_stems("child care", "en"), "child care")

    def test_a_document_is_stemmed_in_its_own_language(self):
        self.assertEqual(with_stems("victims", "sr-Latn"), "victims")
        self.assertEqual(with_stems("victims", "en"), "victims victim")

    def test_a_query_word_asks_for_its_stem_in_every_language(self):
        self.assertEqual(query_forms("victims"), ("victims", "victim"))
        self.assertEqual(query_forms("zrtvu"), ("zrtvu", "zrtv"))
        self.assertEqual(query_forms("druzine"), ("druzine", "druzin"))

    def test_a_texts_forms_are_its_words_and_their_stems(self):
        self.assertEqual(text_forms(["victims"]), {"victims", "victim"})
