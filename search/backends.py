"""Which search backend answers, and how a query reaches it.

* :func:`search_backends` builds ``WAGTAILSEARCH_BACKENDS`` from the environment.
  Wagtail's database backend is always configured: as ``"default"`` without a
  search server, and as ``"database"`` beside it with one, so the database index
  stays complete and can answer whenever Elasticsearch or OpenSearch cannot.
* :class:`DatabaseMatcher` reads that database index with one indexed query per
  question (which documents match, which rank highest) instead of scoring every
  hit in Python: SQLite FTS5 and PostgreSQL full text, with folded words only.
* :class:`ServerMatcher` asks Elasticsearch or OpenSearch for the best candidates
  behind a short timeout and a circuit breaker; any failure falls back to the
  database, and the page says that results may be incomplete.
* Every other search (the API's ``?search=``, the admin's listings) goes through
  the server's backend as configured here, whose results answer from the
  database index when the server fails or the same breaker is open.

Settings import this module, so it imports Django models only inside functions.
"""

import functools
from dataclasses import dataclass

from knowledge.breaker import CircuitBreaker
from knowledge.stemming import query_forms
from search.text import SearchQuery

DATABASE = "database"
SERVER_TIMEOUT_SECONDS = 2
CIRCUIT_OPEN_SECONDS = 30
CANDIDATE_LIMIT = 200
SERVER_CANDIDATE_LIMIT = 1000

INDEX_SETTINGS = {
    "settings": {
        "index": {"number_of_shards": 1},
        "analysis": {
            "analyzer": {
                # Text arrives folded (search.text); this keeps queries typed
                # elsewhere (the admin) close to it without ICU, so the same
                # settings work on Elasticsearch and OpenSearch.
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                },
            },
        },
    },
}


def search_backends(*, elasticsearch_url: str = "", opensearch_url: str = "") -> dict:
    """``WAGTAILSEARCH_BACKENDS`` for the configured search server, if any."""
    database = {
        "BACKEND": "search.database",
        "SEARCH_CONFIG": "simple",
    }
    if elasticsearch_url:
        module = "search.backends.elasticsearch"
        url = elasticsearch_url
    elif opensearch_url:
        module = "search.backends.opensearch"
        url = opensearch_url
    else:
        return {"default": database}
    server = {
        "BACKEND": module,
        "URLS": [url],
        "INDEX": "knowledge",
        "TIMEOUT": SERVER_TIMEOUT_SECONDS,
        "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        "INDEX_SETTINGS": INDEX_SETTINGS,
        "ATOMIC_REBUILD": True,
    }
    return {"default": server, DATABASE: database}


def server_configured() -> bool:
    from django.conf import settings

    return DATABASE in settings.WAGTAILSEARCH_BACKENDS


# Shared by the site search, the API and the admin (DatabaseFallback).
server_breaker = CircuitBreaker("Search server", CIRCUIT_OPEN_SECONDS)


def server_failed(error: Exception):
    """Opens the breaker: the database answers until it closes again."""
    server_breaker.trip(error)


class DatabaseFallback:
    """Search results of the server's backend that the database answers instead
    while the server fails: the database backend gets the same question
    (queryset, query, fields, ordering, slice and score field)."""

    def _do_search(self):
        return self._answer("_do_search")

    def _do_count(self):
        return self._answer("_do_count")

    def facet(self, field_name):
        return self._answer("facet", field_name)

    def _answer(self, method: str, *args):
        if server_breaker.allows():
            try:
                answer = getattr(super(), method)(*args)
            except Exception as error:  # noqa: BLE001 - as in ServerMatcher.fetch
                server_failed(error)
            else:
                server_breaker.reset()
                return answer
        return getattr(self._from_database(), method)(*args)

    def _from_database(self):
        from wagtail.search.backends import get_search_backend

        database = get_search_backend(DATABASE)
        asked = self.query_compiler
        if isinstance(asked, self.backend.autocomplete_query_compiler_class):
            compiler_class = database.autocomplete_query_compiler_class
        else:
            compiler_class = database.query_compiler_class
        compiler = compiler_class(
            asked.queryset,
            asked.query,
            fields=asked.fields,
            order_by_relevance=asked.order_by_relevance,
        )
        compiler.check()
        results = database.results_class(
            database, compiler, prefetch_related=self.prefetch_related
        )
        results.start, results.stop = self.start, self.stop
        results._score_field = self._score_field
        return results


@functools.cache
def _with_fallback(results_class: type) -> type:
    return type(results_class.__name__, (DatabaseFallback, results_class), {})


