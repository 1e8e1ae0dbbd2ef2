"""A document as an A4 PDF, rendered with WeasyPrint from an HTML template.

Rendering takes a second or so, so each PDF is kept in the cache under the page's
live revision and the site-wide content version (``knowledge.content_cache``). The PDF
shows more than the page's own revision: the partner's name and logo, topic names,
titles and addresses of linked pages. The content version goes up whenever any of
those change (and whenever anything else is published), so a PDF is redrawn at
most once per change of the site, never shown stale.
"""

import hashlib
import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from knowledge.content_cache import content_version, remember
from knowledge.privacy import is_member
from knowledge.site_structure import site_name

from .citations import Citation

# Bump when the PDF template or its styles change, so cached PDFs are redrawn.
PDF_LAYOUT_VERSION = 6
CACHE_SECONDS = 60 * 60 * 24 * 30


class LocalFileFetcher(URLFetcher):
    """Reads images and styles from the project's own files, never the network."""

    def fetch(self, url, headers=None):
        path = unquote(urlsplit(url).path)
        if path.startswith(settings.MEDIA_URL):
            name = path.removeprefix(settings.MEDIA_URL)
            with default_storage.open(name) as file:
                body = file.read()
        elif path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if not found:
                raise ValueError(f"No static file {path}")
            with open(found, "rb") as file:
                body = file.read()
        else:
            raise ValueError(f"Not a local file: {url}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def pdf_audience(page, user) -> str:
    """Who the PDF is drawn for: members get the members-only annex in it, so
    their PDF is never the one kept for, or shown to, anyone else."""
    return "members" if page.has_members_annex and is_member(user) else "public"


def pdf_version(page, audience: str) -> str | None:
    """What the page's current PDF depends on, for its cache key and ETag; None
    when it has no live revision to pin the content to (it is then rendered
    afresh each time)."""
    if not page.live_revision_id:
        return None
    return (
        f"{PDF_LAYOUT_VERSION}-{page.pk}-{page.live_revision_id}-{audience}-"
        f"{content_version()}"
    )


def pdf_cache_key(version: str, *, url: str) -> str:
    url_hash = hashlib.sha256(url.encode()).hexdigest()[:16]
    return f"knowledge:pdf:{version}:{url_hash}"


def render_pdf(page, *, url: str, base_url: str, audience: str) -> bytes:
    html = render_to_string(
        "outputs/document_pdf.html",
        {
            "page": page,
            "members_annex": page.members_annex if audience == "members" else None,
            "page_url": url,
            "citation": Citation.for_page(page, url=url),
            "site_name": site_name(),
        },
    )
    return HTML(
        string=html, base_url=base_url, url_fetcher=LocalFileFetcher()
    ).write_pdf()


def document_pdf_bytes(
    page, *, url: str, base_url: str, audience: str, version: str | None
) -> bytes:
    """The PDF of ``page`` for ``audience`` at ``version`` (see
    :func:`pdf_version`), from the cache when it holds it."""

    def render():
        return render_pdf(page, url=url, base_url=base_url, audience=audience)

    if not version:
        return render()
    return remember(pdf_cache_key(version, url=url), render, CACHE_SECONDS)
