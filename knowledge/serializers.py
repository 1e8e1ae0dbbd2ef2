"""API representations of document fields that are not plain values.

Kept free of model imports so that models can name them in ``api_fields``.
"""

from rest_framework import serializers
from wagtail.rich_text import expand_db_html


class PartnerSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    country = serializers.CharField()
    website = serializers.URLField()
    url = serializers.CharField(source="get_absolute_url")


class TopicSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    # {"en": "Foster care", "sr-Latn": "Hraniteljstvo", "sr-Cyrl": …, "sl": …}
    names = serializers.DictField(source="names_by_language", read_only=True)


class ByLanguage(serializers.Field):
    """A text kept in each language (``TranslatedFields``), by BCP 47 tag:
    ``{"en": …, "sr-Latn": …, "sr-Cyrl": …, "sl": …}``."""

    def __init__(self, field: str, source: str = "*"):
        self.text_field = field
        super().__init__(source=source, read_only=True)

    def to_representation(self, value):
        return value.by_language(self.text_field)


class RichTextSerializer(serializers.CharField):
    """Rich text as HTML with internal links turned into addresses."""

    def to_representation(self, value):
        return expand_db_html(value or "")


def line_list(source: str):
    return serializers.ListField(child=serializers.CharField(), source=source)
