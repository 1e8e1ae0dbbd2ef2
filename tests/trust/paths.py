"""PATHS: every way content or privacy changes. Each path acts, for one
restriction kind, on a document (or makes one) whose title, slug and file carry
``token``, and returns what to check with the audience it must have after."""

import datetime
import json
import tempfile
from dataclasses import dataclass
from io import StringIO
from pathlib import Path as FilePath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from interchange.exporter import document_record
from practices.models import PracticeGuidePage
from tests.trust.world import (
    GROUPS,
    KINDS,
    LOGIN,
    PAGE_PASSWORD,
    PUBLIC,
    Target,
    annex_marker,
    edit_url,
    file_bytes,
    fresh_form,
    guide_form,
    members_annex,
    restrict,
    summary,
)


@dataclass(frozen=True)
class Path:
    name: str
    apply: object
    kinds: tuple
    # The admin URL names and bulk actions the path drives.
    urls: tuple
    bulk_actions: tuple

    @property
    def word(self) -> str:
        # No word is the start of another, so autocomplete on a word finds
        # that path's documents only.
        return self.name.replace("_", "") + "z"


PATHS: dict[str, Path] = {}


def path(*, kinds=KINDS, urls=(), bulk_actions=()):
    def register(apply):
        PATHS[apply.__name__] = Path(apply.__name__, apply, kinds, urls, bulk_actions)
        return apply

    return register


def reload(page):
    return PracticeGuidePage.objects.get(pk=page.pk)


@path(kinds=(PUBLIC, LOGIN), urls=("wagtailadmin_pages:add",))
def admin_create(world, word, kind):
    """A reviewer creates and publishes a guide, ticking "restricted"."""
    token = word + kind
    file = world.upload(word, token)
    draft = PracticeGuidePage(
        title=f"{token} guide",
        slug=token,
        summary=summary(word),
        partner=world.partner(word),
        country="RS",
        date=datetime.date(2011, 5, 1),
        evidence_level="emerging",
        members_annex=members_annex(token),
    )
    draft.evaluation_documents.add(
        draft.evaluation_documents.model(document=file, label="Study")
    )
    draft.topics.set(world.document_topics(word))
    url = reverse(
        "wagtailadmin_pages:add",
        args=["practices", "practiceguidepage", world.section.pk],
    )
    data = guide_form(draft, restricted=kind == LOGIN, **{"action-publish": "1"})
    world.post(world.reviewer, url, data, expect=(302,))
    return [Target(PracticeGuidePage.objects.get(slug=token), kind)]


@path(urls=("wagtailadmin_pages:edit",))
def publish(world, word, kind):
    """A reviewer opens a restricted guide and publishes the form as shown."""
    page = world.guide(word, word + kind)
    restrict(page, kind, world)
    data = fresh_form(page, **{"action-publish": "1"})
    world.post(world.reviewer, edit_url(page), data, expect=(302,))
    return [Target(reload(page), kind)]


@path(urls=("wagtailadmin_pages:edit",))
def save_draft(world, word, kind):
    """An editor saves a draft whose form was loaded before the restriction."""
    page = world.guide(word, word + kind)
    editor = world.editor(word)
    stale = fresh_form(page)
    restrict(page, kind, world)
    world.post(editor, edit_url(page), stale, expect=(302,))
    return [Target(reload(page), kind)]


@path(urls=("wagtailadmin_pages:edit",))
def workflow_submit(world, word, kind):
    """An editor submits a change to a restricted guide for review."""
    page = world.guide(word, word + kind)
    restrict(page, kind, world)
    editor = world.editor(word)
    data = fresh_form(page, **{"action-submit": "submit"})
    world.post(editor, edit_url(page), data, expect=(302,))
    return [Target(reload(page), kind)]


