"""Mail that the server refuses or never answers is kept, and sent again later.

The site's mail backend (``serving.mail``) talks SMTP to a :class:`FaultyPort`
in front of a mail server of the test's own, with a 0.2 s timeout.
"""

import time
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from knowledge.settings.mail import mail_settings
from practices.models import PracticeGuidePage, PracticeIndexPage
from serving import mail as kept_mail
from serving.models import KeptMail
from tests.editorial.form_data import guide_form_data
from tests.factories import PartnerFactory, user_with_role
from tests.serving.faults import FaultyPort, SmtpSink

TIMEOUT = 0.2


class MailFaultTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sink = SmtpSink()
        cls.addClassCleanup(cls.sink.close)
        cls.port = FaultyPort(("127.0.0.1", cls.sink.port))
        cls.addClassCleanup(cls.port.close)

    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.editor = user_with_role(
            "editor", partner=cls.astra, email="editor@example.org"
        )
        cls.reviewer = user_with_role("reviewer", email="reviewer@example.org")

    def setUp(self):
        self.port.forward()
        self.sink.received.clear()
        url = f"smtp://127.0.0.1:{self.port.port}"
        self.enterContext(override_settings(**mail_settings(url, timeout=TIMEOUT)))

    def send(self, subject="Review needed", to="reviewer@example.org"):
        message = mail.EmailMessage(
            subject,
            "Please review.",
            "site@example.org",
            [to],
            bcc=["audit@example.org"],
        )
        return message.send()

    def ready(self):
        return self.client.get(reverse("health_ready")).json()

    def test_mail_goes_out_while_the_server_answers(self):
        self.assertEqual(self.send(), 1)
        self.assertEqual(len(self.sink.received), 1)
        self.assertFalse(KeptMail.objects.exists())
        ready = self.ready()["mail"]
        self.assertEqual(ready["status"], "ok")

    def test_a_refusing_server_keeps_the_message(self):
        self.port.refuse()
        self.assertEqual(self.send(), 1)
        kept = KeptMail.objects.get()
        self.assertEqual(kept.recipients, ["reviewer@example.org", "audit@example.org"])
        self.assertIn("ConnectionRefusedError", kept.last_error)
        ready = self.ready()
        self.assertEqual(ready["status"], "degraded")
        self.assertEqual(ready["mail"]["status"], "down")

    def test_a_hanging_server_costs_one_timeout_per_interval(self):
        self.port.hang()
        started = time.monotonic()
        self.send("first")
        self.assertLess(time.monotonic() - started, 10 * TIMEOUT)
        connections = self.port.connections
        for subject in ("second", "third"):
            self.send(subject)
        self.assertEqual(self.port.connections, connections)
        self.assertEqual(KeptMail.objects.count(), 3)

    def test_kept_mail_is_sent_when_the_server_is_back(self):
        self.port.refuse()
        self.send("first")
        self.send("second", to="editor@example.org")
        self.port.forward()
        out = StringIO()
        call_command("send_kept_mail", stdout=out)
        self.assertIn("Sent 2 kept messages; 0 still kept.", out.getvalue())
        self.assertFalse(KeptMail.objects.exists())
        self.assertFalse(kept_mail.breaker.is_open)
        envelopes = [
            (sender, recipients) for sender, recipients, _ in self.sink.received
        ]
        self.assertEqual(
            envelopes,
            [
                (
                    "<site@example.org>",
                    ["<reviewer@example.org>", "<audit@example.org>"],
                ),
                ("<site@example.org>", ["<editor@example.org>", "<audit@example.org>"]),
            ],
        )
        first = self.sink.received[0][2]
        self.assertIn(b"Subject: first", first)
        self.assertIn(b"Please review.", first)
        self.assertNotIn(b"audit@example.org", first)  # Bcc stays off the headers
        self.assertEqual(self.ready()["mail"]["status"], "ok")

    def test_the_command_fails_and_counts_while_the_server_is_down(self):
        self.port.refuse()
        self.send()
        with self.assertRaisesMessage(CommandError, "1 messages could not be sent"):
            call_command("send_kept_mail", stdout=StringIO())
        kept = KeptMail.objects.get()
        self.assertEqual(kept.attempts, 2)
        self.assertEqual(self.sink.received, [])

    def test_a_submission_goes_through_while_the_server_hangs(self):
        """An editor submits a guide for review: the page is submitted, and the
        reviewers' notice waits in the database."""
        self.port.hang()
        self.client.force_login(self.editor)
        section = PracticeIndexPage.objects.get(locale__language_code="en")
        url = reverse(
            "wagtailadmin_pages:add",
            args=["practices", "practiceguidepage", section.pk],
        )
        response = self.client.post(
            url, guide_form_data(self.astra, **{"action-submit": "submit"})
        )
        self.assertEqual(response.status_code, 302)
        page = PracticeGuidePage.objects.get(slug="foster-families")
        self.assertIsNotNone(page.current_workflow_task_state)
        kept = KeptMail.objects.get()
        self.assertEqual(kept.recipients, ["reviewer@example.org"])
        self.port.forward()
        kept_mail.breaker.reset()
        call_command("send_kept_mail", stdout=StringIO())
        self.assertEqual(
            [recipients for _, recipients, _ in self.sink.received],
            [["<reviewer@example.org>"]],
        )
