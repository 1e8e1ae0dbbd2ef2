from django.core.management.base import CommandError
from wagtail.management.commands import publish_scheduled

from safeguarding.gate import reporting_refusals


class Command(publish_scheduled.Command):
    """Wagtail's ``publish_scheduled``, in its place: a scheduled document with
    unresolved safeguarding findings is not published and stays scheduled; the
    others are. Each one kept back is printed, and the command exits with 1."""

    help = (
        "Publish the revisions whose time has come and unpublish expired pages. "
        "Documents with unresolved safeguarding findings are skipped and listed."
    )

    def handle(self, *args, **options):
        with reporting_refusals() as refusals:
            super().handle(*args, **options)
        for refusal in refusals:
            self.stderr.write(str(refusal))
        if refusals:
            raise CommandError(
                f"{len(refusals)} scheduled document(s) not published: unresolved "
                "safeguarding findings. They stay scheduled.",
                returncode=1,
            )
