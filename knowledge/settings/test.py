from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests that exercise the page cache turn it on themselves.
PAGE_CACHE_SECONDS = 0
globals().update(mail_settings("memorymail://"))  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media" / "test")  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests that exercise sign-in lockout and rate limits turn them on themselves.
AXES_ENABLED = False
RATE_LIMITS_ENABLED = False
# The browser tests' live server answers in threads: connections kept between
# requests would outlive the run and keep the test database from being dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
