"""Revision comparison that shows what an editor changed, and only that.

A document imported from an interchange file has a body whose blocks carry no
ids and whose rich text is written as the importer writes it (a new line between
elements); the editor saves the same content with ids and Draftail's markup
(``data-block-key`` on each element). Wagtail's comparison sees every such body
as changed. Here a body has changed when its content has: block types and
values, with ids, block keys and the white space between elements left out.
"""

import re

from wagtail.admin.compare import StreamFieldComparison, register_comparison_class
from wagtail.fields import StreamField

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


def register() -> None:
    register_comparison_class(
        StreamField, comparison_class=ContentStreamFieldComparison
    )