@path(urls=("wagtailadmin_pages:edit", "wagtailadmin_pages:workflow_action"))
def workflow_approve(world, word, kind):
    """A reviewer approves a submission made before the guide was restricted."""
    page = world.guide(word, word + kind)
    editor = world.editor(word)
    data = fresh_form(page, **{"action-submit": "submit"})
    world.post(editor, edit_url(page), data, expect=(302,))
    restrict(page, kind, world)
    task_state = reload(page).current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", task_state.pk],
    )
    world.post(world.reviewer, url, {"comment": ""})
    page = reload(page)
    assert page.live and page.current_workflow_state is None
    return [Target(page, kind)]


@path(
    urls=("wagtailadmin_pages:edit", "wagtail_bulk_action"),
    bulk_actions=(("wagtailcore", "page", "publish"),),
)
def bulk_publish(world, word, kind):
    """A reviewer bulk-publishes a draft saved before the restriction."""
    page = world.guide(word, word + kind)
    editor = world.editor(word)
    world.post(editor, edit_url(page), fresh_form(page))
    restrict(page, kind, world)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={page.pk}"
    )
    world.post(world.reviewer, url, {"include_descendants": ""})
    page = reload(page)
    assert not page.has_unpublished_changes
    return [Target(page, kind)]


@path(
    urls=("wagtail_bulk_action",),
    bulk_actions=(("wagtailcore", "page", "move"),),
)
def bulk_move(world, word, kind):
    """An administrator bulk-moves a guide out of a restricted section."""
    page = world.guide(word, word + kind, parent=world.holder(kind))
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"])
        + f"?id={page.pk}"
    )
    world.post(world.admin, url, {"chooser": world.section.pk})
    page = reload(page)
    assert page.get_parent().pk == world.section.pk
    return [Target(page, kind)]


@path(urls=("wagtailadmin_pages:move", "wagtailadmin_pages:move_confirm"))
def move_out(world, word, kind):
    """An administrator moves a guide out of a restricted section."""
    page = world.guide(word, word + kind, parent=world.holder(kind))
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, world.section.pk])
    world.post(world.admin, url, expect=(302,))
    page = reload(page)
    assert page.get_parent().pk == world.section.pk
    return [Target(page, kind)]


def copy_to_section(world, source, token):
    """A reviewer copies ``source`` into the section, keeping it live."""
    world.post(
        world.reviewer,
        reverse("wagtailadmin_pages:copy", args=[source.pk]),
        {
            "new_title": f"{token} guide",
            "new_slug": token,
            "new_parent_page": world.section.pk,
            "publish_copies": "on",
        },
        expect=(302,),
    )
    copy = PracticeGuidePage.objects.get(slug=token)
    assert copy.live
    return copy


@path(urls=("wagtailadmin_pages:copy",))
def copy(world, word, kind):
    """A reviewer copies a restricted guide, keeping the copy live."""
    source = world.guide(word, word + kind, slug=f"src{word}{kind}")
    restrict(source, kind, world)
    return [Target(copy_to_section(world, source, word + kind), kind)]


@path(urls=("wagtailadmin_pages:copy",))
def copy_out(world, word, kind):
    """A reviewer copies a guide out of a restricted section."""
    holder = world.holder(kind)
    source = world.guide(word, word + kind, slug=f"src{word}{kind}", parent=holder)
    return [Target(copy_to_section(world, source, word + kind), kind)]


def set_privacy(world, page, kind):
    """A reviewer sets ``page``'s privacy to ``kind`` in the admin's dialog."""
    world.post(
        world.reviewer,
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {
            "restriction_type": "none" if kind == PUBLIC else kind,
            "password": PAGE_PASSWORD,
            "groups": [world.practitioners.pk],
        },
    )


def make_alias(world, source, token):
    """A reviewer makes an alias of ``source`` in the section, slug ``token``."""
    world.post(
        world.reviewer,
        reverse("wagtailadmin_pages:copy", args=[source.pk]),
        {
            "new_title": f"{token} guide",
            "new_slug": token,
            "new_parent_page": world.section.pk,
            "alias": "on",
        },
        expect=(302,),
    )
    alias = PracticeGuidePage.objects.get(slug=token)
    assert alias.alias_of_id == source.pk
    return alias


