from django.core.management.base import BaseCommand, CommandError

from serving.mail import send_kept_mail


class Command(BaseCommand):
    help = (
        "Send the mail kept while the mail server failed (run it from cron, "
        "every few minutes). Fails while mail remains kept."
    )

    def handle(self, *args, **options):
        sent, kept = send_kept_mail()
        self.stdout.write(f"Sent {sent} kept messages; {kept} still kept.")
        if kept:
            raise CommandError(f"{kept} messages could not be sent yet.")
