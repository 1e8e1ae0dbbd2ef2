"""API representation of the articles a document cites."""

from rest_framework import serializers

from knowledge.serializers import ByLanguage


class AmendmentSerializer(serializers.Serializer):
    date = serializers.DateField()
    note = serializers.CharField()
    url = serializers.CharField()


class CitedArticleSerializer(serializers.Serializer):
    standard = serializers.CharField(source="standard.code")
    standard_names = ByLanguage("short_name", source="standard")
    standard_titles = ByLanguage("title", source="standard")
    article = serializers.CharField(source="key")
    title = serializers.CharField()
    titles = ByLanguage("title")
    url = serializers.CharField(source="get_absolute_url")
    official_url = serializers.CharField(source="source_url")
    amendments = AmendmentSerializer(many=True, source="amendments.all")
