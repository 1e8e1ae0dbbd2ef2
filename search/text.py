"""Text folding and query normalisation: the one place search text is shaped.

Everything the search index holds and every query it is asked goes through
:func:`fold`, so matching does not depend on any backend's analyser:

* Serbian Cyrillic is transliterated to Latin (``трговина људима`` → ``trgovina ljudima``);
* diacritics are dropped (``žrtve`` → ``zrtve``, ``šole`` → ``sole``, ``đak`` → ``djak``);
* letters are lower-cased and everything that is not a letter or digit becomes a
  single space, so SQLite FTS5, PostgreSQL and Elasticsearch all see the same words.

This module imports nothing from Django models: models use it to fold what they
index, and the search view uses it to read the reader's query.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MIN_PREFIX_LENGTH = 4

CYRILLIC_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ђ": "dj",
    "е": "e",
    "ж": "z",
    "з": "z",
    "и": "i",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ћ": "c",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "c",
    "џ": "dz",
    "ш": "s",
    # Letters of neighbouring Cyrillic alphabets, so pasted text still matches.
    "ѓ": "dj",
    "ќ": "c",
    "ѕ": "dz",
    "й": "j",
    "ё": "e",
    "ы": "y",
    "э": "e",
    "ю": "ju",
    "я": "ja",
    "щ": "sc",
    "ъ": "",
    "ь": "",
    "є": "je",
    "і": "i",
    "ї": "ji",
    "ґ": "g",
}
# Latin letters that Unicode does not decompose into a base letter and a mark.
LATIN_SPECIAL = {"đ": "dj", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss"}

_FOLD_TABLE = {ord(k): v for k, v in {**CYRILLIC_TO_LATIN, **LATIN_SPECIAL}.items()}
WORD = re.compile(r"[^\W_]+")
# Control, format (bidi, zero-width), surrogate, private-use and unassigned.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»〝〞＂", '"'))


def _fold_char(char: str) -> str:
    mapped = char.translate(_FOLD_TABLE)
    if mapped != char:
        return mapped
    if char.isascii():
        return char
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(
        _FOLD_TABLE
    )


def _build_table() -> dict[int, str]:
    """Folding of the Latin and Cyrillic blocks, precomputed for str.translate."""
    ranges = [range(0x80, 0x250), range(0x400, 0x530), range(0x1E00, 0x1F00)]
    return {c: _fold_char(chr(c)) for r in ranges for c in r}


_FAST_TABLE = _build_table()


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    if not text:
        return []
    text = unicodedata.normalize("NFKC", text).lower().translate(_FAST_TABLE)
    if not text.isascii():
        text = "".join(_fold_char(c) for c in text)
    return WORD.findall(text)


@functools.lru_cache(maxsize=50_000)
def word_forms(word: str) -> frozenset[str]:
    """The folded words of one word of text, remembered: snippets fold the same
    common words over and over."""
    return frozenset(words(word))


def fold(text) -> str:
    """``text`` as the search index stores it: folded words separated by spaces.

    Accepts what search fields return (a string, a list of strings, or objects).
    """
    if text is None:
        return ""
    if isinstance(text, list | tuple):
        return " ".join(filter(None, (fold(item) for item in text)))
    return " ".join(words(str(text)))


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

    ``terms`` are folded words that must all match; ``phrases`` are runs of folded
    words that must match in order. Operator characters of FTS5, tsquery and the
    Elasticsearch query syntax never survive: only letters and digits do.
    """

    text: str = ""
    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def all_words(self) -> tuple[str, ...]:
        seen = dict.fromkeys(self.terms)
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
        part_words = words(part)[:budget]
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
