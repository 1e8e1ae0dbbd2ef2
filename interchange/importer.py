"""Write validated interchange records to the database, all or nothing."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousFileOperation
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Locale

from interchange.bulk import NewDocument, create_documents, many_to_many
from knowledge.document_types import document_types
from knowledge.models import Partner, Topic
from knowledge.privacy import Privacy, is_stricter, lift_restrictions, restrict
from records.markdown import markdown_to_body
from records.types import Problem, Record
from safeguarding import gate
from standards.amendments import record_amendment
from standards.models import StandardCitation
from standards.references import StandardNames

from .records import (
    KEPT_WHEN_MISSING,
    check_references,
    named_files,
    read_lines,
    requested_restriction,
    resolve_amended_articles,
    resolve_standards,
)


class InvalidFile(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    # Slugs of documents whose restriction the file would lower: kept, or with
    # ``lift_restrictions``, lifted.
    kept_restrictions: list[str] = field(default_factory=list)
    lifted_restrictions: list[str] = field(default_factory=list)
    # Documents to publish that the safeguarding gate kept as drafts: a line per
    # finding, "line 4: Summary: Phone number (0•• ••• ••••)".
    held_back: list[str] = field(default_factory=list)
    # What the person importing should check, by line: standards read by name,
    # and text kept in other_standards ("line 3: standards: ...").
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated))
        return ", ".join(
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated"
            for kind in kinds
        )


def import_lines(
    lines: Iterable[str], *, lift_restrictions: bool = False
) -> ImportReport:
    """Validate every line, then import them in one transaction.

    A document's restriction is raised to what the file says, never lowered,
    unless ``lift_restrictions`` is given: then each document's own
    restrictions become exactly the file's (an old export would otherwise undo
    a reviewer's later restriction). Both are listed in the report.

    Raises :class:`InvalidFile` listing every problem, having written nothing.
    """
    records, problems = read_lines(lines)
    standard_names = StandardNames()
    standard_problems, notes = resolve_standards(records, standard_names)
    problems += standard_problems
    problems += resolve_amended_articles(records, standard_names)
    default = Locale.get_default()
    problems += check_references(
        records,
        known_partners=set(Partner.objects.values_list("slug", flat=True)),
        known_topics=dict(Topic.objects.values_list("slug", "name")),
        known_documents=lambda key: set(
            document_types[key].model.objects.values_list("slug", flat=True)
        ),
        known_files=available_files(records),
        known_originals={
            (entry.key, slug)
            for entry in document_types
            for slug in entry.model.objects.filter(locale=default).values_list(
                "slug", flat=True
            )
        },
        known_groups=set(Group.objects.values_list("name", flat=True)),
    )
    if problems:
        raise InvalidFile(sorted(problems, key=lambda p: p.line))
    report = ImportReport(notes=[str(note) for note in notes])
    with transaction.atomic():
        importer = _Importer(
            report, standard_names, lift_restrictions=lift_restrictions
        )
        # Partners, topics and amendments first, then the documents in the
        # interchange's order of types (practices before the visits citing
        # them); within a type, documents of the default locale before
        # translations. A document the file brings is published after the
        # amendments it brings, and so is not flagged by them (a restored
        # backup comes back as reviewed as it was).
        order = {
            "topic": 0,
            "partner": 1,
            "amendment": 2,
            **{
                entry.key: 3 + position
                for position, entry in enumerate(document_types.in_interchange_order())
            },
        }
        # Within a type, as the type says (originals before their adaptations).
        depth = {
            line: value
            for entry in document_types
            for line, value in entry.interchange_record.write_order(
                [record for record in records if record.type == entry.key]
            ).items()
        }

        def position(record):
            other_locale = record.data.get("locale", default.language_code) != (
                default.language_code
            )
            return (
                order[record.type],
                other_locale,
                depth.get(record.line, 0),
                record.line,
            )

        for record in sorted(records, key=position):
            importer.write(record)
        importer.flush()
    return report


class _Importer:
    """Writes records in order. New documents are collected and created in bulk
    (``interchange.bulk``) when the next type starts; documents that already
    exist are updated one by one through a published revision. It is the
    ``records.types.Writer`` each type's ``fill`` gets."""

    def __init__(
        self,
        report: ImportReport,
        standard_names: StandardNames,
        *,
        lift_restrictions: bool = False,
    ):
        self.report = report
        self.lift_restrictions = lift_restrictions
        self.groups = {group.name: group for group in Group.objects.all()}
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.default_locale = Locale.get_default()
        self.partners = {p.slug: p for p in Partner.objects.all()}
        self.topics = {t.name.lower(): t for t in Topic.objects.all()}
        self.standard_names = standard_names
        self.parents = {}
        self.slugs: dict[tuple, set[str]] = {}
        self.files: dict[str, object] = {}
        self.pending: list[NewDocument] = []
        self.pending_type = ""

    def flush(self) -> None:
        if self.pending:
            create_documents(self.parent(self.pending_type), self.pending)
            self.count(self.pending_type, True, len(self.pending))
            for new in self.pending:
                self.report_findings(new.extra["line"], new.findings)
        self.pending = []

    def write(self, record: Record) -> None:
        if record.type != self.pending_type:
            self.flush()
            self.pending_type = record.type
        if record.type == "topic":
            self.write_topic(record.data)
        elif record.type == "partner":
            self.write_partner(record.data)
        elif record.type == "amendment":
            self.write_amendment(record.data)
        else:
            self.write_document(record)

    def count(self, kind: str, created: bool, number: int = 1) -> None:
        (self.report.created if created else self.report.updated)[kind] += number

    def held_back(self, record: Record, page) -> bool:
        """Whether the document has unresolved safeguarding findings, and so is
        saved as a draft instead of published; each is reported by line."""
        findings = gate.blocking_findings(page)
        self.report_findings(record.line, findings)
        return bool(findings)

    def report_findings(self, line: int, findings: list) -> None:
        self.report.held_back += [
            f"line {line}: {finding.place}: {finding.kind_label} ({finding.excerpt})"
            for finding in findings
        ]

    def write_topic(self, data: dict) -> None:
        topic = self.topics.get(data["name"].lower())
        if topic is None and data["slug"]:
            topic = Topic.objects.filter(slug=data["slug"]).first()
        created = topic is None
        topic = topic or Topic()
        topic.name = data["name"]
        topic.slug = data["slug"] or topic.slug or slugify(data["name"])
        topic.description = data["description"]
        for name, value in data["translations"].items():
            setattr(topic, name, value)
        topic.save()
        self.topics[topic.name.lower()] = topic
        self.count("topic", created)

    def topic(self, name: str) -> Topic:
        topic = self.topics.get(name.lower())
        if topic is None:
            topic = Topic.objects.create(name=name, slug=self.free_topic_slug(name))
            self.topics[name.lower()] = topic
            self.count("topic", True)
        return topic

    @staticmethod
    def free_topic_slug(name: str) -> str:
        base = slugify(name) or "topic"
        candidate, n = base, 1
        while Topic.objects.filter(slug=candidate).exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def write_partner(self, data: dict) -> None:
        partner = self.partners.get(data["slug"])
        created = partner is None
        partner = partner or Partner(slug=data["slug"])
        for name in ("name", "country", "website", "description"):
            setattr(partner, name, data[name])
        partner.save()
        self.partners[partner.slug] = partner
        self.count("partner", created)

    def write_amendment(self, data: dict) -> None:
        """As ``record_amendment``: a new one flags the documents already on
        the site that cite its article and tells their editors; one the site
        has (same article and date) takes the file's note and link and tells
        nobody."""
        amendment, created = record_amendment(
            self.standard_names.articles[data["article"]],
            date=data["date"],
            note=data["note"],
            url=data["url"],
        )
        if not created and (amendment.note, amendment.url) != (
            data["note"],
            data["url"],
        ):
            amendment.note, amendment.url = data["note"], data["url"]
            amendment.save(update_fields=["note", "url"])
        self.count("amendment", created)

    def parent(self, document_type: str, locale=None):
        """The section of ``document_type`` in ``locale`` (default: the default one)."""
        locale = locale or self.default_locale
        key = (document_type, locale.pk)
        if key not in self.parents:
            self.parents[key] = document_types[document_type].section_model.objects.get(
                locale=locale
            )
        return self.parents[key]

    def original(self, model, data: dict):
        """The default-locale document ``data`` translates, or None."""
        if not data["translation_of"]:
            return None
        return model.objects.get(
            slug=data["translation_of"], locale=self.default_locale
        )

    def write_document(self, record: Record) -> None:
        data = record.data
        model = document_types[record.type].model
        locale = self.locales[data["locale"]]
        page = self.existing(model, locale, data["slug"])
        original = None
        if locale != self.default_locale:
            # Translations are written one by one, once their originals exist.
            self.flush()
            original = self.original(model, data)
        if original is not None:
            page = self.translation(record, original, locale, page)
        created = page is None
        if created and original is not None:
            page = original.copy_for_translation(locale)
        elif created:
            page = model(locale=locale)
        page.slug = data["slug"]
        page.title = data["title"]
        page.draft_title = data["title"]
        page.summary = data["summary"]
        page.body = markdown_to_body(data["body"])
        page.partner = self.partners[data["partner"]]
        page.country = data["country"]
        page.language = data["language"]
        page.date = data["date"]
        page.last_reviewed = data["last_reviewed"]
        for name in KEPT_WHEN_MISSING:
            if data[name] is not None:
                setattr(page, name, data[name])
        if data["members_annex"] is not None:  # Markdown, kept when missing too
            page.members_annex = markdown_to_body(data["members_annex"])
        kind, group_names = requested_restriction(data)
        groups = [self.groups[name] for name in group_names]
        document_types[record.type].interchange_record.fill(page, data, self)
        if "standards" in data:
            self.cite(page, data["standards"])
        topics = [self.topic(name) for name in data["topics"]]
        publish = data["status"] == "published"
        # A future go-live is scheduled by publishing, as in the admin, one by one.
        scheduled = publish and page.go_live_at and page.go_live_at > timezone.now()
        if created and locale == self.default_locale and not scheduled:
            # Created in bulk, where the safeguarding gate holds back what it
            # finds (reported by flush()).
            page.privacy = kind
            self.pending.append(
                NewDocument(
                    page=page,
                    group_ids=[group.pk for group in groups],
                    topic_ids=[topic.pk for topic in topics],
                    related_ids=related_ids(page),
                    publish=publish,
                    extra={"line": record.line},
                )
            )
            return
        if publish and self.held_back(record, page):
            publish = False
        if original is not None:
            page.translation_key = original.translation_key
        if page.pk is None:
            # Live only when its revision is published (not before its go-live).
            page.live = False
            self.parent(record.type, locale).add_child(instance=page)
        page.topics.set(topics)
        page.save()
        self.restrict(page, kind, groups)
        revision = page.save_revision(clean=False)
        if publish:
            revision.publish()
        elif page.live:
            page.unpublish()
        self.count(record.type, created)

    def restrict(self, page, kind: str, groups: list) -> None:
        """Raise the page's privacy to the file's; lower it only when told to."""
        if self.lift_restrictions and page.privacy != kind:
            if lift_restrictions(page):
                self.report.lifted_restrictions.append(page.slug)
        elif is_stricter(page.privacy, kind):
            self.report.kept_restrictions.append(page.slug)
            return
        if kind != Privacy.PUBLIC and page.privacy != kind:
            restrict(page, kind, groups)

    def existing(self, model, locale, slug: str):
        """The document of ``model`` with ``slug`` in ``locale``, or None. The
        slugs of a section are read once, so a new document costs no query here
        (a file holds each (type, locale, slug) once)."""
        key = (model, locale.pk)
        if key not in self.slugs:
            self.slugs[key] = set(
                model.objects.filter(locale=locale).values_list("slug", flat=True)
            )
        if slug not in self.slugs[key]:
            return None
        return model.objects.filter(slug=slug, locale=locale).first()

    def library_files(self, items: list[dict]) -> dict:
        """:func:`library_files`, remembering the documents of earlier records."""
        missing = [item for item in items if item["file"] not in self.files]
        if missing:
            self.files.update(library_files(missing))
        return {item["file"]: self.files[item["file"]] for item in items}

    @staticmethod
    def translation(record: Record, original, locale, page):
        """The page that is ``original`` in ``locale``: the one with the record's
        slug, or the translation it already has (refusing, and so undoing the
        whole import, to give it a second one)."""
        existing = original.get_translation_or_none(locale)
        if page is None or existing is None or existing.pk == page.pk:
            return page or existing
        raise InvalidFile(
            [
                Problem(
                    record.line,
                    "translation_of",
                    f"{original.slug!r} already has a translation in "
                    f"{locale.language_code!r}: {existing.slug!r}",
                )
            ]
        )

    def cite(self, page, references: list[str]) -> None:
        """Citations of articles (``cets-197:10``) and of standards as a whole
        (``cets-197``), with their standard set (bulk creation saves none)."""
        citations = []
        for position, reference in enumerate(references):
            article = self.standard_names.articles.get(reference)
            standard = article.standard if article else None
            citations.append(
                StandardCitation(
                    article=article,
                    standard=standard or self.standard_names.standards[reference],
                    sort_order=position,
                )
            )
        page.standard_citations = citations

    def partner(self, slug: str) -> Partner:
        return self.partners[slug]

    def document(self, type_key: str, slug: str | None):
        """The document of the type with this slug (in the default locale),
        written first if it is waiting to be created in bulk."""
        if slug is None:
            return None
        if type_key == self.pending_type and any(
            new.page.slug == slug for new in self.pending
        ):
            self.flush()
        model = document_types[type_key].model
        return model.objects.filter(slug=slug, locale=self.default_locale).first()

    def documents(self, type_key: str, slugs: list[str]) -> list:
        return list(
            document_types[type_key].model.objects.filter(
                slug__in=slugs, locale=self.default_locale
            )
        )


