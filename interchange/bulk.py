"""Create many documents at once, as rows, without a save() per page.

``Page.add_child()`` followed by ``save_revision().publish()`` costs some twenty
queries and several signal handlers per document; an import of thousands of
documents spends minutes there. :func:`create_documents` writes the same rows in
batches: the page tree (treebeard paths under the section), each table of the
multi-table chain Page → KnowledgePage → document type, topics, participants,
inline children (a programme's modules), each document's own view restriction,
one revision per page (the admin edits from it), audit log entries, Wagtail's
reference index, and the search index. Per-page signals are not sent;
what listens to them is done here in bulk instead: the search index is updated
and the site-wide content version is bumped so cached pages are rebuilt.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import CharField, F, Model, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import (
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.models import (
    Locale,
    Page,
    PageLogEntry,
    PageViewRestriction,
    ReferenceIndex,
    Revision,
)
from wagtail.search.backends import get_search_backends

from knowledge import statistics
from knowledge.content_cache import bump_content_version
from knowledge.models import KnowledgePage, TaggedDocument
from knowledge.privacy import Privacy, privacy_of, strictest
from safeguarding import gate

BATCH_SIZE = 500


@dataclass
class NewDocument:
    """An unsaved document (a concrete ``KnowledgePage`` subclass) and its relations."""

    page: KnowledgePage
    topic_ids: Sequence[int] = ()
    # Ids of the other side of each many-to-many field of the page's model
    # (a visit's participants, its related practices…), by field name.
    related_ids: dict[str, Sequence[int]] = field(default_factory=dict)
    publish: bool = True
    created_at: datetime | None = None
    translation_key: uuid.UUID | None = None
    # With ``page.privacy == "groups"``: the groups of its own restriction.
    group_ids: Sequence[int] = ()
    extra: dict = field(default_factory=dict)
    # Set by create_documents: the safeguarding findings that kept it a draft.
    findings: list = field(default_factory=list)


def create_documents(
    parent: Page, documents: Sequence[NewDocument], *, index: bool = True
) -> list[KnowledgePage]:
    """Add ``documents`` as children of ``parent``; returns the saved pages.

    Every page must be of one model allowed under ``parent``. Slugs must be
    unique among the parent's children (checked by the caller).
    """
    if not documents:
        return []
    model = type(documents[0].page)
    if any(type(document.page) is not model for document in documents):
        raise ValueError("All documents of one call must be of one model.")
    using = router.db_for_write(Page)
    with transaction.atomic(using=using):
        parent = Page.objects.select_for_update().get(pk=parent.pk)
        # As KnowledgePage.save(): the privacy a page asks for becomes its own
        # restriction; the strictest over it is its privacy.
        requested = {id(document): document.page.privacy for document in documents}
        section = privacy_of(parent)
        for document in documents:
            document.page.privacy = strictest([section, document.page.privacy])
        # Documents with unresolved safeguarding findings are created as drafts.
        for document, findings in gate.hold_back(documents):
            document.findings = findings
        pages = _prepare_pages(parent, documents, model)
        # Read while the pages are unsaved, so their relations are in memory.
        references = [
            set(ReferenceIndex._extract_references_from_object(page)) for page in pages
        ]
        _insert_page_rows(pages, model, using)
        _insert_relations(documents, model)
        _insert_restrictions(documents, requested)
        _index_references(pages, references)
        _insert_revisions_and_log(documents, model)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        if index:
            index_documents(model, [page.pk for page in pages])
        transaction.on_commit(bump_content_version, using=using)
    return pages


# Documents written in one run from which the database re-reads its statistics.
STATISTICS_AFTER = 500


def refresh_statistics(written: int) -> bool:
    """After a bulk write of ``written`` documents, let the database re-read its
    table statistics and, on PostgreSQL, mark the new rows visible
    (:func:`knowledge.statistics.refresh_statistics`): until it does, the
    planner keeps estimates from when the tables were small. On PostgreSQL a
    filtered search over 1,000 fresh documents took 1.2 s before and 50 ms
    after; SQLite collects none without it. Returns whether it ran."""
    if written < STATISTICS_AFTER:
        return False
    statistics.refresh_statistics()
    return True


def index_documents(model: type[KnowledgePage], pks: Iterable[int]) -> None:
    """Add or refresh the search index entries of these documents, in batches."""
    pks = list(pks)
    for backend in get_search_backends(with_auto_update=True):
        for start in range(0, len(pks), BATCH_SIZE):
            batch = list(
                model.get_indexed_objects().filter(
                    pk__in=pks[start : start + BATCH_SIZE]
                )
            )
            backend.add_bulk(model, batch)


def _next_step(parent: Page) -> int:
    last = parent.get_children().order_by("-path").values_list("path", flat=True)
    last_path = last.first()
    if last_path is None:
        return 1
    return Page._str2int(last_path[-Page.steplen :]) + 1


def _prepare_pages(
    parent: Page, documents: Sequence[NewDocument], model
) -> list[KnowledgePage]:
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    locale_id = parent.locale_id or Locale.get_default().pk
    step = _next_step(parent)
    depth = parent.depth + 1
    pages = []
    for offset, document in enumerate(documents):
        page = document.page
        created_at = document.created_at or now
        page.path = Page._get_path(parent.path, depth, step + offset)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = locale_id
        page.translation_key = document.translation_key or uuid.uuid4()
        page.draft_title = page.draft_title or page.title
        page.live = document.publish
        page.has_unpublished_changes = not document.publish
        page.first_published_at = created_at if document.publish else None
        page.last_published_at = created_at if document.publish else None
        page.latest_revision_created_at = created_at
        page.language = page.language
        page.next_review = page.compute_next_review()
        pages.append(page)
    return pages


def _insert_rows(model: type[Model], objs: list, fields, using: str, returning=None):
    rows = []
    for start in range(0, len(objs), BATCH_SIZE):
        batch = objs[start : start + BATCH_SIZE]
        result = model._base_manager._insert(
            batch, fields=fields, returning_fields=returning, using=using
        )
        if returning:
            rows.extend(result)
    return rows


def _set_pk(page: Page, pk: int) -> None:
    for klass in type(page).__mro__:
        meta = getattr(klass, "_meta", None)
        if meta is not None and not meta.abstract and hasattr(meta, "pk"):
            setattr(page, meta.pk.attname, pk)


def _insert_page_rows(pages: list[KnowledgePage], model, using: str) -> None:
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    rows = _insert_rows(
        Page, pages, page_fields, using, returning=Page._meta.db_returning_fields
    )
    for page, row in zip(pages, rows, strict=True):
        _set_pk(page, row[0])
    for level in _mti_chain(model):
        _insert_rows(level, pages, level._meta.local_concrete_fields, using)


def _mti_chain(model) -> list:
    """The tables below Page, top down: KnowledgePage, then the document type."""
    chain = [
        klass
        for klass in reversed(model.__mro__)
        if isinstance(klass, type)
        and issubclass(klass, KnowledgePage)
        and not klass._meta.abstract
        and not klass._meta.proxy
    ]
    return chain


def _insert_relations(documents: Sequence[NewDocument], model) -> None:
    TaggedDocument.objects.bulk_create(
        [
            TaggedDocument(content_object_id=document.page.pk, tag_id=topic_id)
            for document in documents
            for topic_id in dict.fromkeys(document.topic_ids)
        ],
        batch_size=BATCH_SIZE,
    )
    for relation in many_to_many(model):
        through = relation.remote_field.through
        source = relation.m2m_field_name()
        target = relation.m2m_reverse_field_name()
        through.objects.bulk_create(
            [
                through(**{f"{source}_id": document.page.pk, f"{target}_id": other})
                for document in documents
                for other in dict.fromkeys(document.related_ids.get(relation.name, ()))
            ],
            batch_size=BATCH_SIZE,
        )
    _insert_children(documents, model)


def _insert_restrictions(documents: Sequence[NewDocument], requested: dict) -> None:
    """Each document's own restriction, of the kind it asked for."""
    own = [
        (document, requested[id(document)])
        for document in documents
        if requested[id(document)] != Privacy.PUBLIC
    ]
    restrictions = PageViewRestriction.objects.bulk_create(
        [
            PageViewRestriction(page_id=document.page.pk, restriction_type=kind)
            for document, kind in own
        ],
        batch_size=BATCH_SIZE,
    )
    PageViewRestriction.groups.through.objects.bulk_create(
        [
            PageViewRestriction.groups.through(
                pageviewrestriction_id=restriction.pk, group_id=group_id
            )
            for (document, kind), restriction in zip(own, restrictions, strict=True)
            if kind == Privacy.GROUPS
            for group_id in dict.fromkeys(document.group_ids)
        ],
        batch_size=BATCH_SIZE,
    )


