from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.bulk import refresh_statistics
from interchange.importer import InvalidFile, import_lines
from interchange.records import file_lines


class Command(BaseCommand):
    help = (
        "Import topics, partners and documents from a JSON Lines interchange file. "
        "The whole file is checked first; if any record is bad nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="Path of the .jsonl file to import."
        )
        parser.add_argument(
            "--lift-restrictions",
            action="store_true",
            help=(
                "Make each document exactly as private as the file says, lifting "
                "restrictions added since it was written. Without it, an import "
                "only ever adds restrictions."
            ),
        )

    def handle(self, *args, file: Path, lift_restrictions=False, **options):
        try:
            content = file.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        try:
            report = import_lines(
                file_lines(content), lift_restrictions=lift_restrictions
            )
        except InvalidFile as invalid:
            for problem in invalid.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(
                f"{len(invalid.problems)} problem(s) found; nothing was imported."
            ) from None
        self.stdout.write(f"Imported {file}: {report or 'nothing to import'}")
        refresh_statistics(sum(report.created.values()))
        for line in report.notes:
            self.stderr.write(f"{file}: {line}")
        for line in report.held_back:
            self.stderr.write(
                f"{file}: {line}: unresolved safeguarding finding; saved as a draft"
            )
        if report.kept_restrictions:
            self.stdout.write(
                "Kept the restriction of documents the file says are more public "
                "(--lift-restrictions lifts it): " + ", ".join(report.kept_restrictions)
            )
        if report.lifted_restrictions:
            self.stdout.write(
                "Lifted the restriction of: " + ", ".join(report.lifted_restrictions)
            )
