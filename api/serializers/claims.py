from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.links import SelfLinkField
from api.serializers.common import DocumentBriefSerializer, SourceBriefSerializer, UsernameField
from api.serializers.strict import StrictBooleanField, StrictCharField, StrictInput
from provenance.models import Assertion, Claim


class ClaimAssertionSerializer(serializers.ModelSerializer):
    url = SelfLinkField("api:assertion-detail")
    source = SourceBriefSerializer(read_only=True)
    document = DocumentBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Assertion
        fields = ("id", "url", "source", "document", "quote", "quote_kind")


class ClaimSerializer(serializers.ModelSerializer):
    url = SelfLinkField("api:claim-detail")
    status_label = serializers.CharField(
        source="get_status_display", read_only=True, help_text="The verdict in words."
    )
    assertion_count = serializers.IntegerField(
        read_only=True, help_text="How many sources assert the claim."
    )
    created_by = UsernameField()
    published_by = UsernameField(help_text="The editor who published the claim.")
    assignee = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The user id of the editor or reviewer working on it (null: nobody).",
    )

    class Meta:
        model = Claim
        fields = (
            "id",
            "url",
            "text",
            "context",
            "status",
            "status_label",
            "needs_rereview",
            "published_at",
            "published_by",
            "assignee",
            "assertion_count",
            "independent_origins",
            "circular",
            "chain_depth",
            "links",
            "unchecked_links",
            "flagged",
            "analysis_summary",
            "hints",
            "duplicate_of",
            "analysed_at",
            "retracted_at",
            "retraction_note",
            "version",
            "created_by",
            "created_at",
            "updated_at",
        )


class AppearanceSerializer(DocumentBriefSerializer):
    """A document the claim is asserted in."""


def appearances(claim: Claim) -> list:
    """The documents the claim is asserted in, first published first (undated last), once
    each; read from the prefetched assertions."""
    documents = {}
    for assertion in claim.assertions.all():
        if assertion.document is not None:
            documents.setdefault(assertion.document_id, assertion.document)
    return sorted(
        documents.values(),
        key=lambda d: (
            d.published_at is None,
            d.published_at.timestamp() if d.published_at else 0,
            d.pk,
        ),
    )


class ClaimDetailSerializer(ClaimSerializer):
    assertions = ClaimAssertionSerializer(many=True, read_only=True)
    appearances = serializers.SerializerMethodField(
        help_text="Every document the claim is asserted in, first published first."
    )
    first_appearance = serializers.SerializerMethodField(
        help_text="The earliest document by publication time (ClaimReview firstAppearance)."
    )
    duplicates = serializers.PrimaryKeyRelatedField(
        many=True,
        read_only=True,
        help_text="Claims merged into this one (confirmed matches); each keeps its history.",
    )

    class Meta(ClaimSerializer.Meta):
        fields = (
            *ClaimSerializer.Meta.fields,
            "appearances",
            "first_appearance",
            "duplicates",
            "assertions",
        )

    @extend_schema_field(AppearanceSerializer(many=True))
    def get_appearances(self, claim):
        return AppearanceSerializer(appearances(claim), many=True, context=self.context).data

    @extend_schema_field(AppearanceSerializer(allow_null=True))
    def get_first_appearance(self, claim):
        found = appearances(claim)
        return AppearanceSerializer(found[0], context=self.context).data if found else None


class ClaimInput(StrictInput):
    text = StrictCharField(help_text="The proposition, in canonical wording.")
    context = StrictCharField(required=False, allow_blank=True, default="")
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="The user id of the editor or reviewer to work on the claim; null for nobody.",
    )


class ClaimCreateInput(ClaimInput):
    publish = StrictBooleanField(
        required=False,
        default=False,
        help_text="Publish at once (needs the permission to publish); a draft otherwise.",
    )


class ClaimRetractInput(StrictInput):
    note = StrictCharField(help_text="Why the claim is retracted.")


class ClaimRevertInput(StrictInput):
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
