# Values are always query parameters; only constant SQL is formatted in.
# ruff: noqa: S608
"""Counting and ranking search matches in one SQL statement each.

A question ("how many matches per facet value?", "which 200 match best?") joins a
:class:`Source` of matches (a full-text match, a list of ids, or every document)
to the document and page rows, keeps what the reader may see and applies the
filters, all inside the database: no list of hits ever comes back to Python.

The document and page rows are large (bodies, Wagtail's page fields), and
reading thousands of them costs more than the match itself, so the joins read
small covering indexes instead: on SQLite by name (``INDEXED BY``, created by
``search/migrations/0002_covering_indexes.py``), on PostgreSQL by the
planner's choice, as index-only scans
(``search/migrations/0005_postgres_covering_indexes.py``). Without them the
same SQL runs, only slower.
"""

import functools
import hashlib
import json
import math
from dataclasses import asdict, dataclass, replace

from django.conf import settings
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection, transaction
from django.db.models import Q
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from knowledge.content_cache import remember
from knowledge.facets import Pairs
from knowledge.filters import DocumentFilters, document_filters
from knowledge.models import KnowledgePage
from knowledge.privacy import readable_sql, reader_key
from knowledge.stemming import site_languages, stem
from search.backends import entries_for, entries_sql

# Tables, as the models name them.
DOCUMENT = KnowledgePage._meta.db_table
PAGE = Page._meta.db_table
ENTRY = IndexEntry._meta.db_table


# name: (table, columns) of the covering indexes the SQLite joins read.
COVERING_INDEXES = {
    "search_entry_cover": (ENTRY, ("id", "content_type_id", "object_id")),
    "search_document_cover": (
        DOCUMENT,
        ("page_ptr_id", "privacy", "partner_id", "country", "language", "date"),
    ),
    "search_page_cover": (PAGE, ("id", "live", "content_type_id")),
}

_present_indexes: dict[str, frozenset] = {}


def indexed_by(name: str) -> str:
    """`` INDEXED BY name`` on SQLite when that index exists, else nothing."""
    if connection.vendor != "sqlite":
        return ""
    key = str(connection.settings_dict["NAME"])
    if key not in _present_indexes:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
            _present_indexes[key] = frozenset(row[0] for row in cursor.fetchall())
    return f" INDEXED BY {name}" if name in _present_indexes[key] else ""


def documents_join(on: str = "") -> str:
    """The document ``k`` (joined ``on``, if given) and its page ``p``, after a
    ``FROM`` or ``JOIN``."""
    document = f"{DOCUMENT} k{indexed_by('search_document_cover')}"
    if on:
        document += f" ON {on}"
    return f"{document} JOIN {PAGE} p{indexed_by('search_page_cover')} ON p.id = k.page_ptr_id"


def visibility_sql(user, document: str = "k", page: str = "p") -> str:
    """:func:`knowledge.selectors.visible_documents` in SQL over ``document`` and
    ``page`` aliases: live, and readable by ``user`` (knowledge.privacy)."""
    return f"{page}.live AND {readable_sql(user, document, page)}"


@dataclass(frozen=True)
class Source:
    """Matching documents: ``from_sql`` follows ``FROM`` and names ``k`` and ``p``
    (it takes no parameters); ``where`` and ``score`` (higher is better, when the
    source ranks) take ``params`` and ``score_params``."""

    from_sql: str
    where: str
    params: tuple = ()
    score: str | None = None
    score_params: tuple = ()
    # PostgreSQL: when set, only a bounded pool of matches is scored (see
    # ranked_ids), and the planner is told to use the GIN index.
    title_match: str | None = None
    title_params: tuple = ()


def every_document() -> Source:
    return Source(documents_join(), "1 = 1")


def id_source(ids: list[int]) -> Source:
    """The documents of a list of ids, passed as ONE parameter."""
    if connection.vendor == "postgresql":
        return Source(documents_join(), "k.page_ptr_id = ANY(%s)", (list(ids),))
    return Source(
        documents_join(),
        "k.page_ptr_id IN (SELECT value FROM json_each(%s))",
        (json.dumps(list(ids)),),
    )


