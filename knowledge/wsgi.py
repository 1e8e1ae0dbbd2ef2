"""WSGI entry point: ``gunicorn knowledge.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledge.settings.production")

application = get_wsgi_application()
