"""Word forms and stopwords: what search matches on, in each language documents
are written in (``knowledge.models.Language``, read by :func:`site_languages`).

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

Stopwords (:data:`STOPWORDS`, folded) are the little words a query may carry
("how to", "kako", "v"): ``search.text`` leaves them out of a query's words
unless they are all it has, or they stand in a quoted phrase.
"""

import functools

import Stemmer

from knowledge.languages import Language

# Languages by the first part of their code: "sr-Latn" and "sr-Cyrl" are "sr".
# Each language documents are written in has a stemmer: Snowball's, or a light
# one of its own in LIGHT_STEMMERS (below), and a list of stopwords.
SNOWBALL = {"en": "english", "sr": "serbian"}
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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Folded, so Cyrillic and text without diacritics meet them too ("što" is
# "sto"). Short on purpose: only words that carry no topic of their own.
STOPWORDS = {
    "en": _words(
        """a about an and are as at be been being but by can could did do does
        for from had has have how i if in into is it its me my no not of on or
        our should so than that the their them then there these they this those
        to us was we were what when where which who whom why will with would
        you your"""
        # What is left of contractions once the apostrophe splits them
        # ("doesn't" is "doesn t", "it's" is "it s").
        """ aren couldn d didn doesn don hadn hasn haven isn ll m re s shouldn
        t ve wasn weren won wouldn"""
    ),
    "sr": _words(
        """a ali bez bi bila bile bili bilo bio biti da do gde gdje i ih ili iz
        izmedju je jer jesu ka kad kada kako kao koja koje koji kojih kojima
        kod li na nad ne ni niti o od on ona oni ono ova ove ovi ovo ovaj pa po
        pod pre prema pri sa sam se si smo ste sta sto su sve ta taj te ti to
        u uz vec za zasto"""
    ),
    "sl": _words(
        """ali bi bil bila bile bili bilo biti brez da do h iz je k kaj kako
        kar katera katere kateri katero kdaj ker kje ki ko kot med na nad ne
        o ob od pa po pod pri prek preko s se sem si smo so ste ta te
        tega tem ter tisti to tudi v z za zakaj"""
    ),
}


def slovenian_stem(word: str) -> str:
    """The longest common ending taken off, keeping at least MIN_STEM letters."""
    for ending in SLOVENIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


LIGHT_STEMMERS = {"sl": slovenian_stem}


def base_language(code: str) -> str:
    """A language code without its script or region: ``sr-Latn`` is ``sr``."""
    return code.split("-")[0].lower()


@functools.cache
def site_languages() -> tuple[str, ...]:
    """The languages documents are written in, by :func:`base_language`: read
    from ``knowledge.languages.Language``, the one list of them."""
    return tuple(dict.fromkeys(base_language(code) for code in Language.values))


def language_of(code: str | None) -> str:
    """``en``, ``sr`` or ``sl`` for a document's language code."""
    base = base_language(code or DEFAULT_LANGUAGE)
    return base if base in site_languages() else DEFAULT_LANGUAGE


@functools.cache
def stopwords() -> frozenset[str]:
    """The stopwords of every language documents are written in: a query's
    language is unknown."""
    return frozenset().union(*(STOPWORDS.get(code, ()) for code in site_languages()))


@functools.cache
def _snowball(language: str):
    return Stemmer.Stemmer(SNOWBALL[language])


@functools.lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    """The stem of one folded ``word`` in ``language`` (``en``, ``sr``, ``sl``)."""
    if word.isdigit():
        return word
    if language in LIGHT_STEMMERS:
        return LIGHT_STEMMERS[language](word)
    if language in SNOWBALL:
        return _snowball(language).stemWord(word)
    return word


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
    stems = (stem(word, code) for code in site_languages())
    return tuple(dict.fromkeys([word, *stems]))


def text_forms(words) -> set[str]:
    """Folded ``words`` of a text and their stems in every language."""
    return {form for word in words for form in query_forms(word)}