def among(source: Source, ids: list[int]) -> Source:
    """``source`` narrowed to a list of ids, passed as ONE parameter."""
    narrowed = id_source(ids)
    return replace(
        source,
        where=f"({source.where}) AND {narrowed.where}",
        params=(*source.params, *narrowed.params),
    )


def filter_clauses(filters: DocumentFilters, user) -> dict[str, tuple[str, tuple]]:
    """Each active filter as SQL over ``k``, by facet name: its condition
    (knowledge.filters), compiled by Django."""
    return {
        spec.name: documents_meeting(spec.condition(value, user=user))
        for spec, value in filters.active()
    }


def documents_meeting(condition: Q) -> tuple[str, tuple]:
    """``condition`` on documents, compiled by Django, as a clause over ``k``
    and ``p``. A condition on the document and page rows alone (their columns,
    or id subqueries) is used as it stands, its tables renamed to the aliases;
    any other becomes a subquery of the ids of the documents meeting it. One
    Django finds no document or every document meets (``pk__in=[]``) has no
    SQL of its own, only a constant."""
    try:
        return _compiled(condition)
    except EmptyResultSet:
        return "(1 = 0)", ()
    except FullResultSet:
        return "(1 = 1)", ()


def _compiled(condition: Q) -> tuple[str, tuple]:
    documents = KnowledgePage.objects.filter(condition)
    query = documents.query
    used = {alias for alias, count in query.alias_refcount.items() if count}
    if used <= {DOCUMENT, PAGE}:
        compiler = query.get_compiler(connection=connection)
        clause, params = compiler.compile(query.where)
        for table, alias in ((DOCUMENT, "k"), (PAGE, "p")):
            clause = clause.replace(f"{connection.ops.quote_name(table)}.", f"{alias}.")
        return f"({clause})", tuple(params)
    subquery, params = documents.order_by().values("pk").query.sql_with_params()
    return f"k.page_ptr_id IN ({subquery})", tuple(params)


def _where(source: Source, user, clauses) -> tuple[str, list]:
    sql = [f"({source.where})", visibility_sql(user)]
    params = list(source.params)
    for clause, clause_params in clauses:
        sql.append(clause)
        params += clause_params
    return " AND ".join(sql), params


def remembered(count_or_rank):
    """``count_or_rank(source, *, user, filters, ...)`` answered from the cache
    while no content changes (:func:`knowledge.content_cache.remember`).

    Readers with the same access who ask the same question share one answer: the
    key holds the SQL of the match, the filters and whether the reader may see
    restricted documents. Only ids, scores and counts are kept; titles and labels
    are read fresh. ``SEARCH_CACHE_SECONDS = 0`` turns it off.
    """

    @functools.wraps(count_or_rank)
    def answer(source: Source, *, user, filters: DocumentFilters, **options):
        def compute():
            return count_or_rank(source, user=user, filters=filters, **options)

        seconds = settings.SEARCH_CACHE_SECONDS
        if not seconds:
            return compute()
        question = json.dumps(
            [
                count_or_rank.__name__,
                connection.vendor,
                reader_key(user),
                asdict(source),
                asdict(filters),
                options,
            ],
            sort_keys=True,
            default=str,
        )
        digest = hashlib.sha256(question.encode()).hexdigest()
        return remember(f"search-match:{digest}", compute, seconds)

    return answer


RANK_POOL = 500


def _planner_settings(source: Source) -> list[str]:
    """What PostgreSQL is told for one search statement.

    - ``jit = off``: these statements run for tens of milliseconds, and a
      count over thousands of matches is costed above ``jit_above_cost``;
      compiling it took 90-140 ms more than it saved.
    - ``enable_seqscan = off`` for a full-text match: PostgreSQL estimates a
      full-text filter as cheap and, for a common word, reads every row's
      tsvector; the GIN index is much faster.
    """
    if connection.vendor != "postgresql":
        return []
    settings = ["jit = off"]
    if source.title_match is not None:
        settings.append("enable_seqscan = off")
    return settings


