from itertools import groupby

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django_countries import countries

from knowledge.document_types import document_types
from knowledge.evidence import EvidenceLevel
from knowledge.filters import DocumentFilters, filtered_documents
from knowledge.models import LISTING_PAGE_SIZE, Partner, Topic
from knowledge.pagination import RememberedCountPaginator
from knowledge.selectors import (
    evidence_counts,
    partner_visits,
    topics_with_counts,
)


def topic_index(request):
    """The topics of documents the reader may open: one only hidden documents
    carry would give away what they are about."""
    topics = [
        topic for topic in topics_with_counts(user=request.user) if topic.document_count
    ]
    return TemplateResponse(request, "knowledge/topic_index.html", {"topics": topics})


def topic_detail(request, slug):
    """A topic's documents; not found, like an unknown topic, for a reader who
    may open none of them."""
    topic = get_object_or_404(Topic, slug=slug)
    documents = filtered_documents(
        user=request.user, filters=DocumentFilters(topic=slug)
    )
    paginator = RememberedCountPaginator(documents, LISTING_PAGE_SIZE)
    if not paginator.count:
        raise Http404
    page = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "knowledge/topic_detail.html",
        {"topic": topic, "documents": page, "page_obj": page},
    )


def partner_index(request):
    partners = Partner.objects.select_related("logo").order_by("country", "name")
    by_country = [
        (countries.name(code), list(group))
        for code, group in groupby(partners, key=lambda partner: partner.country.code)
    ]
    return TemplateResponse(
        request, "knowledge/partner_index.html", {"partners_by_country": by_country}
    )


def partner_detail(request, slug):
    partner = get_object_or_404(Partner.objects.select_related("logo"), slug=slug)
    documents = filtered_documents(
        user=request.user, filters=DocumentFilters(partner=slug)
    ).exclude(studyvisitpage__isnull=False)
    page = RememberedCountPaginator(documents, LISTING_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "knowledge/partner_detail.html",
        {
            "partner": partner,
            "documents": page,
            "page_obj": page,
            "visits": partner_visits(partner=partner, user=request.user)[:20],
        },
    )


def evidence(request):
    """The evidence ladder explained, with how many guides stand on each rung."""
    counts = evidence_counts(user=request.user)
    section = document_types["practice"].section
    listing = reverse("wagtail_serve", args=[f"{section.slug}/"])
    levels = [
        {
            "level": level,
            "count": counts.get(level.value, 0),
            "url": f"{listing}?{urlencode({'evidence': level.value})}",
        }
        for level in EvidenceLevel
    ]
    return TemplateResponse(request, "knowledge/evidence.html", {"levels": levels})
