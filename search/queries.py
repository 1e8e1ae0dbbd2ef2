"""Search over documents: matching, ranking, facets, highlights and suggestions.

Every result, count, facet, suggestion and autocomplete entry starts from
:func:`knowledge.selectors.visible_documents` for the current reader, so a
restricted document never reaches a reader who may not open it and a draft never
reaches anyone. Backends only propose documents; the database decides.

Cost does not grow with the number of hits: the backend ranks and returns at most
a bounded set of candidates, and totals and facet counts are ``GROUP BY`` queries
over the indexed match set, never Python loops over hits.
"""

import datetime
import difflib
import math
from dataclasses import dataclass, field, replace

from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from knowledge.document_types import document_types
from knowledge.filters import DocumentFilters, document_filters, filters_condition
from knowledge.models import KnowledgePage, TaggedDocument
from knowledge.privacy import is_member, readable_kinds
from knowledge.selectors import (
    every_partner,
    topics_with_counts,
    visible_documents,
    with_listing_data,
)
from knowledge.stemming import language_of, query_forms, stem, text_forms
from search import backends, sql
from search.text import SearchQuery, word_forms
from serbian import WORD, fold, folded_words

FACET_LIMIT = 30
MAX_PER_PAGE = 100
MAX_RESULT_WINDOW = 1000
SNIPPET_CHARS = 240
AUTOCOMPLETE_LIMIT = 8
# Fewer documents than this with every word, and those with some of the words
# follow them (partial matches).
PARTIAL_BELOW = 5
# A partial match's word counts this much more in the title, and in the
# summary or a topic's name, than in the rest of the document.
TITLE_FACTOR = 2.0
SUMMARY_FACTOR = 1.5
# How alike a typed word and a suggested one must be (difflib's ratio).
SUGGESTION_CUTOFF = 0.8

TOPIC_LABEL = _("Topic")


def type_label(kind: str) -> str:
    """What readers see of a result's type: its document type's label, or
    "Topic" (autocomplete)."""
    return str(TOPIC_LABEL if kind == "topic" else document_types[kind].label)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    document: KnowledgePage
    highlight: SafeString


@dataclass
class SearchResults:
    query: SearchQuery
    filters: DocumentFilters
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    degraded: bool = False
    topics: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    # How many documents hold every word; fewer than ``total`` when documents
    # with only some of the words follow them.
    complete_total: int | None = None
    # A query with the words no visible document holds replaced by the
    # nearest ones that some do ("Did you mean …?").
    suggestion: str | None = None

    @property
    def partial(self) -> bool:
        return self.complete_total is not None and self.complete_total < self.total

    @classmethod
    def empty(cls, *, query: SearchQuery, per_page: int) -> "SearchResults":
        return cls(query, DocumentFilters(), 0, 1, per_page, [], {})

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(min(self.total, MAX_RESULT_WINDOW) / self.per_page))

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.page - 1

    @property
    def next_page_number(self) -> int:
        return self.page + 1


def _facet_counts(source: sql.Source, filters: DocumentFilters, *, user):
    """The total and each facet's values with counts and labels.

    The counting is one SQL statement (:func:`search.sql.facet_counts`); here
    each filter's facet names the few values it returns and orders them.
    """
    total, counts = sql.facet_counts(source, user=user, filters=filters)
    selected = {spec.name: str(value) for spec, value in filters.active()}
    facets = {}
    for spec in document_filters:
        if spec.facet is None:
            continue
        counted = counts[spec.name]
        named = spec.facet.describe(list(counted))
        values = [
            FacetValue(*named[raw], count, named[raw][0] == selected.get(spec.name))
            for raw, count in counted.items()
        ]
        values.sort(key=lambda v: (-v.count, v.label))
        values = values[:FACET_LIMIT]
        if spec.facet.order is not None:
            values.sort(key=lambda v, order=spec.facet.order: order(v.value))
        facets[spec.name] = values
    return total, facets


