from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from knowledge.document_types import document_types
from knowledge.evidence import EvidenceLevel
from knowledge.languages import bcp47_tag
from knowledge.site_structure import site_name as translated_site_name
from knowledge.translations import language_versions

register = template.Library()


@register.simple_tag
def html_lang() -> str:
    """The BCP 47 tag of the active language, for ``<html lang>``."""
    return bcp47_tag(get_language())


@register.simple_tag
def site_name() -> str:
    """The site's name in the active language, for titles."""
    return translated_site_name()


@register.simple_tag
def document_sections() -> list:
    """The sections of the document types, in the registry's order, for the
    main navigation: each has ``slug`` and ``title`` (English, to translate)."""
    return [entry.section for entry in document_types]


@register.simple_tag(takes_context=True)
def page_language_versions(context) -> list:
    """The page being shown, in every interface language (see ``language_versions``)."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    return language_versions(
        request,
        current=get_language(),
        page=page if isinstance(page, Page) else None,
    )


@register.inclusion_tag("components/evidence_badge.html")
def evidence_badge(level: str | None) -> dict:
    """A practice guide's evidence level as a labelled link to the evidence page;
    nothing for documents without one."""
    return {"level": EvidenceLevel(level) if level in EvidenceLevel.values else None}
