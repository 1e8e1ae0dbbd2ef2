from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from knowledge.models import KnowledgePage

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "demo_content.jsonl"


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
        call_command("import_content", str(DEMO_FILE), stdout=self.stdout)
