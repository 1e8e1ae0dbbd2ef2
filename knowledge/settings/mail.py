"""Outgoing mail from one ``EMAIL_URL``, for both Django versions the project runs on.

Django 6.1 configures mail with ``MAILERS`` and deprecates the ``EMAIL_*``
settings (and refuses both at once); Django 5.2 knows only the ``EMAIL_*`` ones.
"""

import django
import environ

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


def mail_settings(url: str) -> dict:
    """The settings for a mail URL such as ``smtp+tls://user:password@host:587``,
    ``consolemail://`` or ``memorymail://`` (django-environ's schemes)."""
    config = environ.Env.email_url_config(url)
    if django.VERSION < (6, 1):
        return config
    options = {
        option: config[name]
        for name, option in BACKEND_OPTIONS.items()
        if config.get(name) not in (None, "")
    }
    return {
        "MAILERS": {"default": {"BACKEND": config["EMAIL_BACKEND"], "OPTIONS": options}}
    }
