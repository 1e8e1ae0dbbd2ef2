"""Field readers: each takes the raw value of a JSON field and returns the clean
one, or raises ValueError saying what is wrong with it."""

from collections.abc import Callable
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.utils import timezone
from django_countries import countries

from knowledge.languages import prefix_language
from knowledge.models import Language, ReviewInterval

Reader = Callable[[object], object]
# How a record reads one field: (reader, required, default).
Field = tuple[Reader, bool, object]


# Control characters other than tab and line breaks: invisible, and refused by
# XML (feeds, sitemaps) and PostgreSQL (NUL). Dropped from every text read.
CONTROL_CHARACTERS = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def text(value, *, required=True):
    if not isinstance(value, str):
        raise ValueError("must be a string")
    value = value.translate(CONTROL_CHARACTERS).strip()
    if required and not value:
        raise ValueError("must not be empty")
    return value


def optional_text(value):
    return text(value, required=False)


def at_most(characters: int, *, required=True):
    """Text of at most ``characters`` characters (what the column holds)."""

    def read(value):
        value = text(value, required=required)
        if len(value) > characters:
            raise ValueError(f"must be at most {characters} characters long")
        return value

    return read


def slug(value):
    value = text(value)
    try:
        validate_slug(value)
    except ValidationError:
        raise ValueError(
            f"{value!r} is not a slug (letters, digits, - and _)"
        ) from None
    return value.lower()


def iso_date(value):
    try:
        return date.fromisoformat(text(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def country(value):
    code = text(value).upper()
    if code not in dict(countries):
        raise ValueError(f"{value!r} is not an ISO 3166 alpha-2 country code")
    return code


def language(value):
    code = Language.normalise(text(value))
    if not code:
        raise ValueError(f"{value!r} is not one of {', '.join(Language.values)}")
    return code


def locale(value):
    code = prefix_language(text(value))
    if code is None:
        languages = ", ".join(code for code, _name in settings.LANGUAGES)
        raise ValueError(f"{value!r} is not one of {languages}")
    return code


def boolean(value):
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


RESTRICTION_KINDS = ("login", "groups", "password")


def restriction(value):
    """Who may read a document: ``null`` (as ``restricted`` says), or
    ``{"kind": "login"}``, ``{"kind": "groups", "groups": [names]}`` or
    ``{"kind": "password"}`` (a password is never exported)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError('must be null or an object such as {"kind": "login"}')
    unknown = sorted(set(value) - {"kind", "groups"})
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)}: use kind and groups")
    kind = value.get("kind")
    if kind not in RESTRICTION_KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(RESTRICTION_KINDS)}")
    groups = string_list(value.get("groups", []))
    if (kind == "groups") != bool(groups):
        raise ValueError("groups are named with the kind groups, and only with it")
    return {"kind": kind, "groups": groups}


def url(value):
    value = text(value, required=False)
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValueError(f"{value!r} is not an http(s) URL") from None
    return value


def string_list(value):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("must be a list of strings")
    items = (item.translate(CONTROL_CHARACTERS).strip() for item in value)
    return [item for item in items if item]


def slug_list(value):
    return [slug(item) for item in string_list(value)]


def standard_list(value):
    """What a document cites: references (``cets-197:10``, ``cets-197``) or
    names of standards, each once (resolved against the site's list on import,
    ``standards.references``)."""
    first = {}
    for item in string_list(value):
        # One line each: other_standards keeps what is not on the list by line.
        item = " ".join(item.split())
        first.setdefault(item.casefold(), item)
    return list(first.values())


def iso_datetime(value):
    """``2026-05-01T09:30:00+00:00``; a time without an offset is the site's."""
    try:
        moment = datetime.fromisoformat(text(value))
    except ValueError:
        raise ValueError(
            f"{value!r} is not a date and time (YYYY-MM-DDTHH:MM:SS+00:00)"
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def review_interval(value):
    if isinstance(value, bool) or value not in ReviewInterval.values:
        raise ValueError(
            f"{value!r} is not one of {', '.join(map(str, ReviewInterval.values))} "
            "(months)"
        )
    return value


def choice(options):
    def read(value):
        value = text(value).lower()
        if value not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
        return value

    return read


def object_list(fields: dict[str, Field], *, noun: str):
    """A list of JSON objects, each read field by field; problems name the item
    by its position (``module 2: hours: ...``)."""

    def read(value):
        if not isinstance(value, list):
            raise ValueError(f"must be a list of {noun} objects")
        items = []
        for position, item in enumerate(value, start=1):
            where = f"{noun} {position}"
            if not isinstance(item, dict):
                raise ValueError(f"{where}: must be a JSON object")
            unknown = sorted(set(item) - set(fields))
            if unknown:
                raise ValueError(f"{where}: unknown field {unknown[0]!r}")
            clean = {}
            for name, (reader, required, default) in fields.items():
                if item.get(name) is None:
                    if required:
                        raise ValueError(f"{where}: {name}: missing")
                    clean[name] = (
                        list(default) if isinstance(default, list) else default
                    )
                    continue
                try:
                    clean[name] = reader(item[name])
                except ValueError as error:
                    raise ValueError(f"{where}: {name}: {error}") from None
            items.append(clean)
        return items

    # What each object holds, for whoever walks the format's fields.
    read.fields = fields
    return read
