"""Write the Serbian Cyrillic catalogues from the Serbian Latin ones: the
project's (locale/) and its catalogue of Wagtail's admin (admin_locale/), every
gettext domain of each."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from serbian import message_to_cyrillic

HEADER_NOTE = (
    "Serbian in Cyrillic, written from {directory} by\n"
    "`manage.py transliterate_messages` (make messages). Do not edit: translate\n"
    "in {path} and run the command again."
)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)


def cyrillic_catalogue(source: polib.POFile, source_path: Path) -> polib.POFile:
    """A copy of the Serbian Latin catalogue ``source`` with Cyrillic msgstrs."""
    target = polib.POFile(wrapwidth=source.wrapwidth)
    target.header = HEADER_NOTE.format(
        directory=_shown(source_path.parent.parent), path=_shown(source_path)
    )
    target.metadata = {**source.metadata, "Language": "sr"}
    target.metadata_is_fuzzy = source.metadata_is_fuzzy
    for entry in source:
        copy = polib.POEntry(
            msgctxt=entry.msgctxt,
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            msgstr=message_to_cyrillic(entry.msgstr),
            msgstr_plural={
                index: message_to_cyrillic(text)
                for index, text in entry.msgstr_plural.items()
            },
            occurrences=entry.occurrences,
            flags=list(entry.flags),
            comment=entry.comment,
            tcomment=entry.tcomment,
            previous_msgid=entry.previous_msgid,
            previous_msgid_plural=entry.previous_msgid_plural,
            previous_msgctxt=entry.previous_msgctxt,
            obsolete=entry.obsolete,
        )
        target.append(copy)
    return target


class Command(BaseCommand):
    help = (
        "Write the Serbian Cyrillic catalogues (sr) from the Serbian Latin ones "
        "(sr_Latn) in every directory of LOCALE_PATHS. With --check, only report "
        "whether they are up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit non-zero when a Cyrillic catalogue is missing or stale.",
        )
        parser.add_argument(
            "--locale-dir",
            type=Path,
            help="Only this directory holding sr_Latn/ and sr/ (default: every one "
            "of LOCALE_PATHS).",
        )

    def handle(self, *args, check, locale_dir, **options):
        directories = [locale_dir] if locale_dir else map(Path, settings.LOCALE_PATHS)
        for directory in directories:
            sources = sorted((directory / "sr_Latn" / "LC_MESSAGES").glob("*.po"))
            if not sources:
                raise CommandError(
                    f"{directory / 'sr_Latn' / 'LC_MESSAGES' / 'django.po'} does not exist."
                )
            for source_path in sources:
                self.transliterate(source_path, check=check)

    def transliterate(self, source_path: Path, *, check: bool):
        target_path = source_path.parent.parent.parent / "sr" / "LC_MESSAGES"
        target_path /= source_path.name
        try:
            source = polib.pofile(str(source_path))
        except OSError as error:
            raise CommandError(f"{source_path}: {error}") from error
        text = str(cyrillic_catalogue(source, source_path))
        current = target_path.read_text("utf-8") if target_path.exists() else None
        if check:
            if current != text:
                raise CommandError(
                    f"{target_path} is not the transliteration of {source_path}. "
                    "Run `make messages` and commit the result."
                )
            return
        if current != text:
            target_path.parent.mkdir(parents=True, exist_ok=True)
            target_path.write_text(text, "utf-8")
            self.stdout.write(f"Wrote {target_path}")
