"""Outgoing mail that a failing mail server cannot lose or hold up.

:class:`KeepingEmailBackend` hands each message to the configured backend (SMTP
with a short timeout, in production). When the server refuses, hangs or fails,
the message is kept in the database (:class:`serving.models.KeptMail`) and the
caller goes on as if it was sent: a reviewer's approval or a password reset
never fails because of mail. After a failure to reach the server, a breaker
keeps every message for ``OPEN_SECONDS`` without trying, so a hanging server
costs one timeout per interval. ``manage.py send_kept_mail`` (run from cron)
sends what was kept; readiness counts it.
"""

import email
import email.message
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.module_loading import import_string

from knowledge.breaker import CircuitBreaker

logger = logging.getLogger(__name__)

# Seconds an SMTP connection or answer may take (EMAIL_TIMEOUT).
TIMEOUT_SECONDS = 5
OPEN_SECONDS = 60
ERROR_LENGTH = 500

breaker = CircuitBreaker("Mail server", OPEN_SECONDS)


def server_failure(error: Exception) -> bool:
    """Whether ``error`` says the server is unreachable (not that it refused one
    message, such as an unknown recipient)."""
    return isinstance(
        error, OSError | smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError
    )


def delivery_backend(**options):
    """The backend that really sends (``MAIL_DELIVERY_BACKEND``, or the
    ``delivery`` option under Django 6.1's ``MAILERS``)."""
    path = options.pop("delivery", None) or settings.MAIL_DELIVERY_BACKEND
    return import_string(path)(**options)


class KeepingEmailBackend(BaseEmailBackend):
    def __init__(
        self, fail_silently=False, *, alias=None, _ignore_unknown_kwargs=(), **options
    ):
        # Django 6.1 names the mailer (``alias``), which the delivery backend
        # needs to read its options rather than the old settings, and wants
        # ``fail_silently`` kept by the backend itself; Django 5.2 passes neither.
        named = {"alias": alias} if alias else {}
        super().__init__(**named)
        self.fail_silently = fail_silently
        for ignored in _ignore_unknown_kwargs or ():
            options.pop(ignored, None)
        self.delivery = delivery_backend(**named, **options)

    def close(self):
        try:
            self.delivery.close()
        except Exception:  # a connection that will not close is gone anyway
            logger.debug("Closing the mail connection failed", exc_info=True)

    def send_messages(self, email_messages):
        messages = list(email_messages)
        for index, message in enumerate(messages):
            if not breaker.allows():
                keep(messages[index:], "mail server skipped after a failure")
                break
            try:
                self.delivery.send_messages([message])
            except Exception as error:  # noqa: BLE001 - any failure keeps the message
                keep([message], error)
                if server_failure(error):
                    breaker.trip(error)
                    keep(messages[index + 1 :], error)
                    break
            else:
                breaker.reset()
        return len(messages)


def keep(messages, error) -> None:
    """Store ``messages`` to be sent again; ``error`` says why they were not."""
    from serving.models import KeptMail

    kept = [
        KeptMail(
            from_email=message.from_email,
            recipients=message.recipients(),
            message=message.message().as_bytes(),
            last_error=describe(error),
        )
        for message in messages
        if message.recipients()
    ]
    if kept:
        KeptMail.objects.bulk_create(kept)
        logger.warning("Mail not sent, kept for send_kept_mail: %d", len(kept))


def describe(error) -> str:
    if isinstance(error, Exception):
        error = f"{type(error).__name__}: {error}"
    return str(error)[:ERROR_LENGTH]


class KeptMIME(email.message.Message):
    """A stored message as it was written; ``as_bytes`` takes the ``linesep``
    that Django's SMTP backend asks of its messages."""

    def as_bytes(self, unixfrom=False, linesep="\n", policy=None):
        policy = (policy or self.policy).clone(linesep=linesep)
        return super().as_bytes(unixfrom, policy=policy)


class KeptMessage(EmailMessage):
    """A kept message, for a backend: the same bytes to the same recipients."""

    def __init__(self, kept):
        super().__init__(from_email=kept.from_email)
        self.kept = kept

    def recipients(self):
        return list(self.kept.recipients)

    def message(self, **kwargs):
        return email.message_from_bytes(bytes(self.kept.message), _class=KeptMIME)


def still_addressed(kept) -> list[str]:
    """The kept message's recipients it may still go to: none once it is older
    than a password reset link lives (what it says is out of date), and never an
    account deactivated since (a reviewer who left must not get the notice)."""
    age = timezone.now() - kept.created_at
    if age.total_seconds() > settings.PASSWORD_RESET_TIMEOUT:
        logger.warning("Kept mail dropped after %s: %s", age, kept)
        return []
    accounts = (
        get_user_model()
        .objects.annotate(address=Lower("email"))
        .filter(address__in=[r.lower() for r in kept.recipients])
        .values_list("address", "is_active")
    )
    active = {address for address, is_active in accounts if is_active}
    inactive = {address for address, is_active in accounts if not is_active} - active
    return [r for r in kept.recipients if r.lower() not in inactive]


def send_kept_mail() -> tuple[int, int]:
    """Send what was kept, oldest first, to whom it may still go
    (:func:`still_addressed`): (sent, still kept). Stops at the first failure to
    reach the server; a message the server refuses stays kept, its error and
    attempts counted, and the others go on."""
    from serving.models import KeptMail

    sent = 0
    backend = get_connection()
    backend = getattr(backend, "delivery", backend)
    try:
        for pk in list(KeptMail.objects.values_list("pk", flat=True)):
            with transaction.atomic():
                kept = (
                    KeptMail.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk)
                    .first()
                )
                if kept is None:  # sent meanwhile by another run
                    continue
                kept.recipients = still_addressed(kept)
                if not kept.recipients:
                    kept.delete()
                    continue
                try:
                    backend.send_messages([KeptMessage(kept)])
                except Exception as error:  # noqa: BLE001 - recorded on the row
                    kept.attempts += 1
                    kept.last_error = describe(error)
                    kept.save(
                        update_fields=["attempts", "last_error", "last_attempt_at"]
                    )
                    if server_failure(error):
                        breaker.trip(error)
                        break
                    continue
                kept.delete()
                sent += 1
        else:
            breaker.reset()
    finally:
        backend.close()
    return sent, KeptMail.objects.count()
