"""The interface languages and how their codes map to BCP 47 tags.

Django and the URLs use ``en``, ``sr-latn``, ``sr`` (Serbian in Cyrillic) and
``sl``; HTML ``lang`` and ``hreflang`` attributes use the BCP 47 tags, with the
script spelled out for Serbian, which is also how documents record their language
(:class:`Language`, the languages documents are written in).
"""

from django.conf import settings
from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.encoding import escape_uri_path

from serbian import to_cyrillic


class Language(models.TextChoices):
    """Languages documents are written in. Codes follow BCP 47 (script subtags)."""

    EN = "en", "English"
    SR_LATN = "sr-Latn", "Srpski (latinica)"
    SR_CYRL = "sr-Cyrl", "Српски (ћирилица)"
    SL = "sl", "Slovenščina"

    @classmethod
    def normalise(cls, value: str) -> str | None:
        """The canonical code for ``value`` in any letter case, or None."""
        lowered = (value or "").strip().lower()
        return next((code for code in cls.values if code.lower() == lowered), None)


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


# The languages text stored as data (a topic's name, a standard's title) is
# translated into, by BCP 47 tag, each with the suffix of its fields; English is
# the field itself. Serbian in Cyrillic, unless given, is written from the Latin.
TRANSLATED_LANGUAGES = {"sr-Latn": "sr_latn", "sr-Cyrl": "sr_cyrl", "sl": "sl"}


def translation_field(field: str, tag: str) -> str:
    """The model field holding ``field`` in language ``tag``: ``name_sl``."""
    return f"{field}_{TRANSLATED_LANGUAGES[tag]}"


def _reader_tag() -> str:
    return bcp47_tag(translation.get_language() or settings.LANGUAGE_CODE)


class TranslatedFields:
    """A model whose English text fields are kept beside fields of the same
    name for each of :data:`TRANSLATED_LANGUAGES` (``title`` and
    ``title_sr_latn``, ``title_sr_cyrl``, ``title_sl``)."""

    def translated(self, field: str, tag: str | None = None) -> str:
        """``field`` in language ``tag`` (by default the active interface
        language), or in English where it is not translated."""
        tag = tag or _reader_tag()
        return self._own(field, tag) or getattr(self, field)

    def language_of(self, field: str) -> str:
        """The BCP 47 tag of the language ``field`` is shown in to the reader:
        theirs when translated, else English (pages mark it with ``lang``)."""
        tag = _reader_tag()
        return tag if self._own(field, tag) else bcp47_tag(settings.LANGUAGE_CODE)

    def by_language(self, field: str) -> dict[str, str]:
        """``field`` in each language, by BCP 47 tag, English where untranslated."""
        return {
            settings.LANGUAGE_CODE: getattr(self, field),
            **{tag: self.translated(field, tag) for tag in TRANSLATED_LANGUAGES},
        }

    def _own(self, field: str, tag: str) -> str:
        if tag not in TRANSLATED_LANGUAGES:
            return ""
        own = getattr(self, translation_field(field, tag))
        if not own and tag == "sr-Cyrl":
            own = to_cyrillic(getattr(self, translation_field(field, "sr-Latn")))
        return own


def prefix_language(segment: str) -> str | None:
    """The interface language a path segment names in any spelling: ``sr-Latn``
    or ``SR-LATN`` give ``sr-latn``, ``sr-Cyrl`` gives ``sr``; None if it names none."""
    lowered = segment.lower()
    if lowered in dict(settings.LANGUAGES):
        return lowered
    return interface_language(segment)


class LanguagePrefixMiddleware:
    """Redirect a language prefix spelled otherwise (``/sr-Latn/…``, ``/SL/…``,
    ``/sr-Cyrl/…``, as people copy BCP 47 tags) to its address (``/sr-latn/…``),
    where it would otherwise not be found."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        segment, _, rest = request.path_info.lstrip("/").partition("/")
        language = prefix_language(segment)
        if language is None or language == segment:
            return self.get_response(request)
        url = escape_uri_path(
            f"{request.META.get('SCRIPT_NAME', '')}/{language}/{rest}"
        )
        if request.META.get("QUERY_STRING"):
            url += "?" + request.META["QUERY_STRING"]
        return HttpResponsePermanentRedirect(url)


class ReaderLocaleMiddleware(LocaleMiddleware):
    """Django's language middleware, except for the API, whose addresses carry no
    language: its 404 stays the API's JSON answer rather than a redirect to
    ``/en/api/…``, an HTML page."""

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)


def url_in_own_language(page, request=None) -> str:
    """The address of ``page`` under its own locale's language prefix."""
    with translation.override(page.locale.language_code):
        return page.get_url(request=request)


class InterfaceLanguageURLMixin:
    """Link pages of the default locale under the reader's interface language.

    Documents without a translation live only in the default locale's tree.
    ``HomePage.route`` serves them under every language prefix; this keeps links
    to them under the reader's prefix instead of switching the interface to
    English. Translations (pages of other locales) keep their own prefix.
    """

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        default_prefix = f"/{settings.LANGUAGE_CODE}/"
        active = translation.get_language()
        if (
            page_path.startswith(default_prefix)
            and active != settings.LANGUAGE_CODE
            and active in dict(settings.LANGUAGES)
        ):
            page_path = f"/{active}/{page_path.removeprefix(default_prefix)}"
        return site_id, root_url, page_path
