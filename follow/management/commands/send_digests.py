from django.core.management.base import BaseCommand

from follow.digests import send_digests
from follow.models import Frequency


class Command(BaseCommand):
    help = (
        "E-mail each reader what was published since their last digest in what "
        "they follow: one e-mail per reader. Safe to rerun or to run after an "
        "interrupted run: nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=Frequency.values,
            help="Only subscriptions of this frequency (all when not given).",
        )

    def handle(self, *args, frequency=None, **options):
        report = send_digests(frequency=frequency)
        self.stdout.write(
            f"{report.sent} digest(s) sent, {report.composed} composed, "
            f"{report.dropped} with nothing left to show."
        )
