from django.conf import settings
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


class Topic(TagBase):
    """A curated subject heading. Editors choose topics; they cannot invent them
    while editing a document, so the vocabulary stays small and consistent."""

    free_tagging = False

    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "topic"
        verbose_name_plural = "topics"

    def get_absolute_url(self):
        return reverse("topic_detail", kwargs={"slug": self.slug})

    @property
    def language(self) -> str:
        """The BCP 47 tag of the language topics are named in (the site's
        default): pages in other languages mark their names with it."""
        from knowledge.languages import bcp47_tag

        return bcp47_tag(settings.LANGUAGE_CODE)


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
