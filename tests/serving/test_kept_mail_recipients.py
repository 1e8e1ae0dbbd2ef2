"""Kept mail goes later only to whom it may still go: not to an account
deactivated since, and not at all once it is out of date."""

import datetime
from email.message import EmailMessage as MIMEMessage

from django.core import mail
from django.test import TestCase
from django.utils import timezone

from serving.mail import send_kept_mail
from serving.models import KeptMail
from tests.factories import UserFactory


def keep(*recipients, age=datetime.timedelta(hours=1)) -> KeptMail:
    message = MIMEMessage()
    message["Subject"] = "A guide waits for your review"
    message.set_content("Specialised foster care waits for your review.")
    kept = KeptMail.objects.create(
        from_email="site@example.org",
        recipients=list(recipients),
        message=message.as_bytes(),
    )
    KeptMail.objects.filter(pk=kept.pk).update(created_at=timezone.now() - age)
    return kept


class KeptMailRecipientTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        UserFactory(email="reviewer@example.org", is_active=False)
        UserFactory(email="editor@example.org")

    def test_a_deactivated_account_gets_nothing_the_others_get_it(self):
        keep("Reviewer@example.org", "editor@example.org", "audit@example.org")
        keep("reviewer@example.org")
        self.assertEqual(send_kept_mail(), (1, 0))
        self.assertEqual(
            [message.recipients() for message in mail.outbox],
            [["editor@example.org", "audit@example.org"]],
        )

    def test_out_of_date_mail_is_dropped(self):
        keep("editor@example.org", age=datetime.timedelta(days=4))
        self.assertEqual(send_kept_mail(), (0, 0))
        self.assertEqual(mail.outbox, [])
