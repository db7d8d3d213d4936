"""Claim matches and document reuses as the API shows them."""

from rest_framework import serializers

from api.serializers.common import UsernameField
from provenance.models import ClaimMatch, DocumentReuse


class MatchedClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    duplicate_of = serializers.IntegerField(
        source="duplicate_of_id", allow_null=True, help_text="Set once merged into another claim."
    )


class ReportBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)


class ClaimMatchSerializer(serializers.ModelSerializer):
    """A match seen from one claim: `claim` is the other claim of the pair."""

    claim = MatchedClaimSerializer(
        source="counterpart", read_only=True, help_text="The other claim of the pair."
    )
    report = ReportBriefSerializer(
        read_only=True,
        allow_null=True,
        help_text="Confirming continues a citation into this report (the cited outlet's own).",
    )
    decided_by = UsernameField()

    class Meta:
        model = ClaimMatch
        fields = (
            "id",
            "claim",
            "score",
            "status",
            "automatic",
            "numbers_agree",
            "polarity_agree",
            "reasons",
            "report",
            "decided_by",
            "decided_at",
            "created_at",
        )


class DocumentReuseSerializer(serializers.ModelSerializer):
    document = serializers.IntegerField(
        source="original_id", help_text="The document whose text this one reuses."
    )
    title = serializers.CharField(source="original.title")
    decided_by = UsernameField()

    class Meta:
        model = DocumentReuse
        fields = ("id", "document", "title", "overlap", "status", "decided_by", "decided_at")
