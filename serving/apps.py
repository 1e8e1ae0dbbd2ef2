from django.apps import AppConfig


class ServingConfig(AppConfig):
    name = "serving"
    verbose_name = "Serving"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from serving.offline import record_session_end

        user_logged_in.connect(record_session_end, dispatch_uid="offline-session-end")
