"""Wagtail's database search backend, indexing a batch of documents in bulk.

``WAGTAILSEARCH_BACKENDS`` names this module instead of
``wagtail.search.backends.database``: it answers with the same backend for the
database in use, whose index

* computes the folded fields of a batch of documents once
  (see :func:`knowledge.search_fields.values_remembered`), and
* on SQLite, replaces the entries of a batch with one DELETE and one INSERT,
  where Wagtail updates each entry that already exists with a query of its own
  (every entry, in ``update_index``), and
* gives each document with a members-only annex a second entry, its members'
  entry (:class:`search.models.MembersText`): its own words and the annex's.
"""

import functools
import sys

from django.db import router, transaction
from django.utils.encoding import force_str
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends.database import SearchBackend as database_backend
from wagtail.search.models import IndexEntry

from knowledge.search_fields import values_remembered
from knowledge.statistics import refresh_statistics


class MembersEntries:
    """A document's own entry holds what anyone may read; one with a
    members-only annex also gets a members' entry, with the annex, which only
    members' searches read (``search.backends.entries_sql``)."""

    def add_items(self, model, objs):
        from knowledge.models import KnowledgePage

        if not issubclass(model, KnowledgePage):
            super().add_items(model, objs)
            return
        with values_remembered():
            super().add_items(model, objs)
            self._add_members_entries(model, objs)

    def _add_members_entries(self, model, objs):
        from search.models import MembersText

        self.entries.filter(
            content_type_id=get_content_type_pk(MembersText),
            object_id__in=[force_str(obj.pk) for obj in objs],
        )._raw_delete(using=self.write_connection.alias)
        annexed = [obj for obj in objs if obj.has_members_annex]
        if not annexed:
            return
        # The same objects: their own fields, folded once, are remembered.
        fields = [*model.get_search_fields(), *MembersText.get_search_fields()]
        for obj in annexed:
            obj.get_search_fields = lambda: fields
        try:
            super().add_items(MembersText, annexed)
        finally:
            for obj in annexed:
                del obj.get_search_fields

    def delete_item(self, item):
        from search.models import MembersText

        super().delete_item(item)
        self.entries.filter(
            content_type_id=get_content_type_pk(MembersText),
            object_id=force_str(item.pk),
        )._raw_delete(using=self.write_connection.alias)


class RememberingIndex:
    def add_items(self, model, objs):
        with values_remembered():
            super().add_items(model, objs)


class ReplacingIndex:
    def add_items(self, model, objs):
        with transaction.atomic(using=self.write_connection.alias):
            self.entries.filter(
                content_type_id=get_content_type_pk(model),
                object_id__in=[force_str(obj.pk) for obj in objs],
            )._raw_delete(using=self.write_connection.alias)
            super().add_items(model, objs)


@functools.cache
def _index_class(base: type) -> type:
    # Wagtail imports its SQLite backend only on SQLite (it fails elsewhere).
    sqlite = sys.modules.get("modelsearch.backends.database.sqlite.sqlite")
    on_sqlite = sqlite is not None and issubclass(base, sqlite.SQLiteIndex)
    mixins = (ReplacingIndex,) if on_sqlite else ()
    return type(base.__name__, (MembersEntries, *mixins, RememberingIndex, base), {})


def refresh_index_statistics() -> None:
    """After every entry was written again (``update_index``), the index
    table's statistics and, on PostgreSQL, its dead rows
    (:func:`knowledge.statistics.refresh_statistics`): rebuilding leaves three
    old versions of each entry (the upsert and two title-norm updates), which
    every match reads until autovacuum passes, and until ``ANALYZE`` the planner
    takes a common word's matches for a few (docs/performance.md, "First search
    on PostgreSQL")."""
    refresh_statistics(IndexEntry._meta.db_table, using=router.db_for_write(IndexEntry))


def SearchBackend(params):  # The name Wagtail looks for in a backend module.
    backend = database_backend(params)
    backend.index_class = _index_class(backend.index_class)
    return backend
