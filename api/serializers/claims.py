from rest_framework import serializers

from api.serializers.common import DocumentBriefSerializer, SourceBriefSerializer, UsernameField
from provenance.models import Assertion, Claim


class ClaimAssertionSerializer(serializers.ModelSerializer):
    source = SourceBriefSerializer(read_only=True)
    document = DocumentBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Assertion
        fields = ("id", "source", "document", "quote", "quote_kind")


class ClaimSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(
        source="get_status_display", read_only=True, help_text="The verdict in words."
    )
    assertion_count = serializers.IntegerField(
        read_only=True, help_text="How many sources assert the claim."
    )
    created_by = UsernameField()

    class Meta:
        model = Claim
        fields = (
            "id",
            "text",
            "context",
            "status",
            "status_label",
            "assertion_count",
            "retracted_at",
            "retraction_note",
            "created_by",
            "created_at",
            "updated_at",
        )


class ClaimDetailSerializer(ClaimSerializer):
    assertions = ClaimAssertionSerializer(many=True, read_only=True)

    class Meta(ClaimSerializer.Meta):
        fields = (*ClaimSerializer.Meta.fields, "assertions")


class ClaimInput(serializers.Serializer):
    text = serializers.CharField(help_text="The proposition, in canonical wording.")
    context = serializers.CharField(required=False, allow_blank=True, default="")


class ClaimRetractInput(serializers.Serializer):
    note = serializers.CharField(help_text="Why the claim is retracted.")
