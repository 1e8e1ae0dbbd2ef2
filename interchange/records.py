"""The JSON Lines interchange format: parsing and validation of a whole file.

The fields every document has, and the topic and partner records, are read
here; each document type adds its own (``DocumentType.record``). Validation
never touches the database except to look up what records name, and it reports
every problem with its line number before anything is written.
"""

import json
from collections.abc import Callable, Iterable
from functools import cache

from django.conf import settings

from knowledge.document_types import document_types
from records.readers import (
    Field,
    boolean,
    choice,
    country,
    iso_date,
    language,
    locale,
    optional_text,
    restriction,
    slug,
    string_list,
    text,
    url,
)
from records.types import Known, Problem, Record

# Record types besides the documents', which are the document types' keys
# (knowledge.document_types).
OTHER_RECORD_TYPES = ("topic", "partner")
STATUSES = ("published", "draft")


def requested_restriction(data: dict) -> tuple[str, list[str]]:
    """The kind of restriction a document record asks for, and its group names.
    Files written before ``restriction`` existed say only ``restricted``."""
    if data.get("restriction"):
        return data["restriction"]["kind"], data["restriction"]["groups"]
    return ("login" if data.get("restricted") else "public"), []


COMMON_DOCUMENT_FIELDS: dict[str, Field] = {
    # name: (reader, required, default)
    "slug": (slug, True, None),
    "title": (text, True, None),
    "summary": (text, True, None),
    "body": (optional_text, True, None),
    "language": (language, True, None),
    "partner": (slug, True, None),
    "country": (country, True, None),
    "date": (iso_date, True, None),
    "topics": (string_list, False, []),
    "restricted": (boolean, False, False),
    "restriction": (restriction, False, None),
    "status": (choice(STATUSES), False, "published"),
    "last_reviewed": (iso_date, False, None),
    # The locale (page tree) the document is in, and for a translation the slug
    # of its original in the default locale.
    "locale": (locale, False, settings.LANGUAGE_CODE),
    "translation_of": (slug, False, None),
}

OTHER_FIELDS: dict[str, dict[str, Field]] = {
    "topic": {
        "name": (text, True, None),
        "slug": (slug, False, None),
        "description": (optional_text, False, ""),
    },
    "partner": {
        "slug": (slug, True, None),
        "name": (text, True, None),
        "country": (country, True, None),
        "website": (url, False, ""),
        "description": (optional_text, False, ""),
    },
}


@cache
def fields() -> dict[str, dict[str, Field]]:
    """The fields of each record type: a document type's after the common ones."""
    return OTHER_FIELDS | {
        entry.key: COMMON_DOCUMENT_FIELDS | entry.interchange_record.fields
        for entry in document_types
    }


def read_record(line_number: int, raw: str) -> tuple[Record | None, list[Problem]]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        return None, [Problem(line_number, "", f"not valid JSON ({error.msg})")]
    if not isinstance(data, dict):
        return None, [Problem(line_number, "", "a record must be a JSON object")]
    record_type = data.get("type")
    spec = fields().get(record_type) if isinstance(record_type, str) else None
    if spec is None:
        return None, [
            Problem(
                line_number,
                "type",
                f"unknown type {record_type!r}; expected one of "
                f"{', '.join([*OTHER_RECORD_TYPES, *document_types.keys()])}",
            )
        ]
    problems = [
        Problem(line_number, name, "unknown field")
        for name in data
        if name != "type" and name not in spec
    ]
    clean = {}
    for name, (reader, required, default) in spec.items():
        if name not in data or data[name] is None:
            if required:
                problems.append(Problem(line_number, name, "missing"))
            clean[name] = list(default) if isinstance(default, list) else default
            continue
        try:
            clean[name] = reader(data[name])
        except ValueError as error:
            problems.append(Problem(line_number, name, str(error)))
    if record_type in document_types:
        problems += document_types[record_type].interchange_record.check(
            line_number, clean
        )
    if clean.get("translation_of") and clean.get("locale") == settings.LANGUAGE_CODE:
        problems.append(
            Problem(
                line_number,
                "translation_of",
                f"only a document in another locale than {settings.LANGUAGE_CODE!r} "
                "can be a translation",
            )
        )
    return Record(line_number, record_type, clean), problems


