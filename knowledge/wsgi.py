"""WSGI entry point: ``gunicorn knowledge.wsgi:application``."""

import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledge.settings.production")

application = get_wsgi_application()

# Import every view (WeasyPrint, Wagtail's API…) as the worker starts, rather
# than in the first request it serves: that costs about a second.
import_module(settings.ROOT_URLCONF)
