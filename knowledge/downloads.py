"""A document's downloads (its PDF, BibTeX and RIS citations).

The document page routes them (``KnowledgePage.pdf`` and its neighbours); the
outputs package, which sits above the core, registers the views that make them
when its app is ready. The core so names no module above it.
"""

from django.http import Http404

_views = {}


def register_download(name: str, view) -> None:
    """Make ``view(request, page)`` answer the page's ``name`` route."""
    _views[name] = view


def serve_download(request, page, name: str):
    if name not in _views:
        raise Http404
    return _views[name](request, page)
