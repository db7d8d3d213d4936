"""The provenance graph as the API returns it (docs/architecture.md, "The API contract").

Built as plain dicts straight from the selector's graph: this is the hottest read endpoint, and
serializer instances per node would cost more than the two SQL queries behind it. The
serializers below document the shape for the OpenAPI schema.
"""

from rest_framework import serializers

from api.links import record_url
from api.serializers.common import DOCUMENT_API_URL_HELP, SourceBriefSerializer
from provenance.analysis import Analysis
from provenance.graph import ProvenanceGraph
from provenance.hints import KINDS, Hint
from provenance.models import Claim


class ProvenanceClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField(help_text="The claim's address in the API (its read).")
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=Claim.Verdict.choices)
    status_label = serializers.CharField()
    retracted = serializers.BooleanField()


class ProvenanceDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    api_url = serializers.URLField(help_text=DOCUMENT_API_URL_HELP)
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    publisher = serializers.CharField(allow_null=True, help_text="The publisher's name.")
    published_at = serializers.DateTimeField(allow_null=True)
    status = serializers.CharField(help_text="published, corrected or retracted.")
    source_state = serializers.CharField(
        help_text='What watching its address found: "" (not checked), live, moved, gone or changed.'
    )


class ProvenanceNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The assertion's id.")
    url = serializers.URLField(help_text="The assertion's address in the API (its read).")
    claim = serializers.IntegerField(help_text="The claim this assertion states.")
    source = SourceBriefSerializer()
    affiliation = serializers.CharField(allow_null=True, help_text="The source's affiliation.")
    document = ProvenanceDocumentSerializer(allow_null=True)
    quote = serializers.CharField(allow_blank=True)
    quote_kind = serializers.CharField(allow_blank=True)
    distance = serializers.IntegerField(help_text="Fewest hops from the claim's own assertions.")


class HintSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=list(KINDS),
        help_text="quote_not_found, number_changed, hedge_dropped, attribution_vaguer or "
        "negation_flipped.",
    )
    label = serializers.CharField(help_text='In words: "number changed".')
    citing = serializers.CharField(help_text="The citing side's span compared.")
    cited = serializers.CharField(help_text="The cited side's span compared.")


class ProvenanceEdgeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The citation's id.")
    url = serializers.URLField(help_text="The citation's address in the API (its read).")
    relation = serializers.CharField()
    fidelity = serializers.CharField(help_text="unchecked, faithful, distorted or unsupported.")
    hints = HintSerializer(
        many=True,
        help_text="Automatic change hints on this hop (never a verdict: the fidelity is the "
        "checker's decision).",
    )

    def get_fields(self):
        # "from" is a Python keyword, so these two are added here.
        fields = super().get_fields()
        fields["from"] = serializers.IntegerField(help_text="The citing assertion (A cites B: A).")
        fields["to"] = serializers.IntegerField(help_text="The cited assertion (A cites B: B).")
        return fields


class OriginGroupSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="What the group's origins share.")
    label = serializers.CharField(help_text='As the summary prints it: "anonymous: US officials".')
    kind = serializers.CharField(help_text="The origins' source kind, or mixed.")
    anonymous = serializers.BooleanField()
    node_ids = serializers.ListField(child=serializers.IntegerField())
    source_ids = serializers.ListField(child=serializers.IntegerField())


class ChainSerializer(serializers.Serializer):
    node_ids = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="From the most downstream assertion to the origin.",
    )
    edge_ids = serializers.ListField(child=serializers.IntegerField())
    hops = serializers.IntegerField()
    weakest = serializers.CharField(allow_null=True, help_text="The lowest fidelity on the chain.")
    broken = serializers.BooleanField(help_text="The chain passes an unsupported hop.")


class TimelineAnomalySerializer(serializers.Serializer):
    edge_id = serializers.IntegerField()
    citing_node = serializers.IntegerField()
    cited_node = serializers.IntegerField()
    citing_published_at = serializers.DateTimeField()
    cited_published_at = serializers.DateTimeField()


