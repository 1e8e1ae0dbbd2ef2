from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase

from knowledge.languages import bcp47_tag
from serbian import to_cyrillic

# The languages a topic's name and description are translated into, by BCP 47
# tag, each with the suffix of its fields; English is ``name`` and
# ``description`` themselves. Serbian in Cyrillic, unless given, is written
# from the Latin.
TRANSLATED_LANGUAGES = {"sr-Latn": "sr_latn", "sr-Cyrl": "sr_cyrl", "sl": "sl"}
TRANSLATED_FIELDS = ("name", "description")


def translation_field(field: str, tag: str) -> str:
    """The model field holding ``field`` in language ``tag``."""
    return f"{field}_{TRANSLATED_LANGUAGES[tag]}"


class Topic(TagBase):
    """A curated subject heading. Editors choose topics; they cannot invent them
    while editing a document, so the vocabulary stays small and consistent.

    One topic, one slug, in every language: readers see its name and
    description in their interface language (:meth:`translated`)."""

    free_tagging = False

    description = models.TextField(_("description"), blank=True)
    name_sr_latn = models.CharField(
        _("name in Serbian (Latin)"), max_length=100, blank=True
    )
    description_sr_latn = models.TextField(
        _("description in Serbian (Latin)"), blank=True
    )
    name_sr_cyrl = models.CharField(
        _("name in Serbian (Cyrillic)"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to write it from the Latin."),
    )
    description_sr_cyrl = models.TextField(
        _("description in Serbian (Cyrillic)"),
        blank=True,
        help_text=_("Leave empty to write it from the Latin."),
    )
    name_sl = models.CharField(_("name in Slovenian"), max_length=100, blank=True)
    description_sl = models.TextField(_("description in Slovenian"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.local_name

    def translated(self, field: str, tag: str | None = None) -> str:
        """``field`` (name or description) in language ``tag`` (by default the
        active interface language), or in English where it is not translated."""
        if tag is None:
            tag = bcp47_tag(translation.get_language() or settings.LANGUAGE_CODE)
        if tag not in TRANSLATED_LANGUAGES:
            return getattr(self, field)
        own = getattr(self, translation_field(field, tag))
        if not own and tag == "sr-Cyrl":
            own = to_cyrillic(getattr(self, translation_field(field, "sr-Latn")))
        return own or getattr(self, field)

    @property
    def local_name(self) -> str:
        return self.translated("name")

    @property
    def local_description(self) -> str:
        return self.translated("description")

    @property
    def names_by_language(self) -> dict[str, str]:
        """The topic's name in each language, by BCP 47 tag."""
        return {
            settings.LANGUAGE_CODE: self.name,
            **{tag: self.translated("name", tag) for tag in TRANSLATED_LANGUAGES},
        }

    def indexed_names(self) -> str:
        """The topic's name in every language: search and autocomplete find the
        topic itself by any of them (its documents are indexed with the names
        in English and their own language)."""
        return " ".join(dict.fromkeys(self.names_by_language.values()))

    def get_absolute_url(self):
        return reverse("topic_detail", kwargs={"slug": self.slug})

    def language_of(self, field: str) -> str:
        """The BCP 47 tag of the language ``field`` is shown in to the reader:
        theirs when translated, else English (pages mark it with ``lang``)."""
        tag = bcp47_tag(translation.get_language() or settings.LANGUAGE_CODE)
        if tag in TRANSLATED_LANGUAGES:
            own = getattr(self, translation_field(field, tag))
            if own or (
                tag == "sr-Cyrl" and getattr(self, translation_field(field, "sr-Latn"))
            ):
                return tag
        return bcp47_tag(settings.LANGUAGE_CODE)

    @property
    def language(self) -> str:
        """The language the reader sees the name in."""
        return self.language_of("name")

    @property
    def description_language(self) -> str:
        return self.language_of("description")


class TaggedDocument(ItemBase):
    tag = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="tagged_documents"
    )
    content_object = ParentalKey(
        "knowledge.KnowledgePage",
        on_delete=models.CASCADE,
        related_name="tagged_topics",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_topic_per_document"
            )
        ]
