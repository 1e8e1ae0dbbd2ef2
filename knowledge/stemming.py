"""Word forms: the stems search matches on, in each language the site speaks.

Serbian and Slovenian change a word's ending with its case and number (žrtva,
žrtve, žrtvu; delavnica, delavnice, delavnic), English less so (victim, victims).
Search reduces folded words (:func:`serbian.fold`) to stems:

* a document is stemmed in its own language when it is indexed
  (:func:`with_stems`, used by ``knowledge.search_fields``);
* a query, whose language is unknown, matches the stems of every language
  (:func:`query_forms`).

English and Serbian use the Snowball stemmers (PyStemmer); Snowball has no
Slovenian stemmer, so Slovenian uses :func:`slovenian_stem`, a light suffix
stripper. Stemming folded words (Latin, no diacritics) keeps Cyrillic, Latin and
diacritic-free text meeting as before.
"""

import functools

import Stemmer

# Languages by the first part of their code: "sr-Latn" and "sr-Cyrl" are "sr".
SNOWBALL = {"en": "english", "sr": "serbian"}
LANGUAGES = ("en", "sr", "sl")
# What text of no language of its own (topic and partner names) is stemmed as.
DEFAULT_LANGUAGE = "en"

# Slovenian endings of nouns, adjectives and verbs (folded, longest first). A
# word keeps at least MIN_STEM letters.
SLOVENIAN_ENDINGS = tuple(
    sorted(
        [
            "ovega",
            "ovemu",
            "ovih",
            "ovim",
            "ega",
            "emu",
            "ima",
            "imi",
            "ama",
            "ami",
            "ih",
            "im",
            "ov",
            "ev",
            "om",
            "em",
            "ah",
            "eh",
            "ati",
            "iti",
            "eti",
            "ajo",
            "amo",
            "ate",
            "ila",
            "ilo",
            "ili",
            "ile",
            "il",
            "a",
            "e",
            "i",
            "o",
            "u",
        ],
        key=len,
        reverse=True,
    )
)
MIN_STEM = 3


def language_of(code: str | None) -> str:
    """``en``, ``sr`` or ``sl`` for a document's language code."""
    base = (code or DEFAULT_LANGUAGE).split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def slovenian_stem(word: str) -> str:
    for ending in SLOVENIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


@functools.cache
def _snowball(language: str):
    return Stemmer.Stemmer(SNOWBALL[language])


@functools.lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    """The stem of one folded ``word`` in ``language`` (``en``, ``sr``, ``sl``)."""
    if word.isdigit():
        return word
    if language == "sl":
        return slovenian_stem(word)
    return _snowball(language).stemWord(word)


def with_stems(folded: str, language: str | None) -> str:
    """Folded text as the index stores it: its words, then the stem of each word
    whose stem differs, in the document's language. The words come first and in
    order, so quoted phrases still match them."""
    code = language_of(language)
    words = folded.split()
    extra = [s for w in words if (s := stem(w, code)) and s != w]
    return " ".join([*words, *extra])


@functools.lru_cache(maxsize=50_000)
def query_forms(word: str) -> tuple[str, ...]:
    """A folded query word and its stems in every language, the word first."""
    return tuple(dict.fromkeys([word, *(stem(word, code) for code in LANGUAGES)]))


def text_forms(words) -> set[str]:
    """Folded ``words`` of a text and their stems in every language."""
    return {form for word in words for form in query_forms(word)}