def alias_in_section(world, word, kind):
    """A reviewer makes an alias of a restricted guide in the section."""
    token = word + kind
    source = world.guide(word, token, slug=f"src{token}")
    restrict(source, kind, world)
    return make_alias(world, source, token)


@path(urls=("wagtailadmin_pages:copy",))
def alias(world, word, kind):
    """A reviewer makes an alias of a restricted guide (title, body shared)."""
    return [Target(alias_in_section(world, word, kind), kind)]


@path(urls=("wagtailadmin_pages:copy", "wagtailadmin_pages:set_privacy"))
def restrict_after_alias(world, word, kind):
    """A reviewer makes an alias of a public guide, then restricts the guide in
    the privacy dialog: the alias shows the same content."""
    token = word + kind
    source = world.guide(word, token, slug=f"src{token}")
    alias = make_alias(world, source, token)
    set_privacy(world, source, kind)
    return [Target(alias, kind)]


@path(urls=("wagtailadmin_pages:copy", "wagtailadmin_pages:convert_alias"))
def convert_alias(world, word, kind):
    """A reviewer turns an alias of a restricted guide into a page of its own."""
    page = alias_in_section(world, word, kind)
    url = reverse("wagtailadmin_pages:convert_alias", args=[page.pk])
    world.post(world.reviewer, url, expect=(302,))
    page = reload(page)
    assert page.alias_of_id is None
    return [Target(page, kind)]


@path(urls=("wagtailadmin_pages:revisions_revert",))
def revert(world, word, kind):
    """A reviewer reverts to (and publishes) a revision from before the restriction."""
    page = world.guide(word, word + kind)
    old = page.latest_revision
    restrict(page, kind, world)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old.pk])
    # The revert form shows the old revision, "restricted" as it was then.
    old_page = old.as_object()
    data = guide_form(
        old_page, restricted=old_page.restricted, **{"action-publish": "1"}
    )
    world.post(world.reviewer, url, data, expect=(302,))
    return [Target(reload(page), kind)]


@path()
def scheduled(world, word, kind):
    """``publish_scheduled`` publishes a revision scheduled before the restriction."""
    page = world.guide(word, word + kind)
    draft = reload(page)
    draft.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = draft.save_revision(user=world.editor(word), clean=False)
    revision.publish(user=world.reviewer)
    restrict(page, kind, world)
    # The time comes: the schedule (and the revision's own date) are now past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", stdout=StringIO())
    page = reload(page)
    assert page.live_revision_id == revision.pk
    return [Target(page, kind)]


@path(
    urls=(
        "simple_translation:submit_page_translation",
        "wagtailadmin_pages:edit",
    )
)
def translate(world, word, kind):
    """An editor translates a restricted guide; a reviewer publishes it."""
    source = world.guide(word, word + kind, slug=f"src{word}{kind}")
    restrict(source, kind, world)
    slovenian = Locale.objects.get(language_code="sl")
    world.post(
        world.editor(word),
        reverse("simple_translation:submit_page_translation", args=[source.pk]),
        {"locales": [slovenian.pk]},
        expect=(302,),
    )
    translation = PracticeGuidePage.objects.get(
        locale=slovenian, translation_key=source.translation_key
    )
    token = word + kind
    data = fresh_form(
        translation,
        title=f"{token} guide",
        slug=token,
        language="sl",
        **{"action-publish": "1"},
    )
    world.post(world.reviewer, edit_url(translation), data, expect=(302,))
    return [Target(reload(translation), kind)]


def import_records(records):
    with tempfile.TemporaryDirectory() as folder:
        file = FilePath(folder) / "content.jsonl"
        file.write_text(
            "".join(json.dumps(record) + "\n" for record in records), encoding="utf-8"
        )
        call_command("import_content", str(file), stdout=StringIO())


RESTRICTION_RECORDS = {
    PUBLIC: {"restricted": False},
    LOGIN: {"restricted": True, "restriction": {"kind": "login"}},
    GROUPS: {
        "restricted": True,
        "restriction": {"kind": "groups", "groups": ["Practitioners"]},
    },
}


