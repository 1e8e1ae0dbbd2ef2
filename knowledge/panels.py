"""Admin panels shared by models of several packages."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from knowledge.languages import TRANSLATED_LANGUAGES, Language, translation_field


def translation_panels(fields: tuple[str, ...]) -> list[MultiFieldPanel]:
    """The admin's folded panel per language for ``fields``, below the English."""
    return [
        MultiFieldPanel(
            [FieldPanel(translation_field(field, tag)) for field in fields],
            heading=format_lazy(
                _("Translation: {language}"), language=Language(tag).label
            ),
            classname="collapsed",
        )
        for tag in TRANSLATED_LANGUAGES
    ]
