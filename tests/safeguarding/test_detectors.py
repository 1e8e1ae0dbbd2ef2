import json
from pathlib import Path

from django.test import SimpleTestCase

from safeguarding.detectors import Kind, detect, jmbg_is_valid, mask, masked_excerpt
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
