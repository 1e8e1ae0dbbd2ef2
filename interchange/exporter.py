"""Read the whole knowledge base out as interchange records."""

import json
from collections.abc import Iterator
from datetime import UTC

from django.conf import settings
from wagtail.models import Locale

from knowledge.document_types import document_types
from knowledge.languages import TRANSLATED_LANGUAGES, translation_field
from knowledge.models import Partner, Topic
from knowledge.models.topics import TRANSLATED_FIELDS
from knowledge.privacy import Privacy, restrictions_over
from records.markdown import body_to_markdown
from standards.models import Amendment

from .records import FORMAT_VERSION, VERSION_RECORD


def topic_translations(topic) -> dict[str, dict[str, str]]:
    """The topic's names and descriptions by language, those it has."""
    translations = {}
    for tag in TRANSLATED_LANGUAGES:
        texts = {
            field: getattr(topic, translation_field(field, tag))
            for field in TRANSLATED_FIELDS
        }
        if any(texts.values()):
            translations[tag] = {field: text for field, text in texts.items() if text}
    return translations


def export_records() -> Iterator[dict]:
    yield {"type": VERSION_RECORD, "version": FORMAT_VERSION}
    for topic in Topic.objects.order_by("name"):
        yield {
            "type": "topic",
            "slug": topic.slug,
            "name": topic.name,
            "description": topic.description,
            "translations": topic_translations(topic),
        }
    for partner in Partner.objects.order_by("slug"):
        yield {
            "type": "partner",
            "slug": partner.slug,
            "name": partner.name,
            "country": partner.country.code,
            "website": partner.website,
            "description": partner.description,
        }
    amendments = Amendment.objects.select_related("article__standard").order_by(
        "article__standard__code", "article__sort_order", "article__key", "date"
    )
    for amendment in amendments:
        yield {
            "type": "amendment",
            "article": amendment.article.reference,
            "date": amendment.date.isoformat(),
            "note": amendment.note,
            "url": amendment.url,
        }
    for entry in document_types.in_interchange_order():
        document_type, model = entry.key, entry.model
        spec = entry.interchange_record
        pages = model.objects.select_related(
            "partner", "locale", *spec.select_related
        ).prefetch_related("topics", *spec.prefetch_related)
        originals = dict(
            model.objects.filter(locale=Locale.get_default()).values_list(
                "translation_key", "slug"
            )
        )
        for page in pages.order_by("path"):
            yield document_record(document_type, page, originals)


def _restriction(page) -> dict | None:
    """The strictest restriction over the page, by kind and group names; a
    password never leaves the site."""
    if page.privacy == Privacy.PUBLIC:
        return None
    record = {"kind": page.privacy}
    if page.privacy == Privacy.GROUPS:
        record["groups"] = sorted(
            restrictions_over(page)
            .filter(restriction_type=Privacy.GROUPS)
            .values_list("groups__name", flat=True)
            .exclude(groups__isnull=True)
            .distinct()
        )
    return record


def _moment(value) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def document_record(document_type: str, page, originals: dict) -> dict:
    """``originals`` maps translation keys to the slugs of the default locale's
    documents, which a translation names in ``translation_of``."""
    # A page never published keeps its newest content in its latest revision.
    content = page if page.live else (page.get_latest_revision_as_object() or page)
    record = {
        "type": document_type,
        "slug": page.slug,
        "title": content.title,
        "summary": content.summary,
        "body": body_to_markdown(content.body),
        "language": content.language,
        "partner": content.partner.slug,
        "country": content.country.code,
        "date": content.date.isoformat(),
        "topics": sorted(topic.name for topic in content.topics.all()),
        "restricted": page.restricted,
        "restriction": _restriction(page),
        "status": "published" if page.live else "draft",
        "last_reviewed": content.last_reviewed.isoformat()
        if content.last_reviewed
        else None,
        "locale": page.locale.language_code,
        "translation_of": None
        if page.locale.language_code == settings.LANGUAGE_CODE
        else originals.get(page.translation_key),
        "review_interval": content.review_interval,
        "seo_title": content.seo_title,
        "search_description": content.search_description,
        "show_in_menus": content.show_in_menus,
        "go_live_at": _moment(content.go_live_at),
        "expire_at": _moment(content.expire_at),
        "members_annex": body_to_markdown(content.members_annex),
    }
    return record | document_types[document_type].interchange_record.export(content)


def export_lines() -> Iterator[str]:
    for record in export_records():
        yield json.dumps(record, ensure_ascii=False) + "\n"
