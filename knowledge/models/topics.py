from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase

from knowledge.languages import TranslatedFields

TRANSLATED_FIELDS = ("name", "description")


class Topic(TranslatedFields, TagBase):
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

    @property
    def local_name(self) -> str:
        return self.translated("name")

    @property
    def local_description(self) -> str:
        return self.translated("description")

    @property
    def names_by_language(self) -> dict[str, str]:
        """The topic's name in each language, by BCP 47 tag."""
        return self.by_language("name")

    def indexed_names(self) -> str:
        """The topic's name in every language: search and autocomplete find the
        topic itself by any of them (its documents are indexed with the names
        in English and their own language)."""
        return " ".join(dict.fromkeys(self.names_by_language.values()))

    def get_absolute_url(self):
        return reverse("topic_detail", kwargs={"slug": self.slug})

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