def _rerank(candidates: list, wanted: set[str], today: datetime.date) -> list[int]:
    """Final order of a bounded candidate set.

    The backend's score, plus a bonus when every ``wanted`` word is in the title
    (more) or the summary (less), in any of its forms, and a gentle boost for
    recent and recently reviewed documents. Only the candidates are read, never
    every hit.
    """
    if not candidates:
        return []
    rows = {
        pk: (title, summary, date, reviewed)
        for pk, title, summary, date, reviewed in KnowledgePage.objects.filter(
            pk__in=[c.pk for c in candidates]
        ).values_list("pk", "title", "summary", "date", "last_reviewed")
    }
    top = max((c.score for c in candidates), default=0) or 1.0
    wanted_forms = [set(query_forms(word)) for word in wanted]

    def holds_every_word(text: str) -> bool:
        forms = text_forms(folded_words(text))
        return all(word & forms for word in wanted_forms)

    def score(candidate) -> float:
        title, summary, date, reviewed = rows[candidate.pk]
        value = candidate.score / top
        if holds_every_word(title):
            value += 1.0
        elif holds_every_word(summary):
            value += 0.4
        age_years = max(0, (today - date).days) / 365.25 if date else 30
        value += 0.15 / (1 + age_years / 3)
        if reviewed and (today - reviewed).days < 730:
            value += 0.05
        return value

    present = [c for c in candidates if c.pk in rows]
    return [c.pk for c in sorted(present, key=lambda c: (-score(c), -c.pk))]


@sql.remembered
def _ranked_window(
    source: sql.Source,
    *,
    user,
    filters: DocumentFilters,
    limit: int,
    words: list[str],
    today: datetime.date,
) -> list[int]:
    """The ids of the ``limit`` best matches in their final order."""
    candidates = [
        backends.Candidate(pk, score)
        for pk, score in sql.ranked_ids(source, user=user, filters=filters, limit=limit)
    ]
    return _rerank(candidates, set(words), today)


def _marks(query: SearchQuery, language: str | None):
    """Whether a folded word of a text in ``language`` matched ``query``: the
    word itself or its stem, as the index holds it, is one of the forms of a
    query word; a phrase's words only as typed."""
    code = language_of(language)
    forms = {form for word in query.words for form in query_forms(word)}
    exact = forms | {word for phrase in query.phrases for word in phrase}

    def marked(folded: frozenset[str]) -> bool:
        return not exact.isdisjoint(folded) or any(
            stem(word, code) in forms for word in folded
        )

    return marked


def _partial_window(
    source: sql.Source,
    *,
    user,
    filters: DocumentFilters,
    query: SearchQuery,
    units: list,
    limit: int,
) -> list[int]:
    """The ids of the ``limit`` best partial matches (documents holding some of
    the query's words, not all) in their final order.

    The database picks them by how many of the words they hold and how rare
    those are (:func:`search.sql.partial_ranked`); here a word held in the title
    counts TITLE_FACTOR times, and in the summary or a topic's name
    SUMMARY_FACTOR times, what it counts in the rest of the document.
    """
    if limit <= 0:
        return []
    rows, weights = sql.partial_ranked(
        source, user=user, filters=filters, units=units, limit=limit
    )
    ids = [pk for pk, _ in rows]
    fields, languages = {}, {}
    for pk, title, summary, language in KnowledgePage.objects.filter(
        pk__in=ids
    ).values_list("pk", "title", "summary", "language"):
        fields[pk], languages[pk] = (title, summary), language
    topics: dict[int, list[str]] = {}
    for tagged in TaggedDocument.objects.filter(
        content_object_id__in=ids
    ).select_related("tag"):
        # A topic's names as the index holds them for this document: in
        # English and in the document's own language.
        pk, topic = tagged.content_object_id, tagged.tag
        names = f"{topic.name} {topic.translated('name', languages.get(pk, 'en'))}"
        topics.setdefault(pk, []).append(names)
    wanted = [set(query_forms(word)) for word in query.words]
    phrases = list(query.phrases)

    def holds(index: int, words: list[str]) -> bool:
        if index < len(wanted):
            return not wanted[index].isdisjoint(text_forms(words))
        phrase = phrases[index - len(wanted)]
        return any(
            tuple(words[i : i + len(phrase)]) == phrase for i in range(len(words))
        )

    def score(row) -> float:
        pk, held = row
        title, summary = fields.get(pk, ("", ""))
        title_words = folded_words(title)
        other_words = folded_words(" ".join([summary, *topics.get(pk, [])]))
        value = 0.0
        for index, (has, weight) in enumerate(zip(held, weights, strict=True)):
            if not has:
                continue
            if holds(index, title_words):
                weight *= TITLE_FACTOR
            elif holds(index, other_words):
                weight *= SUMMARY_FACTOR
            value += weight
        return value

    return [pk for pk, _ in sorted(rows, key=lambda row: -score(row))]


