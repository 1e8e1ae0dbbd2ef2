"""Serbian Latin to Cyrillic, for the interface catalogue and for tests.

The Serbian Latin catalogue (``locale/sr_Latn``) is the one translators edit;
the Cyrillic one (``locale/sr``) is written from it by
``manage.py transliterate_messages``. Placeholders (``%(name)s``, ``{{ var }}``,
``{name}``), HTML tags and entities, addresses and the names in ``KEEP_LATIN``
are copied as they are.
"""

import re

LETTERS = {
    "a": "а", "b": "б", "c": "ц", "č": "ч", "ć": "ћ", "d": "д", "đ": "ђ",
    "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "ј", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с",
    "š": "ш", "t": "т", "u": "у", "v": "в", "z": "з", "ž": "ж",
}  # fmt: skip
DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}

# Words where the two letters of a digraph belong to different parts of the
# word (prefix nad-/pod-/od- before ž, in- before j ...) and stay two letters.
SPLIT_DIGRAPHS = re.compile(
    r"(?<![a-zčćđšž])(nad|pod|od|pred)(?=ž)|(?<![a-zčćđšž])(i|ko)n(?=jek|jun|jug)",
    re.IGNORECASE,
)

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


def _letters(text: str) -> str:
    """Transliterate plain text: no placeholders in it."""
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
        if lower in LETTERS:
            out.append(LETTERS[lower].upper() if char.isupper() else LETTERS[lower])
        elif char != "\0":
            out.append(char)
        i += 1
    return "".join(out)


def to_cyrillic(text: str) -> str:
    """Serbian Latin ``text`` in Cyrillic, leaving placeholders and markup alone."""
    out = []
    position = 0
    for match in PROTECTED.finditer(text):
        out.append(_letters(text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_letters(text[position:]))
    return "".join(out)
