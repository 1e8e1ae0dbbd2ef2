"""Digests through a real SMTP server on a local socket, as in production."""

import datetime
import email
import socket
from email import policy

from aiosmtpd.controller import Controller
from django.test import TestCase, override_settings
from django.utils import timezone

from follow.digests import send_digests
from follow.models import Subscription
from knowledge.models import Topic
from knowledge.settings.mail import mail_settings
from tests.factories import PracticeGuidePageFactory, UserFactory


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (
                envelope.rcpt_tos,
                email.message_from_bytes(envelope.content, policy=policy.default),
            )
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        topic = Topic.objects.create(name="Kinship care", slug="kinship")
        cls.reader = UserFactory(email="reader@example.org")
        cls.start = timezone.now() - datetime.timedelta(hours=2)
        PracticeGuidePageFactory(
            title="Kinship placement guide",
            topics=[topic],
            first_published_at=cls.start + datetime.timedelta(hours=1),
        )
        Subscription.objects.create(
            user=cls.reader, kind="topic", target="kinship", sent_until=cls.start
        )

    def setUp(self):
        self.inbox = Inbox()
        self.server = Controller(self.inbox, hostname="127.0.0.1", port=free_port())
        self.server.start()
        self.addCleanup(self.server.stop)

    def test_a_digest_reaches_the_mail_server(self):
        url = f"smtp://127.0.0.1:{self.server.port}"
        with override_settings(**mail_settings(url)):
            report = send_digests()
        self.assertEqual(report.sent, 1)
        [(recipients, message)] = self.inbox.messages
        self.assertEqual(recipients, ["reader@example.org"])
        self.assertIn(
            "Kinship placement guide", message.get_body(("plain",)).get_content()
        )
        self.assertIn(
            "Kinship placement guide", message.get_body(("html",)).get_content()
        )
        self.assertRegex(
            str(message["List-Unsubscribe"]).strip(),
            r"^<http://testserver/en/accounts/subscriptions/unsubscribe/[^>]+/>$",
        )
        self.assertEqual(message["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        with override_settings(**mail_settings(url)):
            self.assertEqual(send_digests().sent, 0)
        self.assertEqual(len(self.inbox.messages), 1)
