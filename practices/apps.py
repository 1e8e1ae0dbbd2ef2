from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practice guides"

    def ready(self):
        from practices import filters  # noqa: F401
