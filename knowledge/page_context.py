"""What a core page shows besides its own fields: a document's related
documents and translations, the home page's latest documents and topics, a
section's page of documents.

The page models ask for it in ``get_context``; :mod:`knowledge.pages`, above
the models and the queries that read them (selectors, filters, translations),
registers how each is read when the app is ready. The models so import none of
the modules that import them.
"""

_readers = {}


def reads_context(model):
    """Register ``read(page, request) -> dict`` as what ``model`` adds to its
    context."""

    def register(read):
        _readers[model] = read
        return read

    return register


def page_context(model, page, request) -> dict:
    """What ``model`` adds to the context of ``page``."""
    return _readers[model](page, request)