def _index_references(pages: Sequence[KnowledgePage], references: list[set]) -> None:
    """Wagtail's reference index rows of the new pages, as its
    ``create_or_update_for_object`` writes them (it would find none to update
    here): the privacy of a library file follows the pages that use it."""
    rows = []
    for page, found in zip(pages, references, strict=True):
        content_types = [
            ContentType.objects.get_for_model(model, for_concrete_model=False)
            for model in [page, *page._meta.get_parent_list()]
        ]
        rows += [
            ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=page.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in found
        ]
    ReferenceIndex.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def many_to_many(model) -> list[ParentalManyToManyField]:
    """The many-to-many fields documents of ``model`` carry besides topics
    (inserted from ``topic_ids``)."""
    return [
        relation
        for relation in model._meta.many_to_many
        if isinstance(relation, ParentalManyToManyField)
    ]


def _child_relations(model) -> list:
    """Inline children the documents carry (e.g. modules): not Wagtail's own,
    nor topics (inserted from ``topic_ids``)."""
    return [
        relation
        for relation in get_all_child_relations(model)
        if relation.related_model._meta.app_label != "wagtailcore"
        and relation.related_model is not TaggedDocument
    ]


def _set_children(page: KnowledgePage, name: str) -> list:
    """The inline children set on ``page`` before it was saved. A new page has no
    others, so this reads nothing from the database (``.all()`` on a saved page
    whose children were never set would query them)."""
    manager = getattr(page, name)
    return list(manager.all()) if manager.is_deferring else []