class AnalysisSerializer(serializers.Serializer):
    origins = serializers.ListField(
        child=serializers.IntegerField(), help_text="Assertions that cite nothing in the graph."
    )
    origin_groups = OriginGroupSerializer(
        many=True, help_text="Origins grouped by independence: each group counts once."
    )
    independent_origins = serializers.IntegerField(
        help_text="Origins counted once per shared affiliation and per indistinguishable "
        "anonymous descriptor; a cycle contributes none."
    )
    unsourced = serializers.BooleanField(
        help_text="The only origins are outlets speaking in their own voice."
    )
    circular = serializers.BooleanField(help_text="The graph holds a cycle (circular reporting).")
    cycles = serializers.ListField(child=serializers.ListField(child=serializers.IntegerField()))
    document_cycles = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="Cycles across two or more documents (two outlets' articles citing each "
        "other), as document ids.",
    )
    dependent_origins = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Origins reached only through a confirmed copy's own citations: counted in "
        "no independent origin.",
    )
    appearances = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Documents the claim is asserted in, first published first.",
    )
    first_appearance = serializers.IntegerField(
        allow_null=True, help_text="The earliest of them (ClaimReview firstAppearance)."
    )
    depth = serializers.IntegerField(
        help_text="Hops from the most downstream assertion to its origin (the longest chain)."
    )
    chains = ChainSerializer(
        many=True, help_text="Per root and origin, the path with the best weakest link."
    )
    chains_total = serializers.IntegerField(help_text="Chains counted (all of them).")
    chains_capped = serializers.BooleanField(help_text="More chains exist than are listed.")
    weakest_fidelity = serializers.CharField(
        allow_null=True, help_text="faithful > unchecked > distorted > unsupported."
    )
    broken = serializers.BooleanField(help_text="Every chain passes an unsupported hop.")
    broken_chains = serializers.IntegerField()
    links = serializers.IntegerField()
    checked_links = serializers.IntegerField()
    unchecked_links = serializers.IntegerField()
    faithful_links = serializers.IntegerField()
    distorted_links = serializers.IntegerField()
    unsupported_links = serializers.IntegerField()
    timeline_anomalies = TimelineAnomalySerializer(
        many=True, help_text="Citations of a document published after the citing one."
    )
    flagged_documents = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Corrected, retracted, gone or changed documents in the graph.",
    )
    retracted_documents = serializers.ListField(child=serializers.IntegerField())
    corrected_documents = serializers.ListField(child=serializers.IntegerField())
    gone_documents = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Documents whose page the watch found gone (404, 410, no DNS).",
    )
    changed_documents = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Documents whose article text the watch found changed since recorded.",
    )
    retracted = serializers.BooleanField(help_text="A document in the graph was retracted.")
    assertions = serializers.IntegerField(help_text="Assertions in the graph.")
    reporting_sources = serializers.IntegerField(
        help_text='Distinct sources that relay rather than originate ("12 outlets, 1 origin").'
    )
    truncated = serializers.BooleanField(
        help_text="A depth or node cap cut the graph: every figure is a lower bound."
    )
    summary = serializers.CharField(help_text="The analysis in words.")


class ProvenanceSerializer(serializers.Serializer):
    claim = ProvenanceClaimSerializer()
    nodes = ProvenanceNodeSerializer(many=True)
    edges = ProvenanceEdgeSerializer(many=True)
    analysis = AnalysisSerializer()


def _document(document, request) -> dict | None:
    if document is None:
        return None
    return {
        "id": document.id,
        "api_url": record_url("api:document-detail", document.id, request),
        "title": document.title,
        "url": document.url,
        "publisher": document.publisher_name,
        "published_at": document.published_at,
        "status": document.status,
        "source_state": document.source_state,
    }


def _hint(hint: Hint) -> dict:
    return {"kind": hint.kind, "label": hint.label, "citing": hint.citing, "cited": hint.cited}


def provenance_representation(
    claim: Claim,
    graph: ProvenanceGraph,
    analysis: Analysis,
    hints: dict[int, tuple[Hint, ...]] | None = None,
    request=None,
) -> dict:
    """The graph as the API answers it; every record's `url` is absolute when `request` is
    given (the host it came in on), a path otherwise. Building a url is string formatting
    (api.links), no query."""
    hints = hints or {}
    return {
        "claim": {
            "id": claim.pk,
            "url": record_url("api:claim-detail", claim.pk, request),
            "text": claim.text,
            "status": claim.status,
            "status_label": claim.get_status_display(),
            "retracted": claim.retracted_at is not None,
        },
        "nodes": [
            {
                "id": node.id,
                "url": record_url("api:assertion-detail", node.id, request),
                "claim": node.claim_id,
                "source": {
                    "id": node.source.id,
                    "url": record_url("api:source-detail", node.source.id, request),
                    "name": node.source.name,
                    "kind": node.source.kind,
                },
                "affiliation": node.source.affiliation_name,
                "document": _document(node.document, request),
                "quote": node.quote,
                "quote_kind": node.quote_kind,
                "distance": node.distance,
            }
            for node in graph.nodes
        ],
        "edges": [
            {
                "id": edge.id,
                "url": record_url("api:citation-detail", edge.id, request),
                "from": edge.citing,
                "to": edge.cited,
                "relation": edge.relation,
                "fidelity": edge.fidelity,
                "hints": [_hint(hint) for hint in hints.get(edge.id, ())],
            }
            for edge in graph.edges
        ],
        "analysis": analysis.as_dict(),
    }
