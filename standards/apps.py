from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "standards"
    verbose_name = "Standards"

    def ready(self):
        from standards import filters, signals  # noqa: F401
