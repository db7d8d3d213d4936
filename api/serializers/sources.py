from rest_framework import serializers

from api.links import SelfLinkField
from api.serializers.common import SourceBriefSerializer
from api.serializers.strict import StrictCharField, StrictInput
from provenance.models import Source


class SourceSerializer(serializers.ModelSerializer):
    url = SelfLinkField("api:source-detail")
    website = serializers.URLField(
        source="url",
        read_only=True,
        allow_blank=True,
        help_text="Home page or profile; empty if none.",
    )
    affiliation = SourceBriefSerializer(read_only=True, allow_null=True)
    aliases = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name", help_text="Other names of this source."
    )

    class Meta:
        model = Source
        fields = (
            "id",
            "url",
            "name",
            "kind",
            "description",
            "website",
            "affiliation",
            "aliases",
            "descriptor",
            "anonymous_count",
            "anonymity_reason",
            "version",
            "created_at",
            "updated_at",
        )


class SourceInput(StrictInput):
    name = StrictCharField(max_length=300)
    kind = serializers.ChoiceField(choices=Source.Kind.choices)
    description = StrictCharField(required=False, allow_blank=True, default="")
    website = serializers.URLField(required=False, allow_blank=True, default="", max_length=2000)
    affiliation = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True, default=None
    )
    aliases = serializers.ListField(
        child=StrictCharField(max_length=300), required=False, default=list, max_length=50
    )
    descriptor = StrictCharField(required=False, allow_blank=True, default="", max_length=300)
    anonymous_count = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=32767
    )
    anonymity_reason = StrictCharField(required=False, allow_blank=True, default="")

    def to_service(self) -> dict:
        data = dict(self.validated_data)
        if "website" in data:
            data["url"] = data.pop("website")
        return data
