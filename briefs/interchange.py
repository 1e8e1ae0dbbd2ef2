"""A policy brief's interchange record (``records.types.RecordType``)."""

from records.readers import optional_text, reference_list, string_list
from records.types import RecordType
from standards.models import CITED_ARTICLES

FIELDS = {
    "recommendations": (string_list, False, []),
    "audience": (optional_text, False, ""),
    "standards": (reference_list, False, []),
}


def export(page) -> dict:
    return {
        "recommendations": page.recommendation_texts,
        "audience": page.audience,
        "standards": [article.reference for article in page.cited_articles()],
    }


def fill(page, data: dict, writer) -> None:
    page.audience = data["audience"]
    page.recommendations = [
        ("recommendation", text) for text in data["recommendations"]
    ]


RECORD = RecordType(
    fields=FIELDS,
    export=export,
    fill=fill,
    prefetch_related=(CITED_ARTICLES,),
)
