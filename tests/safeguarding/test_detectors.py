import json
from pathlib import Path

from django.test import SimpleTestCase

from safeguarding.detectors import (
    Kind,
    detect,
    identifier_text,
    jmbg_is_valid,
    mask,
    masked_excerpt,
)
from safeguarding.evaluation import evaluate

LABELLED = Path(__file__).with_name("labelled_snippets.jsonl")


def found(text: str) -> list[tuple[str, str]]:
    return [(span.kind, text[span.start : span.end]) for span in detect(text)]


class LabelledSetTests(SimpleTestCase):
    """The labelled snippets in four languages and scripts; docs/safeguarding.md
    reports these numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lines = LABELLED.read_text(encoding="utf-8").splitlines()
        cls.result = evaluate(cls.lines)

    def test_the_set_is_large_and_covers_every_language(self):
        self.assertGreaterEqual(self.result.snippets, 40)
        self.assertEqual(
            set(self.result.by_language), {"en", "sr-Latn", "sr-Cyrl", "sl"}
        )
        negatives = [line for line in self.lines if '"expected": []' in line]
        self.assertGreaterEqual(len(negatives), 15)

    def test_precision_and_recall(self):
        self.assertGreaterEqual(self.result.total.precision, 0.95, self.result.misses)
        self.assertGreaterEqual(self.result.total.recall, 0.9, self.result.misses)

    def test_every_text_kind_is_in_the_set(self):
        kinds = {
            kind for line in self.lines for kind, _ in json.loads(line)["expected"]
        }
        self.assertEqual(kinds, set(Kind.TEXT_KINDS))


class JmbgTests(SimpleTestCase):
    def test_checksum(self):
        self.assertTrue(jmbg_is_valid("0103005710000"))
        self.assertTrue(jmbg_is_valid("1507998715327"))
        self.assertFalse(jmbg_is_valid("0103005710009"))
        self.assertFalse(jmbg_is_valid("3213005710000"))  # no 32nd day
        self.assertFalse(jmbg_is_valid("010300571000"))

    def test_only_valid_numbers_are_found(self):
        self.assertEqual(found("JMBG 0103005710000."), [("jmbg", "0103005710000")])
        self.assertEqual(found("Predmet 0103005710009."), [])


class NameTests(SimpleTestCase):
    def test_declined_names_in_both_scripts(self):
        self.assertEqual(
            found("Sa žrtvom Marijom smo razgovarali."), [("name", "Marijom")]
        )
        self.assertEqual(
            found("Са жртвом Маријом смо разговарали."), [("name", "Маријом")]
        )

    def test_names_far_from_a_victim_word_are_not_flagged(self):
        self.assertEqual(
            found("Ana Petrović directs ASTRA. The project helped many children."), []
        )

    def test_initials_are_how_practitioners_anonymise(self):
        self.assertEqual(found("The victim (A.B.) and child C. testified."), [])


class MaskTests(SimpleTestCase):
    def test_mask_keeps_the_first_character_and_punctuation(self):
        self.assertEqual(mask("064 123-4567"), "0•• •••-••••")

    def test_excerpt_masks_every_finding_in_it(self):
        text = "Victim Ana, phone 064 123 4567, lives here."
        spans = detect(text)
        excerpt = masked_excerpt(text, spans, spans[0])
        self.assertNotIn("Ana", excerpt)
        self.assertNotIn("123", excerpt)
        self.assertIn("A••", excerpt)


class SeparatorAndCaseTests(SimpleTestCase):
    def test_a_personal_number_right_after_a_separator(self):
        for text in ("JMBG-0103005710000", "br./0103005710000", "EMŠO.0103005710000"):
            with self.subTest(text=text):
                self.assertEqual(found(text), [("jmbg", "0103005710000")])

    def test_phone_numbers_however_they_are_written(self):
        for number in (
            "064/123-4567",
            "064.123.4567",
            "+381 (0)64 123 4567",
            "00386 41 123 456",
            "(01) 234 56 78",
        ):
            with self.subTest(number=number):
                self.assertEqual(found(f"tel.{number}."), [("phone", number)])

    def test_numbers_that_only_look_like_phone_numbers(self):
        for text in (
            "Open 08.00 - 16.00 every day.",
            "Decision no. 06-123/2015 of the court.",
            "A budget of 2 050 000 000 dinars.",
            "Signed on 10/01/2000 1900 km away.",
        ):
            with self.subTest(text=text):
                self.assertEqual(found(text), [])


class EnglishNameTests(SimpleTestCase):
    def test_common_english_names_next_to_a_victim_word(self):
        self.assertEqual(
            found("Police met the victim John Smith in May."),
            [("name", "John"), ("name", "Smith")],
        )
        self.assertEqual(
            found("Victim: Sarah Smith"), [("name", "Sarah"), ("name", "Smith")]
        )
        self.assertEqual(
            found("The victim, Mr. John Smith, testified."),
            [("name", "John"), ("name", "Smith")],
        )
        self.assertEqual(found("The girl's brother Jake came too."), [("name", "Jake")])

    def test_in_capitals_and_without_diacritics(self):
        self.assertEqual(
            found("VICTIM: SARAH SMITH"), [("name", "SARAH"), ("name", "SMITH")]
        )
        self.assertEqual(
            found("zrtva Ana Petrovic"), [("name", "Ana"), ("name", "Petrovic")]
        )
        self.assertEqual(
            found("Žrtev Nika Novak je stara 15 let."),
            [("name", "Nika"), ("name", "Novak")],
        )

    def test_capitalised_words_that_are_not_names(self):
        for text in (
            "Child Victims of Domestic Violence in Europe",
            "Mark each child's file with the date.",
            "The children's home at Slovenska cesta was closed.",
        ):
            with self.subTest(text=text):
                self.assertEqual(found(text), [])


class IdentifierTextTests(SimpleTestCase):
    def test_slugs_and_file_names_read_as_words(self):
        self.assertEqual(
            identifier_text("zrtva-ana-petrovic-0103005710000"),
            "zrtva Ana Petrovic 0103005710000",
        )
        self.assertEqual(
            found(identifier_text("the_victim_john_smith.pdf")),
            [("name", "John"), ("name", "Smith")],
        )
        self.assertEqual(found(identifier_text("annual-report-2015.pdf")), [])
