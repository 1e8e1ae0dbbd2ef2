"""The Serbian catalogue of Wagtail's admin, kept in ``admin_locale/``.

Wagtail ships no Serbian translation of its screens, so this project writes one:
one directory per package (``admin_locale/wagtail.admin/sr_Latn/LC_MESSAGES/``),
laid out as Wagtail's own ``locale/`` directories are, so that a catalogue can be
offered upstream as it is. The directories follow ``locale/`` in
``LOCALE_PATHS``: the project's own strings win, and these win over the
packages' own catalogues. ``makemessages`` never writes here; the msgids come
from the installed packages' English catalogues (``update_admin_messages``
merges them in after an upgrade, ``check_messages`` fails until the new ones are
translated). See docs/translations.md.

It imports nothing of Django, so that the settings may read ``locale_paths()``.
"""

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.util import find_spec
from pathlib import Path

import polib

ADMIN_LOCALE_DIR = Path(__file__).resolve().parent.parent / "admin_locale"
LANGUAGE = "sr_Latn"
TRANSLATORS = "STOP! Knowledge Exchange <noreply@localhost>"

# The packages of the admin, in the order of INSTALLED_APPS (an earlier one wins
# where two translate the same msgid), with their gettext domains.
PACKAGES = (
    ("wagtail.contrib.forms", ("django",)),
    ("wagtail.contrib.simple_translation", ("django",)),
    ("wagtail.contrib.redirects", ("django",)),
    ("wagtail.contrib.settings", ("django",)),
    ("wagtail.contrib.search_promotions", ("django",)),
    ("wagtail.embeds", ("django",)),
    ("wagtail.sites", ("django",)),
    ("wagtail.locales", ("django",)),
    ("wagtail.users", ("django",)),
    ("wagtail.snippets", ("django",)),
    ("wagtail.documents", ("django",)),
    ("wagtail.images", ("django",)),
    ("wagtail.search", ("django",)),
    ("wagtail.admin", ("django", "djangojs")),
    ("wagtail", ("django",)),
    ("taggit", ("django",)),
    ("modelsearch", ("django",)),
)

# Django's header for Serbian in either script (django/conf/locale/sr_Latn).
PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)


def locale_paths() -> list[Path]:
    """The directories to list in ``LOCALE_PATHS`` after the project's own."""
    return [ADMIN_LOCALE_DIR / package for package, _ in PACKAGES]


@dataclass(frozen=True)
class Catalogue:
    package: str
    domain: str

    @property
    def directory(self) -> Path:
        return ADMIN_LOCALE_DIR / self.package

    def path(self, language: str = LANGUAGE) -> Path:
        return self.directory / language / "LC_MESSAGES" / f"{self.domain}.po"

    def source(self) -> polib.POFile:
        """The msgids of the installed package: its English catalogue, or, for a
        package without one, what ``xgettext`` finds in its Python code."""
        package_dir = Path(find_spec(self.package).origin).parent
        english = package_dir / "locale" / "en" / "LC_MESSAGES" / f"{self.domain}.po"
        if english.exists():
            return polib.pofile(str(english))
        files = sorted(
            str(path.relative_to(package_dir))
            for path in package_dir.rglob("*.py")
            if not {"tests", "test", "migrations"} & set(path.parts)
        )
        result = subprocess.run(  # noqa: S603
            ["xgettext", "--language=Python", "--from-code=UTF-8", "--output=-"]
            + ["--keyword=gettext_lazy", "--keyword=pgettext_lazy:1c,2"]
            + ["--keyword=ngettext_lazy:1,2", "--keyword=_"]
            + files,
            cwd=package_dir,
            capture_output=True,
            text=True,
            check=True,
        )
        return polib.pofile(result.stdout)

    def load(self) -> polib.POFile:
        return polib.pofile(str(self.path()))


def catalogues() -> list[Catalogue]:
    return [
        Catalogue(package, domain)
        for package, domains in PACKAGES
        for domain in domains
    ]


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def problems(catalogue: Catalogue) -> list[str]:
    """What keeps ``catalogue`` from translating every msgid of its package:
    msgids missing from it, and entries empty or fuzzy."""
    where = f"{catalogue.path().relative_to(ADMIN_LOCALE_DIR.parent)}"
    if not catalogue.path().exists():
        return [f"{where}: missing (run `manage.py update_admin_messages`)"]
    translated = {
        _key(entry): entry for entry in catalogue.load() if not entry.obsolete
    }
    found = []
    for entry in catalogue.source():
        if entry.obsolete or not entry.msgid:
            continue
        ours = translated.get(_key(entry))
        if ours is None:
            found.append(f"{where}: missing {entry.msgid!r}")
        elif ours.fuzzy or not ours.translated():
            state = "fuzzy" if ours.fuzzy else "untranslated"
            found.append(f"{where}: {state} {entry.msgid!r}")
    return found


def update(catalogue: Catalogue) -> tuple[int, int]:
    """Bring ``catalogue`` in line with its installed package: keep every
    translation, add new msgids untranslated, mark an entry fuzzy when its
    English plural changed, and drop msgids the package no longer has.
    Returns (added, dropped)."""
    source = catalogue.source()
    path = catalogue.path()
    old = catalogue.load() if path.exists() else None
    kept = {_key(entry): entry for entry in old or () if not entry.obsolete}
    target = polib.POFile(wrapwidth=78)
    target.header = (
        f"Serbian (Latin script) translation of {catalogue.package} "
        f"({catalogue.domain}), written for\nthe STOP! Knowledge Exchange; "
        "see docs/translations.md for the glossary."
    )
    revised = old.metadata.get("PO-Revision-Date") if old else None
    target.metadata = {
        "Project-Id-Version": catalogue.package,
        "PO-Revision-Date": revised
        or datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000"),
        "Last-Translator": TRANSLATORS,
        "Language-Team": TRANSLATORS,
        "Language": LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    added = 0
    for entry in source:
        if entry.obsolete or not entry.msgid:
            continue
        ours = kept.pop(_key(entry), None)
        copy = polib.POEntry(
            msgctxt=entry.msgctxt,
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            occurrences=entry.occurrences,
            flags=[flag for flag in entry.flags if flag != "fuzzy"],
        )
        if entry.msgid_plural:
            copy.msgstr_plural = dict.fromkeys(range(3), "")
        if ours is None:
            added += 1
        elif bool(ours.msgid_plural) == bool(entry.msgid_plural):
            copy.msgstr = ours.msgstr
            if entry.msgid_plural:
                copy.msgstr_plural = dict(ours.msgstr_plural)
            if ours.fuzzy or ours.msgid_plural != entry.msgid_plural:
                copy.flags.append("fuzzy")
        target.append(copy)
    path.parent.mkdir(parents=True, exist_ok=True)
    target.save(str(path))
    return added, len(kept)
