"""Detectors for victims' personal data in free text.

Each detector returns the spans it suspects; :func:`detect` runs them all. They
work on English, Slovenian and Serbian in both scripts, and err on the side of
asking a person: a reviewer can override a false positive, while a missed
victim's name cannot be taken back once published.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass


class Kind:
    NAME = "name"
    JMBG = "jmbg"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    BIRTH_DATE = "birth_date"
    GPS = "gps"
    UNREADABLE = "unreadable"

    LABELS = {
        NAME: "Name next to a victim or child",
        JMBG: "Personal number (JMBG)",
        PHONE: "Phone number",
        EMAIL: "E-mail address",
        ADDRESS: "Street address",
        BIRTH_DATE: "Date of birth",
        GPS: "GPS location in image",
        UNREADABLE: "Attachment that cannot be checked",
    }
    TEXT_KINDS = (NAME, JMBG, PHONE, EMAIL, ADDRESS, BIRTH_DATE)


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int


_CYRILLIC = dict(
    zip(
        "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "đ",
            "e",
            "ž",
            "z",
            "i",
            "j",
            "k",
            "l",
            "lj",
            "m",
            "n",
            "nj",
            "o",
            "p",
            "r",
            "s",
            "t",
            "ć",
            "u",
            "f",
            "h",
            "c",
            "č",
            "dž",
            "š",
            "A",
            "B",
            "V",
            "G",
            "D",
            "Đ",
            "E",
            "Ž",
            "Z",
            "I",
            "J",
            "K",
            "L",
            "Lj",
            "M",
            "N",
            "Nj",
            "O",
            "P",
            "R",
            "S",
            "T",
            "Ć",
            "U",
            "F",
            "H",
            "C",
            "Č",
            "Dž",
            "Š",
        ],
        strict=True,
    )
)


def fold(word: str) -> str:
    """A word in Latin script, lower case, without diacritics: "Ђорђе" -> "djordje"."""
    latin = "".join(_CYRILLIC.get(char, char) for char in word)
    latin = latin.replace("đ", "dj").replace("Đ", "Dj")
    decomposed = unicodedata.normalize("NFKD", latin.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# --- Personal numbers -------------------------------------------------------

_JMBG = re.compile(r"(?<![\d/.-])(\d{13})(?![\d/-])")


def jmbg_is_valid(number: str) -> bool:
    """A Serbian JMBG: a plausible day and month, and the mod-11 control digit."""
    if len(number) != 13 or not number.isdigit():
        return False
    day, month = int(number[0:2]), int(number[2:4])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    d = [int(c) for c in number]
    total = sum(w * (d[i] + d[i + 6]) for i, w in enumerate((7, 6, 5, 4, 3, 2)))
    control = 11 - total % 11
    return (0 if control > 9 else control) == d[12]


def find_jmbg(text: str) -> Iterator[Span]:
    for match in _JMBG.finditer(text):
        if jmbg_is_valid(match.group(1)):
            yield Span(Kind.JMBG, match.start(1), match.end(1))


# --- E-mail -------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])", re.UNICODE
)


def find_email(text: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(text):
        yield Span(Kind.EMAIL, match.start(), match.end())


# --- Phone numbers --------------------------------------------------------------

_PHONE = re.compile(
    r"""
    (?<![\w/.+-])
    (?:
        (?:\+|00)[1-9]\d{0,2}[\s./-]?(?:\(0\)\s?)?\d{1,4}(?:[\s./-]?\d{2,4}){1,4}
      | \(?0\d{1,3}\)?(?:[\s/-]{0,3}\d{2,4}){2,4}
    )
    (?![\w/-]|\.\d)
    """,
    re.VERBOSE,
)
_DATE_LIKE = re.compile(r"^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$")


def find_phone(text: str) -> Iterator[Span]:
    for match in _PHONE.finditer(text):
        value = match.group()
        digits = re.sub(r"\D", "", value)
        international = value.startswith(("+", "00"))
        if not (8 <= len(digits) <= 15) or _DATE_LIKE.match(value):
            continue
        if not international and len(digits) > 11:
            continue
        yield Span(Kind.PHONE, match.start(), match.end())


# --- Street addresses -------------------------------------------------------------

_NUMBER = r"(?:br\.\s?|broj\s|бр\.\s?|број\s|št\.\s?|no\.\s?)?\d{1,3}(?:\s?[a-zA-Zа-шА-Ш])?(?![\d])(?!\.\d)"
_NAME_WORDS = r"(?:[\w.\-]+\s){0,3}?"
_ADDRESS = re.compile(
    rf"""
    (?:
        # Serbian and Slovenian, keyword first: "ulica Kneza Miloša 12", "ул. Краља Петра 5"
        \b(?i:ulic[aie]|ul\.|bulevar[a-z]*|bul\.|trg[au]?|šetališt[eu]|kej[au]?
           |улиц[аеи]|ул\.|булевар[а-ш]*|трг[ау]?)\s
        {_NAME_WORDS}{_NUMBER}
      | # Slovenian, keyword after the name: "Trubarjeva cesta 12", "Miklošičeva ulica 5"
        \b[A-ZČŠŽ][\w]+\s(?:cesta|cesti|ulica|ulici|pot|trg)\s{_NUMBER}
      | # English: "12 Baker Street", "Flat 3, 14 Mill Lane"
        \b\d{{1,4}}[a-zA-Z]?,?\s(?:[A-Z][\w'-]+\s){{1,3}}
        (?:Street|St\.|Road|Rd\.?|Avenue|Ave\.?|Lane|Close|Drive|Way|Place|Square|Gardens|Crescent|Terrace)\b
    )
    """,
    re.VERBOSE | re.UNICODE,
)


def find_address(text: str) -> Iterator[Span]:
    for match in _ADDRESS.finditer(text):
        yield Span(Kind.ADDRESS, match.start(), match.end())


# --- Dates of birth ----------------------------------------------------------------

_MONTHS = (
    r"jan\w*|feb\w*|mar\w*|apr\w*|ma[jy]\w*|jun\w*|jul\w*|avg\w*|aug\w*|sep\w*"
    r"|okt\w*|oct\w*|nov\w*|dec\w*|јан\w*|феб\w*|мар\w*|апр\w*|мај\w*|јун\w*"
    r"|јул\w*|авг\w*|сеп\w*|окт\w*|нов\w*|дец\w*"
)
_DATE = (
    rf"(?:\d{{1,2}}\s?[./-]\s?\d{{1,2}}\s?[./-]\s?(?:19|20)\d{{2}}\.?"
    rf"|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}\.?\s(?:{_MONTHS})\s(?:19|20)\d{{2}}\.?"
    rf"|(?:{_MONTHS})\s\d{{1,2}},?\s(?:19|20)\d{{2}})"
)
_BIRTH_WORDS = (
    r"born|date\sof\sbirth|d\.?o\.?b\.?|birth\s?date"
    r"|rođen[aoi]?|datum\srođenja|rodjen[aoi]?|datum\srodjenja|рођен[аои]?|датум\sрођења"
    r"|rojen[aoi]?|datum\srojstva|roj\."
)
_BIRTH_DATE = re.compile(
    rf"\b(?:{_BIRTH_WORDS})[\s:,]+(?:(?:on|is|was|dana|dne|je|је|in|u|у|v)\s)?({_DATE})",
    re.IGNORECASE | re.UNICODE,
)


def find_birth_date(text: str) -> Iterator[Span]:
    for match in _BIRTH_DATE.finditer(text):
        yield Span(Kind.BIRTH_DATE, match.start(1), match.end(1))


# --- Names next to a victim or a child ------------------------------------------------

_VICTIM_WORDS = re.compile(
    r"""\b(?:
        victims?|child|children|girls?|boys?|minors?|survivors?|teenagers?
      | žrtv\w*|žrtev|dete|deteta|detetu|detetom|deca|dece|deci|decom
      | devojčic\w*|dečak\w*|maloletn\w*|štićeni\w*|mladoletn\w*
      | otrok\w*|otroc\w*|deklic\w*|deček|dečk\w*
      | жртв\w*|дете|детета|детету|дететом|деца|деце|деци|децом
      | девојчиц\w*|дечак\w*|малолетн\w*|штићени\w*
    )\b""",
    re.IGNORECASE | re.VERBOSE | re.UNICODE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;]\s*$|\n")
_WINDOW = 4


def _words(text: str) -> list[str]:
    return text.split()


# Common given names in Serbia, Slovenia, the UK and of the region's Roma,
# Albanian and migrant communities, folded (see :func:`fold`).
GIVEN_NAMES = frozenset(
    _words(
        """
    adam ahmed aleksa aleksandar aleksandra alfie ali aljaz amelia amina amir
    amra ana andjela andrei andrija anze arben ben besa biljana blaz blerta
    bojan bojana branko charlie chloe daniel danijela darko dejan dimitrije
    djordje dragan dragana dragica drita dunja dusan edin elena ellie elma elvis
    ema emily emina emma eva fatima fatmir filip florin gasper george goran
    gordana grace hannah harry igor ioana iryna ivan ivana jack jacob james jan
    jasmina jasna jelena jessica jovan jovana jure katarina katja kristina lara
    lazar leo lily ljiljana ljubica luka maja marija marina marko mateja matic
    mia miha mihaela mihajlo milan milena milica milos mina mirjana miroslav
    mirsad mladen mohammed mojca muhammad natasa nejc nemanja nenad nevena neza
    nika nikola nina ognjen oksana olena oliver olivera olivia oscar pavle petar
    petra predrag radmila rok sam samir sanja sara sasa sead selma senad
    slobodan snezana sofija sophie spela srdjan stefan strahinja svetlana tamara
    teodora thomas tijana tilen tim tina tom urban uros urska vasilije vera
    vesna vladimir vuk zala zan zeljko ziga zoran zorica
        """
    )
)
_CASE_ENDINGS = ("om", "em", "oj", "ju", "u", "e", "a", "i")
_SURNAME_ENDINGS = ("ovic", "evic", "ic", "ska", "ski")
# Capitalised words that are never the name of a person in this domain.
_NOT_NAMES = frozenset(
    fold(word)
    for word in _words(
        """
    Article Član Člen Член Centre Center Centar Центар Ministry Ministarstvo
    Министарство Republic Republika Република Serbia Srbija Србија Slovenia
    Slovenija Словенија Belgrade Beograd Београд Ljubljana Novi Sad Niš Maribor
    Convention Konvencija Конвенција Directive Direktiva Protocol Protokol
    Police Policija Полиција Court Sud Суд Council Europe Evrope Europa National
    Office Kancelarija Government Vlada Влада The A An In On For And Of Mr Mrs
    Ms Dr Safe House Sigurna Kuća Foster Care UNICEF UNHCR IOM GRETA ASTRA Ključ
    Barnahus Lanzarote Criminal Code Krivični Kazenski EU UN UK
        """
    )
)


def _is_given_or_surname(word: str) -> bool:
    folded = fold(word.rstrip(".")).rstrip("’'")
    if folded in _NOT_NAMES:
        return False
    if folded in GIVEN_NAMES:
        return True
    for ending in _CASE_ENDINGS:  # declined given names: "Marijom", "Marka"
        stem = folded[: len(folded) - len(ending)]
        if (
            folded.endswith(ending)
            and len(stem) >= 3
            and any(stem + vowel in GIVEN_NAMES for vowel in ("", "a", "o", "e"))
        ):
            return True
    return len(folded) > 4 and folded.endswith(_SURNAME_ENDINGS)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def find_victim_names(text: str) -> Iterator[Span]:
    """Given names or surnames within a few words of a word for victim or child.

    Capitalised words count when they are common given names (in any case
    ending or script), look like South Slavic surnames, or are a capitalised
    word followed by an initial ("Marko P."). Initials alone ("child A.") are
    how practitioners anonymise, and are not flagged.
    """
    words = list(_WORD.finditer(text))
    reported: set[int] = set()
    for position, word in enumerate(words):
        if not _is_victim_word(word.group()):
            continue
        low, high = max(0, position - _WINDOW), min(len(words), position + _WINDOW + 1)
        for other in range(low, high):
            if other == position or other in reported:
                continue
            candidate = words[other]
            between = text[
                min(word.end(), candidate.end()) : max(word.start(), candidate.start())
            ]
            if _SENTENCE_END.search(between):
                continue
            if not _is_victim_word(candidate.group()) and _looks_like_name(
                words, other
            ):
                reported.add(other)
                yield Span(Kind.NAME, candidate.start(), candidate.end())
                # A capitalised word right after a given name is its surname.
                following = other + 1
                if (
                    following < len(words)
                    and following not in reported
                    and text[candidate.end() : words[following].start()] == " "
                    and _is_capitalised(words[following].group())
                    and fold(words[following].group()) not in _NOT_NAMES
                ):
                    reported.add(following)
                    surname = words[following]
                    yield Span(Kind.NAME, surname.start(), surname.end())


def _is_victim_word(word: str) -> bool:
    return _VICTIM_WORDS.fullmatch(word.rstrip(".")) is not None


def _looks_like_name(words: list, index: int) -> bool:
    word = words[index].group()
    if not _is_capitalised(word) or len(word.rstrip(".")) < 2:
        return False
    if _is_given_or_surname(word):
        return True
    following = words[index + 1].group() if index + 1 < len(words) else ""
    return (
        fold(word) not in _NOT_NAMES
        and not word.endswith(".")
        and re.fullmatch(r"[A-ZČĆŠŽĐА-ШЂЈЉЊЋЏ]\.", following) is not None
    )


# --- All together ------------------------------------------------------------------------

DETECTORS = (
    find_jmbg,
    find_email,
    find_phone,
    find_address,
    find_birth_date,
    find_victim_names,
)


def detect(text: str) -> list[Span]:
    """Every suspected span in ``text``, in order, without overlaps of one kind
    inside another (an e-mail is not also reported as a name)."""
    spans = sorted(
        (span for detector in DETECTORS for span in detector(text or "")),
        key=lambda span: (span.start, -(span.end - span.start)),
    )
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def mask(value: str) -> str:
    """Keep the first character and the punctuation; hide letters and digits."""
    return value[:1] + "".join("•" if char.isalnum() else char for char in value[1:])


def masked_excerpt(text: str, spans: list[Span], span: Span, context: int = 30) -> str:
    """The text around ``span`` with every suspected span in it masked."""
    start, end = max(0, span.start - context), min(len(text), span.end + context)
    pieces, cursor = [], start
    for other in spans:
        if other.end <= start or other.start >= end:
            continue
        pieces.append(text[cursor : max(cursor, other.start)])
        pieces.append(mask(text[max(start, other.start) : min(end, other.end)]))
        cursor = min(end, other.end)
    pieces.append(text[cursor:end])
    excerpt = " ".join("".join(pieces).split())
    return ("…" if start > 0 else "") + excerpt + ("…" if end < len(text) else "")