def _insert_children(documents: Sequence[NewDocument], model) -> None:
    """Rows of the inline children set on the unsaved pages, in their order."""
    for relation in _child_relations(model):
        name = relation.get_accessor_name()
        children = []
        for document in documents:
            for position, child in enumerate(_set_children(document.page, name)):
                setattr(child, relation.field.attname, document.page.pk)
                if getattr(child, "sort_order", 0) is None:
                    child.sort_order = position
                children.append(child)
        relation.related_model.objects.bulk_create(children, batch_size=BATCH_SIZE)


def _insert_revisions_and_log(documents: Sequence[NewDocument], model) -> None:
    content_type = ContentType.objects.get_for_model(model)
    base_content_type = ContentType.objects.get_for_model(Page)
    revisions = []
    for document in documents:
        page = document.page
        revisions.append(
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(page.pk),
                created_at=page.latest_revision_created_at,
                object_str=page.title,
                content=_revision_content(document),
            )
        )
    Revision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
    log_entries = []
    for document, revision in zip(documents, revisions, strict=True):
        page = document.page
        page.latest_revision_id = revision.pk
        page.live_revision_id = revision.pk if document.publish else None
        actions = ["wagtail.create"] + (["wagtail.publish"] if document.publish else [])
        log_entries += [
            PageLogEntry(
                content_type=content_type,
                page_id=page.pk,
                label=page.title,
                action=action,
                timestamp=page.latest_revision_created_at,
                revision=revision if action == "wagtail.publish" else None,
                content_changed=True,
            )
            for action in actions
        ]
    _point_pages_at_revisions(documents, base_content_type)
    PageLogEntry.objects.bulk_create(log_entries, batch_size=BATCH_SIZE)


def _point_pages_at_revisions(documents: Sequence[NewDocument], base_content_type):
    """Set latest_revision (and live_revision when published) in two UPDATEs a batch."""
    latest = (
        Revision.objects.filter(
            base_content_type=base_content_type,
            object_id=Cast(OuterRef("pk"), CharField()),
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    pks = [document.page.pk for document in documents]
    for start in range(0, len(pks), BATCH_SIZE):
        batch = Page.objects.filter(pk__in=pks[start : start + BATCH_SIZE])
        batch.update(latest_revision=Subquery(latest))
        batch.filter(live=True).update(live_revision=F("latest_revision"))


def _revision_content(document: NewDocument) -> dict:
    """What ``page.serializable_data()`` gives, without a query per relation."""
    page = document.page
    content = get_serializable_data_for_fields(page)
    content["tagged_topics"] = [
        {"pk": None, "tag": topic_id, "content_object": page.pk}
        for topic_id in dict.fromkeys(document.topic_ids)
    ]
    for relation in many_to_many(type(page)):
        content[relation.name] = list(
            dict.fromkeys(document.related_ids.get(relation.name, ()))
        )
    for relation in _child_relations(type(page)):
        name = relation.get_accessor_name()
        content[name] = [
            get_serializable_data_for_fields(child)
            for child in _set_children(page, name)
        ]
    return content