def import_guide(world, word, token, **fields):
    """``import_content`` writes a guide record with an evaluation file, with
    ``fields`` of its own; the guide it made."""
    name = default_storage.save(
        f"documents/{token}.pdf", ContentFile(file_bytes(token))
    )
    world.partner(word)
    import_records(
        [
            {
                "type": "practice",
                "slug": token,
                "title": f"{token} guide",
                "summary": summary(word),
                "body": "",
                "language": "en",
                "partner": word,
                "country": "RS",
                "topics": [topic.name for topic in world.document_topics(word)],
                "evaluation_documents": [{"file": name, "label": "Study"}],
                **fields,
            }
        ]
    )
    return PracticeGuidePage.objects.get(slug=token)


@path(kinds=tuple(RESTRICTION_RECORDS))
def import_new(world, word, kind):
    """``import_content`` creates a restricted guide with an evaluation file."""
    token = word + kind
    guide = import_guide(
        world,
        word,
        token,
        date="2011-05-01",
        members_annex=f"Intake line {annex_marker(token)}.",
        **RESTRICTION_RECORDS[kind],
    )
    return [Target(guide, kind)]


@path(kinds=(PUBLIC, LOGIN))
def import_legacy(world, word, kind):
    """``import_content`` reads a file without a format version: the boolean
    ``restricted``, and standards named in free text (cited as instruments)."""
    token = word + kind
    guide = import_guide(
        world,
        word,
        token,
        date="2010-05-01",
        restricted=kind == LOGIN,
        standards=["Lanzarote Convention", "Palermo Protocol"],
    )
    return [Target(guide, kind)]


@path()
def reimport(world, word, kind):
    """``import_content`` re-imports an export made before the restriction."""
    page = world.guide(word, word + kind)
    # What export_content writes for the page (the whole export is slow).
    record = json.loads(json.dumps(document_record("practice", reload(page), {})))
    restrict(page, kind, world)
    import_records([record])
    return [Target(reload(page), kind)]


@path(urls=("wagtailadmin_pages:set_privacy",))
def privacy_dialog(world, word, kind):
    """A reviewer sets the page's privacy in the admin's dialog."""
    page = world.guide(word, word + kind)
    set_privacy(world, page, kind)
    return [Target(reload(page), kind)]


def restricted_guide_file(world, word, kind):
    page = world.guide(word, word + kind)
    restrict(page, kind, world)
    return reload(page), reload(page).evaluation_documents.get().document


@path(urls=("wagtailadmin_collections:set_privacy",))
def collection_privacy(world, word, kind):
    """A reviewer makes the collection holding a restricted guide's file public."""
    page, file = restricted_guide_file(world, word, kind)
    world.post(
        world.reviewer,
        reverse("wagtailadmin_collections:set_privacy", args=[file.collection_id]),
        {"restriction_type": "none"},
    )
    return [Target(page, kind)]


@path(
    urls=("wagtail_bulk_action",),
    bulk_actions=(("wagtaildocs", "document", "add_to_collection"),),
)
def file_to_public_collection(world, word, kind):
    """A reviewer bulk-moves a restricted guide's file to the partner's collection."""
    page, file = restricted_guide_file(world, word, kind)
    url = (
        reverse(
            "wagtail_bulk_action", args=["wagtaildocs", "document", "add_to_collection"]
        )
        + f"?id={file.pk}"
    )
    world.post(world.reviewer, url, {"collection": world.partner(word).collection_id})
    return [Target(page, kind)]


@path(urls=("wagtaildocs:edit",))
def file_edit(world, word, kind):
    """A reviewer edits a restricted guide's file into the partner's collection."""
    page, file = restricted_guide_file(world, word, kind)
    world.post(
        world.reviewer,
        reverse("wagtaildocs:edit", args=[file.pk]),
        {"title": file.title, "collection": world.partner(word).collection_id},
        expect=(302,),
    )
    return [Target(page, kind)]
