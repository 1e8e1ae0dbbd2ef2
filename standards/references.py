"""How files name what a document cites: ``cets-197:10`` (an article),
``cets-197`` (the standard as a whole), or a standard's short name, title or
one of its aliases ("Lanzarote Convention"), as files written before citations
existed did."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

from .models import Standard, StandardArticle, name_key


@dataclass(frozen=True)
class Resolved:
    # "article", "standard", "unknown-article" (a known standard, an article
    # it does not have) or "unknown" (no standard on the list).
    kind: str
    # The canonical reference: ``cets-197:10``, ``cets-197``, or the text.
    reference: str


def _is_slug(value: str) -> bool:
    try:
        validate_slug(value)
    except ValidationError:
        return False
    return bool(value)


class StandardNames:
    """The site's standards and articles, read once, by every name they have."""

    def __init__(self):
        standards = list(Standard.objects.all())
        self.articles = {
            article.reference: article
            for article in StandardArticle.objects.select_related("standard")
        }
        self.standards = {standard.code: standard for standard in standards}
        self.names = {}
        for standard in standards:
            for name in standard.names():
                self.names.setdefault(name_key(name), standard.code)

    def resolve(self, text: str) -> Resolved:
        code, colon, key = text.strip().partition(":")
        code, key = code.strip().lower(), key.strip().lower()
        if colon and _is_slug(code) and _is_slug(key):
            reference = f"{code}:{key}"
            if reference in self.articles:
                return Resolved("article", reference)
            if code in self.standards:
                return Resolved("unknown-article", reference)
        found = self.names.get(name_key(text))
        if found:
            return Resolved("standard", found)
        return Resolved("unknown", text.strip())