def _server_backend(module: str, params: dict):
    """The server's backend; ``FALLBACK=False`` leaves failures to the caller."""
    from wagtail.search.backends import get_search_backend

    params = dict(params)
    fallback = params.pop("FALLBACK", True)
    backend = get_search_backend(module, **params)
    if fallback:
        backend.results_class = _with_fallback(backend.results_class)
    return backend


# The backends that WAGTAILSEARCH_BACKENDS names (Wagtail calls them with params).
def elasticsearch(params: dict):
    return _server_backend("wagtail.search.backends.elasticsearch9", params)


def opensearch(params: dict):
    return _server_backend("wagtail.search.backends.opensearch3", params)


@dataclass(frozen=True)
class Candidate:
    pk: int
    score: float


def document_content_type_ids() -> list[int]:
    """Sorted, so that one question is always the same SQL (it keys the cache)."""
    from modelsearch.utils import get_descendants_content_types_pks

    from knowledge.models import KnowledgePage

    return sorted(get_descendants_content_types_pks(KnowledgePage))


# Which index entries a search reads (see entries_sql).
PUBLIC_ENTRIES = "public"
MEMBERS_ENTRIES = "members"
ANNEXED_ENTRIES = "annexed"


def entries_for(user) -> str:
    """A reader's entries: members read documents' members-only annexes."""
    from knowledge.privacy import is_member

    return MEMBERS_ENTRIES if is_member(user) else PUBLIC_ENTRIES


def entries_sql(entries: str, entry: str = "e") -> str:
    """The index entries a search reads, over the alias ``entry``: documents'
    own entries (``public``); for members, instead of the own entry of a
    document with a members-only annex, its members' entry, which holds the
    annex too (``members``); or the members' entries only (``annexed``).
    Every document matches once at most."""
    from modelsearch.utils import get_content_type_pk

    from search import sql
    from search.models import MembersText

    types = ", ".join(str(int(pk)) for pk in document_content_type_ids())
    public = f"{entry}.content_type_id IN ({types or 'NULL'})"
    if entries == PUBLIC_ENTRIES:
        return public
    members = int(get_content_type_pk(MembersText))
    annexed = f"{entry}.content_type_id = {members}"
    if entries == ANNEXED_ENTRIES:
        return annexed
    return (
        f"({annexed} OR ({public} AND NOT EXISTS (SELECT 1 FROM {sql.ENTRY} a "  # noqa: S608 - constants only
        f"WHERE a.content_type_id = {members} AND a.object_id = {entry}.object_id)))"
    )


def fts5_units(query: SearchQuery) -> list[str]:
    """Each word of ``query`` in any of its forms, and each phrase, as FTS5."""
    parts = [
        "(" + " OR ".join(f'"{form}"' for form in query_forms(word)) + ")"
        for word in query.words
    ]
    return parts + ['"' + " ".join(phrase) + '"' for phrase in query.phrases]


def tsquery_units(query: SearchQuery) -> list[str]:
    """Each word of ``query`` in any of its forms, and each phrase, as tsquery."""
    parts = [
        "(" + " | ".join(f"'{form}'" for form in query_forms(word)) + ")"
        for word in query.words
    ]
    return parts + [
        "(" + " <-> ".join(f"'{word}'" for word in phrase) + ")"
        for phrase in query.phrases
    ]


def _fts5_prefix(query: SearchQuery) -> str:
    """The words as typed, the last one a prefix (autocomplete)."""
    parts = [f'"{term}"' for term in query.terms]
    parts += ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    if parts and query.terms:
        parts[len(query.terms) - 1] += "*"
    return " AND ".join(parts)


def _tsquery_prefix(query: SearchQuery) -> str:
    parts = [f"'{term}'" for term in query.terms]
    parts += [
        "(" + " <-> ".join(f"'{word}'" for word in phrase) + ")"
        for phrase in query.phrases
    ]
    if parts and query.terms:
        parts[len(query.terms) - 1] += ":*"
    return " & ".join(parts)


