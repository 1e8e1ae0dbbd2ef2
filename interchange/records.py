"""The JSON Lines interchange format: parsing and validation of a whole file.

Validation never touches the database except to look up partner and practice
slugs, and it reports every problem with its line number before anything is
written.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django_countries import countries

from exchanges.models import FollowUpAction
from knowledge.document_types import document_types
from knowledge.evidence import EvidenceLevel
from knowledge.languages import prefix_language
from knowledge.models import Language

# Record types besides the documents', which are the document types' keys
# (knowledge.document_types).
OTHER_RECORD_TYPES = ("topic", "partner")
# The field of each type that names files of the document library.
FILE_FIELDS = {"practice": "evaluation_documents", "training": "materials"}
STATUSES = ("published", "draft")
ACCREDITATION_STATUSES = ("not-accredited", "pending", "accredited", "expired")
FOLLOW_UP_STATUSES = ("planned", "in-progress", "adopted", "dropped")


@dataclass
class Problem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}"
        return (
            f"{where}: {self.field}: {self.message}"
            if self.field
            else f"{where}: {self.message}"
        )


@dataclass
class Record:
    line: int
    type: str
    data: dict = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.data["slug"]


# Field readers: each takes the raw value and returns the clean one or raises.
def text(value, *, required=True):
    if not isinstance(value, str):
        raise ValueError("must be a string")
    value = value.strip()
    if required and not value:
        raise ValueError("must not be empty")
    return value


def optional_text(value):
    return text(value, required=False)


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


def requested_restriction(data: dict) -> tuple[str, list[str]]:
    """The kind of restriction a document record asks for, and its group names.
    Files written before ``restriction`` existed say only ``restricted``."""
    if data.get("restriction"):
        return data["restriction"]["kind"], data["restriction"]["groups"]
    return ("login" if data.get("restricted") else "public"), []


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
    return [item.strip() for item in value if item.strip()]


def slug_list(value):
    return [slug(item) for item in string_list(value)]


def article_reference(value):
    """``cets-197:10``: a standard's code and one of its article keys."""
    code, colon, key = value.partition(":")
    try:
        if not colon:
            raise ValueError
        return f"{slug(code)}:{slug(key)}"
    except ValueError:
        raise ValueError(
            f"{value!r} is not an article reference (standard:article, "
            "e.g. cets-197:10)"
        ) from None


def reference_list(value):
    return list(dict.fromkeys(article_reference(item) for item in string_list(value)))


def choice(options):
    def read(value):
        value = text(value).lower()
        if value not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
        return value

    return read


def object_list(fields: dict[str, tuple["Reader", bool, object]], *, noun: str):
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

    return read


def hours(value):
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 999:
        raise ValueError("must be a whole number of hours from 1 to 999")
    return value


Reader = Callable[[object], object]

MODULE_FIELDS = {
    "title": (text, True, None),
    "hours": (hours, True, None),
    "learning_outcomes": (string_list, False, []),
}
MATERIAL_FIELDS = {
    # The file's name in the media folder, as export writes it.
    "file": (text, True, None),
    "title": (optional_text, False, ""),
}
EVALUATION_FIELDS = {
    "file": (text, True, None),
    "label": (text, True, None),
}

FOLLOW_UP_FIELDS = {
    "description": (text, True, None),
    # Partner and practice guide slugs, checked by check_references.
    "owner": (slug, True, None),
    "due_date": (iso_date, False, None),
    "status": (choice(FOLLOW_UP_STATUSES), False, "planned"),
    "resulting_guide": (slug, False, None),
    "note": (optional_text, False, ""),
}

