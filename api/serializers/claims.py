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
            "independent_origins",
            "circular",
            "chain_depth",
            "links",
            "unchecked_links",
            "flagged",
            "analysis_summary",
            "analysed_at",
            "retracted_at",
            "retraction_note",
            "version",
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


class ClaimRevertInput(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=1, help_text="A `revision` from the claim's history to bring back."
    )


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    user = serializers.CharField(allow_null=True, help_text="Who made the change.")
    model = serializers.ChoiceField(choices=["claim", "assertion", "citation", "review"])
    object_id = serializers.IntegerField()
    action = serializers.ChoiceField(choices=["created", "changed", "deleted", "verdict"])
    revision = serializers.IntegerField(
        allow_null=True, help_text="The history row; for the claim, what /revert/ takes."
    )
    version = serializers.IntegerField(allow_null=True)
    changes = ChangeSerializer(many=True)
