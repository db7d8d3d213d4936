from rest_framework import serializers

from api.links import SelfLinkField
from api.serializers.common import UsernameField
from api.serializers.strict import StrictCharField, StrictInput
from provenance.models import Claim, Review


class ReviewSerializer(serializers.ModelSerializer):
    url = SelfLinkField("api:review-detail")
    verdict_label = serializers.CharField(source="get_verdict_display", read_only=True)
    reviewer = UsernameField()

    class Meta:
        model = Review
        fields = (
            "id",
            "url",
            "claim",
            "verdict",
            "verdict_label",
            "rationale",
            "evidence",
            "reviewer",
            "created_at",
        )


class ReviewInput(StrictInput):
    claim = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all())
    verdict = serializers.ChoiceField(choices=Review.Verdict.choices)
    rationale = StrictCharField(help_text="What was checked and what it showed.")
    evidence = StrictCharField(required=False, allow_blank=True, default="")
