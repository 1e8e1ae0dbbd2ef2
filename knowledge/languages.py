"""The interface languages and how their codes map to BCP 47 tags.

Django and the URLs use ``en``, ``sr-latn``, ``sr`` (Serbian in Cyrillic) and
``sl``; HTML ``lang`` and ``hreflang`` attributes use the BCP 47 tags, with the
script spelled out for Serbian, which is also how documents record their language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url

BCP47_TAGS = {"en": "en", "sr-latn": "sr-Latn", "sr": "sr-Cyrl", "sl": "sl"}


def bcp47_tag(language_code: str) -> str:
    """The BCP 47 tag of an interface language (``sr`` gives ``sr-Cyrl``)."""
    return BCP47_TAGS.get(language_code, language_code)


def interface_language(tag: str) -> str | None:
    """The interface language for a document's BCP 47 tag, or None."""
    lowered = (tag or "").lower()
    return next(
        (code for code, value in BCP47_TAGS.items() if value.lower() == lowered), None
    )


@dataclass(frozen=True)
class LanguageVersion:
    """The current page in one interface language, for the switcher and hreflang."""

    code: str
    name: str
    tag: str
    url: str
    is_current: bool


def language_versions(request, *, current: str, page=None) -> list[LanguageVersion]:
    """The address of what ``request`` shows in each interface language.

    A Wagtail page links to its live translation in that language where one
    exists; anything else (an untranslated page, a listing, search) opens at the
    same path under the other language prefix.
    """
    translations = {}
    if page is not None and getattr(page, "translation_key", None):
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
    full_path = request.get_full_path()
    versions = []
    for code, name in settings.LANGUAGES:
        translation = translations.get(code)
        if translation is not None and translation.pk != page.pk:
            url = translation.get_url(request=request)
        else:
            url = translate_url(full_path, code)
        versions.append(
            LanguageVersion(
                code=code,
                name=name,
                tag=bcp47_tag(code),
                url=url,
                is_current=code == current,
            )
        )
    return versions
