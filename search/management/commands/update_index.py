"""``update_index``: Wagtail's command, database index first, then the server.

Stock, the search server comes first and a dead server stops the command with a
traceback before the database index (the fallback) is rebuilt. Here the database
index is always rebuilt, and a server that cannot be reached ends the command with
a message naming it and a non-zero exit, so scripts notice and can run it again.
Either way the database re-reads the index table's statistics
(``search.database.refresh_index_statistics``) and the content version is bumped:
cached searches and pages are rebuilt from the new index.
"""

from django.core.management.base import CommandError
from modelsearch.conf import get_app_config
from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as WagtailCommand,
)

from knowledge.content_cache import bump_content_version
from search.backends import DATABASE
from search.database import refresh_index_statistics


class Command(WagtailCommand):
    def handle(self, **options):
        try:
            return self.update(**options)
        finally:
            refresh_index_statistics()
            bump_content_version()

    def update(self, **options):
        if options["backend_name"]:
            return super().handle(**options)
        names = sorted(
            get_app_config().get_search_backend_config(),
            key=lambda name: name != DATABASE,
        )
        for name in names:
            try:
                super().handle(**{**options, "backend_name": name})
            except Exception as error:
                if name == DATABASE:
                    raise
                raise CommandError(
                    f"Search backend '{name}' could not be updated ({error}). "
                    "The database index is up to date; run update_index again "
                    "when the search server answers."
                ) from error
