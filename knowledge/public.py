"""What feeds, the sitemap and the API may show: only what an anonymous reader may
open. They never widen it for a signed-in member, since what they publish is
copied and kept by feed readers, search engines and other sites."""

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)

from knowledge.content_cache import remember
from knowledge.privacy import group_ids, is_member, members_only_uses
from knowledge.selectors import visible_documents


def public_documents(model: str = "knowledge.KnowledgePage") -> QuerySet:
    return visible_documents(user=AnonymousUser(), model=model)


def public_pages(*, site: Site | None = None, translations: bool = False) -> QuerySet:
    """Live pages anyone may open: documents by :func:`visible_documents`, and the
    few other pages (home, sections) unless they sit under page privacy.

    With ``site``, the pages of its tree; ``translations`` adds the trees of the
    other locales (their home pages are translations of the site's)."""
    KnowledgePage = apps.get_model("knowledge", "KnowledgePage")
    others = Page.objects.live().not_type(KnowledgePage)
    restrictions = PageViewRestriction.objects.exclude(
        page__in=KnowledgePage.objects.values("pk")
    ).select_related("page")
    for restriction in restrictions:
        others = others.not_descendant_of(restriction.page, inclusive=True)
    queryset = Page.objects.filter(
        Q(pk__in=public_documents().values("pk")) | Q(pk__in=others.values("pk"))
    )
    if site is not None:
        roots = [site.root_page]
        if translations:
            roots = site.root_page.get_translations(inclusive=True)
        in_trees = Q()
        for root in roots:
            in_trees |= Q(path__startswith=root.path)
        queryset = queryset.filter(in_trees)
    return queryset


def restricted_collection_ids() -> QuerySet:
    """Collections under a view restriction of any kind, with their children."""
    return hidden_collection_ids(None)


def hidden_collection_ids(user) -> QuerySet:
    """Collections whose files ``user`` may not download, with their children.

    For an anonymous reader (or None), every restricted collection. A signed-in
    practitioner passes "any signed-in user" restrictions and those of their
    groups; passwords are never assumed to be known. The restricted
    collections' paths are kept until content changes (collection privacy
    changes it), apart for each set of groups.
    """
    member = is_member(user)
    groups = sorted(group_ids(user)) if member else []

    def paths() -> list[str]:
        restrictions = CollectionViewRestriction.objects.all()
        if member:
            restrictions = restrictions.exclude(
                restriction_type=CollectionViewRestriction.LOGIN
            ).exclude(
                restriction_type=CollectionViewRestriction.GROUPS,
                groups__in=groups,
            )
        return list(
            Collection.objects.filter(
                pk__in=restrictions.values("collection")
            ).values_list("path", flat=True)
        )

    audience = f"members:{','.join(map(str, groups))}" if member else "public"
    condition = Q(pk__in=[])
    for path in remember(f"hidden-collections:{audience}", paths):
        condition |= Q(path__startswith=path)
    return Collection.objects.filter(condition).values("pk")


def private_files() -> QuerySet:
    """Library documents (uploaded files) an anonymous reader must not be shown:
    those in a restricted collection, and those used by a page (by Wagtail's
    reference index, whatever created the page) that is restricted or not live,
    or used in a members-only annex: :func:`knowledge.privacy.may_download` as a
    query, for anonymous readers."""
    Document = get_document_model()
    hidden_pages = Page.objects.exclude(pk__in=public_pages().values("pk"))
    referenced = ReferenceIndex.objects.filter(
        Q(
            object_id__in=hidden_pages.annotate(key=Cast("pk", CharField())).values(
                "key"
            )
        )
        | members_only_uses(),
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(Document),
    ).values("to_object_id")
    return Document.objects.annotate(key=Cast("pk", CharField())).filter(
        Q(collection__in=restricted_collection_ids()) | Q(key__in=referenced)
    )
