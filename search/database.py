"""Wagtail's database search backend, indexing a batch of documents in bulk.

``WAGTAILSEARCH_BACKENDS`` names this module instead of
``wagtail.search.backends.database``: it answers with the same backend for the
database in use, whose index

* computes the folded fields of a batch of documents once
  (see :func:`knowledge.search_fields.values_remembered`), and
* reads each document's search fields once (:func:`column_values`), where
  Wagtail's indexers read them once for every column they fill,
* on SQLite, replaces the entries of a batch with one DELETE and one INSERT,
  where Wagtail updates each entry that already exists with a query of its own
  (every entry, in ``update_index``),
* on PostgreSQL, writes a batch with ``executemany`` of a short statement
  (see :class:`VectorStatements`), where Wagtail has Django compile a search
  vector expression for every value,
* during a full rebuild, refreshes the title norms once at the end (as
  Wagtail's rebuilder does anyway) instead of after every batch as well, and
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


COLUMNS = ("title", "autocomplete", "body")


def column_values(indexer, obj) -> dict[str, list[tuple]]:
    """What Wagtail's ``indexer`` (either database's) prepares from each search
    field of ``obj``, by the column it goes to, in one pass over the fields
    (Wagtail's indexers read every field once per column): the value, with its
    weight first on PostgreSQL."""
    from modelsearch.index import AutocompleteField, SearchField

    values = {column: [] for column in COLUMNS}
    for search_field in indexer.search_fields:
        for prepared in indexer.prepare_field(obj, search_field):
            field = prepared[0]
            if isinstance(field, AutocompleteField):
                values["autocomplete"].append(prepared[1:])
            elif isinstance(field, SearchField):
                column = "title" if field.field_name == "title" else "body"
                values[column].append(prepared[1:])
    return values


class ReplacingIndex:
    """SQLite entries as Wagtail's backend writes them (each column the values
    of its fields joined by spaces), with each document's fields read once, and
    a batch's entries replaced by one DELETE and one INSERT."""

    def add_items(self, model, objs):
        from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer

        if not model.get_search_fields() or not objs:
            return
        content_type_pk = get_content_type_pk(model)
        entries = {}
        for obj in objs:
            values = column_values(ObjectIndexer(obj, self.backend), obj)
            entries[force_str(obj.pk)] = self.entries.model(
                content_type_id=content_type_pk,
                object_id=force_str(obj.pk),
                **{
                    column: " ".join(value for (value,) in values[column])
                    for column in COLUMNS
                },
            )
        with transaction.atomic(using=self.write_connection.alias):
            self.entries.filter(
                content_type_id=content_type_pk, object_id__in=list(entries)
            )._raw_delete(using=self.write_connection.alias)
            self.entries.bulk_create(entries.values())
            self._refresh_title_norms()


class VectorStatements:
    """PostgreSQL entries written as Wagtail's backend writes them (the same
    rows: each column's search vector concatenates, in the order of the search
    fields, ``setweight(to_tsvector(config, text), weight)`` of each value), but
    with each document's fields read once, not once per column, and a batch
    written by ``executemany`` of a short statement that PostgreSQL plans once,
    where Wagtail has Django compile a vector expression for every value into
    one statement that is planned for every batch.

    The statement concatenates as many values in each column as the longest
    entry of the batch has; shorter entries are padded with empty text, whose
    vector is empty and changes nothing it is concatenated with.
    """

    # Entries a statement writes: while PostgreSQL computes the vectors of one
    # part of a batch, the next part's fields are read.
    PART_SIZE = 250

    def add_items(self, model, objs):
        if not model.get_search_fields() or not objs:
            return
        connection = self.write_connection
        # In pipeline mode, executemany() sends its statements without waiting
        # for them; leaving the block waits for the last.
        with (
            connection.wrap_database_errors,
            connection.connection.pipeline(),
            connection.cursor() as cursor,
        ):
            for start in range(0, len(objs), self.PART_SIZE):
                counts, rows = self._entry_rows(
                    model, objs[start : start + self.PART_SIZE]
                )
                cursor.executemany(_entry_statement(counts), rows)
        self._refresh_title_norms()

    def _entry_rows(self, model, objs) -> tuple[tuple[int, int, int], list[list]]:
        """The parameters of each entry's statement, and how many values each
        of its vectors concatenates."""
        content_type_pk = get_content_type_pk(model)
        entries = [(force_str(obj.pk), self._column_texts(obj)) for obj in objs]
        counts = tuple(
            max(len(texts[column]) for _pk, texts in entries) for column in COLUMNS
        )
        configs = {"title": self.backend.config, "body": self.backend.config}
        configs["autocomplete"] = self.backend.autocomplete_config
        rows = []
        for pk, texts in entries:
            params = [content_type_pk, pk]
            for column, count in zip(COLUMNS, counts, strict=True):
                values = texts[column] + [("", "D")] * (count - len(texts[column]))
                for text, weight in values:
                    params += [configs[column], text, weight]
            for column in ("title", "body"):
                params.append(" ".join(text for text, _ in texts[column] if text))
            rows.append(params)
        return counts, rows

    def _column_texts(self, obj) -> dict[str, list[tuple[str, str]]]:
        """The (text, weight) values of each column."""
        from modelsearch.backends.database.postgres.postgres import ObjectIndexer

        values = column_values(ObjectIndexer(obj, self.backend), obj)
        return {
            column: [(value.strip(), weight) for weight, value in values[column]]
            for column in COLUMNS
        }


