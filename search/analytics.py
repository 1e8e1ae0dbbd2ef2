"""What editors learn from searches: popular queries (Wagtail's search promotions
``Query`` hits), queries without results, and the results they promote."""

from django.db.models import Q
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from knowledge.models import KnowledgePage
from knowledge.selectors import visible_documents
from search.models import UnansweredQuery
from search.text import SearchQuery


def log_search(query: SearchQuery, *, found: bool):
    text = normalise_query_string(query.text)
    if not text:
        return
    Query.get(text).add_hit()
    if not found:
        UnansweredQuery.record(text)


def promotions_for(query: SearchQuery, *, user) -> list[SearchPromotion]:
    """Editors' picks for the query (as typed, or folded), that the reader may open,
    each with the ``url`` it links to (Wagtail's ``link`` is the page itself) and
    the ``language`` of a promoted document (None for another page or a link)."""
    if not query:
        return []
    strings = {normalise_query_string(query.text), query.folded}
    promotions = list(
        SearchPromotion.objects.filter(query__query_string__in=strings)
        .select_related("page")
        .order_by("sort_order")
    )
    page_ids = [p.page_id for p in promotions if p.page_id]
    allowed, languages = set(), {}
    if page_ids:
        documents = KnowledgePage.objects.filter(pk__in=page_ids)
        languages = dict(documents.values_list("pk", "language"))
        allowed = set(
            visible_documents(user=user)
            .filter(pk__in=page_ids)
            .values_list("pk", flat=True)
        ) | set(
            Page.objects.live()
            .public()
            .filter(pk__in=page_ids)
            .exclude(Q(pk__in=documents.values("pk")))
            .values_list("pk", flat=True)
        )
    shown = [p for p in promotions if p.page_id is None or p.page_id in allowed]
    for promotion in shown:
        promotion.url = (
            promotion.page.url if promotion.page_id else promotion.external_link_url
        )
        promotion.language = languages.get(promotion.page_id)
    return shown
