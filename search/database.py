"""Wagtail's database search backend, indexing a batch of documents in bulk.

``WAGTAILSEARCH_BACKENDS`` names this module instead of
``wagtail.search.backends.database``: it answers with the same backend for the
database in use, whose index

* computes the folded fields of a batch of documents once
  (see :func:`knowledge.search_fields.values_remembered`), and
* on SQLite, replaces the entries of a batch with one DELETE and one INSERT,
  where Wagtail updates each entry that already exists with a query of its own
  (every entry, in ``update_index``).
"""

import functools
import sys

from django.db import transaction
from django.utils.encoding import force_str
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends.database import SearchBackend as database_backend

from knowledge.search_fields import values_remembered


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
    return type(base.__name__, (*mixins, RememberingIndex, base), {})


def SearchBackend(params):  # The name Wagtail looks for in a backend module.
    backend = database_backend(params)
    backend.index_class = _index_class(backend.index_class)
    return backend
