"""What the standards pages show, through the reader's visible documents only."""

from django.db.models import Count, Prefetch, Q, QuerySet

from knowledge.selectors import visible_documents, with_card_data

from .models import Standard, StandardArticle


def articles_with_counts(*, user) -> QuerySet:
    """Articles, each with the number of documents citing it that the reader may
    open (restricted ones only for signed-in readers)."""
    visible = visible_documents(user=user).values("pk")
    return StandardArticle.objects.annotate(
        document_count=Count("citations", filter=Q(citations__page__in=visible))
    ).order_by("sort_order", "pk")


def standards_with_articles(*, user) -> QuerySet:
    """Every standard with its articles and their visible counts: two queries."""
    return Standard.objects.prefetch_related(
        Prefetch("articles", queryset=articles_with_counts(user=user))
    )


def citing_documents(*, article: StandardArticle, user) -> QuerySet:
    """Documents citing ``article`` that the reader may open, newest first."""
    queryset = visible_documents(user=user).filter(standard_citations__article=article)
    return with_card_data(queryset.order_by("-date", "-pk"))
