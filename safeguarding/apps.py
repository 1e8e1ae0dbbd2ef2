from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self):
        from .setup import grant_override_permission

        post_migrate.connect(grant_override_permission, dispatch_uid="safeguarding")
