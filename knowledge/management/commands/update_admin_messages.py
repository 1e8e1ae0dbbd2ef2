"""Merge the msgids of the installed Wagtail into its Serbian catalogue."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from knowledge import admin_messages


class Command(BaseCommand):
    help = (
        "Bring the Serbian catalogue of Wagtail's admin (admin_locale/*/sr_Latn) in "
        "line with the installed packages: new msgids are added untranslated, "
        "msgids no longer used are dropped, translations are kept. Then write the "
        "Cyrillic catalogues."
    )

    def handle(self, *args, **options):
        for catalogue in admin_messages.catalogues():
            added, dropped = admin_messages.update(catalogue)
            if added or dropped:
                self.stdout.write(
                    f"{catalogue.path().relative_to(admin_messages.ADMIN_LOCALE_DIR)}: "
                    f"{added} new to translate, {dropped} dropped"
                )
        call_command("transliterate_messages", verbosity=0)
