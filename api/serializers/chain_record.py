"""`POST /api/chains/`: a claim and its hops in one request (provenance.services.chain_record).

Each record is given by id, or described to be found or created: a source by name and kind
(found through names and aliases), a document by URL, title and publisher, the claim by its
wording. Errors come back keyed by their path (`hops[1].source.kind`).
"""

from rest_framework import serializers

from api.serializers.provenance import ProvenanceSerializer
from api.serializers.strict import StrictBooleanField, StrictCharField, StrictInput
from provenance.models import Claim, Document, QuoteKind, Relation, Source, SourceKind
from provenance.services.chain_record import MAX_HOPS, DocumentSpec, Hop, SourceSpec

_BY_ID_ALONE = "Give either an id or the fields that describe a new one, not both."


class ChainSourceInput(StrictInput):
    id = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, help_text="An existing source."
    )
    name = StrictCharField(
        required=False, max_length=300, help_text="Found by name or alias, else created."
    )
    kind = serializers.ChoiceField(choices=SourceKind.choices, required=False)
    descriptor = StrictCharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=300,
        help_text='Anonymous sources only: who they are ("US officials").',
    )
    anonymous_count = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=32767,
        help_text="Anonymous sources only: how many people.",
    )
    anonymity_reason = StrictCharField(required=False, allow_blank=True, default="")
    affiliation = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The source this one speaks for (its id).",
    )

    def check_given(self, given, value):
        if "id" in given:
            if given - {"id"}:
                raise serializers.ValidationError(_BY_ID_ALONE)
            return
        missing = {"name", "kind"} - given
        if missing:
            raise serializers.ValidationError(
                {name: ["Give the source's id, or its name and kind."] for name in sorted(missing)}
            )

    def to_spec(self, data) -> Source | SourceSpec:
        if "id" in data:
            return data["id"]
        return SourceSpec(
            name=data["name"],
            kind=data["kind"],
            descriptor=data["descriptor"],
            anonymous_count=data["anonymous_count"],
            anonymity_reason=data["anonymity_reason"],
            affiliation=data["affiliation"],
        )


class ChainDocumentInput(StrictInput):
    id = serializers.PrimaryKeyRelatedField(
        queryset=Document.objects.all(), required=False, help_text="An existing document."
    )
    url = serializers.URLField(
        required=False,
        allow_null=True,
        default=None,
        max_length=2000,
        help_text="Its address: a document recorded with it is reused.",
    )
    title = StrictCharField(required=False, allow_blank=True, default="", max_length=500)
    publisher = ChainSourceInput(required=False, allow_null=True, default=None)
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

    def check_given(self, given, value):
        if "id" in given and given - {"id"}:
            raise serializers.ValidationError(_BY_ID_ALONE)

    def to_spec(self, data) -> Document | DocumentSpec:
        if "id" in data:
            return data["id"]
        publisher = data["publisher"]
        return DocumentSpec(
            title=data["title"],
            url=data["url"],
            publisher=None if publisher is None else self.fields["publisher"].to_spec(publisher),
            published_at=data["published_at"],
        )


class ChainHopInput(StrictInput):
    source = ChainSourceInput(help_text="Who asserts the claim at this hop.")
    document = ChainDocumentInput(
        required=False, allow_null=True, default=None, help_text="Where, if in a document."
    )
    quote = StrictCharField(required=False, allow_blank=True, default="")
    quote_kind = serializers.ChoiceField(
        choices=[*QuoteKind.choices, ("", "none")], required=False, default=""
    )
    relation = serializers.ChoiceField(
        choices=Relation.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="How this hop uses the next one (cites by default); none on the last hop.",
    )
    evidence = StrictCharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The sentence that shows the citation of the next hop.",
    )

    def to_hop(self, data) -> Hop:
        document = data["document"]
        return Hop(
            source=self.fields["source"].to_spec(data["source"]),
            document=None if document is None else self.fields["document"].to_spec(document),
            quote=data["quote"],
            quote_kind=data["quote_kind"],
            relation=data["relation"],
            evidence=data["evidence"],
        )


class ChainClaimInput(StrictInput):
    id = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(), required=False, help_text="An existing claim."
    )
    text = StrictCharField(required=False, help_text="The wording of a new claim.")
    context = StrictCharField(required=False, allow_blank=True, default="")

    def check_given(self, given, value):
        if "id" in given and given - {"id"}:
            raise serializers.ValidationError(
                "Give either the claim's id or its wording (`text`, `context`), not both."
            )
        if not given & {"id", "text"}:
            raise serializers.ValidationError("Give the claim's id or its wording (`text`).")


class ChainInput(StrictInput):
    claim = ChainClaimInput(help_text="The claim: an existing one's id, or the wording.")
    hops = serializers.ListField(
        child=ChainHopInput(),
        min_length=1,
        max_length=MAX_HOPS,
        help_text="From the most downstream source to the origin: hop I cites hop I+1.",
    )
    publish = StrictBooleanField(
        required=False,
        default=False,
        help_text="Publish the claim too (needs the permission to publish); a new claim is a "
        "draft otherwise.",
    )

    def to_service(self) -> dict:
        data = self.validated_data
        claim = data["claim"]
        hop_input = self.fields["hops"].child
        return {
            "claim": claim["id"] if "id" in claim else claim["text"],
            "context": claim.get("context", ""),
            "hops": [hop_input.to_hop(hop) for hop in data["hops"]],
            "publish": data["publish"],
        }


class ChainRecordedSerializer(serializers.Serializer):
    created = serializers.DictField(
        child=serializers.IntegerField(), help_text="Records written, by kind."
    )
    reused = serializers.DictField(
        child=serializers.IntegerField(), help_text="Records found and reused, by kind."
    )
    assertions = serializers.ListField(
        child=serializers.IntegerField(), help_text="Each hop's assertion, in the hops' order."
    )
    citations = serializers.ListField(
        child=serializers.IntegerField(), help_text="Hop I's citation of hop I+1."
    )


class ChainRecordSerializer(ProvenanceSerializer):
    recorded = ChainRecordedSerializer(help_text="What this request wrote and what it reused.")
