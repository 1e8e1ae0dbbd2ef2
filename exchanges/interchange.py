"""A study visit's interchange record (``records.types.RecordType``)."""

from datetime import date

from records.markdown import html_to_markdown, markdown_to_html
from records.readers import (
    choice,
    iso_date,
    object_list,
    optional_text,
    slug,
    slug_list,
    text,
)
from records.types import Problem, RecordType

from .models import FollowUpAction, FollowUpStatus

# The type the visits cite (never changed: see DocumentType.key).
PRACTICE = "practice"

FOLLOW_UP_FIELDS = {
    "description": (text, True, None),
    # Partner and practice guide slugs, checked by check_references.
    "owner": (slug, True, None),
    "due_date": (iso_date, False, None),
    "status": (choice(FollowUpStatus.values), False, FollowUpStatus.PLANNED.value),
    "resulting_guide": (slug, False, None),
    "note": (optional_text, False, ""),
}

FIELDS = {
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
}


def export(page) -> dict:
    return {
        "host": page.host.slug,
        "participants": sorted(p.slug for p in page.participants.all()),
        "location": page.location,
        "start_date": page.start_date.isoformat(),
        "end_date": page.end_date.isoformat(),
        "lessons": html_to_markdown(page.lessons),
        "follow_up": html_to_markdown(page.follow_up),
        "follow_up_actions": [
            {
                "description": action.description,
                "owner": action.owner.slug,
                "due_date": action.due_date.isoformat() if action.due_date else None,
                "status": action.status,
                "resulting_guide": action.resulting_guide.slug
                if action.resulting_guide
                else None,
                "note": action.note,
            }
            for action in page.follow_up_actions.all()
        ],
        "related_practices": sorted(p.slug for p in page.related_practices.all()),
    }


def fill(page, data: dict, writer) -> None:
    page.host = writer.partner(data["host"])
    page.location = data["location"]
    page.start_date = data["start_date"]
    page.end_date = data["end_date"]
    page.lessons = markdown_to_html(data["lessons"])
    page.follow_up = markdown_to_html(data["follow_up"])
    page.participants = [writer.partner(slug) for slug in data["participants"]]
    page.related_practices = writer.documents(PRACTICE, data["related_practices"])
    actions = data["follow_up_actions"]
    # The practice guides the actions resulted in, in any locale.
    guide_model = FollowUpAction.resulting_guide.field.related_model
    guides = {
        guide.slug: guide
        for guide in guide_model.objects.filter(
            slug__in=[a["resulting_guide"] for a in actions if a["resulting_guide"]]
        )
    }
    page.follow_up_actions = [
        FollowUpAction(
            description=action["description"],
            owner=writer.partner(action["owner"]),
            due_date=action["due_date"],
            status=action["status"],
            resulting_guide=guides.get(action["resulting_guide"]),
            note=action["note"],
            sort_order=position,
        )
        for position, action in enumerate(actions)
    ]


def check(line: int, data: dict) -> list[Problem]:
    start, end = data.get("start_date"), data.get("end_date")
    problems = []
    if isinstance(start, date) and isinstance(end, date) and end < start:
        problems.append(Problem(line, "end_date", "is before start_date"))
    return problems + follow_up_problems(line, data)


def follow_up_problems(line: int, data: dict) -> list[Problem]:
    """The rules the admin applies to follow-up actions (FollowUpAction.rule_errors)."""
    start = data.get("start_date")
    problems = []
    for position, action in enumerate(data.get("follow_up_actions") or [], start=1):
        errors = FollowUpAction.rule_errors(
            status=action["status"],
            has_guide=bool(action["resulting_guide"]),
            note=action["note"],
            due_date=action["due_date"],
            visit_start=start if isinstance(start, date) else None,
        )
        problems += [
            Problem(line, "follow_up_actions", f"action {position}: {name}: {message}")
            for name, message in errors.items()
        ]
    return problems


def check_references(records, known) -> list[Problem]:
    """Hosts, participants and owners that are no partner, and practices that
    are no practice guide, in the database or the file."""
    practices = known.documents(PRACTICE)
    problems = []
    for record in records:
        data = record.data
        for position, action in enumerate(data["follow_up_actions"], start=1):
            where = f"action {position}"
            if action["owner"] not in known.partners:
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
        problems += [
            Problem(record.line, "related_practices", f"unknown practice {value!r}")
            for value in data["related_practices"]
            if value not in practices
        ]
        problems += [
            Problem(record.line, field_name, f"unknown partner {value!r}")
            for field_name, values in (
                ("host", [data["host"]]),
                ("participants", data["participants"]),
            )
            for value in values
            if value not in known.partners
        ]
    return problems


RECORD = RecordType(
    fields=FIELDS,
    export=export,
    fill=fill,
    check=check,
    check_references=check_references,
    select_related=("host",),
    prefetch_related=(
        "participants",
        "related_practices",
        "follow_up_actions__owner",
        "follow_up_actions__resulting_guide",
    ),
)
