from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from knowledge.models import LISTING_PAGE_SIZE
from knowledge.pagination import RememberedCountPaginator

from .models import Amendment, StandardArticle
from .selectors import citing_documents, standards_with_articles


def standard_index(request):
    return TemplateResponse(
        request,
        "standards/standard_index.html",
        {"standards": standards_with_articles(user=request.user)},
    )


def standard_detail(request, code):
    standard = get_object_or_404(standards_with_articles(user=request.user), code=code)
    amendments = Amendment.objects.filter(article__standard=standard).select_related(
        "article__standard"
    )
    return TemplateResponse(
        request,
        "standards/standard_detail.html",
        {"standard": standard, "amendments": amendments},
    )


def article_detail(request, code, key):
    article = get_object_or_404(
        StandardArticle.objects.select_related("standard"),
        standard__code=code,
        key=key,
    )
    documents = citing_documents(article=article, user=request.user)
    page = RememberedCountPaginator(documents, LISTING_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "standards/article_detail.html",
        {
            "article": article,
            "standard": article.standard,
            "documents": page,
            "page_obj": page,
        },
    )
