"""Translating a document as editors do in the admin."""

from wagtail.models import Locale


def translate(document, language_code, *, title, language, live=True):
    """What "Translate" in the admin does (simple_translation): copy the page,
    with aliases of its untranslated parents, into the other locale."""
    copy = document.copy_for_translation(
        Locale.objects.get(language_code=language_code), copy_parents=True
    )
    copy.title = title
    copy.language = language
    revision = copy.save_revision()
    if live:
        revision.publish()
    copy.refresh_from_db()
    return copy
