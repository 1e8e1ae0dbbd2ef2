"""API representation of a study visit's follow-up actions."""

from rest_framework import serializers

from knowledge.serializers import PartnerSerializer


class FollowUpActionListSerializer(serializers.ListSerializer):
    """Looks up in one query which resulting guides anyone may open: the API
    answers as an anonymous reader (see outputs.api)."""

    def to_representation(self, data):
        from knowledge.public import public_documents

        actions = list(
            data.select_related("owner") if hasattr(data, "select_related") else data
        )
        guide_ids = {a.resulting_guide_id for a in actions if a.resulting_guide_id}
        self.child.public_guides = (
            public_documents("practices.PracticeGuidePage").in_bulk(guide_ids)
            if guide_ids
            else {}
        )
        return [self.child.to_representation(action) for action in actions]


class FollowUpActionSerializer(serializers.Serializer):
    description = serializers.CharField()
    owner = PartnerSerializer()
    due_date = serializers.DateField()
    status = serializers.CharField()
    resulting_guide = serializers.SerializerMethodField()
    note = serializers.CharField()

    public_guides: dict = {}

    class Meta:
        list_serializer_class = FollowUpActionListSerializer

    def get_resulting_guide(self, action):
        guide = self.public_guides.get(action.resulting_guide_id)
        if guide is None:
            return None
        return {"title": guide.title, "slug": guide.slug, "url": guide.url}
