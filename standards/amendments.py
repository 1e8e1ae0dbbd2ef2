"""Amendments of articles and the review flags they raise.

A published document citing an amended article is *flagged* until a reviewer
has checked it after the amendment (an :class:`~standards.models.AmendmentCheck`:
a new revision approved, or marked checked with a comment). A document first
published after the amendment was recorded was written knowing it.
"""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from knowledge.models import KnowledgePage

from .models import Amendment, AmendmentCheck, StandardArticle, StandardCitation


def record_amendment(
    article: StandardArticle, *, date, note: str, url: str = ""
) -> tuple[Amendment, bool]:
    """The amendment of ``article`` on ``date``, and whether it is new: the
    same amendment recorded twice changes nothing."""
    existing = Amendment.objects.filter(article=article, date=date).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return (
                Amendment.objects.create(
                    article=article, date=date, note=note, url=url
                ),
                True,
            )
    except IntegrityError:
        return Amendment.objects.get(article=article, date=date), False


def open_amendments(page_ref) -> QuerySet:
    """Amendments of the articles ``page_ref`` (a page or ``OuterRef``) cites,
    or of any article of a standard it cites as a whole, that no reviewer has
    checked it after."""
    # One subquery further down, an outer reference goes one level further out.
    nested = OuterRef(page_ref) if isinstance(page_ref, OuterRef) else page_ref
    cited = StandardCitation.objects.filter(page=nested).filter(
        Q(article=OuterRef("article"))
        | Q(article__isnull=True, standard=OuterRef("article__standard"))
    )
    return Amendment.objects.filter(Exists(cited)).exclude(
        Exists(AmendmentCheck.objects.filter(page=nested, amendment=OuterRef("pk")))
    )


def flagged(documents: QuerySet | None = None) -> QuerySet:
    """Live documents with an amendment to check."""
    documents = KnowledgePage.objects.live() if documents is None else documents
    unchecked = open_amendments(OuterRef("pk"))
    return documents.filter(
        Q(Exists(unchecked), first_published_at__isnull=True)
        | Q(Exists(unchecked.filter(recorded_at__gt=OuterRef("first_published_at"))))
    )


def flagged_by(amendment: Amendment) -> QuerySet:
    """The live documents ``amendment`` flags when it is recorded: citing the
    article, or its standard as a whole."""
    citing = StandardCitation.objects.filter(
        Q(article=amendment.article_id)
        | Q(article__isnull=True, standard=amendment.article.standard_id)
    )
    return (
        KnowledgePage.objects.live()
        .filter(pk__in=citing.values("page"))
        .exclude(first_published_at__gte=amendment.recorded_at)
    )


def to_check(page) -> QuerySet:
    """The amendments ``page`` is flagged by (see :func:`flagged`)."""
    unchecked = open_amendments(page)
    if page.first_published_at is not None:
        unchecked = unchecked.filter(recorded_at__gt=page.first_published_at)
    return unchecked


def clear(page, *, user=None, comment: str = "") -> int:
    """Mark ``page`` checked after every amendment it has open; how many."""
    open_ones = list(to_check(page).values_list("pk", flat=True))
    for pk in open_ones:
        AmendmentCheck.objects.get_or_create(
            amendment_id=pk,
            page_id=page.pk,
            defaults={"checked_by": user, "comment": comment},
        )
    return len(open_ones)
