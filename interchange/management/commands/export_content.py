from pathlib import Path

from django.core.management.base import BaseCommand

from interchange.exporter import export_lines


class Command(BaseCommand):
    help = (
        "Export every topic, partner and document (drafts and restricted included) "
        "as a JSON Lines interchange file. Use '-' to write to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the .jsonl file to write, or '-'.")

    def handle(self, *args, file: str, **options):
        if file == "-":
            for line in export_lines():
                self.stdout.write(line, ending="")
            return
        path = Path(file)
        partial = path.with_name(path.name + ".partial")
        count = 0
        with partial.open("w", encoding="utf-8") as out:
            for line in export_lines():
                out.write(line)
                count += 1
        partial.replace(path)
        self.stdout.write(f"Exported {count} records to {path}")
