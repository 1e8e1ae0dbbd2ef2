"""Markdown in the interchange format <-> the HTML Wagtail keeps in rich text.

Raw HTML in Markdown is escaped, not passed through, and the result is cleaned
to the tags rich text supports, so an imported file can never carry script.
"""

import re
import threading
from urllib.parse import unquote

import markdown
import nh3
from markdownify import markdownify
from wagtail.rich_text import RichText, expand_db_html

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "strong", "em", "b", "i", "ul", "ol", "li",
    "a", "blockquote", "br", "hr", "code", "pre",
}  # fmt: skip


_converters = threading.local()


def _markdown() -> markdown.Markdown:
    """This thread's converter, reset: building one costs more than converting
    a document's text."""
    converter = getattr(_converters, "converter", None)
    if converter is None:
        converter = markdown.Markdown(extensions=["sane_lists"])
        converter.preprocessors.deregister("html_block")
        converter.inlinePatterns.deregister("html")
        _converters.converter = converter
    return converter.reset()


# A link to a library file as export writes it (expand_db_html, the serve view).
FILE_LINK = re.compile(r'<a href="/documents/(\d{1,10})/([^"/]+)">')


def _file_links(html: str) -> str:
    """Links to this site's library files as rich text's own file links: the
    reference index then knows which page (and which field, such as a
    members-only annex) uses each file, and each file stays as private as they
    are (knowledge.privacy.may_download). A link naming no file here stays."""
    from wagtail.documents import get_document_model

    links = FILE_LINK.findall(html)
    if not links:
        return html
    names = dict(
        get_document_model()
        .objects.filter(pk__in={int(pk) for pk, _name in links})
        .values_list("pk", "file")
    )

    def replace(match):
        pk, name = int(match[1]), unquote(match[2])
        if pk in names and names[pk].rsplit("/", 1)[-1] == name:
            return f'<a linktype="document" id="{pk}">'
        return match[0]

    return FILE_LINK.sub(replace, html)


def markdown_to_html(text: str) -> str:
    html = _markdown().convert(text or "")
    # Rich text starts at h2: the page title is the document's only h1.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    ).strip()
    return _file_links(cleaned)


def html_to_markdown(html: str) -> str:
    text = markdownify(
        expand_db_html(html or ""), heading_style="ATX", bullets="-", escape_misc=False
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def markdown_to_body(text: str) -> list[tuple[str, RichText]]:
    """Stream data for a document body: the Markdown as one rich text block."""
    html = markdown_to_html(text)
    return [("rich_text", RichText(html))] if html else []


def body_to_markdown(body) -> str:
    """Every block of a body as Markdown; media blocks become links."""
    parts = []
    for block in body:
        value = block.value
        if block.block_type == "rich_text":
            parts.append(html_to_markdown(value.source))
        elif block.block_type == "heading":
            marks = "###" if value["level"] == "h3" else "##"
            parts.append(f"{marks} {value['text']}")
        elif block.block_type == "steps":
            if value["title"]:
                parts.append(f"### {value['title']}")
            parts.append(
                "\n".join(f"{n}. {step}" for n, step in enumerate(value["steps"], 1))
            )
        elif block.block_type == "quote":
            quote = "\n".join(f"> {line}" for line in value["text"].splitlines())
            if value["attribution"]:
                quote += f"\n>\n> — {value['attribution']}"
            parts.append(quote)
        elif block.block_type == "document" and value["document"]:
            document = value["document"]
            parts.append(f"[{value['title'] or document.title}]({document.url})")
        elif block.block_type == "image" and value["image"]:
            parts.append(f"*{value['caption'] or value['alt_text']}*")
    return "\n\n".join(part for part in parts if part)
