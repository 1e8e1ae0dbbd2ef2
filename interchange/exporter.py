"""Read the whole knowledge base out as interchange records."""

import json
from collections.abc import Iterator

from django.conf import settings
from wagtail.models import Locale

from knowledge.document_types import document_types
from knowledge.fields import split_lines
from knowledge.models import Partner, Topic
from knowledge.privacy import Privacy, restrictions_over

from .markdown import body_to_markdown, html_to_markdown


def export_records() -> Iterator[dict]:
    for topic in Topic.objects.order_by("name"):
        yield {
            "type": "topic",
            "slug": topic.slug,
            "name": topic.name,
            "description": topic.description,
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
    for entry in document_types.in_interchange_order():
        document_type, model = entry.key, entry.model
        pages = model.objects.select_related("partner", "locale").prefetch_related(
            "topics"
        )
        if document_type in ("practice", "brief"):
            pages = pages.prefetch_related("standard_citations__article__standard")
        if document_type == "practice":
            pages = pages.select_related("adapted_from").prefetch_related(
                "evaluation_documents__document"
            )
        elif document_type == "visit":
            pages = pages.select_related("host").prefetch_related(
                "participants",
                "related_practices",
                "follow_up_actions__owner",
                "follow_up_actions__resulting_guide",
            )
        elif document_type == "training":
            pages = pages.prefetch_related(
                "modules", "materials__document", "related_practices"
            )
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
    }
    if document_type == "practice":
        record |= {
            "target_groups": split_lines(content.target_groups),
            "standards": _references(content),
            "other_standards": split_lines(content.other_standards),
            "evidence_level": content.evidence_level,
            "children_feedback": content.children_feedback,
            "carers_feedback": content.carers_feedback,
            "evaluation_documents": [
                {"file": evaluation.document.file.name, "label": evaluation.label}
                for evaluation in content.evaluation_documents.all()
            ],
            "contact_point": content.contact_point,
            "adapted_from": content.adapted_from.slug if content.adapted_from else None,
            "adaptation_notes": content.adaptation_notes,
        }
    elif document_type == "visit":
        record |= {
            "host": content.host.slug,
            "participants": sorted(p.slug for p in content.participants.all()),
            "location": content.location,
            "start_date": content.start_date.isoformat(),
            "end_date": content.end_date.isoformat(),
            "lessons": html_to_markdown(content.lessons),
            "follow_up": html_to_markdown(content.follow_up),
            "follow_up_actions": [
                {
                    "description": action.description,
                    "owner": action.owner.slug,
                    "due_date": action.due_date.isoformat()
                    if action.due_date
                    else None,
                    "status": action.status,
                    "resulting_guide": action.resulting_guide.slug
                    if action.resulting_guide
                    else None,
                    "note": action.note,
                }
                for action in content.follow_up_actions.all()
            ],
            "related_practices": sorted(
                p.slug for p in content.related_practices.all()
            ),
        }
    elif document_type == "brief":
        record |= {
            "recommendations": content.recommendation_texts,
            "audience": content.audience,
            "standards": _references(content),
        }
    elif document_type == "training":
        record |= {
            "target_groups": content.target_group_list,
            "modules": [
                {
                    "title": module.title,
                    "hours": module.hours,
                    "learning_outcomes": module.learning_outcome_list,
                }
                for module in content.modules.all()
            ],
            "trainer_requirements": content.trainer_requirements,
            "accreditation_body": content.accreditation_body,
            "accreditation_status": content.accreditation_status,
            "accredited_until": content.accredited_until.isoformat()
            if content.accredited_until
            else None,
            "materials": [
                {"file": material.document.file.name, "title": material.title}
                for material in content.materials.all()
            ],
            "related_practices": sorted(
                p.slug for p in content.related_practices.all()
            ),
        }
    return record


def _references(page) -> list[str]:
    return [citation.article.reference for citation in page.standard_citations.all()]


def export_lines() -> Iterator[str]:
    for record in export_records():
        yield json.dumps(record, ensure_ascii=False) + "\n"
