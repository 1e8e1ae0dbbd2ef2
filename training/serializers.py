"""API representations of a programme's modules and materials."""

from rest_framework import serializers


class ModuleSerializer(serializers.Serializer):
    title = serializers.CharField()
    learning_outcomes = serializers.ListField(
        child=serializers.CharField(), source="learning_outcome_list"
    )
    hours = serializers.IntegerField()


class MaterialSerializer(serializers.Serializer):
    title = serializers.CharField(source="label")
    url = serializers.CharField(source="document.url")
