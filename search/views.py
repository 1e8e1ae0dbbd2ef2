import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from search.analytics import log_search, promotions_for
from search.forms import SearchForm
from search.queries import (
    SearchResults,
    autocomplete,
    popular_topics,
    search_documents,
)
from search.serializers import results_as_json

FACET_LABELS = {
    "type": _("Type"),
    "topic": _("Topic"),
    "partner": _("Partner"),
    "country": _("Country"),
    "language": _("Language"),
    "year": _("Year"),
    "evidence": _("Evidence"),
    "standard": _("Standard"),
    "lineage": _("Lineage"),
    "follow_up": _("Follow-up"),
}


JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _json(data) -> HttpResponse:
    """JSON whose strings never carry raw ``<``, ``>`` or ``&``, whoever reads it."""
    content = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_ESCAPES)
    return HttpResponse(content, content_type="application/json")


def _private(response):
    """Answers depend on who reads them: never cache them anywhere shared."""
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def _link(params: dict) -> str:
    return "?" + urlencode({k: v for k, v in params.items() if v not in ("", None)})


def _facet_groups(request, results: SearchResults) -> list[dict]:
    """Each facet with a link that adds or removes its value, keeping the rest."""
    params = {k: request.GET.get(k, "") for k in ("q", *FACET_LABELS, "per_page")}
    groups = []
    for name, label in FACET_LABELS.items():
        values = [
            {
                "label": value.label,
                "count": value.count,
                "selected": value.selected,
                "url": _link(
                    {**params, name: "" if value.selected else value.value, "page": ""}
                ),
            }
            for value in results.facets.get(name, [])
        ]
        if values:
            groups.append({"name": name, "label": label, "values": values})
    return groups


def _suggestion_url(request, results: SearchResults) -> str:
    """The same search, filters kept, with the suggested words instead."""
    if not results.suggestion:
        return ""
    params = request.GET.copy()
    params["q"] = results.suggestion
    params.pop("page", None)
    return "?" + params.urlencode()


@require_safe
def search(request):
    form = SearchForm(request.GET, user=request.user)
    query = form.search_query()
    filters = form.cleaned_filters()
    page = form.page_number()
    per_page = form.per_page()
    if filters is None:
        results = SearchResults.empty(query=query, per_page=per_page)
    else:
        results = search_documents(
            user=request.user,
            query=query,
            filters=filters,
            page=page,
            per_page=per_page,
        )
        if query and results.page == 1:
            log_search(query, found=results.total > 0)
    if form.wants_json():
        return _private(_json(results_as_json(results)))
    context = {
        "form": form,
        "query": query.text,
        "search_query": query,
        "results": results,
        "promotions": promotions_for(query, user=request.user) if page == 1 else [],
        "popular_topics": (
            popular_topics(user=request.user) if query and not results.total else []
        ),
        "has_filters": bool(filters and any(vars(filters).values())),
        "facet_groups": _facet_groups(request, results),
        "without_filters_url": _link({"q": query.text}),
        "suggestion_url": _suggestion_url(request, results),
        "active_filters": {
            name: request.GET.get(name)
            for name in FACET_LABELS
            if filters and request.GET.get(name)
        },
    }
    context["active_chips"] = [
        {"group": group["label"], "label": value["label"], "url": value["url"]}
        for group in context["facet_groups"]
        for value in group["values"]
        if value["selected"]
    ]
    return _private(TemplateResponse(request, "search/search.html", context))


@require_safe
def search_autocomplete(request):
    form = SearchForm(request.GET, user=request.user)
    query = form.search_query()
    entries = autocomplete(query, user=request.user)
    return _private(_json({"query": query.text, "results": entries}))
