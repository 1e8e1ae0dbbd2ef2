"""API representation of a guide's evaluation documents."""

from rest_framework import serializers


class EvaluationDocumentSerializer(serializers.Serializer):
    label = serializers.CharField()
    title = serializers.CharField(source="document.title")
    url = serializers.CharField(source="document.url")


class OriginalSerializer(serializers.Serializer):
    """The guide another was adapted from."""

    slug = serializers.CharField()
    title = serializers.CharField()
    country = serializers.CharField()
    url = serializers.CharField()
