from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from knowledge.selectors import visible_documents, with_listing_data

MAX_QUERY_LENGTH = 200


def search(request):
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())
    query = query[:MAX_QUERY_LENGTH]
    results = []
    if query:
        documents = with_listing_data(visible_documents(user=request.user))
        results = documents.search(query)
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    response = TemplateResponse(
        request, "search/search.html", {"query": query, "results": page}
    )
    response["Cache-Control"] = "private, no-store"
    return response
