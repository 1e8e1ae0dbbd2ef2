from dataclasses import replace

from django.test import SimpleTestCase

from search.text import MAX_QUERY_CHARS, MAX_TERMS, parse_query
from serbian import fold


class FoldTests(SimpleTestCase):
    def test_cyrillic_and_latin_fold_to_the_same_words(self):
        self.assertEqual(fold("трговина људима"), fold("Trgovina ljudima"))
        self.assertEqual(fold("трговина људима"), "trgovina ljudima")

    def test_diacritics_are_optional(self):
        self.assertEqual(fold("Žrtve"), "zrtve")
        self.assertEqual(fold("šole"), "sole")
        self.assertEqual(fold("Ključ"), "kljuc")
        self.assertEqual(fold("ćevapi čaša"), "cevapi casa")

    def test_dj_is_written_out(self):
        self.assertEqual(fold("Đorđe"), "djordje")
        self.assertEqual(fold("Ђорђе"), "djordje")
        self.assertEqual(fold("џеп Џ"), "dzep dz")
        self.assertEqual(fold("љубав њива"), "ljubav njiva")

    def test_punctuation_separates_words(self):
        self.assertEqual(fold("2011/36/EU, foster-care!"), "2011 36 eu foster care")

    def test_lists_are_folded_item_by_item(self):
        self.assertEqual(fold(["Šola", None, "Ђак"]), "sola djak")
        self.assertEqual(fold(None), "")


class ParseQueryTests(SimpleTestCase):
    def test_words_are_folded(self):
        query = parse_query("  Трговина   ЉУДИМА ")
        self.assertEqual(query.terms, ("trgovina", "ljudima"))
        self.assertEqual(query.text, "Трговина ЉУДИМА")

    def test_invisible_characters_are_removed(self):
        query = parse_query("fos\x00ter \u202ecare\u200b \x07")
        self.assertEqual(query.text, "fos ter care")
        self.assertNotIn("\x00", query.text)

    def test_operators_do_not_survive(self):
        query = parse_query("NEAR(a* AND b) | !c :* <-> (d) {e} ^f~ -g +h")
        for term in query.all_words:
            self.assertRegex(term, r"^\w+$")

    def test_balanced_quotes_make_a_phrase(self):
        query = parse_query('"foster care" training')
        self.assertEqual(query.phrases, (("foster", "care"),))
        self.assertEqual(query.terms, ("training",))

    def test_unbalanced_quote_is_ignored(self):
        self.assertEqual(parse_query('"foster').terms, ("foster",))
        self.assertEqual(parse_query('"').terms, ())
        self.assertFalse(parse_query('"'))

    def test_whitespace_only_is_empty(self):
        self.assertFalse(parse_query(" \t\n "))

    def test_length_and_terms_are_capped(self):
        query = parse_query("x" * 10_000)
        self.assertLessEqual(len(query.text), MAX_QUERY_CHARS)
        query = parse_query(" ".join(f"word{i}" for i in range(300)))
        self.assertEqual(len(query.all_words), MAX_TERMS)


class StopwordTests(SimpleTestCase):
    def test_stopwords_of_every_language_are_left_out(self):
        for raw, words in [
            ("how to interview a child victim", ("interview", "child", "victim")),
            ("kako prepoznati žrtvu", ("prepoznati", "zrtvu")),
            ("како препознати жртву", ("prepoznati", "zrtvu")),
            ("delavnice v šolah", ("delavnice", "solah")),
        ]:
            with self.subTest(raw=raw):
                query = parse_query(raw)
                self.assertEqual(query.words, words)
                self.assertEqual(query.all_words, words)

    def test_a_query_of_stopwords_only_keeps_them(self):
        self.assertEqual(
            parse_query("to be or not to be").words, ("to", "be", "or", "not")
        )

    def test_phrases_keep_their_stopwords_and_terms_stay_as_typed(self):
        query = parse_query('the "referred to a shelter" in')
        self.assertEqual(query.words, ())
        self.assertEqual(query.phrases, (("referred", "to", "a", "shelter"),))
        self.assertEqual(query.terms, ("the", "in"))
        self.assertEqual(query.ignored, ("the", "in"))

    def test_as_typed_keeps_every_word(self):
        query = replace(parse_query("how to interview"), as_typed=True)
        self.assertEqual(query.words, ("how", "to", "interview"))
