"""Wagtail's database search backend, reading each document's fields once.

``WAGTAILSEARCH_BACKENDS`` names this module instead of
``wagtail.search.backends.database``: it answers with the same backend for the
database in use, whose index computes the folded fields of a batch of documents
once (see :func:`search.index.values_remembered`).
"""

import functools

from wagtail.search.backends.database import SearchBackend as database_backend

from search.index import values_remembered


@functools.cache
def _remembering(index_class: type) -> type:
    class Index(index_class):
        def add_items(self, model, objs):
            with values_remembered():
                super().add_items(model, objs)

    Index.__name__ = Index.__qualname__ = index_class.__name__
    return Index


def SearchBackend(params):  # The name Wagtail looks for in a backend module.
    backend = database_backend(params)
    backend.index_class = _remembering(backend.index_class)
    return backend
