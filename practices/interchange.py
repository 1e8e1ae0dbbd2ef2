"""A practice guide's interchange record (``records.types.RecordType``)."""

from knowledge.evidence import EvidenceLevel
from knowledge.fields import join_lines, split_lines
from records.markdown import html_to_markdown, markdown_to_html
from records.readers import (
    boolean,
    choice,
    object_list,
    optional_text,
    slug,
    standard_list,
    string_list,
    text,
)
from records.types import Problem, RecordType
from standards.models import CITED_ARTICLES

from .models import (
    COMPARE_SLUG,
    PART_NAMES,
    TEXT_PARTS,
    EvaluationDocument,
    PracticeGuidePage,
)

EVALUATION_FIELDS = {
    # The file's name in the media folder, as export writes it.
    "file": (text, True, None),
    "label": (text, True, None),
}

FIELDS = {
    # The parts in their order, in Markdown but the target groups. Added in
    # format version 5: left out or null, a guide keeps the part it has, so a
    # file written before them does not empty them.
    **{
        name: (string_list, False, [])
        if name == "target_groups"
        else (optional_text, False, None)
        for name in PART_NAMES
    },
    "standards": (standard_list, False, []),
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
}


def export(page) -> dict:
    return {
        **{
            name: split_lines(page.target_groups)
            if name == "target_groups"
            else html_to_markdown(getattr(page, name))
            for name in PART_NAMES
        },
        "standards": [citation.reference for citation in page.citations()],
        "other_standards": split_lines(page.other_standards),
        "evidence_level": page.evidence_level,
        "children_feedback": page.children_feedback,
        "carers_feedback": page.carers_feedback,
        "evaluation_documents": [
            {"file": evaluation.document.file.name, "label": evaluation.label}
            for evaluation in page.evaluation_documents.all()
        ],
        "contact_point": page.contact_point,
        "adapted_from": page.adapted_from.slug if page.adapted_from else None,
        "adaptation_notes": page.adaptation_notes,
    }


def fill(page, data: dict, writer) -> None:
    files = writer.library_files(data["evaluation_documents"])
    for name in TEXT_PARTS:
        if data[name] is not None:
            setattr(page, name, markdown_to_html(data[name]))
    page.target_groups = join_lines(data["target_groups"])
    page.other_standards = join_lines(data["other_standards"])
    page.evidence_level = data["evidence_level"]
    page.children_feedback = data["children_feedback"]
    page.carers_feedback = data["carers_feedback"]
    page.evaluation_documents = [
        EvaluationDocument(
            document=files[item["file"]], label=item["label"], sort_order=position
        )
        for position, item in enumerate(data["evaluation_documents"])
    ]
    page.contact_point = data["contact_point"]
    page.adapted_from = writer.document(
        PracticeGuidePage.document_type, data["adapted_from"]
    )
    page.adaptation_notes = data["adaptation_notes"]


def check(line: int, data: dict) -> list[Problem]:
    problems = []
    if data.get("slug") == COMPARE_SLUG:
        problems.append(
            Problem(line, "slug", "is the address of the comparison of guides")
        )
    if (
        data.get("evidence_level") in EvidenceLevel.values
        and EvidenceLevel(data["evidence_level"]).needs_evaluation_document
        and data.get("evaluation_documents") == []
    ):
        problems.append(
            Problem(
                line,
                "evaluation_documents",
                f"evidence_level {data['evidence_level']!r} needs at least one "
                "evaluation document (the report or study)",
            )
        )
    return problems + adaptation_problems(line, data)


def adaptation_problems(line: int, data: dict) -> list[Problem]:
    """An adaptation names its original and says what changed, and only then."""
    original, notes = data.get("adapted_from"), data.get("adaptation_notes")
    if original and original == data.get("slug"):
        return [Problem(line, "adapted_from", "is the practice itself")]
    if original and notes == "":
        return [Problem(line, "adaptation_notes", "must say what was changed and why")]
    if not original and notes:
        return [Problem(line, "adapted_from", "missing, but adaptation_notes is given")]
    return []


def check_references(records, known) -> list[Problem]:
    """Originals the database and the file do not hold, and adaptations that
    would go round in a circle."""
    known_adaptations = dict(
        PracticeGuidePage.objects.filter(adapted_from__isnull=False).values_list(
            "slug", "adapted_from__slug"
        )
    )
    problems = adaptation_cycles(records, known_adaptations)
    practices = known.documents(PracticeGuidePage.document_type)
    for record in records:
        original = record.data["adapted_from"]
        if original and original not in practices:
            problems.append(
                Problem(record.line, "adapted_from", f"unknown practice {original!r}")
            )
    return problems


def adaptation_cycles(records, known: dict[str, str]) -> list[Problem]:
    """Practices that, with the file imported, would be their own original's
    original: ``line 3: adapted_from: makes a circle: a → b → a``. ``known``
    maps each adapted practice in the database to its original."""
    originals = dict(known)
    lines = {}
    for record in records:
        originals[record.slug] = record.data["adapted_from"]
        lines[record.slug] = record.line
    problems = []
    for practice, line in lines.items():
        chain = [practice]
        while (original := originals.get(chain[-1])) and original not in chain:
            chain.append(original)
        if original == practice:
            circle = " → ".join([*chain, practice])
            problems.append(Problem(line, "adapted_from", f"makes a circle: {circle}"))
    return problems


def adaptation_depths(records) -> dict[int, int]:
    """By line, how many originals above each practice the file itself holds:
    writing the shallowest first creates every original before its adaptations.
    (Cycles were refused before.)"""
    originals = {record.slug: record.data["adapted_from"] for record in records}
    depths = {}
    for record in records:
        depth, practice = 0, record.slug
        while (practice := originals.get(practice)) in originals:
            depth += 1
        depths[record.line] = depth
    return depths


RECORD = RecordType(
    fields=FIELDS,
    export=export,
    fill=fill,
    check=check,
    check_references=check_references,
    select_related=("adapted_from",),
    prefetch_related=(CITED_ARTICLES, "evaluation_documents__document"),
    files="evaluation_documents",
    write_order=adaptation_depths,
)
