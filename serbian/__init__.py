"""Serbian in both scripts: the one place its letters are tabled.

* :func:`to_cyrillic` and :func:`to_latin` transliterate text between the
  scripts; :func:`message_to_cyrillic` does it for interface messages, leaving
  placeholders, markup, addresses and the names in ``KEEP_LATIN`` as they are.
  The Serbian Latin catalogue (``locale/sr_Latn``) is the one translators edit;
  the Cyrillic one (``locale/sr``) is written from it by
  ``manage.py transliterate_messages``.
* :func:`folded_words` and :func:`fold_word` fold text to lower-case Latin
  letters without diacritics, so that both scripts and text typed without
  diacritics match: ``трговина људима`` and ``Trgovina ljudima`` both become
  ``trgovina ljudima``, ``Đorđe`` and ``Ђорђе`` both ``djordje``;
  :func:`fold` gives text as the search index stores it.

It imports nothing from Django and sits below every package: models, the
search index, the safeguarding detectors and the catalogue tooling all use it.
"""

import re
import unicodedata

# --- The alphabets ---------------------------------------------------------------

LATIN_TO_CYRILLIC = {
    "a": "а", "b": "б", "c": "ц", "č": "ч", "ć": "ћ", "d": "д", "đ": "ђ",
    "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "ј", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с",
    "š": "ш", "t": "т", "u": "у", "v": "в", "z": "з", "ž": "ж",
}  # fmt: skip
# Latin pairs of letters written as one Cyrillic letter.
DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}

# Each Cyrillic letter, lower and upper case, as Latin: "Љ" -> "Lj".
CYRILLIC_TO_LATIN = {
    cyrillic: latin for latin, cyrillic in (LATIN_TO_CYRILLIC | DIGRAPHS).items()
} | {
    cyrillic.upper(): latin.capitalize()
    for latin, cyrillic in (LATIN_TO_CYRILLIC | DIGRAPHS).items()
}

# Words where the two letters of a digraph belong to different parts of the
# word (prefix nad-/pod-/od- before ž, in- before j ...) and stay two letters.
SPLIT_DIGRAPHS = re.compile(
    r"(?<![a-zčćđšž])(nad|pod|od|pred)(?=ž)|(?<![a-zčćđšž])(i|ko)n(?=jek|jun|jug)",
    re.IGNORECASE,
)


# --- Transliteration ------------------------------------------------------------------


def to_latin(text: str) -> str:
    """Serbian Cyrillic ``text`` in Latin letters, with diacritics: "Ђорђе" -> "Đorđe"."""
    return "".join(CYRILLIC_TO_LATIN.get(char, char) for char in text)


def to_cyrillic(text: str) -> str:
    """Serbian Latin ``text`` in Cyrillic: "Ljubljana, LJUDI" -> "Љубљана, ЉУДИ".

    Digraphs become one letter in any capitalisation ("lj", "Lj", "LJ"), except
    across a prefix ("nadživeti" -> "надживети"). Every character is read as a
    letter: see :func:`message_to_cyrillic` for text with placeholders.
    """
    text = SPLIT_DIGRAPHS.sub(lambda m: m.group(0) + "\0", text)
    out = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair.lower() in DIGRAPHS:
            cyrillic = DIGRAPHS[pair.lower()]
            out.append(cyrillic.upper() if pair[0].isupper() else cyrillic)
            i += 2
            continue
        char = text[i]
        lower = char.lower()
        if lower in LATIN_TO_CYRILLIC:
            cyrillic = LATIN_TO_CYRILLIC[lower]
            out.append(cyrillic.upper() if char.isupper() else cyrillic)
        elif char != "\0":
            out.append(char)
        i += 1
    return "".join(out)


# Names and abbreviations written in Latin letters in Cyrillic text too.
KEEP_LATIN = (
    "STOP!",
    "Stop Trafficking Of People",
    "ASTRA",
    "BibTeX",
    "RIS",
    "EndNote",
    "Zotero",
    "Mendeley",
    "PDF",
    "Atom",
    "EU",
    # File formats and the programs that write them.
    "Word",
    "Excel",
    "OpenDocument",
    "DOCX",
    "ODT",
    # Wagtail's admin (admin_locale/): names and codes an editor sees as they are.
    "Wagtail API v2",
    "Wagtail API v3",
    "Wagtail",
    "JavaScript",
    "Embedly",
    "Enter",
    "API",
    "JSON",
    "CSV",
    "XLSX",
    "UTC",
    "URL",
    "ID",
    "ascii_snake_case",
)