COMMON_DOCUMENT_FIELDS: dict[str, tuple[Reader, bool, object]] = {
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

FIELDS: dict[str, dict[str, tuple[Reader, bool, object]]] = {
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
    "practice": {
        **COMMON_DOCUMENT_FIELDS,
        "target_groups": (string_list, False, []),
        "standards": (reference_list, False, []),
        "other_standards": (string_list, False, []),
        "evidence_level": (
            choice(EvidenceLevel.values),
            False,
            EvidenceLevel.EMERGING.value,
        ),
        "children_feedback": (boolean, False, False),
        "carers_feedback": (boolean, False, False),
        "evaluation_documents": (
            object_list(EVALUATION_FIELDS, noun="evaluation document"),
            False,
            [],
        ),
        "contact_point": (optional_text, False, ""),
        "adapted_from": (slug, False, None),
        "adaptation_notes": (optional_text, False, ""),
    },
    "visit": {
        **COMMON_DOCUMENT_FIELDS,
        "host": (slug, True, None),
        "participants": (slug_list, False, []),
        "location": (text, True, None),
        "start_date": (iso_date, True, None),
        "end_date": (iso_date, True, None),
        "lessons": (optional_text, False, ""),
        "follow_up": (optional_text, False, ""),
        "follow_up_actions": (
            object_list(FOLLOW_UP_FIELDS, noun="action"),
            False,
            [],
        ),
        "related_practices": (slug_list, False, []),
    },
    "brief": {
        **COMMON_DOCUMENT_FIELDS,
        "recommendations": (string_list, False, []),
        "audience": (optional_text, False, ""),
        "standards": (reference_list, False, []),
    },
    "training": {
        **COMMON_DOCUMENT_FIELDS,
        "target_groups": (string_list, True, None),
        "modules": (object_list(MODULE_FIELDS, noun="module"), True, None),
        "trainer_requirements": (optional_text, False, ""),
        "accreditation_body": (optional_text, False, ""),
        "accreditation_status": (
            choice(ACCREDITATION_STATUSES),
            False,
            "not-accredited",
        ),
        "accredited_until": (iso_date, False, None),
        "materials": (object_list(MATERIAL_FIELDS, noun="material"), False, []),
        "related_practices": (slug_list, False, []),
    },
}


def read_record(line_number: int, raw: str) -> tuple[Record | None, list[Problem]]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        return None, [Problem(line_number, "", f"not valid JSON ({error.msg})")]
    if not isinstance(data, dict):
        return None, [Problem(line_number, "", "a record must be a JSON object")]
    record_type = data.get("type")
    if record_type not in FIELDS:
        return None, [
            Problem(
                line_number,
                "type",
                f"unknown type {record_type!r}; expected one of "
                f"{', '.join([*OTHER_RECORD_TYPES, *document_types.keys()])}",
            )
        ]
    spec = FIELDS[record_type]
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
    if (
        record_type == "visit"
        and isinstance(clean.get("start_date"), date)
        and isinstance(clean.get("end_date"), date)
        and clean["end_date"] < clean["start_date"]
    ):
        problems.append(Problem(line_number, "end_date", "is before start_date"))
    if (
        record_type == "practice"
        and clean.get("evidence_level") in EvidenceLevel.values
        and EvidenceLevel(clean["evidence_level"]).needs_evaluation_document
        and clean.get("evaluation_documents") == []
    ):
        problems.append(
            Problem(
                line_number,
                "evaluation_documents",
                f"evidence_level {clean['evidence_level']!r} needs at least one "
                "evaluation document (the report or study)",
            )
        )
    if record_type == "practice":
        problems += adaptation_problems(line_number, clean)
    if clean.get("translation_of") and clean.get("locale") == settings.LANGUAGE_CODE:
        problems.append(
            Problem(
                line_number,
                "translation_of",
                f"only a document in another locale than {settings.LANGUAGE_CODE!r} "
                "can be a translation",
            )
        )
    if record_type == "visit":
        problems += follow_up_problems(line_number, clean)
    if record_type == "training":
        if clean.get("target_groups") == []:
            problems.append(Problem(line_number, "target_groups", "must not be empty"))
        if clean.get("modules") == []:
            problems.append(Problem(line_number, "modules", "must not be empty"))
    return Record(line_number, record_type, clean), problems


def adaptation_problems(line_number: int, data: dict) -> list[Problem]:
    """An adaptation names its original and says what changed, and only then."""
    original, notes = data.get("adapted_from"), data.get("adaptation_notes")
    if original and original == data.get("slug"):
        return [Problem(line_number, "adapted_from", "is the practice itself")]
    if original and notes == "":
        return [
            Problem(
                line_number, "adaptation_notes", "must say what was changed and why"
            )
        ]
    if not original and notes:
        return [
            Problem(
                line_number, "adapted_from", "missing, but adaptation_notes is given"
            )
        ]
    return []


def follow_up_problems(line_number: int, clean: dict) -> list[Problem]:
    """The rules the admin applies to follow-up actions (FollowUpAction.rule_errors)."""
    start = clean.get("start_date")
    problems = []
    for position, action in enumerate(clean.get("follow_up_actions") or [], start=1):
        errors = FollowUpAction.rule_errors(
            status=action["status"],
            has_guide=bool(action["resulting_guide"]),
            note=action["note"],
            due_date=action["due_date"],
            visit_start=start if isinstance(start, date) else None,
        )
        problems += [
            Problem(
                line_number,
                "follow_up_actions",
                f"action {position}: {name}: {message}",
            )
            for name, message in errors.items()
        ]
    return problems


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


def check_references(
    records: list[Record],
    *,
    known_partners: set[str],
    known_practices: set[str],
    known_files: set[str] = frozenset(),
    known_adaptations: dict[str, str] | None = None,
    known_originals: set[tuple[str, str]] = frozenset(),
    known_articles: set[str] = frozenset(),
    known_groups: set[str] | None = None,
) -> list[Problem]:
    """Duplicate slugs in the file and references to partners, practices or
    originals of translations (``(type, slug)`` in the default locale) that
    neither the database nor the file holds, to files not in the media folder or
    to articles of standards the database does not list, to groups it does not
    hold (``known_groups``, when given), and adaptations that
    would go round in a circle (``known_adaptations`` maps each adapted practice
    in the database to its original)."""
    problems = adaptation_cycles(records, known_adaptations or {})
    partners = set(known_partners) | {r.slug for r in records if r.type == "partner"}
    practices = set(known_practices) | {r.slug for r in records if r.type == "practice"}
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
        references = []
        if record.type in document_types:
            references.append(("partner", [data["partner"]]))
        if record.type == "visit":
            references += [
                ("host", [data["host"]]),
                ("participants", data["participants"]),
            ]
            for position, action in enumerate(data["follow_up_actions"], start=1):
                where = f"action {position}"
                if action["owner"] not in partners:
                    problems.append(
                        Problem(
                            record.line,
                            "follow_up_actions",
                            f"{where}: owner: unknown partner {action['owner']!r}",
                        )
                    )
                guide = action["resulting_guide"]
                if guide and guide not in practices:
                    problems.append(
                        Problem(
                            record.line,
                            "follow_up_actions",
                            f"{where}: resulting_guide: unknown practice {guide!r}",
                        )
                    )
        if record.type in FILE_FIELDS:
            field_name = FILE_FIELDS[record.type]
            problems.extend(
                Problem(
                    record.line,
                    field_name,
                    f"no file {item['file']!r} in the document library "
                    "or the media folder",
                )
                for item in data[field_name]
                if item["file"] not in known_files
            )
        original = data.get("adapted_from") if record.type == "practice" else None
        if original and original not in practices:
            problems.append(
                Problem(record.line, "adapted_from", f"unknown practice {original!r}")
            )
        problems.extend(
            Problem(record.line, "standards", f"unknown article {reference!r}")
            for reference in data.get("standards", [])
            if reference not in known_articles
        )
        if record.type in ("visit", "training"):
            for practice in data["related_practices"]:
                if practice not in practices:
                    problems.append(
                        Problem(
                            record.line,
                            "related_practices",
                            f"unknown practice {practice!r}",
                        )
                    )
        for field_name, slugs in references:
            problems.extend(
                Problem(record.line, field_name, f"unknown partner {value!r}")
                for value in slugs
                if value not in partners
            )
        if known_groups is not None and record.type in document_types:
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


def adaptation_cycles(records: list[Record], known: dict[str, str]) -> list[Problem]:
    """Practices that, with the file imported, would be their own original's
    original: ``line 3: adapted_from: makes a circle: a → b → a``."""
    originals = dict(known)
    lines = {}
    for record in records:
        if record.type == "practice":
            originals[record.slug] = record.data["adapted_from"]
            lines[record.slug] = record.line
    problems = []
    for slug, line in lines.items():
        chain = [slug]
        while (original := originals.get(chain[-1])) and original not in chain:
            chain.append(original)
        if original == slug:
            circle = " → ".join([*chain, slug])
            problems.append(Problem(line, "adapted_from", f"makes a circle: {circle}"))
    return problems
