from django.core.management.base import BaseCommand, CommandError

from serving.mail import send_kept_mail
from serving.models import KeptMail


class Command(BaseCommand):
    help = (
        "Send the mail kept while the mail server failed (run it from cron, "
        "every few minutes). Fails while mail remains kept."
    )

    def handle(self, *args, **options):
        sent, kept = send_kept_mail()
        self.stdout.write(f"Sent {sent} kept messages; {kept} still kept.")
        if kept:
            last = KeptMail.objects.order_by("-last_attempt_at").first()
            raise CommandError(
                f"{kept} messages could not be sent yet (last error: {last.last_error})"
            )