def _fetch(source: Source, sql: str, params: list) -> list:
    settings = _planner_settings(source)
    if not settings:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute(sql, params)
        return cursor.fetchall()


@remembered
def ranked_ids(
    source: Source, *, user, filters: DocumentFilters, limit: int
) -> list[tuple[int, float]]:
    """The ``limit`` best (id, score) pairs: the database ranks, with ``LIMIT``.

    SQLite's FTS5 computes BM25 from its index for every match cheaply. On
    PostgreSQL ``ts_rank`` reads each match's whole tsvector, so it only scores
    a bounded pool: matches with every word in the title first, then the newest.
    """
    where, params = _where(source, user, filter_clauses(filters, user).values())
    if source.title_match is None:
        sql = (
            f"SELECT k.page_ptr_id, {source.score} AS score FROM {source.from_sql} "
            f"WHERE {where} ORDER BY score DESC, k.page_ptr_id DESC LIMIT %s"
        )
        args = [*source.score_params, *params, limit]
    else:
        sql = (
            f"WITH pool AS MATERIALIZED (SELECT k.page_ptr_id AS id, e.id AS entry "
            f"FROM {source.from_sql} WHERE {where} "
            f"ORDER BY {source.title_match} DESC, k.date DESC, k.page_ptr_id DESC "
            f"LIMIT %s) SELECT pool.id, {source.score} AS score FROM pool "
            f"JOIN {ENTRY} e ON e.id = pool.entry "
            "ORDER BY score DESC, pool.id DESC LIMIT %s"
        )
        args = [
            *params,
            *source.title_params,
            max(limit, RANK_POOL),
            *source.score_params,
            limit,
        ]
    return [(pk, float(score or 0)) for pk, score in _fetch(source, sql, args)]


def matching_ids(source: Source, *, user, filters: DocumentFilters) -> set[int]:
    where, params = _where(source, user, filter_clauses(filters, user).values())
    sql = f"SELECT k.page_ptr_id FROM {source.from_sql} WHERE {where}"
    return {row[0] for row in _fetch(source, sql, params)}


def year_of(date: str) -> str:
    if connection.vendor == "sqlite":
        return f"CAST(substr({date}, 1, 4) AS INTEGER)"
    return f"CAST(EXTRACT(YEAR FROM {date}) AS INTEGER)"


def own_column(pairs: Pairs) -> tuple[str, str] | None:
    """Pairs of the document's own rows: an expression over ``k`` and ``p`` and,
    for a column of the document type's own table, the ``LEFT JOIN`` that reads
    it (NULL for documents of other types; one hash join for all the matches,
    where a subquery per match costs an index lookup each). None for rows of
    another table."""
    if pairs.document != "pk":
        return None
    column = pairs.model._meta.get_field(pairs.value).column
    join = ""
    if pairs.model is Page:
        expression = f"p.{column}"
    elif pairs.model is KnowledgePage:
        expression = f"k.{column}"
    elif issubclass(pairs.model, KnowledgePage):
        own = pairs.model._meta
        alias = f"own_{own.db_table}"
        expression = f"{alias}.{column}"
        join = (
            f"LEFT JOIN {own.db_table} {alias} "
            f"ON {alias}.{own.pk.column} = k.page_ptr_id"
        )
    else:
        return None
    return (year_of(expression) if pairs.year else expression), join


def joined(pairs: Pairs) -> tuple[str, str, bool]:
    """Pairs of another table: its value, the join from the matches ``m``, and
    whether the table holds each pair of a document and a value once (a unique
    constraint on the two), so that counting rows counts documents."""
    meta = pairs.model._meta
    value = meta.get_field(pairs.value).column
    document = meta.get_field(pairs.document).column
    pair = {pairs.document, pairs.value}
    once = any(
        set(fields) == pair
        for fields in [
            *meta.unique_together,
            *(constraint.fields for constraint in meta.total_unique_constraints),
        ]
    )
    return f"j.{value}", f"JOIN {meta.db_table} j ON j.{document} = m.id", once