def read_lines(lines: Iterable[str]) -> tuple[list[Record], list[Problem]]:
    """Parse and check every line; cross-record checks are in :func:`check_references`."""
    records, problems = [], []
    for line_number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        record, record_problems = read_record(line_number, raw)
        problems.extend(record_problems)
        if record and not record_problems:
            records.append(record)
    return records, problems


def named_files(records: list[Record]) -> set[str]:
    """The files of the document library that the records name."""
    names = set()
    for record in records:
        if record.type in document_types:
            spec = document_types[record.type].interchange_record
            if spec.files:
                names.update(item["file"] for item in record.data[spec.files])
    return names


def check_references(
    records: list[Record],
    *,
    known_partners: set[str],
    known_documents: Callable[[str], set[str]],
    known_files: set[str] = frozenset(),
    known_originals: set[tuple[str, str]] = frozenset(),
    known_articles: set[str] = frozenset(),
    known_groups: set[str] | None = None,
) -> list[Problem]:
    """Duplicate slugs in the file, and references that neither the database
    nor the file holds: to partners, to documents of a type (the database's
    by ``known_documents(type key)``, read when a type asks), to originals of
    translations (``(type, slug)`` in the default locale), to files not in the
    media folder, to articles of standards the database does not list, and to
    groups it does not hold (``known_groups``, when given); and each document
    type's own checks of what its records name."""
    partners = set(known_partners) | {r.slug for r in records if r.type == "partner"}

    @cache
    def documents(type_key: str) -> set[str]:
        return set(known_documents(type_key)) | {
            r.slug for r in records if r.type == type_key
        }

    known = Known(partners=partners, files=set(known_files), documents=documents)
    problems = []
    for entry in document_types:
        of_type = [record for record in records if record.type == entry.key]
        if of_type:
            problems += entry.interchange_record.check_references(of_type, known)
    originals = set(known_originals) | {
        (r.type, r.slug)
        for r in records
        if r.data.get("locale") == settings.LANGUAGE_CODE
    }
    seen: dict[tuple, int] = {}
    for record in records:
        data = record.data
        key_slug = data.get("slug") or data.get("name", "").lower()
        # A document is one per (type, locale, slug), and has at most one
        # translation per locale.
        keys = [("slug", record.type, data.get("locale"), key_slug)]
        if data.get("translation_of"):
            keys.append(
                ("translation_of", record.type, data["locale"], data["translation_of"])
            )
        for key in keys:
            if key in seen:
                problems.append(
                    Problem(
                        record.line,
                        key[0],
                        f"repeats the {record.type} on line {seen[key]}",
                    )
                )
            seen.setdefault(key, record.line)
        if (
            data.get("translation_of")
            and (record.type, data["translation_of"]) not in originals
        ):
            problems.append(
                Problem(
                    record.line,
                    "translation_of",
                    f"unknown {record.type} {data['translation_of']!r} "
                    f"in {settings.LANGUAGE_CODE!r}",
                )
            )
        if record.type not in document_types:
            continue
        spec = document_types[record.type].interchange_record
        if spec.files:
            problems.extend(
                Problem(
                    record.line,
                    spec.files,
                    f"no file {item['file']!r} in the document library "
                    "or the media folder",
                )
                for item in data[spec.files]
                if item["file"] not in known.files
            )
        problems.extend(
            Problem(record.line, "standards", f"unknown article {reference!r}")
            for reference in data.get("standards", [])
            if reference not in known_articles
        )
        if data["partner"] not in partners:
            problems.append(
                Problem(record.line, "partner", f"unknown partner {data['partner']!r}")
            )
        if known_groups is not None:
            problems.extend(
                Problem(
                    record.line,
                    "restriction",
                    f"no group {name!r} on this site: create it first",
                )
                for name in requested_restriction(data)[1]
                if name not in known_groups
            )
    return problems
