"""API representation of the articles a document cites."""

from rest_framework import serializers


class AmendmentSerializer(serializers.Serializer):
    date = serializers.DateField()
    note = serializers.CharField()
    url = serializers.CharField()


class CitedArticleSerializer(serializers.Serializer):
    standard = serializers.CharField(source="standard.code")
    article = serializers.CharField(source="key")
    title = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")
    official_url = serializers.CharField(source="source_url")
    amendments = AmendmentSerializer(many=True, source="amendments.all")
