from django.apps import AppConfig
from django.db.models.signals import post_migrate


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = "Knowledge base"

    def ready(self):
        from django.core import checks

        from knowledge import files, pages, signals  # noqa: F401
        from knowledge.content_cache import bump_after_migrate
        from knowledge.document_types import check_document_types
        from knowledge.site_structure import ensure_site_structure

        post_migrate.connect(ensure_site_structure, sender=self)
        post_migrate.connect(bump_after_migrate, sender=self)
        checks.register(check_document_types)
