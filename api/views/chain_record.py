"""`POST /api/chains/`: a whole chain in one request, one transaction."""

from drf_orjson_renderer.renderers import ORJSONRenderer
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, viewsets

from api.idempotency import HEADER, idempotent
from api.links import record_url
from api.serializers.chain_record import ChainInput, ChainRecordSerializer
from api.serializers.provenance import provenance_representation
from api.views.base import KnownQueryParameters
from provenance.analysis import analyze
from provenance.selectors import claim_provenance, graph_hints
from provenance.services.chain_record import chain_record

# Recording a chain may write each of these; an editor holds them all.
_NEEDED = tuple(
    f"provenance.add_{model}" for model in ("claim", "source", "document", "assertion", "citation")
)


class CanRecordChains(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated) and (
            request.user.has_perms(_NEEDED)
        )


class ChainViewSet(KnownQueryParameters, viewsets.GenericViewSet):
    permission_classes = (CanRecordChains,)
    renderer_classes = (ORJSONRenderer,)
    serializer_class = ChainInput

    @extend_schema(
        summary="Record a whole chain in one request",
        description=(
            "The claim (an existing one's `id`, or its `text`) and the hops that carry it, from "
            "the most downstream source to the origin: hop I cites hop I+1 with hop I's "
            "`relation` (cites by default). A source is an `id`, or a `name` and `kind` found "
            "through names and aliases or created (anonymous ones with `descriptor`, "
            "`anonymous_count`, `anonymity_reason`); a document is an `id`, or a `url` (reused "
            "when recorded), `title`, `publisher` and `published_at`. Everything is written in "
            "one transaction or nothing is: errors are keyed by path (`hops[1].source.kind`). "
            "The answer is the claim's provenance graph with its analysis, and `recorded`: "
            "what was written and what reused. 201 when anything was written, 200 when the "
            "whole chain was already recorded."
        ),
        parameters=[
            OpenApiParameter(
                HEADER,
                str,
                OpenApiParameter.HEADER,
                description="Any unique string (a UUID): a retry with the same key and body "
                "within 24 hours returns the first answer instead of recording twice; the "
                "same key with another body is a 422.",
            )
        ],
        request=ChainInput,
        responses={
            201: OpenApiResponse(ChainRecordSerializer, description="Recorded."),
            200: OpenApiResponse(
                ChainRecordSerializer, description="Every record already existed."
            ),
        },
    )
    def create(self, request):
        serializer = ChainInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        arguments = serializer.to_service()

        def produce():
            result = chain_record(**arguments, created_by=request.user)
            # A wording already recorded was merged into the kept claim, which holds the chain.
            claim = result.claim.duplicate_of or result.claim
            graph = claim_provenance(claim_id=claim.pk)
            body = provenance_representation(
                claim, graph, analyze(graph), graph_hints([graph]), request=request
            )
            body["recorded"] = {
                "created": result.created.counts(),
                "reused": result.reused.counts(),
                "assertions": [assertion.pk for assertion in result.assertions],
                "citations": [citation.pk for citation in result.citations],
            }
            written = any(result.created.counts().values())
            location = record_url("api:claim-provenance", claim.pk, request)
            return (201 if written else 200), body, location

        return idempotent(request, operation="chain_record", produce=produce)
