from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save, pre_save


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self):
        from . import gate
        from .checks import gated_model
        from .permissions import grant_override_permission

        post_migrate.connect(grant_override_permission, dispatch_uid="safeguarding")
        gated = gated_model()
        for model in self.apps.get_models():
            if issubclass(model, gated):
                uid = f"safeguarding.copy.{model._meta.label}"
                pre_save.connect(gate.hold_live_copy, sender=model, dispatch_uid=uid)
                post_save.connect(gate.log_held_copy, sender=model, dispatch_uid=uid)