def suggest(query: SearchQuery, *, user) -> str | None:
    """The query with each word that no document the reader may see holds (in
    any form) replaced by the nearest word that some do; None when no word
    needs it or none is near. Only words of visible documents are offered."""
    vocabulary = sql.visible_words(user)
    # A stopword left out of the search did not make it find little.
    ignored = set(query.ignored)
    changed = False
    words = []
    for term in query.terms:
        nearest = None
        if term not in ignored and vocabulary.known.isdisjoint(query_forms(term)):
            nearest = _nearest(term, vocabulary.by_length)
        words.append(nearest or term)
        changed = changed or nearest is not None
    if not changed:
        return None
    return " ".join(
        [*words, *('"' + " ".join(phrase) + '"' for phrase in query.phrases)]
    )


def _nearest(word: str, by_length: dict) -> str | None:
    """The most alike word of at least SUGGESTION_CUTOFF, the more common one
    when two are as alike. Only words starting like ``word`` (its first letter,
    or its second and third) are compared: typos rarely change both."""
    if len(word) < 4 or word.isdigit():
        return None
    matcher = difflib.SequenceMatcher(b=word, autojunk=False)
    best = None
    for length in range(len(word) - 2, len(word) + 3):
        for candidate, count in by_length.get(length, ()):
            if candidate[0] != word[0] and candidate[1:3] != word[1:3]:
                continue
            matcher.set_seq1(candidate)
            if (
                matcher.real_quick_ratio() < SUGGESTION_CUTOFF
                or matcher.quick_ratio() < SUGGESTION_CUTOFF
            ):
                continue
            ratio = matcher.ratio()
            if ratio >= SUGGESTION_CUTOFF and (
                best is None or (ratio, count, candidate) > best
            ):
                best = (ratio, count, candidate)
    return best[2] if best else None


