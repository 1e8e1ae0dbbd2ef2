"""The JSON Lines interchange format: parsing and validation of a whole file.

The fields every document has, and the topic and partner records, are read
here; each document type adds its own (``DocumentType.record``). Validation
never touches the database except to look up what records name, and it reports
every problem with its line number before anything is written.
"""

import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist

from knowledge.document_types import document_types
from knowledge.languages import TRANSLATED_LANGUAGES, translation_field
from knowledge.models import Partner, Topic
from knowledge.models.topics import TRANSLATED_FIELDS
from records.readers import (
    Field,
    at_most,
    boolean,
    choice,
    country,
    iso_date,
    iso_datetime,
    language,
    locale,
    optional_text,
    restriction,
    review_interval,
    slug,
    string_list,
    text,
    url,
)
from records.types import Known, Problem, Record
from standards.models import Amendment
from standards.references import StandardNames

# The version of the format this site writes, in the file's ``format_version``
# record. Files without one were written before version 4; every version
# before this one still imports (docs/interchange.md lists what each added).
FORMAT_VERSION = 6
VERSION_RECORD = "format_version"

# Record types besides the documents', which are the document types' keys
# (knowledge.document_types).
OTHER_RECORD_TYPES = (VERSION_RECORD, "topic", "partner", "amendment")
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
    "title": (at_most(255), True, None),
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
    # Added in format version 4 (KEPT_WHEN_MISSING).
    "review_interval": (review_interval, False, None),
    "seo_title": (at_most(255, required=False), False, None),
    "search_description": (optional_text, False, None),
    "show_in_menus": (boolean, False, None),
    "go_live_at": (iso_datetime, False, None),
    "expire_at": (iso_datetime, False, None),
    # Added in format version 5: Markdown, as ``body``; left out or null, an
    # existing document keeps its annex (interchange.importer).
    "members_annex": (optional_text, False, None),
}


