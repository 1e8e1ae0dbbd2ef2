"""A page in the reader's other languages: the language switcher's links and a
document's "Also available in". A translation the reader may not open is never
named (knowledge.privacy, through :func:`knowledge.selectors.visible_documents`).
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url

from knowledge.languages import bcp47_tag, url_in_own_language
from knowledge.models import KnowledgePage
from knowledge.privacy import reader_key
from knowledge.selectors import marked_readable


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
    if page is not None and issubclass(
        page.specific_class or type(page), KnowledgePage
    ):
        marked = _translations_marked(page, user=request.user)
        translations = {other.locale.language_code: other for other in marked}
        hidden = {other.pk for other in marked if not other.readable}
    elif page is not None and getattr(page, "translation_key", None):
        # Another page (home, a section) shows no restricted content of its
        # own, whatever its privacy: every live translation is named.
        translations = {
            other.locale.language_code: other
            for other in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
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


def _translations_marked(document, *, user) -> list:
    """Live translations of ``document`` (and itself) with their locales, each
    marked ``readable`` when the reader may open it, in one query. The page and
    its language switcher both ask, so the answer is kept on the document for
    the request, apart for each set of readers."""
    kept = document.__dict__.setdefault("_translations_marked", {})
    key = reader_key(user)
    if key not in kept:
        kept[key] = list(
            marked_readable(KnowledgePage.objects.live(), user=user)
            .filter(translation_key=document.translation_key)
            .select_related("locale")
        )
    return kept[key]


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
            for other in _translations_marked(document, user=user)
            if other.readable and other.pk != document.pk
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
