"""The kinds of document the site publishes, read from the page classes themselves.

Each concrete document page class (a subclass of ``KnowledgePage``) declares
what the rest of the site needs to know about its type next to its fields::

    type_entry = DocumentType(
        key="practice",
        label=_("Practice guide"),
        plural=_("Practice guides"),
        position=10,
        section=Section(...),
        interchange_position=10,
        record="practices.interchange.RECORD",
    )

and sets nothing else: the entry gives the class its ``document_type`` (the
key). :data:`document_types` finds the entries once the apps are loaded, so the
core (listings, filters, search, citations, the interchange, roles, the site
structure, the main navigation) reads its lists of types here and never
imports the apps that define them. A new type is one app: its page class with
its entry, its section (index) page, and its interchange record (a
``records.types.RecordType``, named by ``record``: the interchange is above
the type apps and loops over this registry). ``manage.py check``
(knowledge.E001) reports a document class without an entry of its own,
entries that clash, and a record that does not import.

Orders. The registry lists types by ``position``: the order readers see them
in (the type filter, the main navigation) and the one the rest of the site
uses unless it says otherwise. Two places keep their own order, because
changing it would change what a fresh site or an export holds:

- sections are created under the home page by ``Section.position``
  (``in_section_order``), which fixes their place in the page tree;
- the interchange exports and imports documents by ``interchange_position``
  (``in_interchange_order``): practice guides first, as other types cite them.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Section:
    """The index page a type's documents live under, one per locale, and how
    ``knowledge.site_structure`` creates it on a fresh site.

    ``title`` and ``intro`` are English and marked with ``gettext_noop``: each
    translation of the section gets them from the catalogues."""

    page_model: str  # "app_label.ModelName"
    title: str
    slug: str
    intro: str
    position: int


@dataclass(frozen=True)
class DocumentType:
    """One type of document; see the module's documentation."""

    # Record type in the interchange, ``type`` filter value and search result
    # type. Never changed: old export files name their types by it.
    key: str
    # Shown on cards, document pages, PDFs and citations (translated).
    label: str
    # The type filter's choice (translated).
    plural: str
    position: int
    section: Section
    interchange_position: int
    # The type's interchange record, "app.module.NAME": a records.types.RecordType
    # (the module imports the app's models, so the entry names it by path).
    record: str
    # Citation types: RIS ``TY`` and the BibTeX entry type.
    ris_type: str = "GEN"
    bibtex_type: str = "misc"
    # The page class declaring the entry; set when the class is created.
    model: type | None = field(default=None, compare=False, repr=False)

    def __set_name__(self, owner, name):
        object.__setattr__(self, "model", owner)
        owner.document_type = self.key

    @property
    def section_model(self):
        """The index page class of the type's section."""
        return apps.get_model(self.section.page_model)

    @property
    def interchange_record(self):
        """The type's ``records.types.RecordType``."""
        return import_string(self.record)

    @property
    def model_label(self) -> str:
        """The page class as "app_label.ModelName"."""
        return self.model._meta.label


def _entry_of(model) -> DocumentType | None:
    """The entry ``model`` declares itself (not one it inherits)."""
    entry = vars(model).get("type_entry")
    return entry if isinstance(entry, DocumentType) else None


def find_document_types() -> list[DocumentType]:
    """Every concrete subclass of ``KnowledgePage`` and its entry, by position.

    Raises ImproperlyConfigured for a concrete document class without an entry
    of its own, and for two entries with the same key or position."""
    KnowledgePage = apps.get_model("knowledge", "KnowledgePage")
    found = []
    for model in apps.get_models():
        if (
            not issubclass(model, KnowledgePage)
            or model is KnowledgePage
            or model._meta.proxy
        ):
            continue
        entry = _entry_of(model)
        if entry is None:
            raise ImproperlyConfigured(
                f"{model._meta.label} is a document page without a type_entry "
                "(knowledge.document_types.DocumentType)."
            )
        found.append(entry)
    for name, value_of in (
        ("key", lambda entry: entry.key),
        ("position", lambda entry: entry.position),
        ("section position", lambda entry: entry.section.position),
        ("interchange_position", lambda entry: entry.interchange_position),
    ):
        values = [value_of(entry) for entry in found]
        if len(values) != len(set(values)):
            raise ImproperlyConfigured(
                f"Two document types share a {name}: {sorted(values)}"
            )
    return sorted(found, key=lambda entry: entry.position)


def check_document_types(app_configs=None, **kwargs) -> list[checks.Error]:
    """System check: every document class has its own entry, no two clash
    (otherwise the registry fails on first use), and each entry's interchange
    record imports."""
    try:
        entries = find_document_types()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="knowledge.E001")]
    errors = []
    for entry in entries:
        try:
            import_string(entry.record)
        except ImportError as error:
            errors.append(
                checks.Error(
                    f"{entry.model_label}: its interchange record "
                    f"{entry.record!r} does not import ({error}).",
                    id="knowledge.E001",
                )
            )
    return errors


class DocumentTypes:
    """The registry: iterate it for the types in order, ``document_types[key]``
    for one, ``key in document_types`` to check a key. Built on first use,
    which must come after the apps are loaded."""

    def __init__(self):
        self._entries: list[DocumentType] | None = None

    @property
    def entries(self) -> list[DocumentType]:
        if self._entries is None:
            apps.check_models_ready()
            self._entries = find_document_types()
        return self._entries

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key) -> bool:
        return any(entry.key == key for entry in self.entries)

    def __getitem__(self, key: str) -> DocumentType:
        entry = self.get(key)
        if entry is None:
            raise KeyError(key)
        return entry

    def get(self, key: str, default=None) -> DocumentType | None:
        return next((entry for entry in self.entries if entry.key == key), default)

    def keys(self) -> list[str]:
        return [entry.key for entry in self.entries]

    def in_section_order(self) -> list[DocumentType]:
        return sorted(self.entries, key=lambda entry: entry.section.position)

    def in_interchange_order(self) -> list[DocumentType]:
        return sorted(self.entries, key=lambda entry: entry.interchange_position)


document_types = DocumentTypes()
