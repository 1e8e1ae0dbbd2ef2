"""A training programme's interchange record (``records.types.RecordType``)."""

from knowledge.fields import join_lines
from records.readers import (
    choice,
    iso_date,
    object_list,
    optional_text,
    slug_list,
    string_list,
    text,
)
from records.types import Problem, RecordType

from .models import AccreditationStatus, TrainingMaterial, TrainingModule

# The type the programmes cite (never changed: see DocumentType.key).
PRACTICE = "practice"


def hours(value):
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 999:
        raise ValueError("must be a whole number of hours from 1 to 999")
    return value


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

FIELDS = {
    "target_groups": (string_list, True, None),
    "modules": (object_list(MODULE_FIELDS, noun="module"), True, None),
    "trainer_requirements": (optional_text, False, ""),
    "accreditation_body": (optional_text, False, ""),
    "accreditation_status": (
        choice(AccreditationStatus.values),
        False,
        AccreditationStatus.NOT_ACCREDITED.value,
    ),
    "accredited_until": (iso_date, False, None),
    "materials": (object_list(MATERIAL_FIELDS, noun="material"), False, []),
    "related_practices": (slug_list, False, []),
}


def export(page) -> dict:
    return {
        "target_groups": page.target_group_list,
        "modules": [
            {
                "title": module.title,
                "hours": module.hours,
                "learning_outcomes": module.learning_outcome_list,
            }
            for module in page.modules.all()
        ],
        "trainer_requirements": page.trainer_requirements,
        "accreditation_body": page.accreditation_body,
        "accreditation_status": page.accreditation_status,
        "accredited_until": page.accredited_until.isoformat()
        if page.accredited_until
        else None,
        "materials": [
            {"file": material.document.file.name, "title": material.title}
            for material in page.materials.all()
        ],
        "related_practices": sorted(p.slug for p in page.related_practices.all()),
    }


def fill(page, data: dict, writer) -> None:
    files = writer.library_files(data["materials"])
    page.target_groups = join_lines(data["target_groups"])
    page.trainer_requirements = data["trainer_requirements"]
    page.accreditation_body = data["accreditation_body"]
    page.accreditation_status = data["accreditation_status"]
    page.accredited_until = data["accredited_until"]
    page.modules = [
        TrainingModule(
            title=module["title"],
            hours=module["hours"],
            learning_outcomes=join_lines(module["learning_outcomes"]),
            sort_order=position,
        )
        for position, module in enumerate(data["modules"])
    ]
    page.materials = [
        TrainingMaterial(
            document=files[material["file"]],
            title=material["title"],
            sort_order=position,
        )
        for position, material in enumerate(data["materials"])
    ]
    page.related_practices = writer.documents(PRACTICE, data["related_practices"])


def check(line: int, data: dict) -> list[Problem]:
    return [
        Problem(line, name, "must not be empty")
        for name in ("target_groups", "modules")
        if data.get(name) == []
    ]


def check_references(records, known) -> list[Problem]:
    practices = known.documents(PRACTICE)
    return [
        Problem(record.line, "related_practices", f"unknown practice {value!r}")
        for record in records
        for value in record.data["related_practices"]
        if value not in practices
    ]


RECORD = RecordType(
    fields=FIELDS,
    export=export,
    fill=fill,
    check=check,
    check_references=check_references,
    prefetch_related=("modules", "materials__document", "related_practices"),
    files="materials",
)
