"""Addresses under a page's own address, inside the language prefix."""

from django.urls import re_path
from wagtail import views as wagtail_views

urlpatterns = [
    # Wagtail serves only paths that end in a slash; these end in a file name.
    # They go through Wagtail's page serving, so page privacy applies.
    re_path(
        r"^(?P<path>(?:[\w\-]+/)+cite\.(?:bib|ris))$",
        wagtail_views.serve,
        name="document_citation",
    ),
]
