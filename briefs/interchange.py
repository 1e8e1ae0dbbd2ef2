"""A policy brief's interchange record (``records.types.RecordType``)."""

from knowledge.fields import join_lines, split_lines
from records.readers import optional_text, standard_list, string_list, text
from records.types import RecordType
from standards.models import CITED_ARTICLES


def attachment(value):
    """The brief's file: its name in the media folder, as export writes it
    (read as the one item of a list of library files)."""
    return [{"file": text(value)}]


FIELDS = {
    "recommendations": (string_list, False, []),
    "audience": (optional_text, False, ""),
    "standards": (standard_list, False, []),
    "other_standards": (string_list, False, []),
    # Left out or null: a brief keeps the file it has (files before format
    # version 4 did not carry it).
    "attachment": (attachment, False, None),
}


def export(page) -> dict:
    return {
        "recommendations": page.recommendation_texts,
        "audience": page.audience,
        "standards": [citation.reference for citation in page.citations()],
        "other_standards": split_lines(page.other_standards),
        "attachment": page.attachment.file.name if page.attachment else None,
    }


def fill(page, data: dict, writer) -> None:
    page.audience = data["audience"]
    page.recommendations = [
        ("recommendation", text) for text in data["recommendations"]
    ]
    page.other_standards = join_lines(data["other_standards"])
    if data["attachment"] is not None:
        page.attachment = writer.library_files(data["attachment"])[
            data["attachment"][0]["file"]
        ]


RECORD = RecordType(
    fields=FIELDS,
    export=export,
    fill=fill,
    select_related=("attachment",),
    prefetch_related=(CITED_ARTICLES,),
    files="attachment",
)
