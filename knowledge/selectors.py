"""Read queries shared by listings, topic and partner pages, the home page and search.

Every query a reader can reach starts from :func:`visible_documents`, so the rule
"only readers the page's privacy admits, drafts never" lives in one place.
"""

from django.apps import apps
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)

from knowledge.content_cache import remember
from knowledge.document_types import document_types
from knowledge.models import Partner, TaggedDocument, Topic
from knowledge.privacy import readable_by, reader_key


def visible_documents(*, user, model: str = "knowledge.KnowledgePage") -> QuerySet:
    """Live documents the reader may open (knowledge.privacy's rule).

    Filters on the indexed ``privacy`` column, which signals keep equal to
    Wagtail's page privacy (own or inherited). Wagtail's ``.public()`` would add
    one SQL clause per private page, which breaks down with thousands of
    restricted documents.
    """
    return apps.get_model(model).objects.live().filter(readable_by(user))


def marked_readable(queryset: QuerySet, *, user) -> QuerySet:
    """``queryset`` (of documents) with ``readable``: whether
    :func:`visible_documents` would give the document to the reader, for a page
    that lists what exists but names only what the reader may open."""
    return queryset.annotate(
        readable=ExpressionWrapper(readable_by(user), output_field=BooleanField())
    )


def with_listing_data(queryset: QuerySet) -> QuerySet:
    """Everything a search hit shows, in a fixed number of queries: with
    ``evidence``, a practice guide's evidence level (None for other types)."""
    return (
        queryset.select_related("partner", "content_type")
        .prefetch_related("topics")
        .annotate(evidence=_evidence_level())
    )


def with_card_data(queryset: QuerySet) -> QuerySet:
    """Everything a document card (components/document_card.html) shows, in a
    fixed number of queries: ``evidence`` as in ``with_listing_data`` and the
    topics as the list ``card_topics``. Prefetching them into ``topics.all``
    would build one queryset per document, and cards never show the body,
    whose StreamField would be parsed for each."""
    return (
        queryset.select_related("partner", "content_type")
        .prefetch_related(Prefetch("topics", to_attr="card_topics"))
        .annotate(evidence=_evidence_level())
        .defer("body")
    )


def _evidence_level() -> Subquery:
    guides = document_types["practice"].model.objects.filter(pk=OuterRef("pk"))
    return Subquery(guides.values("evidence_level")[:1])


def evidence_counts(*, user) -> dict[str, int]:
    """How many practice guides the reader may see at each evidence level."""
    guides = visible_documents(user=user, model=document_types["practice"].model_label)
    return dict(
        guides.order_by()
        .values_list("evidence_level")
        .annotate(n=Count("pk"))
        .values_list("evidence_level", "n")
    )


def latest_documents(*, user, document_type: str | None = None, limit: int = 6):
    model = (
        document_types[document_type].model_label
        if document_type
        else "knowledge.KnowledgePage"
    )
    queryset = visible_documents(user=user, model=model).order_by("-date", "-pk")
    return list(with_card_data(queryset)[:limit])


def related_documents(*, document, user, limit: int = 4) -> list:
    """Other documents sharing the most topics with ``document``."""
    # .all() rather than values_list(): a preview or an old revision holds its
    # topics in memory (modelcluster), where values_list("pk") is not supported.
    topic_ids = [topic.pk for topic in document.topics.all()]
    if not topic_ids:
        return []

    def rank():
        # The ids alone: grouping the full rows of every document sharing a
        # topic costs several times more.
        return list(
            visible_documents(user=user)
            .exclude(pk=document.pk)
            .filter(tagged_topics__tag__in=topic_ids)
            .values("pk")
            .annotate(shared=Count("tagged_topics"))
            .order_by("-shared", "-date", "-pk")
            .values_list("pk", flat=True)[:limit]
        )

    # Ranking reads every document sharing a topic, so the winners are
    # remembered until content changes (by topics too: a preview has its own).
    topics = ",".join(map(str, sorted(topic_ids)))
    ranked = remember(
        f"related:{document.pk}:{topics}:{reader_key(user)}:{limit}", rank
    )
    documents = with_card_data(
        visible_documents(user=user).filter(pk__in=ranked)
    ).in_bulk()
    return [documents[pk] for pk in ranked if pk in documents]


def every_topic() -> list:
    """Every topic, remembered until content changes: every listing and search
    offers them as a filter and names them in its facets."""
    return remember("topics", lambda: list(Topic.objects.all()))


def every_partner() -> list:
    """Every partner by name, remembered until content changes: every listing
    and search offers them as filters and search matches their names."""
    return remember("partners", lambda: list(Partner.objects.order_by("name")))


def topics_with_counts(*, user) -> list:
    """All topics by name in the reader's language, each with the number of documents the reader may see
    as ``document_count``. Counting scans every tagged document, so the counts
    are remembered until content changes, apart for each set of readers
    (knowledge.privacy.reader_key)."""

    def count():
        visible = visible_documents(user=user).values("pk")
        return dict(
            TaggedDocument.objects.filter(content_object__in=visible)
            .order_by()
            .values_list("tag")
            .annotate(n=Count("pk"))
            .values_list("tag", "n")
        )

    counts = remember(f"topic-counts:{reader_key(user)}", count)
    topics = sorted(every_topic(), key=lambda topic: topic.local_name.casefold())
    for topic in topics:
        topic.document_count = counts.get(topic.pk, 0)
    return topics


def partner_visits(*, partner, user) -> QuerySet:
    """Study visits a partner hosted or joined."""
    queryset = visible_documents(user=user, model=document_types["visit"].model_label)
    queryset = queryset.filter(
        document_types["visit"].model.partner_involvement(partner=partner)
    )
    return with_card_data(queryset.order_by("-start_date", "-pk"))
