"""Detectors for victims' personal data in free text.

Each detector returns the spans it suspects; :func:`detect` runs them all. They
work on English, Slovenian and Serbian in both scripts, and err on the side of
asking a person: a reviewer can override a false positive, while a missed
victim's name cannot be taken back once published.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from serbian import fold_word


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


# --- Personal numbers -------------------------------------------------------

# Thirteen digits not inside a longer number; whatever else is around them
# ("JMBG:", "-", "/", a letter) does not matter.
_JMBG = re.compile(r"(?<!\d)(\d{13})(?!\d)")


def jmbg_is_valid(number: str) -> bool:
    """A JMBG (Serbia) or EMŠO (Slovenia), the same form: a real date of birth
    (DDMMYYY, the year without its first digit) and the mod-11 control digit."""
    if len(number) != 13 or not number.isdigit():
        return False
    day, month, year = int(number[0:2]), int(number[2:4]), int(number[4:7])
    try:
        datetime.date(year + (1000 if year >= 800 else 2000), month, day)
    except ValueError:
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
    (?<![\d+])(?<!\d[\s.,/-])  # not inside a number: "2 050 000 000", "10/01/2000"
    (?:
        (?:\+|00)[1-9]\d{0,2}  # country code: +381, 00386
        (?:[\s./-]?\(0\))?
        (?:[\s./-]?\(?\d{1,4}\)?){2,5}
      | \(?0[1-9]\d{0,2}\)?  # area or mobile code: 011, (01), 064
        (?:[\s./-]{0,3}\d{2,4}){2,4}
    )
    (?!\d|[.,]\d)
    """,
    re.VERBOSE,
)
# Numbers of phone shape that are something else: dates ("05.03.2011."),
# opening hours ("08.00-16.00") and file numbers ending in a year ("06-123/2015").
_NOT_PHONE = re.compile(
    r"""
    ^\(?\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{2,4}$
  | ^\d{1,2}[.:]\d{2}\s?-\s?\d{1,2}[.:]\d{2}$
  | /\s?(?:19|20)\d{2}$
    """,
    re.VERBOSE,
)


def find_phone(text: str) -> Iterator[Span]:
    for match in _PHONE.finditer(text):
        value = match.group()
        digits = re.sub(r"\D", "", value)
        international = value.startswith(("+", "00"))
        if not (8 <= len(digits) <= 15):
            continue
        if not international and _NOT_PHONE.search(value):
            continue  # a country code makes it a phone number, "/2000" or not
        if not international and not (9 <= len(digits) <= 11):
            continue  # numbers in Serbia and Slovenia have 9 or 10 digits
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

# Words for a victim or a child, folded (see :func:`serbian.fold_word`), so that both
# scripts and text typed without diacritics ("zrtva", "decak") are covered.
_VICTIM_WORDS = re.compile(
    r"""(?:
        victims?|child|children|girls?|boys?|minors?|survivors?|teenagers?
      | kids?|juveniles?
      | zrtv\w*|zrtev|dete|deteta|detetu|detetom|deca|dece|deci|decom
      | devojcic\w*|decak\w*|maloletn\w*|sticeni\w*|mladoletn\w*|ostecen\w*
      | otrok\w*|otroc\w*|deklic\w*|decek|decka|decku|deckom|oskodovan\w*
    )""",
    re.VERBOSE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")
# A sentence ends at . ! ? ; or a line break, but not after a title ("Mr.").
_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bg)(?<!\bgđa)(?<!\bgđica)"
    r"[.!?;]\s*$|\n"
)
_WINDOW = 4