@remembered
def facet_counts(
    source: Source, *, user, filters: DocumentFilters
) -> tuple[int, dict[str, dict]]:
    """The total and, per facet, ``{value: count}``: one statement.

    The visible matches are gathered once (a materialised CTE of small columns);
    each facet then counts them narrowed by every filter but its own, so a reader
    can switch between its values, and the total counts them narrowed by all.
    Each filter's facet (knowledge.facets) says what is counted: a document
    counts once under each value its pairs give it (a column of its own rows
    is read into the CTE, another table is joined to it), or under each of the
    facet's ``values`` whose condition it meets.
    """
    clauses = filter_clauses(filters, user)
    select = ["k.page_ptr_id AS id"]
    # Columns of the CTE, by facet: (expression over m, joins from m, whether
    # a document has each value once).
    sources: dict[str, list[tuple[str, str, bool]]] = {}
    # The document types' own tables the CTE reads, each joined once.
    own_joins: dict[str, None] = {}
    flag_params: list = []
    facets = [spec for spec in document_filters if spec.facet is not None]
    for spec in facets:
        name, facet = spec.name, spec.facet
        for index, value in enumerate(facet.values):
            clause, params = documents_meeting(spec.condition(value, user=user))
            select.append(f"CASE WHEN {clause} THEN 1 ELSE 0 END AS {name}_{index}")
            flag_params += params
        sources[name] = []
        for index, pairs in enumerate(facet.pairs() if facet.pairs else ()):
            column = own_column(pairs)
            if column is None:
                sources[name].append(joined(pairs))
            else:
                expression, join = column
                if join:
                    own_joins[join] = None
                select.append(f"{expression} AS {name}_{index}")
                sources[name].append((f"m.{name}_{index}", "", True))
    for name, (clause, clause_params) in clauses.items():
        select.append(f"CASE WHEN {clause} THEN 1 ELSE 0 END AS f_{name}")
        flag_params += clause_params
    where, where_params = _where(source, user, [])

    def narrowed(skip: str | None) -> str:
        flags = [f"m.f_{name} = 1" for name in clauses if name != skip]
        return " AND ".join(flags) or "1 = 1"

    parts = [f"SELECT 'total', NULL, COUNT(*) FROM m WHERE {narrowed(None)}"]
    for spec in facets:
        name, where_facet = spec.name, narrowed(spec.name)
        for index, value in enumerate(spec.facet.values):
            parts.append(
                f"SELECT '{name}', '{value}', COUNT(*) FROM m "
                f"WHERE m.{name}_{index} = 1 AND {where_facet}"
            )
        if len(sources[name]) == 1:
            ((value, join, once),) = sources[name]
            count = "COUNT(*)" if once else "COUNT(DISTINCT m.id)"
            parts.append(
                f"SELECT '{name}', CAST({value} AS TEXT), {count} FROM m {join} "
                f"WHERE {where_facet} GROUP BY {value}"
            )
        elif sources[name]:
            pairs = " UNION ".join(
                f"SELECT m.id AS id, {value} AS value FROM m {join} WHERE {where_facet}"
                for value, join, _ in sources[name]
            )
            parts.append(
                f"SELECT '{name}', CAST(x.value AS TEXT), COUNT(*) FROM ({pairs}) x "
                "WHERE x.value IS NOT NULL GROUP BY x.value"
            )
    sql = (
        f"WITH m AS MATERIALIZED (SELECT {', '.join(select)} "
        f"FROM {' '.join([source.from_sql, *own_joins])} WHERE {where}) "
        + " UNION ALL ".join(parts)
    )
    total = 0
    counts: dict[str, dict] = {spec.name: {} for spec in facets}
    for name, value, count in _fetch(source, sql, [*flag_params, *where_params]):
        if name == "total":
            total = count
        elif value is not None and count:
            counts[name][value] = count
    return total, counts


