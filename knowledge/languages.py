"""The interface languages and how their codes map to BCP 47 tags.

Django and the URLs use ``en``, ``sr-latn``, ``sr`` (Serbian in Cyrillic) and
``sl``; HTML ``lang`` and ``hreflang`` attributes use the BCP 47 tags, with the
script spelled out for Serbian, which is also how documents record their language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.encoding import escape_uri_path

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


@dataclass(frozen=True)
class LanguageVersion:
    """The current page in one interface language, for the switcher and hreflang.

    ``alternate`` is False when ``url`` does not show the page in that language
    (its translation there is one the reader may not open): no hreflang then.
    """

    code: str
    name: str
    tag: str
    url: str
    is_current: bool
    alternate: bool = True


def language_versions(request, *, current: str, page=None) -> list[LanguageVersion]:
    """The address of what ``request`` shows in each interface language.

    A Wagtail page links to its live translation in that language where one
    exists (with the same query); anything else (an untranslated page, a listing,
    search) opens at the same path under the other language prefix. A
    translation the reader may not open is never named: its language links to
    that language's home page (the same path may be the translation's address)
    and has no hreflang.
    """
    translations = {}
    hidden = set()
    if page is not None and getattr(page, "translation_key", None):
        translations = {
            other.locale.language_code: other
            for other in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
        hidden = _hidden_translation_ids(page, translations.values(), user=request.user)
    full_path = request.get_full_path()
    query = request.META.get("QUERY_STRING", "")
    versions = []
    for code, name in settings.LANGUAGES:
        other = translations.get(code)
        alternate = True
        if other is None or other.pk == page.pk:
            url = translate_url(full_path, code)
        elif other.pk in hidden:
            url = translate_url(reverse("wagtail_serve", args=[""]), code)
            alternate = False
        else:
            # A section's filters and page number carry over to its translation.
            url = url_in_own_language(other, request) + (f"?{query}" if query else "")
        versions.append(
            LanguageVersion(
                code=code,
                name=name,
                tag=bcp47_tag(code),
                url=url,
                is_current=code == current,
                alternate=alternate,
            )
        )
    return versions


def _hidden_translation_ids(page, translations, *, user) -> set[int]:
    """The ids among ``translations`` (live ones of ``page``) the reader may not
    open. Only documents are checked: another page (home, a section) shows no
    restricted content of its own, whatever its privacy."""
    from knowledge.models import KnowledgePage

    if not issubclass(page.specific_class or type(page), KnowledgePage):
        return set()
    readable = {other.pk for other in _readable_translations(page, user=user)}
    return {other.pk for other in translations} - readable


def _readable_translations(document, *, user) -> list:
    """Live translations of ``document`` (and itself) the reader may open, with
    their locales. The page and its language switcher both ask, so the answer is
    kept on the document for the request, apart for each set of readers."""
    from knowledge.privacy import reader_key
    from knowledge.selectors import visible_documents

    kept = document.__dict__.setdefault("_readable_translations", {})
    key = reader_key(user)
    if key not in kept:
        kept[key] = list(
            visible_documents(user=user)
            .filter(translation_key=document.translation_key)
            .select_related("locale")
        )
    return kept[key]


def url_in_own_language(page, request=None) -> str:
    """The address of ``page`` under its own locale's language prefix."""
    with translation.override(page.locale.language_code):
        return page.get_url(request=request)


@dataclass(frozen=True)
class DocumentTranslation:
    """Another language version of a document, for "Also available in"."""

    language: str
    label: str
    url: str


def document_translations(document, *, user, request=None) -> list[DocumentTranslation]:
    """The live translations of ``document`` the reader may open, in their own
    language (``language`` field) and under their own locale's prefix."""
    others = sorted(
        (
            other
            for other in _readable_translations(document, user=user)
            if other.pk != document.pk
        ),
        key=lambda other: other.locale.language_code,
    )
    return [
        DocumentTranslation(
            language=other.language,
            label=other.language_label,
            url=url_in_own_language(other, request),
        )
        for other in others
    ]


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
