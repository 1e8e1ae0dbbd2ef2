from urllib.parse import urlencode

from django import template
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from outputs.citations import Citation

register = template.Library()


@register.simple_tag(takes_context=True)
def citation(context, page) -> Citation:
    """How to cite ``page``, with its address on the site the reader is on."""
    request = context["request"]
    return Citation.for_page(
        page, url=request.build_absolute_uri(page.get_url(request=request))
    )


@register.simple_tag(takes_context=True)
def download_url(context, page, name: str) -> str:
    """The address of one of the page's downloads (``pdf``, ``bibtex``, ``ris``).

    File names such as ``cite.bib`` are given without Wagtail's trailing slash.
    """
    suffix = page.reverse_subpage(name).strip("/")
    page_url = page.get_url(request=context.get("request"))
    return page_url + suffix + ("" if "." in suffix else "/")


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's address without its query string."""
    request = context["request"]
    return request.build_absolute_uri(request.path)


@register.inclusion_tag("components/feed_link.html")
def feed_link(*, title: str = "", listing=None, **filters) -> dict:
    """A ``<link rel="alternate">`` to the Atom feed with ``filters``, e.g.
    ``topic=topic.slug``; ``listing=page`` filters by the index page's type.
    The feed speaks the page's language (``lang``) when it is not the default."""
    if listing is not None:
        filters["type"] = apps.get_model(listing.listing_model).document_type
    language = translation.get_language()
    if language and language != settings.LANGUAGE_CODE:
        filters["lang"] = language
    query = urlencode({name: value for name, value in filters.items() if value})
    href = reverse("document_feed") + (f"?{query}" if query else "")
    return {"href": href, "title": title}
