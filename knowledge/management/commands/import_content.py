from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from knowledge.interchange.importer import InvalidFile, import_lines


class Command(BaseCommand):
    help = (
        "Import topics, partners and documents from a JSON Lines interchange file. "
        "The whole file is checked first; if any record is bad nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="Path of the .jsonl file to import."
        )

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text ({error.reason})") from None
        try:
            report = import_lines(text.splitlines())
        except InvalidFile as invalid:
            for problem in invalid.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(
                f"{len(invalid.problems)} problem(s) found; nothing was imported."
            ) from None
        self.stdout.write(f"Imported {file}: {report or 'nothing to import'}")