# Common given names in Serbia, Slovenia, the UK and of the region's Roma,
# Albanian and migrant communities, folded (see :func:`serbian.fold_word`). Names that are
# also everyday words starting a sentence are left out: English "Mark", "Will",
# "Hope", "May"; Serbian and Slovenian "tim" (team), "ali" (but), "sam" (alone),
# "rok" (deadline).
GIVEN_NAMES = frozenset(
    """
    adam ahmed aleksa aleksandar aleksandra alfie aljaz amelia amina amir
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
    petra predrag radmila samir sanja sara sasa sead selma senad
    slobodan snezana sofija sophie spela srdjan stefan strahinja svetlana tamara
    teodora thomas tijana tilen tina tom urban uros urska vasilije vera
    vesna vladimir vuk zala zan zeljko ziga zoran zorica

    aaron abigail alexander alexis alice amanda amy andrew angela ann anna
    anne anthony archie arthur ashley ava barbara benjamin beth betty brandon
    brian carol caroline catherine charlotte christine christopher claire
    daisy danielle david deborah denise diana donna dorothy edward eleanor
    elizabeth ella emilia ethan evelyn evie florence freddie freya gary
    george grace harriet heather helen henry holly isabel isabella isla jacqueline
    jade jake jasmine jason jennifer jenny joan john jonathan joseph joshua
    julia julie justin karen kate katherine katie kayla kelly kevin kyle laura
    lauren liam linda lisa logan louise lucas lucy madison margaret maria mary
    matthew megan melissa michael michelle millie molly nancy natalie nathan
    nicholas nicole noah paul peter poppy rachel rebecca richard robert ruby
    ryan samantha samuel sarah scott sharon sienna stephanie stephen steven
    susan teresa theo timothy tyler victoria william zachary zoe
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
_CASE_ENDINGS = ("om", "em", "oj", "ju", "u", "e", "a", "i")
# Surnames by their shape: -ić (with its diacritic, or -ović/-ević without),
# and the Macedonian -ovski/-evski.
_SURNAME_ENDINGS = (
    "ovic",
    "evic",
    "ovich",
    "evich",
    "ovski",
    "evski",
    "ovska",
    "evska",
)
_SURNAME_DIACRITIC = re.compile(r"(?:ić|ић)$", re.IGNORECASE)
# Capitalised words that are never the name of a person in this domain.
_NOT_NAMES = frozenset(
    fold_word(word)
    for word in """
    Article Član Člen Член Centre Center Centar Центар Ministry Ministarstvo
    Министарство Republic Republika Република Serbia Srbija Србија Slovenia
    Slovenija Словенија Belgrade Beograd Београд Ljubljana Novi Sad Niš Maribor
    Convention Konvencija Конвенција Directive Direktiva Protocol Protokol
    Police Policija Полиција Court Sud Суд Council Europe Evrope Europa National
    Office Kancelarija Government Vlada Влада The A An In On For And Of Mr Mrs
    Ms Dr Safe House Sigurna Kuća Foster Care UNICEF UNHCR IOM GRETA ASTRA Ključ
    Barnahus Lanzarote Criminal Code Krivični Kazenski EU UN UK
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


@lru_cache(maxsize=2**16)
def _bare(word: str) -> str:
    """A word folded, without a final full stop or possessive: "Sarah's" -> "sarah"."""
    return _POSSESSIVE.sub("", fold_word(word.rstrip(".")))


@lru_cache(maxsize=2**16)
def _is_given_or_surname(word: str) -> bool:
    folded = _bare(word)
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
    stem = _POSSESSIVE.sub("", word.rstrip("."))
    return len(folded) > 4 and (
        folded.endswith(_SURNAME_ENDINGS) or bool(_SURNAME_DIACRITIC.search(stem))
    )


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def find_victim_names(text: str) -> Iterator[Span]:
    """Given names or surnames within a few words of a word for victim or child.

    Capitalised words (or words in capitals) count when they are common given
    names (in any case ending and either script), look like South Slavic
    surnames, or are a capitalised word followed by an initial ("Marko P.").
    Initials alone ("child A.") are how practitioners anonymise, and are not
    flagged.
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
            if _is_victim_word(candidate.group()) or not _looks_like_name(words, other):
                continue
            between = text[
                min(word.end(), candidate.end()) : max(word.start(), candidate.start())
            ]
            if not _SENTENCE_END.search(between):
                reported.add(other)
                yield Span(Kind.NAME, candidate.start(), candidate.end())
                # A capitalised word right after a given name is its surname.
                following = other + 1
                if (
                    following < len(words)
                    and following not in reported
                    and text[candidate.end() : words[following].start()] == " "
                    and _is_surname_after(candidate.group(), words[following].group())
                ):
                    reported.add(following)
                    surname = words[following]
                    yield Span(Kind.NAME, surname.start(), surname.end())


def _is_surname_after(name: str, word: str) -> bool:
    """Whether ``word``, right after the name, is its surname: capitalised as
    the name is ("Sarah Smith", "SARAH SMITH"), not an initial or a known word."""
    return (
        _is_capitalised(word)
        and len(word.rstrip(".")) >= 2
        and (name.isupper() or not word.isupper())
        and _bare(word) not in _NOT_NAMES
        and not _is_victim_word(word)
    )


@lru_cache(maxsize=2**16)
def _is_victim_word(word: str) -> bool:
    return _VICTIM_WORDS.fullmatch(_bare(word)) is not None


def _looks_like_name(words: list, index: int) -> bool:
    word = words[index].group()
    if not _is_capitalised(word) or len(word.rstrip(".")) < 2:
        return False
    if _is_given_or_surname(word):
        return True
    following = words[index + 1].group() if index + 1 < len(words) else ""
    return (
        not word.isupper()
        and _bare(word) not in _NOT_NAMES
        and not word.endswith(".")
        and re.fullmatch(r"[A-ZČĆŠŽĐА-ШЂЈЉЊЋЏ]\.", following) is not None
    )


_SEPARATORS = re.compile(r"[-_./\s]+")


def identifier_text(value: str) -> str:
    """A slug or file name as words the detectors read: separators become
    spaces, and given names (with the word after them) and surname-shaped words
    are capitalised, as in prose: "zrtva-ana-petrovic" -> "zrtva Ana Petrovic"."""
    words = [word for word in _SEPARATORS.split(value) if word]
    readable, after_name = [], False
    for word in words:
        is_name = word.isalpha() and _is_given_or_surname(word.capitalize())
        if (is_name or after_name) and word.isalpha() and not _is_victim_word(word):
            word = word.capitalize()
        after_name = is_name
        readable.append(word)
    return " ".join(readable)


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
