"""Find suspected personal data in a page: its text fields, the blocks of its
StreamFields, the text of its attached documents and the EXIF of its images.

Works on any page model by walking its fields, so new document types are checked
without being listed here.
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst
from modelcluster.models import get_all_child_relations
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.rich_text import RichText

from serbian import fold_word

from .detectors import Kind, detect, identifier_text, mask, masked_excerpt
from .extraction import Unreadable, document_parts, image_has_gps

# Page fields editors fill in; the rest of Wagtail's Page fields are technical.
PAGE_TEXT_FIELDS = ("title", "slug", "seo_title", "search_description")
_BLOCK_BREAKS = ("</p>", "</li>", "</h2>", "</h3>", "</h4>", "<br/>", "<br>")


@dataclass(frozen=True)
class Finding:
    kind: str
    field: str  # the top-level field, e.g. "body" or "summary"
    place: str  # where exactly, for people: "Body › block 2 (Text)"
    excerpt: str  # the surroundings, with the personal data masked
    fingerprint: str  # stays the same while the same text is in the same field

    @property
    def kind_label(self) -> str:
        return Kind.LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class _Source:
    """Something to check: text, or a document or image."""

    field: str
    place: str
    text: str = ""
    document: AbstractDocument | None = None
    image: AbstractImage | None = None


def fingerprint(field: str, kind: str, value: str) -> str:
    key = "\x1f".join((field, kind, " ".join(fold_word(value).split())))
    return hashlib.sha256(key.encode()).hexdigest()


def scan_page(page) -> list[Finding]:
    """Every finding in ``page`` (a specific page instance, saved or not)."""
    findings: list[Finding] = []
    seen_documents, seen_images = set(), set()
    for source in _sources(page):
        if source.document is not None:
            if source.document.pk not in seen_documents:
                seen_documents.add(source.document.pk)
                findings += _scan_document(source)
        elif source.image is not None:
            if source.image.pk not in seen_images:
                seen_images.add(source.image.pk)
                findings += _scan_image(source)
        else:
            findings += scan_text(source.text, field=source.field, place=source.place)
    return findings


def scan_text(text: str, *, field: str, place: str) -> list[Finding]:
    spans = detect(text)
    return [
        Finding(
            kind=span.kind,
            field=field,
            place=place,
            excerpt=masked_excerpt(text, spans, span),
            fingerprint=fingerprint(field, span.kind, text[span.start : span.end]),
        )
        for span in spans
    ]


def _scan_document(source: _Source) -> list[Finding]:
    """The document's title and file name (shown wherever it is offered for
    download), then its text."""
    document = source.document
    field = f"document:{document.file_hash or document.pk}"
    place = (
        f"{source.place}: {masked(document.title)} ({masked_name(document.filename)})"
    )
    findings = _scan_file_labels(field, place, document.title, document.filename)
    try:
        parts = document_parts(document)
    except Unreadable as error:
        return [*findings, _unreadable(field, place, str(error))]
    for part in parts:
        findings += scan_text(part.text, field=field, place=f"{place}, {part.place}")
    return findings


def _scan_image(source: _Source) -> list[Finding]:
    """The image's title, description (its default alt text) and file name,
    then its EXIF position."""
    image = source.image
    field = f"image:{image.file_hash or image.pk}"
    place = f"{source.place}: {masked(image.title)}"
    findings = _scan_file_labels(field, place, image.title, image.filename)
    description = getattr(image, "description", "")
    if description:
        findings += scan_text(description, field=field, place=f"{place}, description")
    try:
        has_gps = image_has_gps(image)
    except Unreadable as error:
        return [*findings, _unreadable(field, place, str(error))]
    if not has_gps:
        return findings
    return [
        *findings,
        Finding(
            kind=Kind.GPS,
            field=field,
            place=place,
            excerpt=mask(image.title) + " (EXIF GPS position)",
            fingerprint=fingerprint(field, Kind.GPS, ""),
        ),
    ]


def _scan_file_labels(
    field: str, place: str, title: str, filename: str
) -> list[Finding]:
    return scan_text(title, field=field, place=f"{place}, title") + scan_text(
        identifier_text(filename), field=field, place=f"{place}, file name"
    )


def masked(text: str) -> str:
    """``text`` with everything suspected in it masked: safe to show in a place."""
    spans = detect(text)
    for span in reversed(spans):
        text = text[: span.start] + mask(text[span.start : span.end]) + text[span.end :]
    return text


def masked_name(filename: str) -> str:
    """A file name with what the detectors find in it (read as words) masked."""
    return filename if not detect(identifier_text(filename)) else mask(filename)


def _unreadable(field: str, place: str, reason: str) -> Finding:
    return Finding(
        kind=Kind.UNREADABLE,
        field=field,
        place=place,
        excerpt=reason,
        fingerprint=fingerprint(field, Kind.UNREADABLE, ""),
    )


def html_text(html: str) -> str:
    for tag in _BLOCK_BREAKS:
        html = html.replace(tag, tag + "\n")
    return strip_tags(html).replace("&nbsp;", " ")


def _label(field) -> str:
    return capfirst(str(getattr(field, "verbose_name", field.name)))


def _sources(page) -> Iterator[_Source]:
    for field in page._meta.concrete_fields:
        if field.model is Page and field.name not in PAGE_TEXT_FIELDS:
            continue
        yield from _field_sources(page, field)
    # Inline children (orderables) edited with the page, e.g. follow-up actions.
    for relation in get_all_child_relations(type(page)):
        if relation.related_model._meta.app_label == "wagtailcore":
            continue  # editors' comments are never published
        name = relation.get_accessor_name()
        for number, child in enumerate(getattr(page, name).all(), start=1):
            for field in child._meta.concrete_fields:
                for source in _field_sources(child, field):
                    yield _Source(
                        field=f"{name}.{source.field}",
                        place=f"{capfirst(relation.related_model._meta.verbose_name)} "
                        f"{number} › {source.place}",
                        text=source.text,
                        document=source.document,
                        image=source.image,
                    )


def _field_sources(instance, field) -> Iterator[_Source]:
    value = getattr(instance, field.attname, None)
    if isinstance(field, StreamField):
        yield from _stream_sources(
            getattr(instance, field.name), field.name, _label(field)
        )
    elif isinstance(field, RichTextField):
        yield _Source(field.name, _label(field), html_text(value or ""))
    elif isinstance(field, models.ForeignKey):
        target = field.related_model
        if issubclass(target, AbstractDocument | AbstractImage) and value:
            related = getattr(instance, field.name)
            key = "document" if issubclass(target, AbstractDocument) else "image"
            yield _Source(field.name, _label(field), **{key: related})
    elif isinstance(field, models.SlugField) and value:
        # An address is read word by word: "victim-ana-petrovic".
        yield _Source(field.name, _label(field), identifier_text(str(value)))
    elif (
        isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not isinstance(field, models.URLField)
        and value
    ):
        yield _Source(field.name, _label(field), str(value))


def _stream_sources(stream: StreamValue, field: str, label: str) -> Iterator[_Source]:
    for number, block in enumerate(stream or [], start=1):
        place = f"{label} › block {number} ({block.block.label})"
        yield from _value_sources(block.value, field, place)


def _value_sources(value, field: str, place: str) -> Iterator[_Source]:
    if isinstance(value, RichText):
        yield _Source(field, place, html_text(value.source))
    elif isinstance(value, str):
        if value:
            yield _Source(field, place, value)
    elif isinstance(value, AbstractDocument):
        yield _Source(field, place, document=value)
    elif isinstance(value, AbstractImage):
        yield _Source(field, place, image=value)
    elif isinstance(value, StructValue):
        for child in value.values():
            yield from _value_sources(child, field, place)
    elif isinstance(value, StreamValue):
        for number, block in enumerate(value, start=1):
            yield from _value_sources(block.value, field, f"{place} › {number}")
    elif isinstance(value, ListValue | list | tuple):
        for child in value:
            yield from _value_sources(child, field, place)
