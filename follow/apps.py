from django.apps import AppConfig


class FollowConfig(AppConfig):
    name = "follow"
    verbose_name = "Follow"

    def ready(self):
        from follow import signals  # noqa: F401
