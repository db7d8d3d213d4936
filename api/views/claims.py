from django.conf import settings
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import filters, mixins
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.filters import ClaimFilter
from api.serializers.claims import (
    ClaimDetailSerializer,
    ClaimInput,
    ClaimRetractInput,
    ClaimSerializer,
)
from api.serializers.provenance import ProvenanceSerializer, provenance_representation
from api.views.base import ResourceViewSet
from api.views.exports import ClaimExportsMixin
from provenance import services
from provenance.analysis import analyze
from provenance.models import Assertion, Claim
from provenance.selectors import assertion_count, claim_provenance


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Claims with their verdicts. `?search=` searches the wording, the context, "
        "the quotes and the names of the sources that assert them.",
    ),
    retrieve=extend_schema(summary="One claim, with its assertions"),
)
class ClaimViewSet(
    ClaimExportsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ResourceViewSet
):
    filterset_class = ClaimFilter
    filter_backends = (
        *ResourceViewSet.filter_backends,
        filters.SearchFilter,
        filters.OrderingFilter,
    )
    search_fields = ("text", "context", "assertions__quote", "assertions__source__name")
    ordering_fields = ("created_at", "updated_at", "status", "id")
    ordering = ("-created_at", "-id")
    action_permissions = {"retract": "change"}

    def get_queryset(self):
        if self.action == "provenance":
            return Claim.objects.all()
        queryset = Claim.objects.select_related("created_by").annotate(
            assertion_count=assertion_count(per="claim")
        )
        if self.action != "list":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "assertions",
                    Assertion.objects.select_related("source", "document__publisher").order_by(
                        "id"
                    ),
                )
            )
        return queryset

    def get_serializer_class(self):
        return ClaimSerializer if self.action == "list" else ClaimDetailSerializer

    @extend_schema(
        summary="Record a claim", request=ClaimInput, responses={201: ClaimDetailSerializer}
    )
    def create(self, request):
        data = self.validated(ClaimInput).validated_data
        claim = services.claim_create(**data, created_by=request.user)
        return self.respond(claim, created=True)

    @extend_schema(summary="Reword a claim", request=ClaimInput, responses=ClaimDetailSerializer)
    def update(self, request, pk=None):
        return self._update(partial=False)

    @extend_schema(summary="Change a claim", request=ClaimInput, responses=ClaimDetailSerializer)
    def partial_update(self, request, pk=None):
        return self._update(partial=True)

    def _update(self, *, partial: bool):
        claim = self.get_object()
        data = self.validated(ClaimInput, partial=partial).validated_data
        return self.respond(services.claim_update(claim=claim, **data))

    @extend_schema(
        summary="Retract a claim",
        description="Claims are retracted, not deleted: the claim stays, marked and explained.",
        request=ClaimRetractInput,
        responses=ClaimDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def retract(self, request, pk=None):
        claim = self.get_object()
        note = self.validated(ClaimRetractInput).validated_data["note"]
        return self.respond(services.claim_retract(claim=claim, note=note))

    @extend_schema(
        summary="The claim's provenance graph and its analysis",
        description=(
            "Every assertion of the claim and everything upstream of it along citations "
            "(an edge `from` A `to` B means A cites B), with the analysis: origins, independent "
            "origins, circular reporting, depth, links checked and a summary in words. "
            "Answered in a constant number of SQL queries whatever the graph's size; "
            "`truncated` is true when the depth or node cap cut the graph."
        ),
        parameters=[
            OpenApiParameter(
                "max_depth",
                int,
                description="Hops to follow upstream (default and maximum: the "
                "server's cap, 50 unless configured).",
            ),
            OpenApiParameter(
                "max_nodes",
                int,
                description="Assertions to return at most, nearest first "
                "(default and maximum: the server's cap, 500 unless configured).",
            ),
        ],
        responses=ProvenanceSerializer,
    )
    @action(detail=True, methods=["get"])
    def provenance(self, request, pk=None):
        claim = self.get_object()
        graph = claim_provenance(claim_id=claim.pk, **self._provenance_caps(request))
        return Response(provenance_representation(claim, graph, analyze(graph)))

    def _provenance_caps(self, request) -> dict:
        caps = {}
        for name, ceiling, floor in (
            ("max_depth", settings.PROVENANCE_MAX_DEPTH, 0),
            ("max_nodes", settings.PROVENANCE_MAX_NODES, 1),
        ):
            raw = request.query_params.get(name)
            if raw is None:
                continue
            if not raw.isdigit() or not floor <= int(raw) <= ceiling:
                raise ValidationError(
                    {name: [f"Must be a whole number from {floor} to {ceiling}."]}
                )
            caps[name] = int(raw)
        return caps
