"""Structured JSON logs with the request id and account id, and nothing about
the reader beyond that."""

import io
import json
import logging

from django.test import TestCase

from serving.logs import JsonFormatter, RequestContextFilter
from tests.commands import run_manage
from tests.factories import UserFactory


class RequestLogTests(TestCase):
    def setUp(self):
        self.stream = io.StringIO()
        handler = logging.StreamHandler(self.stream)
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RequestContextFilter())
        logger = logging.getLogger("django.request")
        logger.addHandler(handler)
        self.addCleanup(logger.removeHandler, handler)

    def records(self):
        return [json.loads(line) for line in self.stream.getvalue().splitlines()]

    def test_every_response_carries_a_request_id_that_the_log_shares(self):
        reader = UserFactory(email="reader@example.org", username="reader-name")
        self.client.force_login(reader)
        response = self.client.get(
            "/en/no-such-page/?q=private+words", REMOTE_ADDR="203.0.113.5"
        )
        self.assertEqual(response.status_code, 404)
        [record] = self.records()
        self.assertEqual(record["request_id"], response["X-Request-ID"])
        self.assertEqual(len(record["request_id"]), 32)
        self.assertEqual(record["user_id"], reader.pk)
        self.assertEqual(record["level"], "WARNING")
        self.assertEqual(record["status"], 404)
        line = self.stream.getvalue()
        for private in ("203.0.113.5", "reader@example.org", "reader-name", "private"):
            self.assertNotIn(private, line)

    def test_a_sane_request_id_from_the_proxy_is_kept_and_a_hostile_one_replaced(self):
        kept = self.client.get("/health/", HTTP_X_REQUEST_ID="lb-7f3a9c21")
        self.assertEqual(kept["X-Request-ID"], "lb-7f3a9c21")
        replaced = self.client.get(
            "/health/", HTTP_X_REQUEST_ID='x"\n{"level": "forged"}'
        )
        self.assertRegex(replaced["X-Request-ID"], r"^[0-9a-f]{32}$")

    def test_anonymous_requests_log_no_account(self):
        self.client.get("/en/no-such-page/")
        self.assertIsNone(self.records()[0]["user_id"])


class ProductionLoggingTests(TestCase):
    def test_production_logs_are_json_lines_on_stdout(self):
        script = (
            "import logging\n"
            "logging.getLogger('knowledge').warning('Disk nearly full')\n"
            "try:\n    1 / 0\n"
            "except ZeroDivisionError:\n"
            "    logging.getLogger('knowledge').exception('Sum failed')\n"
        )
        result = run_manage(
            "shell",
            "--no-imports",
            "-c",
            script,
            DJANGO_SETTINGS_MODULE="knowledge.settings.production",
            DJANGO_SECRET_KEY="dummy-logging-check-key-" + "0123456789abcdef" * 2,
            DATABASE_URL="sqlite:///:memory:",
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        records = [json.loads(line) for line in result.stdout.splitlines()]
        records = [r for r in records if r["logger"] == "knowledge"]
        self.assertEqual(
            [(r["level"], r["logger"], r["message"]) for r in records],
            [
                ("WARNING", "knowledge", "Disk nearly full"),
                ("ERROR", "knowledge", "Sum failed"),
            ],
        )
        self.assertIn("ZeroDivisionError", records[1]["exception"])
        self.assertIsNone(records[0]["request_id"])
