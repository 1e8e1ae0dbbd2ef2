"""The body blocks every knowledge document shares."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Subsection heading")],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = "Heading"
        preview_value = {"text": "Identifying a child victim", "level": "h2"}


class StepsBlock(blocks.StructBlock):
    """An ordered procedure, e.g. the steps of a referral."""

    title = blocks.CharBlock(required=False, max_length=255)
    steps = blocks.ListBlock(blocks.TextBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/steps_block.html"
        label = "Numbered steps"
        preview_value = {
            "title": "Referral",
            "steps": [
                "Ensure the child is safe.",
                "Inform the centre for social work.",
                "Refer to the national centre for protection of victims.",
            ],
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = "Quote"
        preview_value = {
            "text": "Every child has the right to be protected.",
            "attribution": "UN Convention on the Rights of the Child",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=255, help_text=_("Describe the image for readers who cannot see it.")
    )
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = "Image"
        help_text = "Images are always public, even on restricted documents."


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = "Document"


class DocumentBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "blockquote"],
        template="blocks/rich_text_block.html",
        label=_("Text"),
        icon="pilcrow",
        preview_value="<p>Foster carers receive accredited training.</p>",
    )
    heading = HeadingBlock()
    steps = StepsBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentBlock()

    class Meta:
        template = "blocks/body_block.html"
