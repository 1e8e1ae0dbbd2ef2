from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from knowledge.models import KnowledgePage

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_FILE = DEMO_DIR / "demo_content.jsonl"


class Command(BaseCommand):
    help = (
        "Load the demo content into an empty knowledge base. Does nothing when "
        "documents already exist, so editors' changes survive a second `make run`."
    )

    def handle(self, *args, **options):
        if KnowledgePage.objects.exists():
            self.stdout.write(
                "Documents already exist; the demo content was not loaded."
            )
            return
        add_demo_files()
        call_command("import_content", str(DEMO_FILE), stdout=self.stdout)


def add_demo_files() -> None:
    """Put the demo's files (evaluation reports) in the document library under
    ``documents/<name>``, the names demo_content.jsonl refers to."""
    Document = get_document_model()
    for path in sorted((DEMO_DIR / "files").iterdir()):
        name = f"documents/{path.name}"
        if not default_storage.exists(name):
            with path.open("rb") as file:
                default_storage.save(name, File(file))
        Document.objects.get_or_create(
            file=name, defaults={"title": path.stem.replace("-", " ").capitalize()}
        )
