"""Fail when a translatable string is missing or untranslated in a catalogue."""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from knowledge import admin_messages

# The catalogues translators edit; locale/sr is written from sr_Latn.
EDITED_LOCALES = ("sr_Latn", "sl")
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv*", "node_modules", "static", "media", "__pycache__", "*.sqlite3*"
)


def untranslated(catalogue: polib.POFile) -> list[polib.POEntry]:
    """Entries with an empty translation or marked fuzzy."""
    return [
        entry
        for entry in catalogue
        if not entry.obsolete and (entry.fuzzy or not entry.translated())
    ]


class Command(BaseCommand):
    help = (
        "Run makemessages on a copy of the project and fail when a string is "
        "missing, untranslated or fuzzy in the Serbian Latin or Slovenian catalogue, "
        "when a msgid of Wagtail's installed admin is missing, untranslated or fuzzy "
        "in the Serbian catalogue of the admin (admin_locale/), or when a Serbian "
        "Cyrillic catalogue is not the transliteration of its Latin one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ignore",
            "-i",
            action="append",
            default=[],
            dest="ignore_patterns",
            help="Passed on to makemessages (as in `make messages`).",
        )

    def handle(self, *args, ignore_patterns, **options):
        base_dir = Path(settings.BASE_DIR)
        problems = []
        with tempfile.TemporaryDirectory(prefix="check-messages-") as tmp:
            copy = Path(tmp) / "project"
            shutil.copytree(base_dir, copy, ignore=NOT_COPIED)
            command = [sys.executable, "manage.py", "makemessages", "--verbosity", "0"]
            command += ["--add-location=file"]
            command += [f"--locale={code}" for code in EDITED_LOCALES]
            command += [f"--ignore={pattern}" for pattern in ignore_patterns]
            result = subprocess.run(  # noqa: S603
                command, cwd=copy, capture_output=True, text=True, check=False
            )
            if result.returncode:
                raise CommandError(f"makemessages failed:\n{result.stderr}")
            for code in EDITED_LOCALES:
                path = copy / "locale" / code / "LC_MESSAGES" / "django.po"
                for entry in untranslated(polib.pofile(str(path))):
                    where = ", ".join(file for file, _ in entry.occurrences[:2])
                    state = "fuzzy" if entry.fuzzy else "untranslated"
                    problems.append(f"{code}: {state} {entry.msgid!r} ({where})")
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(
                f"{len(problems)} strings need a translation. Run `make messages`, "
                "translate them in locale/sr_Latn and locale/sl, and run "
                "`make messages` again (see docs/translations.md)."
            )
        admin_problems = [
            problem
            for catalogue in admin_messages.catalogues()
            for problem in admin_messages.problems(catalogue)
        ]
        for problem in admin_problems:
            self.stderr.write(problem)
        if admin_problems:
            raise CommandError(
                f"{len(admin_problems)} strings of Wagtail's admin need a Serbian "
                "translation. Run `manage.py update_admin_messages`, translate them "
                "in admin_locale/*/sr_Latn and run `make messages` (see "
                'docs/translations.md, "After a Wagtail upgrade").'
            )
        call_command("transliterate_messages", check=True)
        self.stdout.write("Every string is translated.")
