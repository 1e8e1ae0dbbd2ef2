import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from follow.models import Kind
from follow.targets import resolve
from standards.amendments import record_amendment


class Command(BaseCommand):
    help = (
        "Record an amendment of an article (such as eu-2011-36:2): every "
        "published document citing it is flagged for review and its partner's "
        "editors are told. Recording the same amendment again does nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("article", help="The article, as code:key (cets-197:10).")
        parser.add_argument("--date", required=True, help="YYYY-MM-DD")
        parser.add_argument("--note", required=True, help="What changed.")
        parser.add_argument("--url", default="", help="The amending act.")

    def handle(self, *args, article, date, note, url, **options):
        try:
            found = resolve(Kind.ARTICLE, article).article
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError as error:
            raise CommandError(f"--date {date!r} is not YYYY-MM-DD.") from error
        if not note.strip():
            raise CommandError("--note says what changed: it cannot be empty.")
        if url and not url.startswith(("https://", "http://")):
            raise CommandError(f"--url {url!r} is not a web address.")
        amendment, created = record_amendment(
            found, date=day, note=note.strip(), url=url
        )
        if created:
            self.stdout.write(f"Recorded {amendment}.")
        else:
            self.stdout.write(f"{amendment} was already recorded: nothing changed.")
