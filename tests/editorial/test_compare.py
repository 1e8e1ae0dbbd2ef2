"""A body or a part compares as changed when its content changed, not its
markup; topics when the set changed, not its order."""

from django.test import TestCase

from editorial.compare import (
    ContentRichTextFieldComparison,
    ContentStreamFieldComparison,
    TopicsComparison,
)
from practices.models import PracticeGuidePage
from tests.factories import TopicFactory

BODY = PracticeGuidePage._meta.get_field("body")


def stream(*items):
    return BODY.stream_block.to_python(list(items))


class BodyComparisonTests(TestCase):
    def changed(self, a, b) -> bool:
        comparison = ContentStreamFieldComparison(
            BODY, PracticeGuidePage(body=a), PracticeGuidePage(body=b)
        )
        return comparison.has_changed()

    def test_the_same_content_saved_by_the_editor_is_unchanged(self):
        imported = stream(
            {"type": "rich_text", "value": "<h2>Steps</h2>\n<p>One and two.</p>"}
        )
        saved = stream(
            {
                "type": "rich_text",
                "id": "0c2b9c8e-1111-4b6a-9d7e-2a3b4c5d6e7f",
                "value": '<h2 data-block-key="a1b2c">Steps</h2>'
                '<p data-block-key="d3e4f">One and two.</p>',
            }
        )
        self.assertFalse(self.changed(imported, saved))

    def test_a_changed_word_or_element_is_a_change(self):
        before = stream({"type": "rich_text", "value": "<p>One and two.</p>"})
        for after in (
            stream({"type": "rich_text", "value": "<p>One and three.</p>"}),
            stream({"type": "rich_text", "value": "<h2>One and two.</h2>"}),
            stream({"type": "rich_text", "value": "<p>One  and two.</p>"}),
            stream(),
        ):
            with self.subTest(after=after):
                self.assertTrue(self.changed(before, after))


class PartAndTopicsComparisonTests(TestCase):
    def test_a_part_changed_in_its_markup_only_is_unchanged(self):
        field = PracticeGuidePage._meta.get_field("method")
        imported = "<ol>\n<li>Trace relatives.</li>\n<li>Assess the home.</li>\n</ol>"
        saved = (
            '<ol><li data-block-key="a1b2c">Trace relatives.</li>'
            '<li data-block-key="d3e4f">Assess the home.</li></ol>'
        )
        for after, changed in (
            (saved, False),
            (saved.replace("home", "family"), True),
            ("", True),
        ):
            with self.subTest(after=after):
                comparison = ContentRichTextFieldComparison(
                    field,
                    PracticeGuidePage(method=imported),
                    PracticeGuidePage(method=after),
                )
                self.assertIs(comparison.has_changed(), changed)

    def test_topics_in_another_order_are_unchanged(self):
        field = PracticeGuidePage._meta.get_field("topics")
        care, victims, training = (
            TopicFactory(name=name) for name in ("Care", "Victims", "Training")
        )

        def changed(before, after) -> bool:
            a, b = PracticeGuidePage(), PracticeGuidePage()
            a.topics.set(before)
            b.topics.set(after)
            return TopicsComparison(field, a, b).has_changed()

        self.assertFalse(changed([care, victims], [victims, care]))
        self.assertTrue(changed([care, victims], [care, training]))
