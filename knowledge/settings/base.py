"""Settings shared by every environment, read from the environment and safe by default."""

import datetime
from pathlib import Path

import environ

from knowledge.admin_messages import locale_paths as admin_locale_paths
from knowledge.settings.mail import mail_settings
from search.backends import search_backends
from serving.redis_cache import cache_settings

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Project
    "knowledge",
    "briefs",
    "practices",
    "exchanges",
    "training",
    "standards",
    "search",
    "safeguarding",
    "editorial",
    "outputs",
    "serving",
    "follow",
    "interchange",
    "corpus",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.locales",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # Third party
    "modelcluster",
    "taggit",
    "django_countries",
    "django_filters",
    "rest_framework",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

# Every page of this model passes the safeguarding gate before it is published.
SAFEGUARDING_GATED_MODEL = "knowledge.KnowledgePage"

MIDDLEWARE = [
    "serving.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "serving.security.ContentSecurityPolicyMiddleware",
    "serving.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "knowledge.languages.LanguagePrefixMiddleware",
    "serving.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "knowledge.languages.ReaderLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "editorial.language.AdminLanguageMiddleware",
    # Inside the page cache (which keeps its mark) and the session (which saves
    # the expiry it records).
    "serving.offline.OfflineHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "editorial.guard.AdminDoorGuardMiddleware",
    "serving.routes.PageRouteMiddleware",
    "serving.ratelimit.RateLimitMiddleware",
    # Last, as django-axes asks: turns a lockout into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "knowledge.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "knowledge.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Keep connections between requests: opening one costs more than most pages.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    # Wait for a writer instead of failing at once when two processes write.
    sqlite_options.setdefault("timeout", 20)
    # Write-ahead logging: readers and the one writer no longer block each other,
    # so the workers of one server share the file. A transaction takes the write
    # lock when it begins, so one that reads and then writes waits for another
    # writer (up to the timeout) instead of failing with "database is locked".
    sqlite_options.setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The search index uses PostgreSQL's full-text fields; Django 6.1 requires
    # their app to be installed when they are in use.
    INSTALLED_APPS.append("django.contrib.postgres")

# Local memory by default (one cache per process); Redis when REDIS_URL is set,
# e.g. redis://127.0.0.1:6379/1, shared by every process.
# The site serves without it: a Redis that fails or takes longer than
# REDIS_TIMEOUT seconds is skipped for a while (serving/redis_cache.py).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": cache_settings(
            REDIS_URL, timeout=env.float("REDIS_TIMEOUT", default=0.5)
        )
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# How long an anonymous page stays in the full-response cache (0: no cache).
# Publishing, unpublishing, moving, deleting or restricting a page empties it.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How long a search's counts and ranked ids are kept for readers who ask the
# same question (0: not kept). Any change to the content makes them stale.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=600)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out client before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface languages. URLs carry the code (/en/, /sr-latn/, /sr/, /sl/);
# "sr" is Serbian in Cyrillic, as Django names it. See docs/translations.md.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("sr-latn", "Srpski"),
    ("sr", "Српски"),
    ("sl", "Slovenščina"),
]
# The project's catalogues first, then its Serbian catalogue of Wagtail's admin
# (knowledge/admin_messages.py), which wins over the packages' own.
LOCALE_PATHS = [BASE_DIR / "locale", *admin_locale_paths()]
TIME_ZONE = "Europe/Belgrade"
USE_I18N = True
USE_TZ = True
# Dates as each language writes them (see knowledge/formats/).
FORMAT_MODULE_PATH = ["knowledge.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Wagtail's page editor posts many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# e.g. smtp+tls://user:password@smtp.example.org:587 (see docs/operations.md).
# Mail the server does not take within EMAIL_TIMEOUT seconds is kept and sent
# again by `manage.py send_kept_mail` (serving/mail.py).
globals().update(
    mail_settings(
        env.str("EMAIL_URL", default="smtp://localhost:25"),
        timeout=env.float("EMAIL_TIMEOUT", default=5),
    )
)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="STOP! Knowledge Exchange <noreply@localhost>"
)

# Wagtail
WAGTAIL_SITE_NAME = "STOP! Knowledge Exchange"
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
)
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = search_backends(
    elasticsearch_url=env.str("ELASTICSEARCH_URL", default=""),
    opensearch_url=env.str("OPENSEARCH_URL", default=""),
)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
WAGTAILDOCS_MAX_UPLOAD_SIZE = WAGTAILIMAGES_MAX_UPLOAD_SIZE
# Upload rules (type read from the content, GPS removed, disk errors as form
# errors): serving/uploads.py. Only PDFs open in the browser; every other
# document is a download, so no uploaded file runs as a page of this site.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "serving.uploads.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "serving.uploads.ImageForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Editors choose the admin's language (Account › Preferences) among the site's.
# Wagtail ships Slovenian; its Serbian is this project's (admin_locale/).
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("en", "English"),
    ("sr-latn", "Srpski (latinica)"),
    ("sr", "Српски (ћирилица)"),
    ("sl", "Slovenščina"),
]

TAGGIT_CASE_INSENSITIVE = True

# URL names, so the sign-in page opens in the reader's language.
LOGIN_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# Pages and files under a shared password ask for it in the site's own layout.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "knowledge/password_required.html"  # noqa: S105
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = WAGTAIL_PASSWORD_REQUIRED_TEMPLATE
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Links to set or reset a password work for three days, once.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

# Security headers (see SECURITY.md). The public site allows only its own
# scripts, styles, images and fonts, never inline script or style; the admin
# paths get a relaxed policy because Wagtail's editor needs inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
ADMIN_PATH_PREFIXES = ["/admin/", "/django-admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sign-in lockout (django-axes) on the admin and the front-end login: after
# AXES_FAILURE_LIMIT failures for one account name from one client address, that
# pair is locked out for AXES_COOLOFF_TIME hours, whether the account exists or not.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)  # account_locked.html says so
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_CLIENT_IP_CALLABLE = "serving.ratelimit.client_ip"
# Proxies in front of the site that append the client to X-Forwarded-For
# (0: none, use the connection's address). See docs/operations.md.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# Requests per client address: scope → (requests, seconds). See serving/ratelimit.py.
# Off only for loopback load tests, where every client has one address.
RATE_LIMITS_ENABLED = env.bool("DJANGO_RATE_LIMITS", default=True)
RATE_LIMITS = {
    "search": (60, 60),
    "autocomplete": (300, 60),
    "login": (20, 60),
}
