"""Assertions and citations: the links of the chains."""

from rest_framework import serializers

from api.links import SelfLinkField
from api.serializers.common import DocumentBriefSerializer, SourceBriefSerializer, UsernameField
from api.serializers.strict import StrictCharField, StrictInput
from provenance.models import Assertion, Citation, Claim, Document, Source


class SelectorSerializer(StrictInput):
    """A Web Annotation TextQuoteSelector: where the quote sits in the document."""

    # Writable so that a selector read can be sent back as it is; there is one type.
    type = serializers.ChoiceField(
        choices=["TextQuoteSelector"], default="TextQuoteSelector", required=False
    )
    exact = StrictCharField(allow_blank=True)
    prefix = StrictCharField(required=False, allow_blank=True, default="", max_length=200)
    suffix = StrictCharField(required=False, allow_blank=True, default="", max_length=200)


class AssertionSerializer(serializers.ModelSerializer):
    url = SelfLinkField("api:assertion-detail")
    source = SourceBriefSerializer(read_only=True)
    document = DocumentBriefSerializer(read_only=True, allow_null=True)
    selector = serializers.SerializerMethodField()
    created_by = UsernameField()

    class Meta:
        model = Assertion
        fields = (
            "id",
            "url",
            "claim",
            "source",
            "document",
            "quote",
            "quote_kind",
            "selector",
            "asserted_at",
            "version",
            "created_by",
            "created_at",
            "updated_at",
        )

    def get_selector(self, assertion) -> SelectorSerializer(allow_null=True):
        if not assertion.selector_exact:
            return None
        return {
            "type": "TextQuoteSelector",
            "exact": assertion.selector_exact,
            "prefix": assertion.selector_prefix,
            "suffix": assertion.selector_suffix,
        }


class AssertionInput(StrictInput):
    claim = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all())
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    document = serializers.PrimaryKeyRelatedField(
        queryset=Document.objects.all(), required=False, allow_null=True, default=None
    )
    quote = StrictCharField(required=False, allow_blank=True, default="")
    quote_kind = serializers.ChoiceField(
        choices=[*Assertion.QuoteKind.choices, ("", "none")], required=False, default=""
    )
    selector = SelectorSerializer(required=False, allow_null=True, default=None)
    asserted_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

    def to_service(self) -> dict:
        data = dict(self.validated_data)
        if "selector" in data:
            selector = data.pop("selector") or {}
            data["selector_exact"] = selector.get("exact", "")
            data["selector_prefix"] = selector.get("prefix", "")
            data["selector_suffix"] = selector.get("suffix", "")
        return data


class CitationSerializer(serializers.ModelSerializer):
    url = SelfLinkField("api:citation-detail")
    claim = serializers.IntegerField(
        source="citing.claim_id", read_only=True, help_text="The citing assertion's claim."
    )
    citing_source = SourceBriefSerializer(source="citing.source", read_only=True)
    cited_source = SourceBriefSerializer(source="cited.source", read_only=True)
    checked_by = UsernameField()
    created_by = UsernameField()

    class Meta:
        model = Citation
        fields = (
            "id",
            "url",
            "citing",
            "cited",
            "claim",
            "citing_source",
            "cited_source",
            "relation",
            "fidelity",
            "evidence",
            "note",
            "checked_by",
            "checked_at",
            "version",
            "created_by",
            "created_at",
            "updated_at",
        )


class CitationInput(StrictInput):
    citing = serializers.PrimaryKeyRelatedField(
        queryset=Assertion.objects.all(), help_text="The assertion that relies on another."
    )
    cited = serializers.PrimaryKeyRelatedField(
        queryset=Assertion.objects.all(), help_text="The assertion relied on."
    )
    relation = serializers.ChoiceField(
        choices=Citation.Relation.choices, required=False, default=Citation.Relation.CITES
    )
    evidence = StrictCharField(required=False, allow_blank=True, default="")


class CitationUpdateInput(StrictInput):
    relation = serializers.ChoiceField(choices=Citation.Relation.choices, required=False)
    evidence = StrictCharField(required=False, allow_blank=True)


class CitationCheckInput(StrictInput):
    fidelity = serializers.ChoiceField(choices=Citation.Fidelity.choices)
    note = StrictCharField(required=False, allow_blank=True, default="")


class CitationCreatedSerializer(CitationSerializer):
    circular = serializers.BooleanField(
        read_only=True,
        help_text="The provenance analysis of the citing claim finds a loop now: true when "
        "this citation closed one (circular reporting, recorded and flagged, not refused).",
    )

    class Meta(CitationSerializer.Meta):
        fields = (*CitationSerializer.Meta.fields, "circular")
