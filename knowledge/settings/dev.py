from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env.str(  # noqa: F405
    "DJANGO_SECRET_KEY", default="dev-only-key-not-for-production"
)
globals().update(mail_settings("consolemail://"))  # noqa: F405
# Let `runserver` pick up static files without a collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
