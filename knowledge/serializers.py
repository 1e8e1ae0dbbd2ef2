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


class RichTextSerializer(serializers.CharField):
    """Rich text as HTML with internal links turned into addresses."""

    def to_representation(self, value):
        return expand_db_html(value or "")


def line_list(source: str):
    return serializers.ListField(child=serializers.CharField(), source=source)