@remembered
def partial_ranked(
    source: Source, *, user, filters: DocumentFilters, units: list, limit: int
) -> tuple[list[tuple[int, tuple[bool, ...]]], list[float]]:
    """Partial matches: the ``limit`` best documents of ``source`` (matching any
    of ``units``, see ``DatabaseMatcher.units``) that miss at least one unit,
    each with which units it holds; and each unit's weight.

    A unit counts by its rarity, BM25's inverse document frequency over the
    visible documents (one statement counts them), so a document with two rare
    words comes before one with a common word.
    """
    where, params = _where(source, user, filter_clauses(filters, user).values())
    flags = [f"CASE WHEN {clause} THEN 1 ELSE 0 END" for clause, _ in units]
    flag_params = [param for _, unit_params in units for param in unit_params]
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {documents_join()} WHERE {visibility_sql(user)}), "
        + ", ".join(f"SUM({flag})" for flag in flags)
        + f" FROM {source.from_sql} WHERE {where}"
    )
    row = _fetch(source, sql, [*flag_params, *params])[0]
    visible, frequencies = int(row[0] or 0), [int(n or 0) for n in row[1:]]
    weights = [
        math.log(1 + (visible - n + 0.5) / (n + 0.5)) if n else 0.0 for n in frequencies
    ]
    columns = ", ".join(f"{flag} AS u{i}" for i, flag in enumerate(flags))
    held = " + ".join(f"x.u{i}" for i in range(len(units)))
    score = " + ".join(f"x.u{i} * %s" for i in range(len(units)))
    sql = (
        f"SELECT x.id, {', '.join(f'x.u{i}' for i in range(len(units)))} FROM ("
        f"SELECT k.page_ptr_id AS id, k.date AS date, {columns} "
        f"FROM {source.from_sql} WHERE {where}) x "
        f"WHERE {held} < %s ORDER BY {score} DESC, x.date DESC, x.id DESC LIMIT %s"
    )
    args = [*flag_params, *params, len(units), *weights, limit]
    rows = _fetch(source, sql, args)
    return [(row[0], tuple(bool(v) for v in row[1:])) for row in rows], weights


@dataclass(frozen=True)
class Vocabulary:
    """The words of the documents a reader may see: ``known`` holds everything
    their index entries hold (words and stems); ``by_length`` the words a
    suggestion may name, with how many documents hold each, by length."""

    known: frozenset
    by_length: dict


def visible_words(user) -> Vocabulary:
    """The words of the index entries of the documents ``user`` may see (with
    members-only annexes for members only): what typo suggestions are drawn
    from, so they never name a word the reader may not read. Kept until the content changes, per set of
    readers who see the same documents.

    The index holds stems beside words; a token that is another token's stem
    (``zrtv`` of ``zrtve``) is not offered as a suggestion.
    """

    def compute():
        if connection.vendor == "sqlite":
            text = f"f.title || ' ' || COALESCE(f.body, '') FROM {ENTRY}_fts f JOIN {ENTRY} e ON e.id = f.rowid"
            join = "k.page_ptr_id = CAST(e.object_id AS INTEGER)"
        else:
            text = f"e.title_text || ' ' || e.body_text FROM {ENTRY} e"
            join = "k.page_ptr_id = e.object_id::integer"
        sql = (
            f"SELECT {text} JOIN {documents_join(join)} "
            f"WHERE {entries_sql(entries_for(user))} AND {visibility_sql(user)}"
        )
        counts: dict[str, int] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql)
            for (value,) in cursor.fetchall():
                for word in set((value or "").split()):
                    counts[word] = counts.get(word, 0) + 1
        languages = site_languages()
        stems = {
            form
            for word in counts
            for code in languages
            if (form := stem(word, code)) != word
        }
        by_length: dict[int, list] = {}
        for word, count in counts.items():
            if word not in stems and not word.isdigit():
                by_length.setdefault(len(word), []).append((word, count))
        return Vocabulary(frozenset(counts), by_length)

    seconds = settings.SEARCH_CACHE_SECONDS
    if not seconds:
        return compute()
    key = f"search-words:{connection.vendor}:{reader_key(user)}"
    return remember(key, compute, seconds)