class DatabaseMatcher:
    """Full-text matching on Wagtail's database index, as a :class:`search.sql.Source`.

    Every folded word of a document is in the index's ``body`` (SQLite FTS5
    column, PostgreSQL tsvector with a GIN index), so one indexed lookup finds the
    matches, and the database ranks them (BM25 on SQLite, weighted ``ts_rank`` on
    PostgreSQL). With ``autocomplete`` the last word is a prefix and only titles
    are searched. With ``any_word`` a document matching any word or phrase of
    the query matches (partial matches, see :meth:`units`). ``entries`` says
    which entries are read (see :func:`entries_sql`; :func:`entries_for` a
    reader).
    """

    def __init__(
        self,
        query: SearchQuery,
        *,
        autocomplete: bool = False,
        any_word: bool = False,
        entries: str = PUBLIC_ENTRIES,
    ):
        from django.db import connection

        self.query = query
        self.vendor = connection.vendor
        self.autocomplete = autocomplete
        self.any_word = any_word
        self.entries = entries
        if self.vendor not in ("sqlite", "postgresql"):
            raise NotImplementedError(f"No full-text search for {self.vendor}")

    def source(self):
        from search import sql

        entries = entries_sql(self.entries)
        table = sql.ENTRY
        if self.vendor == "sqlite":
            if self.autocomplete:
                expression = "{autocomplete} : (" + _fts5_prefix(self.query) + ")"
            else:
                joiner = " OR " if self.any_word else " AND "
                expression = joiner.join(fts5_units(self.query))
            return sql.Source(
                from_sql=(
                    f"{table}_fts f JOIN {table} e{sql.indexed_by('search_entry_cover')}"
                    " ON e.id = f.rowid JOIN "
                    + sql.documents_join("k.page_ptr_id = CAST(e.object_id AS INTEGER)")
                ),
                where=f"{table}_fts MATCH %s AND {entries}",
                params=(expression,),
                # FTS5 columns are (autocomplete, body, title); BM25 is lower for
                # better. The autocomplete column holds the folded title.
                score=f"-bm25({table}_fts, 4.0, 1.0, 2.0)",
            )
        column = "e.autocomplete" if self.autocomplete else "e.body"
        if self.autocomplete:
            tsquery = _tsquery_prefix(self.query)
        else:
            joiner = " | " if self.any_word else " & "
            tsquery = joiner.join(tsquery_units(self.query))
        return sql.Source(
            from_sql=(
                f"{table} e JOIN "
                + sql.documents_join("k.page_ptr_id = e.object_id::integer")
            ),
            where=(f"{column} @@ to_tsquery('simple', %s) AND {entries}"),
            params=(tsquery,),
            # Weights of D, C, B, A: body, Page's title, summary, folded title.
            score=(
                "ts_rank('{0.1, 0.2, 0.4, 1.0}'::float4[], "
                f"{column}, to_tsquery('simple', %s))"
            ),
            score_params=(tsquery,),
            title_match="e.autocomplete @@ to_tsquery('simple', %s)",
            title_params=(tsquery,),
        )

    def units(self) -> list[tuple[str, tuple]]:
        """For each word (in any of its forms) and phrase of the query, SQL true
        when the document ``e`` (the index entry) holds it, with its parameters:
        how many of the query's words a partial match has."""
        from search import sql

        if self.vendor == "sqlite":
            return [
                (
                    # Only the table's name is formatted in.
                    f"e.id IN (SELECT rowid FROM {sql.ENTRY}_fts "  # noqa: S608
                    f"WHERE {sql.ENTRY}_fts MATCH %s)",
                    (unit,),
                )
                for unit in fts5_units(self.query)
            ]
        return [
            ("e.body @@ to_tsquery('simple', %s)", (unit,))
            for unit in tsquery_units(self.query)
        ]


def server_query(query: SearchQuery):
    """What the server is asked: each word in any of its forms (the index holds
    stems beside words), every word, and each phrase as typed."""
    from modelsearch.query import And, Phrase, PlainText

    parts = [
        PlainText(" ".join(query_forms(word)), operator="or") for word in query.words
    ]
    parts += [Phrase(" ".join(phrase)) for phrase in query.phrases]
    return parts[0] if len(parts) == 1 else And(parts)


class ServerUnavailable(Exception):
    pass


class ServerMatcher:
    """Matching on Elasticsearch or OpenSearch, within ``SERVER_CANDIDATE_LIMIT``.

    The server only proposes candidates: every id it returns is checked again
    against the database by the caller, so a stale index cannot show a document
    that was restricted or unpublished while the server was unreachable.
    """

    degraded = False

    def __init__(self, query: SearchQuery, *, backend=None):
        from wagtail.search.backends import get_search_backend

        self.query = query
        self.backend = backend or get_search_backend("default", FALLBACK=False)
        self._ids: list[Candidate] | None = None

    def fetch(self, queryset) -> list[Candidate]:
        """Ranked candidates from the server; raises ServerUnavailable."""
        if self._ids is not None:
            return self._ids
        if not server_breaker.allows():
            raise ServerUnavailable("circuit open")
        try:
            results = self.backend.search(
                server_query(self.query),
                queryset.order_by(),
                operator="and",
                order_by_relevance=True,
            ).annotate_score("_score")[:SERVER_CANDIDATE_LIMIT]
            hits = [Candidate(hit.pk, float(hit._score or 0)) for hit in results]
        except Exception as error:
            server_failed(error)
            raise ServerUnavailable(str(error)) from error
        server_breaker.reset()
        self._ids = hits
        return hits
