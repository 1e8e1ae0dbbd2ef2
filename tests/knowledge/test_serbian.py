from django.test import SimpleTestCase

from serbian import (
    CYRILLIC_TO_LATIN,
    LATIN_TO_CYRILLIC,
    fold_word,
    folded_words,
    message_to_cyrillic,
    to_cyrillic,
    to_latin,
)


class TablesTests(SimpleTestCase):
    def test_every_cyrillic_letter_has_its_latin_letters(self):
        self.assertEqual(len(CYRILLIC_TO_LATIN), 60)
        self.assertEqual(CYRILLIC_TO_LATIN["љ"], "lj")
        self.assertEqual(CYRILLIC_TO_LATIN["Џ"], "Dž")
        self.assertEqual(CYRILLIC_TO_LATIN["Ђ"], "Đ")
        for latin, cyrillic in LATIN_TO_CYRILLIC.items():
            self.assertEqual(CYRILLIC_TO_LATIN[cyrillic], latin)


class ToLatinTests(SimpleTestCase):
    def test_letters_and_digraphs(self):
        self.assertEqual(to_latin("Љубљана и Његош"), "Ljubljana i Njegoš")
        self.assertEqual(to_latin("Ђорђе, џеп, Ћирић"), "Đorđe, džep, Ćirić")
        self.assertEqual(to_latin("STOP! 2011"), "STOP! 2011")

    def test_round_trip(self):
        text = "Šta tražite? Đak Ćirić, čačak, ljudi i njive, džep"
        self.assertEqual(to_latin(to_cyrillic(text)), text)


class ToCyrillicTests(SimpleTestCase):
    def test_letters_and_digraphs(self):
        self.assertEqual(to_cyrillic("Ljubljana i Njegoš"), "Љубљана и Његош")
        self.assertEqual(
            to_cyrillic("džep, LJUDI, NJIVA, DŽEP"), "џеп, ЉУДИ, ЊИВА, ЏЕП"
        )
        self.assertEqual(
            to_cyrillic("Šta tražite? Đak Ćirić, čačak"),
            "Шта тражите? Ђак Ћирић, чачак",
        )

    def test_digraphs_across_a_prefix_stay_two_letters(self):
        self.assertEqual(to_cyrillic("nadživeti"), "надживети")
        self.assertEqual(to_cyrillic("podžupan"), "поджупан")
        self.assertEqual(to_cyrillic("injekcija"), "инјекција")
        self.assertEqual(to_cyrillic("konjunkcija"), "конјункција")
        # ... but not inside a word that only contains the same letters.
        self.assertEqual(to_cyrillic("konj i sinj"), "коњ и сињ")


class MessageToCyrillicTests(SimpleTestCase):
    def test_placeholders_markup_and_addresses_are_kept(self):
        cases = {
            "Stranica %(number)s od %(total)s": "Страница %(number)s од %(total)s",
            "Ima %d, %s i %(count)d": "Има %d, %s и %(count)d",
            "Zdravo {{ user.name }} {% url 'home' %}": (
                "Здраво {{ user.name }} {% url 'home' %}"
            ),
            "Zdravo {name}": "Здраво {name}",
            '<a href="/sr/pretraga/" class="link">veza</a>&nbsp;x': (
                '<a href="/sr/pretraga/" class="link">веза</a>&nbsp;x'
            ),
            "Vidi https://example.org/lj/nj?a=b ili www.example.org/dž": (
                "Види https://example.org/lj/nj?a=b или www.example.org/dž"
            ),
            "Pišite na urednik@example.org": "Пишите на urednik@example.org",
        }
        for latin, cyrillic in cases.items():
            with self.subTest(latin=latin):
                self.assertEqual(message_to_cyrillic(latin), cyrillic)

    def test_names_stay_in_latin_letters(self):
        self.assertEqual(
            message_to_cyrillic("STOP! Razmena znanja, ASTRA, PDF i BibTeX"),
            "STOP! Размена знања, ASTRA, PDF и BibTeX",
        )
        # Only whole words: "Stopa" and "PDFa" are ordinary text.
        self.assertEqual(message_to_cyrillic("Stopa PDFa"), "Стопа ПДФа")


class FoldedWordsTests(SimpleTestCase):
    def test_both_scripts_fold_to_the_same_words(self):
        self.assertEqual(folded_words("трговина људима"), ["trgovina", "ljudima"])
        self.assertEqual(folded_words("Trgovina LJUDIMA"), ["trgovina", "ljudima"])
        self.assertEqual(
            folded_words("Ђорђе Đorđe џеп"), ["djordje", "djordje", "dzep"]
        )

    def test_diacritics_and_punctuation_go(self):
        self.assertEqual(folded_words("Žrtve, šole! Ključ"), ["zrtve", "sole", "kljuc"])
        self.assertEqual(
            folded_words("Sarah's foster-care"), ["sarah", "s", "foster", "care"]
        )
        self.assertEqual(folded_words(""), [])

    def test_neighbouring_alphabets_and_special_latin_letters(self):
        self.assertEqual(folded_words("Юлия Łódź Æsir"), ["julija", "lodz", "aesir"])


class FoldWordTests(SimpleTestCase):
    def test_a_word_in_latin_lower_case_without_diacritics(self):
        self.assertEqual(fold_word("Ђорђе"), "djordje")
        self.assertEqual(fold_word("Đorđe"), "djordje")
        self.assertEqual(fold_word("ЖРТВА"), "zrtva")
        self.assertEqual(fold_word("Џеп"), "dzep")

    def test_the_word_stays_whole(self):
        # Unlike folded_words: punctuation stays, and only Serbian is transliterated.
        self.assertEqual(fold_word("Sarah's"), "sarah's")
        self.assertEqual(fold_word("P."), "p.")
        self.assertEqual(fold_word("Łódź"), "łodz")
        self.assertEqual(fold_word("й"), "и")