def highlight(
    text: str,
    query: SearchQuery,
    *,
    length: int = SNIPPET_CHARS,
    language: str | None = None,
):
    """An escaped snippet of ``text`` around the first matched word, with every
    matched word, in whatever form the text has it, in ``<mark>``; None when no
    word matches.

    Words of the original text are folded one by one, only until the snippet is
    complete, so long bodies cost little.
    """
    if not text or not query:
        return None
    marked = _marks(query, language)
    spans: list[tuple[int, int]] = []
    for match in WORD.finditer(text):
        if spans and match.end() > spans[0][0] + length:
            break
        if marked(word_forms(match.group())):
            spans.append(match.span())
    if not spans:
        return None
    first = spans[0][0]
    begin = 0
    if first > length // 3:
        begin = text.rfind(" ", 0, first - length // 3) + 1
    end = min(len(text), begin + length)
    if end < len(text) and (space := text.rfind(" ", spans[0][1], end)) > 0:
        end = space
    parts = ["…" if begin else ""]
    cursor = begin
    for start, stop in spans:
        if stop > end:
            break
        parts += [escape(text[cursor:start]), "<mark>", escape(text[start:stop])]
        parts.append("</mark>")
        cursor = stop
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped


def _plain_text(document: KnowledgePage) -> str:
    content = KnowledgePage._meta.get_field("body").get_searchable_content(
        document.body
    )
    return " ".join(str(piece) for piece in content)


def document_highlight(
    document: KnowledgePage, query: SearchQuery, *, members: bool = False
) -> SafeString:
    """A snippet of the summary, or else of the body, or else, for members
    only, of the members-only annex."""
    texts = [document.summary, _plain_text(document)]
    if members:
        texts.append(document.members_annex_text())
    for text in texts:
        snippet = highlight(text, query, language=document.language)
        if snippet:
            return snippet
    return escape(document.summary[:SNIPPET_CHARS])


class DocumentSearch:
    """One reader's search: ``run()`` answers it, on the server or the database."""

    def __init__(
        self,
        *,
        user,
        query: SearchQuery,
        filters: DocumentFilters,
        page: int = 1,
        per_page: int = 10,
    ):
        self.user = user
        self.query = query
        self.filters = filters
        self.per_page = max(1, min(per_page, MAX_PER_PAGE))
        self.page = max(1, page)
        self.degraded = False

    @cached_property
    def visible(self) -> QuerySet:
        return visible_documents(user=self.user)

    def run(self) -> SearchResults:
        if not self.query:
            return self._browse()
        if backends.server_configured():
            try:
                return self._search_server()
            except backends.ServerUnavailable:
                self.degraded = True
        return self._search_database()

    def _clamp_page(self, total: int) -> int:
        """The nearest valid page; returns the offset of its first result."""
        num_pages = max(1, math.ceil(min(total, MAX_RESULT_WINDOW) / self.per_page))
        self.page = min(self.page, num_pages)
        return (self.page - 1) * self.per_page

    def _results(self, total, page_ids, facets) -> SearchResults:
        documents = {
            doc.pk: doc
            for doc in with_listing_data(self.visible.filter(pk__in=page_ids))
        }
        members = is_member(self.user)
        hits = [
            Hit(
                documents[pk],
                document_highlight(documents[pk], self.query, members=members),
            )
            for pk in page_ids
            if pk in documents
        ]
        return SearchResults(
            query=self.query,
            filters=self.filters,
            total=total,
            page=self.page,
            per_page=self.per_page,
            hits=hits,
            facets=facets,
            degraded=self.degraded,
            topics=matching_topics(self.query, user=self.user),
            partners=matching_partners(self.query),
        )

    def _window(self) -> int:
        return min(
            MAX_RESULT_WINDOW,
            max(backends.CANDIDATE_LIMIT, self.page * self.per_page),
        )

    def _browse(self) -> SearchResults:
        total, facets = _facet_counts(
            sql.every_document(), self.filters, user=self.user
        )
        start = self._clamp_page(total)
        page_ids = list(
            self.visible.filter(filters_condition(self.filters, user=self.user))
            .order_by("-date", "-pk")
            .values_list("pk", flat=True)[start : start + self.per_page]
        )
        return self._results(total, page_ids, facets)

    def _search_database(self) -> SearchResults:
        entries = backends.entries_for(self.user)
        source = backends.DatabaseMatcher(self.query, entries=entries).source()
        total, facets = _facet_counts(source, self.filters, user=self.user)
        complete = total
        some_words = backends.DatabaseMatcher(
            self.query, any_word=True, entries=entries
        )
        units = some_words.units()
        partial = len(units) > 1 and complete < PARTIAL_BELOW
        if partial:
            # Documents with some of the words follow those with all of them.
            partial_source = some_words.source()
            total, facets = _facet_counts(partial_source, self.filters, user=self.user)
        start = self._clamp_page(total)
        window = self._window()
        ranked = self._ranked(source, self.query, window)
        if complete and self.query.ignored:
            # Documents that hold the stopwords too, as typed, come first.
            as_typed = replace(self.query, as_typed=True)
            first = self._ranked(
                backends.DatabaseMatcher(as_typed, entries=entries).source(),
                as_typed,
                window,
            )
            seen = set(first)
            ranked = first + [pk for pk in ranked if pk not in seen]
        if partial and total > complete:
            ranked += _partial_window(
                partial_source,
                user=self.user,
                filters=self.filters,
                query=self.query,
                units=units,
                limit=window - len(ranked),
            )
        results = self._results(total, ranked[start : start + self.per_page], facets)
        results.complete_total = complete
        if not total or results.partial:
            results.suggestion = suggest(self.query, user=self.user)
        return results

    def _ranked(self, source: sql.Source, query: SearchQuery, limit: int):
        return _ranked_window(
            source,
            user=self.user,
            filters=self.filters,
            limit=limit,
            words=list(query.all_words),
            today=datetime.date.today(),
        )

    def _search_server(self) -> SearchResults:
        matcher = backends.ServerMatcher(self.query)
        candidates = matcher.fetch(self._server_queryset())
        if is_member(self.user):
            candidates = candidates + self._annexed_candidates(candidates)
        # The database has the last word on what the reader may see: facets,
        # total and results count only candidates it confirms.
        source = sql.id_source([c.pk for c in candidates])
        allowed = sql.matching_ids(source, user=self.user, filters=self.filters)
        kept = [c for c in candidates if c.pk in allowed]
        units = len(self.query.words) + len(self.query.phrases)
        if len(kept) < PARTIAL_BELOW and (units > 1 or not kept):
            # Few documents have every word: the database index, which holds
            # the same words, ranks the partial matches and suggests words.
            return self._search_database()
        _, facets = _facet_counts(source, self.filters, user=self.user)
        start = self._clamp_page(len(kept))
        ranked = _rerank(kept, set(self.query.all_words), datetime.date.today())
        return self._results(len(kept), ranked[start : start + self.per_page], facets)

    def _annexed_candidates(self, found: list) -> list:
        """The server never holds members-only annexes: for a member, the
        documents the server did not propose whose members' entry in the
        database index matches follow its candidates."""
        source = backends.DatabaseMatcher(
            self.query, entries=backends.ANNEXED_ENTRIES
        ).source()
        seen = {candidate.pk for candidate in found}
        matched = sql.matching_ids(source, user=self.user, filters=self.filters)
        return [backends.Candidate(pk, 0.0) for pk in sorted(matched - seen)]

    def _server_queryset(self) -> QuerySet:
        """What the server may filter itself: only indexed filter fields, so the
        kinds of privacy the reader may read, not their groups (the database
        has the last word, in ``_search_server``)."""
        queryset = KnowledgePage.objects.live().filter(
            privacy__in=readable_kinds(self.user)
        )
        for spec, value in self.filters.active():
            if spec.server:
                queryset = queryset.filter(spec.condition(value, user=self.user))
        return queryset


def search_documents(**kwargs) -> SearchResults:
    return DocumentSearch(**kwargs).run()


def matching_documents(
    *,
    user,
    query: SearchQuery,
    filters: DocumentFilters,
    among: list[int] | None = None,
) -> set[int]:
    """The documents (of ``among``, when given) that match every word of
    ``query`` (in any of its forms) and every filter, and that ``user`` may
    see: what a saved search tells its reader about, whatever ranking the
    search page gives partial matches. One statement, however many documents
    ``among`` holds."""
    if among is not None and not among:
        return set()
    if query:
        entries = backends.entries_for(user)
        source = backends.DatabaseMatcher(query, entries=entries).source()
        if among is not None:
            source = sql.among(source, among)
    else:
        source = sql.every_document() if among is None else sql.id_source(among)
    return sql.matching_ids(source, user=user, filters=filters)


def matching_topics(query: SearchQuery, *, user, limit: int = 5) -> list:
    """Topics whose name, in any language, holds every word of the query, with
    visible counts.

    A topic only the reader's hidden documents carry is left out, as in
    autocomplete and popular topics.
    """
    if not query:
        return []
    wanted = set(query.all_words)
    return [
        topic
        for topic in topics_with_counts(user=user)
        if topic.document_count and wanted <= set(folded_words(topic.indexed_names()))
    ][:limit]


def matching_partners(query: SearchQuery, *, limit: int = 5) -> list:
    """Partners (public organisations) whose name holds every word of the query."""
    if not query:
        return []
    wanted = set(query.all_words)
    return [
        partner
        for partner in every_partner()
        if wanted <= set(folded_words(partner.name))
    ][:limit]


def popular_topics(*, user, limit: int = 8) -> list:
    topics = [topic for topic in topics_with_counts(user=user) if topic.document_count]
    return sorted(topics, key=lambda topic: (-topic.document_count, topic.local_name))[
        :limit
    ]


def autocomplete(raw_query: SearchQuery, *, user) -> list[dict]:
    """Titles and topics that start with what the reader has typed so far."""
    if not raw_query.terms:
        return []
    source = backends.DatabaseMatcher(raw_query, autocomplete=True).source()
    ranked = [
        pk
        for pk, _ in sql.ranked_ids(
            source, user=user, filters=DocumentFilters(), limit=AUTOCOMPLETE_LIMIT
        )
    ]
    documents = {
        doc.pk: doc
        for doc in visible_documents(user=user)
        .filter(pk__in=ranked)
        .select_related("content_type")
    }
    entries = []
    prefix = raw_query.terms[-1]
    visible_topics = [t for t in topics_with_counts(user=user) if t.document_count]
    for topic in visible_topics:
        topic_words = folded_words(topic.indexed_names())
        if all(w in topic_words for w in raw_query.terms[:-1]) and any(
            w.startswith(prefix) for w in topic_words
        ):
            entries.append(_entry("topic", topic.local_name, topic.get_absolute_url()))
    entries = entries[:3]
    entries += [
        _entry(
            documents[pk].specific_class.document_type,
            documents[pk].title,
            documents[pk].url,
        )
        for pk in ranked
        if pk in documents
    ]
    return entries[:AUTOCOMPLETE_LIMIT]


def _entry(kind: str, label: str, url: str) -> dict:
    """An autocomplete entry; ``type_label`` is what readers see of its type."""
    return {
        "type": kind,
        "type_label": type_label(kind),
        "label": label,
        "url": url,
    }


__all__ = [
    "DocumentSearch",
    "FacetValue",
    "Hit",
    "SearchResults",
    "autocomplete",
    "fold",
    "highlight",
    "matching_documents",
    "popular_topics",
    "search_documents",
    "suggest",
]
