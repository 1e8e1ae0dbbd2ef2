"""Outgoing mail from one ``EMAIL_URL``, for both Django versions the project runs on.

Django 6.1 configures mail with ``MAILERS`` and deprecates the ``EMAIL_*``
settings (and refuses both at once); Django 5.2 knows only the ``EMAIL_*`` ones.
Either way the backend is ``serving.mail.KeepingEmailBackend``, which hands
each message to the URL's backend and keeps what the server does not take.
"""

import django
import environ

KEEPING_BACKEND = "serving.mail.KeepingEmailBackend"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# django-environ's EMAIL_* names, as the mail backends' keyword arguments.
BACKEND_OPTIONS = {
    "EMAIL_HOST": "host",
    "EMAIL_PORT": "port",
    "EMAIL_HOST_USER": "username",
    "EMAIL_HOST_PASSWORD": "password",
    "EMAIL_USE_TLS": "use_tls",
    "EMAIL_USE_SSL": "use_ssl",
    "EMAIL_FILE_PATH": "file_path",
}


def mail_settings(url: str, timeout: float = 5) -> dict:
    """The settings for a mail URL such as ``smtp+tls://user:password@host:587``,
    ``consolemail://`` or ``memorymail://`` (django-environ's schemes); an SMTP
    server gets ``timeout`` seconds to connect and to answer."""
    config = environ.Env.email_url_config(url)
    delivery = config["EMAIL_BACKEND"]
    if django.VERSION < (6, 1):
        config["EMAIL_BACKEND"] = KEEPING_BACKEND
        config["MAIL_DELIVERY_BACKEND"] = delivery
        config["EMAIL_TIMEOUT"] = timeout
        return config
    options = {
        option: config[name]
        for name, option in BACKEND_OPTIONS.items()
        if config.get(name) not in (None, "")
    }
    if delivery == SMTP_BACKEND:
        options["timeout"] = timeout
    return {
        "MAILERS": {
            "default": {
                "BACKEND": KEEPING_BACKEND,
                "OPTIONS": {"delivery": delivery, **options},
            }
        }
    }
