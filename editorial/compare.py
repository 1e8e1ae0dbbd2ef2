"""Revision comparison that shows what an editor changed, and only that.

A document imported from an interchange file has a body whose blocks carry no
ids and whose rich text is written as the importer writes it (a new line between
elements); the editor saves the same content with ids and Draftail's markup
(``data-block-key`` on each element). Wagtail's comparison sees every such body
as changed. Here a body has changed when its content has: block types and
values, with ids, block keys and the white space between elements left out. The
same holds for rich text fields (a guide's parts, a visit's lessons), and topics
are compared as a set: the order a file named them in is no change.
"""

import re

from taggit.managers import TaggableManager
from wagtail.admin.compare import (
    RichTextFieldComparison,
    StreamFieldComparison,
    TagsFieldComparison,
    register_comparison_class,
)
from wagtail.fields import RichTextField, StreamField

BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
BETWEEN_ELEMENTS = re.compile(r">\s+<")


def content(value):
    """``value`` (a block's JSON form) without what does not change its content."""
    if isinstance(value, dict):
        return {key: content(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [content(item) for item in value]
    if isinstance(value, str):
        return BETWEEN_ELEMENTS.sub("><", BLOCK_KEY.sub("", value)).strip()
    return value


class ContentStreamFieldComparison(StreamFieldComparison):
    def has_changed(self):
        block = self.field.stream_block
        return content(block.get_prep_value(self.val_a)) != content(
            block.get_prep_value(self.val_b)
        )


class ContentRichTextFieldComparison(RichTextFieldComparison):
    def has_changed(self):
        return content(self.val_a or "") != content(self.val_b or "")


class TopicsComparison(TagsFieldComparison):
    def has_changed(self):
        items_a, items_b = self.get_items()
        return set(items_a) != set(items_b)


def register() -> None:
    register_comparison_class(
        StreamField, comparison_class=ContentStreamFieldComparison
    )
    register_comparison_class(
        RichTextField, comparison_class=ContentRichTextFieldComparison
    )
    register_comparison_class(TaggableManager, comparison_class=TopicsComparison)
