"""Signal receivers of the knowledge app, connected in ``KnowledgeConfig.ready``.

* The content version (``knowledge.content_cache``) goes up on every change a
  reader could see on a cached page: a live page saved, any page published,
  unpublished, moved or deleted, privacy, a partner, a topic or a library file
  changed.
* Each document's ``privacy`` is kept equal to the live view restrictions over
  it: a restriction added, changed (its kind or groups) or deleted, and a page
  moved, re-reads the privacy of every document under the page (see
  knowledge.privacy).
* A topic or partner renamed or translated has its documents indexed again
  (:func:`reindex_documents_on_rename`, which other apps use for what their
  documents are found by).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from modelsearch.tasks import insert_or_update_object_task
from wagtail.documents.models import AbstractDocument
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from knowledge.content_cache import bump_content_version
from knowledge.models import KnowledgePage, Partner, TaggedDocument, Topic
from knowledge.privacy import (
    Privacy,
    keep_privacy_of,
    mirror_restrictions,
    placeholders,
    privacy_of,
    restrictions_over,
)

# --- The content version ------------------------------------------------------------


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    bump_content_version()


# A site's host names and root decide where addresses lead (serving.routes).
# Files are listed by label on pages (evaluation documents, materials), and
# only while the reader may download them.
WATCHED_MODELS = (
    Site,
    Page,
    PageViewRestriction,
    Partner,
    Topic,
    TaggedDocument,
    AbstractDocument,
    CollectionViewRestriction,
)
# What saving a draft revision writes to a live page's row: nothing readers see.
DRAFT_BOOKKEEPING = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
    }
)


@receiver(post_save)
@receiver(post_delete)
def model_changed(sender, instance, signal, update_fields=None, **kwargs):
    """A live page saved, any page deleted, privacy, a partner, a topic or a
    library file changed."""
    if not isinstance(instance, WATCHED_MODELS):
        return
    draft_only = bool(update_fields) and update_fields <= DRAFT_BOOKKEEPING
    if (
        isinstance(instance, Page)
        and signal is post_save
        and (not instance.live or draft_only)
    ):
        return
    bump_content_version()


# --- The search index ---------------------------------------------------------------


def reindex_documents_on_rename(model, *, names, documents) -> None:
    """Documents are found by the names of what they carry (their topics, their
    partner, the standards they cite): when ``names(instance)`` changes on a
    save of ``model``, the documents ``documents(instance)`` are indexed again
    (only then: saving a description, or an import writing the same names,
    re-indexes nothing)."""
    label = model._meta.label_lower

    def note(sender, instance, raw=False, **kwargs):
        stored = (
            None
            if raw or instance.pk is None
            else sender.objects.filter(pk=instance.pk).first()
        )
        instance._indexed_names = names(stored) if stored else None

    def changed(sender, instance, created, raw=False, **kwargs):
        before = getattr(instance, "_indexed_names", None)
        if created or raw or before is None or before == names(instance):
            return
        for app_label, model_name, pk in documents(instance).values_list(
            "content_type__app_label", "content_type__model", "pk"
        ):
            insert_or_update_object_task.enqueue(app_label, model_name, pk)

    pre_save.connect(note, sender=model, weak=False, dispatch_uid=f"names:{label}")
    post_save.connect(
        changed, sender=model, weak=False, dispatch_uid=f"renamed:{label}"
    )


reindex_documents_on_rename(
    Topic,
    names=Topic.indexed_names,
    documents=lambda topic: KnowledgePage.objects.filter(tagged_topics__tag=topic),
)
reindex_documents_on_rename(
    Partner,
    names=lambda partner: partner.name,
    documents=lambda partner: KnowledgePage.objects.filter(partner=partner),
)


# --- Privacy -------------------------------------------------------------------------


def refresh_privacy(page) -> None:
    """Re-read the privacy of every document under ``page``; an alias of one of
    them shows its content, so it takes the original's restrictions as its own
    (and so its privacy), whenever they were added."""
    documents = KnowledgePage.objects.descendant_of(page, inclusive=True)
    for document in documents.only("pk", "path", "depth", "privacy"):
        privacy = privacy_of(document)
        if privacy != document.privacy:
            KnowledgePage.objects.filter(pk=document.pk).update(privacy=privacy)
    aliases = Page.objects.filter(alias_of__in=documents.values("pk"))
    for alias in aliases.select_related("alias_of"):
        keep_privacy_of(alias.alias_of, alias)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_privacy(instance.page)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        refresh_privacy(instance.page)
        bump_content_version()


@receiver(m2m_changed, sender=CollectionViewRestriction.groups.through)
def collection_restriction_groups_changed(sender, instance, action, **kwargs):
    """Who may download a collection's files (kept until content changes,
    knowledge.public.hidden_collection_ids) follows its groups."""
    if action.startswith("post_"):
        bump_content_version()


@receiver(post_save, sender=PageViewRestriction)
def one_placeholder_per_kind(sender, instance, created, raw=False, **kwargs):
    """A restriction copied onto a page (with a copy or translation) replaces
    the placeholder of its kind made for that page, and a second login
    restriction replaces the first, so lifting the privacy lifts it for good."""
    if raw or not created:
        return
    placeholders(instance.page_id, instance.restriction_type).exclude(
        pk=instance.pk
    ).delete()


@receiver(post_page_move)
def document_moved(sender, instance, **kwargs):
    refresh_privacy(instance)


@receiver(pre_page_move)
def keep_restriction_when_moving(sender, instance, parent_page_after, **kwargs):
    """Documents restricted through a section take that section's restrictions
    with them, each of its own kind and groups, so moving them out of the
    section cannot make them more public."""
    from knowledge.models import KnowledgePage

    inherited = list(
        restrictions_over(instance.get_parent()).prefetch_related("groups")
    )
    if not inherited:
        return
    documents = KnowledgePage.objects.descendant_of(instance, inclusive=True)
    for document in documents.exclude(privacy=Privacy.PUBLIC):
        mirror_restrictions(inherited, document)
