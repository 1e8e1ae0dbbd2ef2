"""Properties of the detectors, tried on generated text (Hypothesis).

Every valid personal number (JMBG in Serbia, EMŠO in Slovenia: the same form)
and every phone number of Serbia and Slovenia, in any of the ways people write
them and with any text or punctuation around, is found; numbers that only look
like them (a wrong control digit, years, articles of law, amounts, dates) are
not. The surrounding text holds no digits and no "+" next to the number: a
number run into other digits is a different number.
"""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from safeguarding.detectors import Kind, detect, jmbg_is_valid

PUNCTUATION = " \t\n.,;:!?()[]{}\"'/\\-–—«»„“*_#&%=<>|"
# Letters of every script the site is written in, and punctuation.
surroundings = st.text(
    alphabet=st.characters(
        categories=("L",), include_characters=PUNCTUATION, exclude_characters="+"
    ),
    max_size=30,
)


def control_digit(first_twelve: str) -> int | None:
    d = [int(c) for c in first_twelve]
    control = (
        11 - sum(w * (d[i] + d[i + 6]) for i, w in enumerate((7, 6, 5, 4, 3, 2))) % 11
    )
    if control == 10:
        return None  # no number is issued with this prefix
    return 0 if control == 11 else control


@st.composite
def personal_numbers(draw) -> str:
    """A JMBG or EMŠO: date of birth, region (Serbia 70-99, Slovenia 50-59, any
    here), a serial number and the control digit."""
    born = draw(
        st.dates(
            min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)
        )
    )
    region = draw(st.integers(0, 99))
    serial = draw(st.integers(0, 999))
    first = f"{born:%d%m}{born.year % 1000:03d}{region:02d}{serial:03d}"
    control = control_digit(first)
    if control is None:
        first = first[:-1] + str((int(first[-1]) + 1) % 10)
        control = control_digit(first)
    assert control is not None
    return f"{first}{control}"


def found(text: str, kind: str, start: int, end: int) -> bool:
    """Whether a finding of ``kind`` covers ``text[start:end]``."""
    return any(
        span.kind == kind and span.start <= start and span.end >= end
        for span in detect(text)
    )


@given(personal_numbers(), surroundings, surroundings)
def test_every_valid_personal_number_is_found(number, before, after):
    text = before + number + after
    assert jmbg_is_valid(number)
    assert found(text, Kind.JMBG, len(before), len(before) + len(number)), text


@given(personal_numbers(), st.integers(1, 9), surroundings, surroundings)
def test_a_wrong_control_digit_is_not_a_personal_number(number, change, before, after):
    wrong = number[:-1] + str((int(number[-1]) + change) % 10)
    assert not jmbg_is_valid(wrong)
    assert not [s for s in detect(before + wrong + after) if s.kind == Kind.JMBG]


# National numbers without the leading 0: area or mobile code, subscriber digits.
SERBIA = [("6" + str(n), (6, 7)) for n in (0, 1, 2, 3, 4, 5, 6, 9)] + [
    ("11", (6, 7)),
    ("21", (6,)),
    ("18", (6,)),
    ("34", (6,)),
    ("230", (6,)),
]
SLOVENIA = [
    (code, (6,)) for code in ("30", "31", "40", "41", "51", "64", "68", "70")
] + [(code, (7,)) for code in ("1", "2", "3", "4", "5", "7")]


@st.composite
def phone_numbers(draw) -> str:
    country, plan = draw(st.sampled_from([("381", SERBIA), ("386", SLOVENIA)]))
    code, lengths = draw(st.sampled_from(plan))
    subscriber = draw(
        st.text(alphabet="0123456789", min_size=6, max_size=7).filter(
            lambda digits: len(digits) in lengths
        )
    )
    separator = draw(st.sampled_from([" ", "-", "/", ".", ""]))
    groups, rest = [], subscriber
    while rest:
        size = draw(st.sampled_from([2, 3, 4])) if len(rest) > 4 else len(rest)
        if len(rest) - size == 1:
            size += 1
        groups.append(rest[:size])
        rest = rest[size:]
    grouped = separator.join(groups)
    style = draw(st.sampled_from(["+", "00", "0", "(0)", "+(0)"]))
    if style == "+":
        return f"+{country}{draw(st.sampled_from([' ', '-', '']))}{code} {grouped}"
    if style == "00":
        return f"00{country} {code}{separator or ' '}{grouped}"
    if style == "(0)":
        return f"(0{code}) {grouped}"
    if style == "+(0)":
        return f"+{country} (0){code} {grouped}"
    return f"0{code}{separator or ' '}{grouped}"


@given(phone_numbers(), surroundings, surroundings)
def test_every_phone_number_of_serbia_and_slovenia_is_found(number, before, after):
    text = before + number + after
    assert found(text, Kind.PHONE, len(before), len(before) + len(number)), text


WORDS = [
    "the",
    "children",
    "were",
    "placed",
    "in",
    "foster",
    "care",
    "after",
    "the",
    "court",
    "decision",
    "deca",
    "su",
    "smeštena",
    "u",
    "hraniteljske",
    "porodice",
    "posle",
    "odluke",
    "suda",
    "деца",
    "су",
    "смештена",
    "у",
    "хранитељске",
    "породице",
    "otroci",
    "so",
    "bili",
    "nameščeni",
    "v",
    "rejniške",
    "družine",
    "in",
    "the",
    "year",
    "total",
    "budget",
    "of",
    "per",
    "cent",
    "report",
    "page",
]
ordinary_numbers = st.one_of(
    st.integers(1900, 2035).map(str),  # years
    st.tuples(st.integers(1990, 2030), st.integers(1, 9)).map(
        lambda t: f"{t[0]}–{t[0] + t[1]}"
    ),
    st.tuples(st.integers(1990, 2030), st.integers(1, 9)).map(
        lambda t: f"{t[0]}-{t[0] + t[1]}"
    ),
    st.integers(1, 400).map(lambda n: f"Article {n}"),
    st.tuples(st.integers(1, 400), st.integers(1, 9)).map(
        lambda t: f"član {t[0]}. stav {t[1]}."
    ),
    st.tuples(st.integers(1, 400), st.integers(1, 9)).map(
        lambda t: f"člen {t[0]}({t[1]})"
    ),
    st.tuples(st.integers(1, 99), st.integers(1, 9), st.integers(1, 9)).map(
        lambda t: f"Articles {t[0]}.{t[1]}–{t[0]}.{t[1] + t[2]}"
    ),
    st.integers(1000, 10**10).map(lambda n: f"{n:,}".replace(",", ".") + " RSD"),
    st.integers(1000, 10**10).map(lambda n: f"{n:,}".replace(",", " ") + " EUR"),
    st.integers(100, 10**8).map(lambda n: f"€{n:,}.00"),
    st.integers(1, 999).map(lambda n: f"{n / 10:.1f}%"),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2035, 12, 31)).map(
        lambda d: f"{d:%d.%m.%Y}."
    ),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2035, 12, 31)).map(
        lambda d: f"{d:%d/%m/%Y}"
    ),
    # Case numbers of the personal numbers' shape, with a wrong control digit.
    st.tuples(personal_numbers(), st.integers(1, 9)).map(
        lambda t: t[0][:-1] + str((int(t[0][-1]) + t[1]) % 10)
    ),
)


@given(st.lists(st.one_of(st.sampled_from(WORDS), ordinary_numbers), max_size=25))
def test_ordinary_numbers_in_text_are_not_personal_data(pieces):
    text = " ".join(pieces)
    assert detect(text) == [], text
