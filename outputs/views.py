"""Downloads of one document (PDF, BibTeX, RIS) and the site-wide robots.txt.

The document views are reached through the page's routes, so Wagtail has already
applied the page's privacy before they run.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control

from .citations import Citation
from .pdf import document_pdf_bytes, pdf_audience, pdf_version


def _downloadable(page):
    if not page.has_downloads:
        raise Http404("This document has no downloads.")
    return page


def _absolute_url(request, page) -> str:
    return request.build_absolute_uri(page.get_url(request=request))


def _keep_private(response, page, *, members_only=False):
    """Restricted documents, and what holds a members-only annex, stay out of
    shared caches and proxies."""
    if page.restricted or members_only:
        patch_cache_control(response, private=True)
    return response


def _attachment(content, *, content_type, filename, page, disposition="attachment"):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return _keep_private(response, page)


def document_pdf(request, page):
    page = _downloadable(page)
    url = _absolute_url(request, page)
    # No Last-Modified: the page's publication date would not move when a
    # partner or topic shown in the PDF is renamed; the ETag does.
    audience = pdf_audience(page, request.user)
    members_only = audience == "members"
    version = pdf_version(page, audience)
    etag = f'"pdf-{version}"' if version else None
    if etag:
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return _keep_private(not_modified, page, members_only=members_only)
    pdf = document_pdf_bytes(
        page,
        url=url,
        base_url=request.build_absolute_uri("/"),
        audience=audience,
        version=version,
    )
    response = _keep_private(
        _attachment(
            pdf,
            content_type="application/pdf",
            filename=f"{page.slug}.pdf",
            page=page,
            disposition="inline",
        ),
        page,
        members_only=members_only,
    )
    if etag:
        response["ETag"] = etag
    return response


def document_bibtex(request, page):
    page = _downloadable(page)
    citation = Citation.for_page(page, url=_absolute_url(request, page))
    return _attachment(
        citation.bibtex(),
        content_type="application/x-bibtex; charset=utf-8",
        filename=f"{page.slug}.bib",
        page=page,
    )


def document_ris(request, page):
    page = _downloadable(page)
    citation = Citation.for_page(page, url=_absolute_url(request, page))
    return _attachment(
        citation.ris(),
        content_type="application/x-research-info-systems; charset=utf-8",
        filename=f"{page.slug}.ris",
        page=page,
    )


def crawler_disallowed_paths() -> list[str]:
    """The admin, and in every language the search results and sign-in pages."""
    paths = [reverse("wagtailadmin_home"), "/django-admin/", "/_util/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [reverse("search"), reverse("login").removesuffix("login/")]
    return paths


def robots_txt(request):
    return TemplateResponse(
        request,
        "outputs/robots.txt",
        {
            "disallowed_paths": crawler_disallowed_paths(),
            "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
        },
        content_type="text/plain; charset=utf-8",
    )
