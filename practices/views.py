"""Practice guides read side by side."""

from django.db.models import Case, When
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from knowledge.selectors import visible_documents

from .forms import LARGEST_ID, CompareForm
from .models import COMPARE_SLUG, PART_NAMES, PracticeGuidePage

# The comparison's address, in the guides' section: /en/practices/compare/.
ROUTE = f"{PracticeGuidePage.type_entry.section.slug}/{COMPARE_SLUG}/"


def compare(request):
    """Up to three guides, part by part (``?guides=12&guides=40``). Guides are
    read only through the visibility rule: one the reader may not open is left
    out exactly as one that does not exist, and only counted as not shown."""
    form = CompareForm(request.GET)
    guides, missing = [], 0
    if form.is_valid():
        ids = form.cleaned_data["guides"]
        guides = chosen_guides(request.user, ids)
        missing = len(ids) - len(guides)
    return TemplateResponse(
        request,
        "practices/compare.html",
        {
            "form": form,
            "guides": guides,
            "missing": missing,
            "rows": part_rows(guides),
            "section_url": reverse(
                "wagtail_serve", args=[f"{PracticeGuidePage.type_entry.section.slug}/"]
            ),
        },
        status=200 if form.is_valid() else 400,
    )


def chosen_guides(user, ids: list[int]) -> list[PracticeGuidePage]:
    """The guides of ``ids`` ``user`` may open, in the order chosen, each with
    the evaluation documents ``user`` may download."""
    ids = [pk for pk in ids if pk <= LARGEST_ID]
    if not ids:
        return []
    order = Case(*(When(pk=pk, then=position) for position, pk in enumerate(ids)))
    guides = list(
        visible_documents(user=user, model="practices.PracticeGuidePage")
        .filter(pk__in=ids)
        .select_related("partner")
        .order_by(order)
    )
    for guide in guides:
        guide.visible_evaluations = guide.evaluation_documents_for(user)
    return guides


def part_rows(guides: list[PracticeGuidePage]) -> list[dict]:
    """A row for each part, a cell for each guide; then the guides' other notes
    when one has any (a body that is not read as the method)."""
    if not guides:
        return []
    parts = [guide.parts for guide in guides]
    rows = [
        {
            "name": name,
            "heading": parts[0][position].heading,
            "cells": [
                {"guide": guide, "part": guide_parts[position]}
                for guide, guide_parts in zip(guides, parts, strict=True)
            ],
        }
        for position, name in enumerate(PART_NAMES)
    ]
    if any(guide.body and not guide.body_is_method for guide in guides):
        rows.append(
            {
                "name": "notes",
                "heading": _("Other notes"),
                "cells": [{"guide": guide, "part": None} for guide in guides],
            }
        )
    return rows