def related_ids(page) -> dict[str, list[int]]:
    """The page's many-to-many relations that ``fill`` set (participants,
    related practices…), as ids by field name."""
    return {
        relation.name: [other.pk for other in getattr(page, relation.name).all()]
        for relation in many_to_many(type(page))
    }


def available_files(records) -> set[str]:
    """The files the records name that the document library holds, or that the
    media folder holds (restored from a backup) for the import to add."""
    named = named_files(records)
    Document = get_document_model()
    in_library = set(
        Document.objects.filter(file__in=named).values_list("file", flat=True)
    )
    storage = Document._meta.get_field("file").storage
    return in_library | {
        name for name in named - in_library if _in_storage(storage, name)
    }


def _in_storage(storage, name: str) -> bool:
    """Whether the media folder holds ``name``; a name outside it
    (``../../etc/passwd``) never does."""
    try:
        return storage.exists(name)
    except SuspiciousFileOperation:
        return False


def library_files(items: list[dict]) -> dict:
    """The library documents that ``items`` name by ``file``, by file name; a
    file only in the media folder is added to the library under its own name."""
    Document = get_document_model()
    names = [item["file"] for item in items]
    documents = {
        document.file.name: document
        for document in Document.objects.filter(file__in=names)
    }
    for name in names:
        if name not in documents:
            stem = PurePosixPath(name).stem
            documents[name] = Document.objects.create(
                title=stem.replace("-", " ").replace("_", " ").capitalize(), file=name
            )
    return documents


__all__ = ["ImportReport", "InvalidFile", "import_lines"]