def version(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("must be a whole number from 1")
    if value > FORMAT_VERSION:
        raise ValueError(
            f"the file is of format version {value}, written by a newer version "
            f"of the site; this one reads versions 1 to {FORMAT_VERSION}"
        )
    return value


# A topic's name and description in each interface language, as model fields.
TOPIC_TRANSLATIONS = tuple(
    translation_field(field, tag)
    for tag in TRANSLATED_LANGUAGES
    for field in TRANSLATED_FIELDS
)

# Fields an editor sets in the admin that a record carries under another name
# ("inline.field" for a field of inline objects, e.g. an evaluation document).
CARRIED_AS = {
    "restricted": "restriction",
    "standard_citations": "standards",
    "standard_citations.article": "standards",
    "standard_citations.standard": "standards",
    "evaluation_documents.document": "evaluation_documents.file",
    "materials.document": "materials.file",
    # A topic's names and descriptions in other languages.
    **dict.fromkeys(TOPIC_TRANSLATIONS, "translations"),
}

# Fields an editor sets in the admin that no file carries, and why
# (docs/interchange.md, *What a file does not carry*). tests/interchange/
# test_field_coverage.py fails on an editable field neither carried nor here.
NOT_CARRIED = {
    "comment_notifications": "a person's choice to be e-mailed about comments "
    "on the page, not the document's",
    "wagtail_admin_comments": "the editors' conversation about a draft: names "
    "people and stays on the site where it was held",
    "partner.logo": "images are not part of the format; a logo is chosen again "
    "in the admin after a restore, as images in a body keep only their caption",
    "standard": "the list of standards is the site's reference data, seeded by "
    "migrations and kept by reviewers; a file names standards by code or name",
    "standardarticle": "as standard",
    "homepage": "the home page and the sections are the site's structure, "
    "made by migrations (knowledge/site_structure.py), not documents",
    "indexpages": "as homepage",
    "notify_followers": "a one-time request to announce a republication to "
    "followers, unticked on every edit: an action, not content",
    "amendmentcheck": "a reviewer's check of one document after an amendment: "
    "the site's review history, as comments",
}

# Fields of documents that, left out or null, an existing document keeps (a
# file written before they existed leaves them as they are) and a new one gets
# the admin's default for.
KEPT_WHEN_MISSING = (
    "review_interval",
    "seo_title",
    "search_description",
    "show_in_menus",
    "go_live_at",
    "expire_at",
)

TOPIC_TEXT_READERS = {
    "name": at_most(100, required=False),
    "description": optional_text,
}


def topic_translations(value) -> dict[str, str]:
    """``{"sr-Latn": {"name": …, "description": …}, "sl": {…}}`` as the topic's
    model fields (``name_sr_latn``, …); a language or text left out is not set."""
    if not isinstance(value, dict):
        raise ValueError('must be an object such as {"sl": {"name": "…"}}')
    fields, seen = {}, {}
    known = {code.lower(): code for code in TRANSLATED_LANGUAGES}
    for tag, texts in value.items():
        canonical = known.get(str(tag).lower())
        if canonical is None:
            raise ValueError(f"{tag!r} is not one of {', '.join(TRANSLATED_LANGUAGES)}")
        if canonical in seen:
            raise ValueError(f"{tag!r} repeats {seen[canonical]!r}")
        seen[canonical] = tag
        if not isinstance(texts, dict) or not set(texts) <= set(TRANSLATED_FIELDS):
            raise ValueError(f"{tag}: must be an object with name and description")
        for field, read in TOPIC_TEXT_READERS.items():
            if texts.get(field) is not None:
                try:
                    fields[translation_field(field, canonical)] = read(texts[field])
                except ValueError as error:
                    raise ValueError(f"{tag}: {field}: {error}") from None
    return fields


# Version 4 at first wrote a topic's translations as fields of their own
# (``name_sl``, ``description_sr_latn``…), before the ``translations`` object:
# read into it, by the readers of its texts.
TOPIC_FIELDS_OF_VERSION_4 = {
    name: TOPIC_TEXT_READERS[name.partition("_")[0]] for name in TOPIC_TRANSLATIONS
}


def topic_fields_of_version_4(line_number: int, data: dict, clean: dict) -> list:
    """Add the record's translations written as fields of their own to
    ``clean["translations"]`` (which wins where both give a text)."""
    problems, texts = [], {}
    for name, read in TOPIC_FIELDS_OF_VERSION_4.items():
        if data.get(name) is not None:
            try:
                texts[name] = read(data[name])
            except ValueError as error:
                problems.append(Problem(line_number, name, str(error)))
    clean["translations"] = texts | (clean["translations"] or {})
    return problems


OTHER_FIELDS: dict[str, dict[str, Field]] = {
    VERSION_RECORD: {"version": (version, True, None)},
    "topic": {
        "name": (text, True, None),
        "slug": (slug, False, None),
        "description": (optional_text, False, ""),
        # Format version 4; a language left out keeps its name and description.
        "translations": (topic_translations, False, {}),
    },
    "partner": {
        "slug": (slug, True, None),
        "name": (text, True, None),
        "country": (country, True, None),
        "website": (url, False, ""),
        "description": (optional_text, False, ""),
    },
    # Format version 6: an amendment of an article on the site's list, one
    # per article and date (standards.amendments.record_amendment).
    "amendment": {
        "article": (text, True, None),
        "date": (iso_date, True, None),
        "note": (text, True, None),
        "url": (url, False, ""),
    },
}


@cache
def fields() -> dict[str, dict[str, Field]]:
    """The fields of each record type: a document type's after the common ones."""
    return OTHER_FIELDS | {
        entry.key: COMMON_DOCUMENT_FIELDS | entry.interchange_record.fields
        for entry in document_types
    }


def record_model(record_type: str):
    """The model a record of ``record_type`` writes, if any."""
    if record_type in document_types:
        return document_types[record_type].model
    return {"topic": Topic, "partner": Partner, "amendment": Amendment}.get(record_type)


def too_long(record_type: str, clean: dict) -> Iterator[tuple[str, int]]:
    """The record's texts longer than the columns they are written to: a field
    of the model's own name, and each topic a document names."""
    model = record_model(record_type)
    if model is None:
        return
    for name, value in clean.items():
        try:
            length = getattr(model._meta.get_field(name), "max_length", None)
        except FieldDoesNotExist:
            continue
        if isinstance(value, str) and length and len(value) > length:
            yield name, length
    topic_length = Topic._meta.get_field("name").max_length
    if any(len(name) > topic_length for name in clean.get("topics") or ()):
        yield "topics", topic_length


def file_lines(content: bytes) -> list[str]:
    """The lines of a file's bytes. Only a line feed (or CR LF, or CR) ends a
    record: U+2028, U+2029 and NEL, which JSON leaves unescaped, are text
    inside one. A byte order mark is skipped; bytes that are not UTF-8 are
    kept as surrogate escapes for :func:`read_record` to report by line."""
    text = content.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    return re.split(r"\r\n|\r|\n", text)


class RepeatedKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object, refusing a key given twice (whose first value ``json``
    would drop unseen)."""
    data = dict(pairs)
    if len(data) < len(pairs):
        seen = set()
        raise RepeatedKey(next(k for k, _v in pairs if k in seen or seen.add(k)))
    return data


SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _unstorable_field(data: dict) -> str | None:
    """The field of ``data`` holding an unpaired surrogate (``"\\ud800"``,
    which JSON can escape but UTF-8, and so no database, can hold)."""
    for name, value in data.items():
        try:
            json.dumps([name, value], ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return None


def read_record(line_number: int, raw: str) -> tuple[Record | None, list[Problem]]:
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as error:
        return None, [
            Problem(line_number, "", f"not UTF-8 text (at character {error.start + 1})")
        ]
    try:
        data = json.loads(raw, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        return None, [Problem(line_number, "", f"not valid JSON ({error.msg})")]
    except RepeatedKey as repeated:
        field = repeated.key.encode("utf-8", "backslashreplace").decode("utf-8")
        return None, [Problem(line_number, field, "given twice in one object")]
    except ValueError as error:  # e.g. a number of more than 4,300 digits
        return None, [Problem(line_number, "", f"not valid JSON ({error})")]
    except RecursionError:
        return None, [Problem(line_number, "", "not valid JSON (nested too deeply)")]
    if not isinstance(data, dict):
        return None, [Problem(line_number, "", "a record must be a JSON object")]
    # Half a character comes only from an escape (\ud800): look only then.
    unstorable = _unstorable_field(data) if SURROGATE_ESCAPE.search(raw) else None
    if unstorable is not None:
        return None, [
            Problem(
                line_number,
                unstorable,
                "holds an unpaired surrogate (an escape such as \\ud800 that is "
                "half a character)",
            )
        ]
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
    former = TOPIC_FIELDS_OF_VERSION_4 if record_type == "topic" else {}
    problems = [
        Problem(line_number, name, "unknown field")
        for name in data
        if name != "type" and name not in spec and name not in former
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
    if former and "translations" in clean:
        problems += topic_fields_of_version_4(line_number, data, clean)
    problems += [
        Problem(line_number, name, f"must be at most {length} characters long")
        for name, length in too_long(record_type, clean)
    ]
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
    """Parse and check every line; cross-record checks are in :func:`check_references`.
    The ``format_version`` record says how the file was written and is not
    among the records returned."""
    records, problems = [], []
    version_line = None
    for line_number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        record, record_problems = read_record(line_number, raw)
        problems.extend(record_problems)
        if record and record.type == VERSION_RECORD:
            if version_line is not None:
                problems.append(
                    Problem(
                        line_number,
                        "type",
                        f"repeats the format_version on line {version_line}",
                    )
                )
            version_line = version_line or line_number
        elif record and not record_problems:
            records.append(record)
    return records, problems


def file_items(record: Record) -> list[dict]:
    """The objects naming files of the document library in a document record."""
    spec = document_types[record.type].interchange_record
    return (record.data.get(spec.files) or []) if spec.files else []


def resolve_standards(
    records: list[Record], names: StandardNames
) -> tuple[list[Problem], list[Problem]]:
    """Read what each record's ``standards`` names: an article
    (``cets-197:10``), or a standard as a whole by its code, short name, title
    or an alias. A record's ``standards`` becomes the canonical references;
    text that names no listed standard moves to its ``other_standards``.
    Returns the problems (an article a listed standard does not have) and the
    notes for the person importing, each naming the line."""
    problems, notes = [], []
    for record in records:
        if "standards" not in record.data:
            continue
        references = []
        for written in record.data["standards"]:
            found = names.resolve(written)
            if found.kind == "article":
                references.append(found.reference)
            elif found.kind == "unknown-article":
                problems.append(
                    Problem(
                        record.line, "standards", f"unknown article {found.reference!r}"
                    )
                )
            elif found.kind == "standard":
                references.append(found.reference)
                if written != found.reference:
                    notes.append(
                        Problem(
                            record.line,
                            "standards",
                            f"{written!r} is read as {found.reference!r}, "
                            "a citation of the whole standard",
                        )
                    )
            else:
                record.data["other_standards"] = [
                    *record.data.get("other_standards", []),
                    found.reference,
                ]
                notes.append(
                    Problem(
                        record.line,
                        "standards",
                        f"{written!r} is not on the site's list of standards; "
                        "kept in other_standards",
                    )
                )
        record.data["standards"] = list(dict.fromkeys(references))
    return problems, notes


def resolve_amended_articles(
    records: list[Record], names: StandardNames
) -> list[Problem]:
    """Read the article each ``amendment`` record names into its canonical
    reference (``cets-197:10``); an amendment is of an article on the site's
    list, never of a standard as a whole."""
    problems = []
    for record in records:
        if record.type != "amendment":
            continue
        written = record.data["article"]
        found = names.resolve(written)
        if found.kind == "article":
            record.data["article"] = found.reference
            continue
        if found.kind == "unknown-article":
            message = f"unknown article {found.reference!r}"
        elif found.kind == "standard":
            message = (
                f"{written!r} is a standard, not one of its articles "
                f"(write it as {found.reference}:10)"
            )
        else:
            message = f"{written!r} is not an article of a standard on the site's list"
        problems.append(Problem(record.line, "article", message))
    return problems


def named_files(records: list[Record]) -> set[str]:
    """The files of the document library that the records name."""
    names = set()
    for record in records:
        if record.type in document_types:
            names.update(item["file"] for item in file_items(record))
    return names


def check_references(
    records: list[Record],
    *,
    known_partners: set[str],
    known_documents: Callable[[str], set[str]],
    known_files: set[str] = frozenset(),
    known_originals: set[tuple[str, str]] = frozenset(),
    known_groups: set[str] | None = None,
    known_topics: dict[str, str] | None = None,
) -> list[Problem]:
    """Duplicate slugs in the file, and references that neither the database
    nor the file holds: to partners, to documents of a type (the database's
    by ``known_documents(type key)``, read when a type asks), to originals of
    translations (``(type, slug)`` in the default locale), to files not in the
    media folder, and to groups it does not hold (``known_groups``, when given);
    a topic's slug that another topic of the site holds (``known_topics``, slug
    to name); and each document type's own checks of what its records name."""
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
    for record in records:
        if record.type != "topic" or not record.data.get("slug"):
            continue
        holder = (known_topics or {}).get(record.data["slug"])
        if holder is not None and holder.lower() != record.data["name"].lower():
            problems.append(
                Problem(
                    record.line,
                    "slug",
                    f"{record.data['slug']!r} belongs to the topic {holder!r}",
                )
            )
    seen: dict[tuple, int] = {}
    for record in records:
        data = record.data
        key_slug = data.get("slug") or data.get("name", "").lower()
        # A document is one per (type, locale, slug), and has at most one
        # translation per locale; an amendment one per article and date.
        keys = [("slug", record.type, data.get("locale"), key_slug)]
        if record.type == "amendment":
            keys = [("article", record.type, data["article"], data["date"])]
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
        problems.extend(
            Problem(
                record.line,
                spec.files,
                f"no file {item['file']!r} in the document library or the media folder",
            )
            for item in file_items(record)
            if item["file"] not in known.files
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
