"""Write the Serbian Cyrillic catalogue from the Serbian Latin one."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from serbian import message_to_cyrillic

HEADER_NOTE = (
    "Serbian in Cyrillic, written from locale/sr_Latn by\n"
    "`manage.py transliterate_messages` (make messages). Do not edit: translate\n"
    "in locale/sr_Latn/LC_MESSAGES/django.po and run the command again."
)


def cyrillic_catalogue(source: polib.POFile) -> polib.POFile:
    """A copy of the Serbian Latin catalogue ``source`` with Cyrillic msgstrs."""
    target = polib.POFile(wrapwidth=source.wrapwidth)
    target.header = HEADER_NOTE
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
        "Write locale/sr (Serbian, Cyrillic) from locale/sr_Latn by transliteration. "
        "With --check, only report whether locale/sr is up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit non-zero when the Cyrillic catalogue is missing or stale.",
        )
        parser.add_argument(
            "--locale-dir",
            type=Path,
            default=Path(settings.LOCALE_PATHS[0]),
            help="The directory holding sr_Latn/ and sr/ (default: the project's).",
        )

    def handle(self, *args, check, locale_dir, **options):
        source_path = locale_dir / "sr_Latn" / "LC_MESSAGES" / "django.po"
        target_path = locale_dir / "sr" / "LC_MESSAGES" / "django.po"
        if not source_path.exists():
            raise CommandError(f"{source_path} does not exist.")
        try:
            source = polib.pofile(str(source_path))
        except OSError as error:
            raise CommandError(f"{source_path}: {error}") from error
        text = str(cyrillic_catalogue(source))
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
