"""Documents (PDFs, Word files) attached to a restricted page are restricted too.

Wagtail's page privacy protects the page, not the files it links to, and
collection privacy protects files, not pages. So whenever a restricted page is
saved, published or restricted, each document it uses (in any field or block,
in the live page or its latest draft) moves into a login-restricted collection:
the "Restricted" child of the collection it was in (a partner's own, so its
editors keep access), or the top-level one. Documents are served through Django
(``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which checks collection privacy.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, ReferenceIndex

from editorial.roles import restricted_collection


def referenced_document_ids(*objects) -> set[int]:
    document_type = ContentType.objects.get_for_model(get_document_model())
    ids = set()
    for obj in objects:
        if obj is None:
            continue
        for (
            content_type_id,
            object_id,
            *_,
        ) in ReferenceIndex._extract_references_from_object(obj):
            if content_type_id == document_type.pk and str(object_id).isdigit():
                ids.add(int(object_id))
    return ids


def is_restricted(collection: Collection) -> bool:
    return (
        collection.get_view_restrictions()
        .filter(restriction_type=CollectionViewRestriction.LOGIN)
        .exists()
    )


def restrict_documents(ids) -> int:
    """Move the documents with these ids into a restricted collection; how many moved."""
    moved = 0
    documents = get_document_model().objects.filter(pk__in=ids)
    for document in documents.select_related("collection"):
        if is_restricted(document.collection):
            continue
        home = document.collection
        if not hasattr(home, "partner"):
            home = Collection.get_first_root_node()
        document.collection = restricted_collection(home)
        document.save(update_fields=["collection"])
        moved += 1
    return moved


def protect_documents_of(page, revision=None) -> int:
    """Restrict the documents a restricted knowledge document uses, live or in
    ``revision`` (by default its latest)."""
    page = page.specific
    if not getattr(page, "restricted", False):
        return 0
    revision = revision or page.get_latest_revision()
    draft = revision.as_object() if revision else None
    return restrict_documents(referenced_document_ids(page, draft))
