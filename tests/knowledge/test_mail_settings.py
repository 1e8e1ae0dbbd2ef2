from unittest import mock

import django
import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from knowledge.settings.mail import mail_settings

SMTP_URL = "smtp+tls://alerts%40example.org:s3cret@smtp.example.org:587"


def test_django_6_1_gets_mailers():
    with mock.patch.object(django, "VERSION", (6, 1, 0, "final", 0)):
        settings = mail_settings(SMTP_URL, timeout=3)
    assert settings == {
        "MAILERS": {
            "default": {
                "BACKEND": "serving.mail.KeepingEmailBackend",
                "OPTIONS": {
                    "delivery": "django.core.mail.backends.smtp.EmailBackend",
                    "host": "smtp.example.org",
                    "port": 587,
                    "username": "alerts@example.org",
                    "password": "s3cret",
                    "use_tls": True,
                    "timeout": 3,
                },
            }
        }
    }


def test_django_5_2_gets_the_email_settings():
    with mock.patch.object(django, "VERSION", (5, 2, 0, "final", 0)):
        settings = mail_settings(SMTP_URL, timeout=3)
    assert settings["EMAIL_BACKEND"] == "serving.mail.KeepingEmailBackend"
    assert (
        settings["MAIL_DELIVERY_BACKEND"]
        == "django.core.mail.backends.smtp.EmailBackend"
    )
    assert settings["EMAIL_TIMEOUT"] == 3
    assert settings["EMAIL_HOST"] == "smtp.example.org"
    assert settings["EMAIL_PORT"] == 587
    assert settings["EMAIL_HOST_USER"] == "alerts@example.org"
    assert settings["EMAIL_USE_TLS"] is True
    assert "MAILERS" not in settings


def test_only_an_smtp_server_gets_a_timeout_under_django_6_1():
    with mock.patch.object(django, "VERSION", (6, 1, 0, "final", 0)):
        settings = mail_settings("consolemail://")
    assert settings["MAILERS"]["default"]["OPTIONS"] == {
        "delivery": "django.core.mail.backends.console.EmailBackend"
    }


def test_an_unknown_scheme_is_refused_with_its_name():
    with pytest.raises(ImproperlyConfigured, match="carrierpigeon"):
        mail_settings("carrierpigeon://loft")


def test_the_running_django_sends_with_these_settings(settings):
    settings_for_memory = mail_settings("memorymail://")
    for name, value in settings_for_memory.items():
        setattr(settings, name, value)
    mail.send_mail("Subject", "Body", None, ["reviewer@example.org"])
    assert [message.to for message in mail.outbox] == [["reviewer@example.org"]]