PROTECTED = re.compile(
    "|".join(
        [
            r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]",  # %(name)s
            r"%[-#0 +]*\d*(?:\.\d+)?[sdifr]",  # %s, %d
            r"\{\{.*?\}\}",  # {{ var }}
            r"\{%.*?%\}",  # {% tag %}
            r"\{[A-Za-z_][\w.]*\}",  # {name}
            r"<[^>]*>",  # HTML tags
            r"&#?\w+;",  # HTML entities
            r"(?:https?|mailto|ftp)://\S+",  # addresses
            r"www\.\S+",
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
        ]
        + [rf"(?<!\w){re.escape(word)}(?!\w)" for word in KEEP_LATIN]
    )
)


def message_to_cyrillic(text: str) -> str:
    """An interface message in Cyrillic, leaving placeholders (``%(name)s``,
    ``{{ var }}``, ``{name}``), HTML tags and entities, addresses and the names
    in ``KEEP_LATIN`` as they are."""
    out = []
    position = 0
    for match in PROTECTED.finditer(text):
        out.append(to_cyrillic(text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(to_cyrillic(text[position:]))
    return "".join(out)


# --- Folding ----------------------------------------------------------------------------

# Letters of neighbouring Cyrillic alphabets, so pasted text still matches.
OTHER_CYRILLIC_TO_LATIN = {
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


def _without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Serbian Cyrillic letters (lower case) folded: "ж" -> "z", "ђ" -> "dj", "џ" -> "dz".
_FOLD_TABLE = {
    ord(cyrillic): _without_marks(latin.replace("đ", "dj"))
    for latin, cyrillic in (LATIN_TO_CYRILLIC | DIGRAPHS).items()
} | {ord(k): v for k, v in {**OTHER_CYRILLIC_TO_LATIN, **LATIN_SPECIAL}.items()}
WORD = re.compile(r"[^\W_]+")


def _fold_char(char: str) -> str:
    mapped = char.translate(_FOLD_TABLE)
    if mapped != char:
        return mapped
    if char.isascii():
        return char
    return _without_marks(char).translate(_FOLD_TABLE)


def _build_table() -> dict[int, str]:
    """Folding of the Latin and Cyrillic blocks, precomputed for str.translate."""
    ranges = [range(0x80, 0x250), range(0x400, 0x530), range(0x1E00, 0x1F00)]
    return {c: _fold_char(chr(c)) for r in ranges for c in r}


_FAST_TABLE = _build_table()


def folded_words(text: str) -> list[str]:
    """The words of ``text`` as search reads them, folded: "Ђак, ŽRTVE!" ->
    ["djak", "zrtve"].

    Text is put in NFKC and lower-cased; Serbian Cyrillic, the letters of
    neighbouring Cyrillic alphabets and Latin letters such as "ł" or "æ" become
    plain Latin; every run of letters and digits is a word, everything else
    (punctuation, apostrophes, hyphens) separates words.
    """
    if not text:
        return []
    text = unicodedata.normalize("NFKC", text).lower().translate(_FAST_TABLE)
    if not text.isascii():
        text = "".join(_fold_char(c) for c in text)
    return WORD.findall(text)


def fold_word(word: str) -> str:
    """One word as the safeguarding detectors compare it: Serbian Cyrillic in
    Latin letters, case-folded, without diacritics, and nothing else changed:
    "Ђорђе" -> "djordje", "Sarah's" -> "sarah's".

    Unlike :func:`folded_words` (search), it keeps the word whole, punctuation
    included, since the detectors strip full stops and possessives themselves,
    and it only transliterates Serbian Cyrillic: other Cyrillic letters lose
    their marks ("й" -> "и") and Latin letters without a decomposition ("ł",
    "æ") stay. The detectors' name lists and patterns are written against this
    form, and the search index against the other, so each keeps its own.
    """
    latin = to_latin(word)
    latin = latin.replace("đ", "dj").replace("Đ", "Dj")
    decomposed = unicodedata.normalize("NFKD", latin.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text) -> str:
    """``text`` as the search index stores it: folded words separated by spaces.

    Accepts what search fields return (a string, a list of strings, or objects).
    """
    if text is None:
        return ""
    if isinstance(text, list | tuple):
        return " ".join(filter(None, (fold(item) for item in text)))
    return " ".join(folded_words(str(text)))