@functools.cache
def _entry_statement(counts: tuple[int, int, int]) -> str:
    """The upsert of an entry (as Wagtail's) whose title, autocomplete and
    body vectors concatenate these numbers of (config, text, weight) values."""
    table = IndexEntry._meta.db_table
    title, autocomplete, body = (
        " || ".join(["setweight(to_tsvector(%s::regconfig, %s), %s)"] * count)
        or "''::tsvector"
        for count in counts
    )
    return (
        f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, "  # noqa: S608 - no value is formatted in
        "body, title_norm, title_text, body_text) "
        f"VALUES (%s, %s, {title}, {autocomplete}, {body}, 1.0, %s, %s) "
        "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
        "title = EXCLUDED.title, title_norm = 1.0, "
        "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
        "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text"
    )


class NormsOnceWhenRebuilding:
    """Every batch would refresh the title norms of its new entries, reading
    every entry for their average title length; a rebuild refreshes them all
    at its end, so its batches need not."""

    rebuilding = False

    def _refresh_title_norms(self, full=False):
        if full or not self.rebuilding:
            super()._refresh_title_norms(full=full)


class MarksRebuilding:
    def start(self):
        index = super().start()
        index.rebuilding = True
        return index

    def finish(self):
        self.index.rebuilding = False
        super().finish()


@functools.cache
def _index_class(base: type) -> type:
    # Wagtail imports each database's backend only on that database (they fail
    # elsewhere).
    sqlite = sys.modules.get("modelsearch.backends.database.sqlite.sqlite")
    postgres = sys.modules.get("modelsearch.backends.database.postgres.postgres")
    if sqlite is not None and issubclass(base, sqlite.SQLiteIndex):
        mixins = (ReplacingIndex,)
    elif postgres is not None and issubclass(base, postgres.PostgresIndex):
        mixins = (VectorStatements,)
    else:
        mixins = ()
    return type(
        base.__name__,
        (MembersEntries, *mixins, RememberingIndex, NormsOnceWhenRebuilding, base),
        {},
    )


@functools.cache
def _rebuilder_class(base: type) -> type:
    return type(base.__name__, (MarksRebuilding, base), {})


def refresh_index_statistics() -> None:
    """After every entry was written again (``update_index``), the index
    table's statistics and, on PostgreSQL, its dead rows
    (:func:`knowledge.statistics.refresh_statistics`): rebuilding leaves old
    versions of each entry (the upsert's and the title norm's), which every
    match reads until autovacuum passes, and until ``ANALYZE`` the planner
    takes a common word's matches for a few (docs/performance.md, "First search
    on PostgreSQL")."""
    refresh_statistics(IndexEntry._meta.db_table, using=router.db_for_write(IndexEntry))


def SearchBackend(params):  # The name Wagtail looks for in a backend module.
    backend = database_backend(params)
    backend.index_class = _index_class(backend.index_class)
    backend.rebuilder_class = _rebuilder_class(backend.rebuilder_class)
    return backend
