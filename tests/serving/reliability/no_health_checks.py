"""Production settings without connection health checks: what a restart costs then."""

from knowledge.settings.production import *  # noqa: F403

DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405
