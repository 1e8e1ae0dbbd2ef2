from django.apps import AppConfig


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = "Exchanges and study visits"

    def ready(self):
        from exchanges import filters  # noqa: F401
