"""Text folding and query normalisation: the one place search text is shaped.

Everything the search index holds and every query it is asked goes through
:func:`fold` (the words of :func:`serbian.folded_words`), so matching
does not depend on any backend's analyser:

* Serbian Cyrillic is transliterated to Latin (``трговина људима`` → ``trgovina ljudima``);
* diacritics are dropped (``žrtve`` → ``zrtve``, ``šole`` → ``sole``, ``đak`` → ``djak``);
* letters are lower-cased and everything that is not a letter or digit becomes a
  single space, so SQLite FTS5, PostgreSQL and Elasticsearch all see the same words.

This module imports nothing from Django models: models use it to fold what they
index, and the search view uses it to read the reader's query.
"""

import functools
import unicodedata
from dataclasses import dataclass, field

from knowledge.stemming import stopwords
from serbian import folded_words

MAX_QUERY_CHARS = 200
MAX_TERMS = 12

# Control, format (bidi, zero-width), surrogate, private-use and unassigned.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»〝〞＂", '"'))


@functools.lru_cache(maxsize=50_000)
def word_forms(word: str) -> frozenset[str]:
    """The folded words of one word of text, remembered: snippets fold the same
    common words over and over."""
    return frozenset(folded_words(word))


def clean(text: str) -> str:
    """Reader input without invisible characters, in NFKC, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    visible = "".join(
        " " if unicodedata.category(c) in _INVISIBLE_CATEGORIES else c for c in text
    )
    return " ".join(visible.split())


@dataclass(frozen=True)
class SearchQuery:
    """A reader's query, normalised: safe to show and to hand to any backend.

    ``terms`` are the folded words typed outside quotes (autocomplete completes
    the last one); ``words`` are those a search matches: the terms without
    stopwords, unless stopwords are all there is. ``phrases`` are runs of folded
    words that must match in order, stopwords included. Operator characters of
    FTS5, tsquery and the Elasticsearch query syntax never survive: only letters
    and digits do.
    """

    text: str = ""
    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = field(default=())
    # Stopwords matched as any other word: documents holding the query as
    # typed rank first (search.queries).
    as_typed: bool = False

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def words(self) -> tuple[str, ...]:
        if self.as_typed:
            return self.terms
        ignored = stopwords()
        kept = tuple(term for term in self.terms if term not in ignored)
        if kept or self.phrases:
            return kept
        return self.terms

    @property
    def ignored(self) -> tuple[str, ...]:
        """The stopwords left out of ``words``."""
        kept = set(self.words)
        return tuple(term for term in self.terms if term not in kept)

    @property
    def all_words(self) -> tuple[str, ...]:
        seen = dict.fromkeys(self.words)
        for phrase in self.phrases:
            seen.update(dict.fromkeys(phrase))
        return tuple(seen)

    @property
    def folded(self) -> str:
        """One string of every word, for backends that take plain text."""
        return " ".join(self.all_words)


def parse_query(raw: str | None) -> SearchQuery:
    """Normalise what a reader typed. Never raises, whatever the input."""
    text = clean((raw or "")[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS].strip()
    quoted = text.translate(_QUOTES)
    parts = quoted.split('"')
    if len(parts) % 2 == 0:
        # An unbalanced quote is an ordinary character, not a phrase.
        parts = [quoted.replace('"', " ")]
    terms: dict[str, None] = {}
    phrases: dict[tuple[str, ...], None] = {}
    budget = MAX_TERMS
    for index, part in enumerate(parts):
        part_words = folded_words(part)[:budget]
        if not part_words:
            continue
        if index % 2 and len(part_words) > 1:
            phrases[tuple(part_words)] = None
            budget -= len(part_words)
        else:
            new = [w for w in part_words if w not in terms]
            terms.update(dict.fromkeys(new))
            budget -= len(new)
        if budget <= 0:
            break
    return SearchQuery(text=text, terms=tuple(terms), phrases=tuple(phrases))
