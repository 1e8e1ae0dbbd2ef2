from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy

        from knowledge.permissions import PartnerPagePermissionPolicy

        # Every admin view asks this policy which pages a user may see or change.
        register_permission_policy(AbstractPage, PartnerPagePermissionPolicy())

        from editorial import compare, signals  # noqa: F401

        compare.register()
        from editorial.names import speak_names
        from editorial.workflow import label_comments_lazily

        speak_names()
        label_comments_lazily()
        from editorial.defaults import ensure_editorial_setup

        # This app has no models, so Django sends it no post_migrate: hook onto
        # the knowledge app's, after the site structure (the sections) exists.
        post_migrate.connect(
            ensure_editorial_setup, sender=apps.get_app_config("knowledge")
        )
