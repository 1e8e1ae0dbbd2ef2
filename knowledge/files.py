"""Serving library files: each download passes the privacy of the pages using it."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail import hooks

from knowledge.privacy import is_member, may_download


@hooks.register("before_serve_document")
def serve_only_to_readers_of_its_pages(document, request):
    """Wagtail checks the file's collection; this checks every page using it,
    whatever made the page or the link (admin, import, copy, translation)."""
    if may_download(request, document):
        return None
    if not is_member(request.user):
        return redirect_to_login(request.get_full_path())
    raise Http404("No such file.")
