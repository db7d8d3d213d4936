from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.filters import AssertionFilter, CitationFilter, StrictOrderingFilter
from api.serializers.chains import (
    AssertionInput,
    AssertionSerializer,
    CitationCheckInput,
    CitationCreatedSerializer,
    CitationInput,
    CitationSerializer,
    CitationUpdateInput,
)
from api.views.base import IF_MATCH, ResourceViewSet, RetrieveWithETagMixin
from provenance import services
from provenance.analysis import analyze
from provenance.models import Assertion, Citation
from provenance.selectors import claim_provenance, published_only


@extend_schema_view(
    list=extend_schema(summary="List assertions"),
    retrieve=extend_schema(summary="One assertion"),
    destroy=extend_schema(summary="Delete an assertion entered by mistake"),
)
class AssertionViewSet(mixins.ListModelMixin, RetrieveWithETagMixin, ResourceViewSet):
    serializer_class = AssertionSerializer
    filterset_class = AssertionFilter
    filter_backends = (*ResourceViewSet.filter_backends, StrictOrderingFilter)
    ordering_fields = ("id", "created_at")
    ordering = ("id",)

    def get_queryset(self):
        # The assertions of a draft claim are as private as the claim.
        return published_only(
            Assertion.objects.select_related("source", "document__publisher", "created_by"),
            user=self.request.user,
            claim="claim",
        )

    @extend_schema(
        summary="Record an assertion",
        description="That a source asserts a claim, optionally in a document.",
        request=AssertionInput,
        responses={201: AssertionSerializer},
    )
    def create(self, request):
        data = self.validated(AssertionInput).to_service()
        assertion = services.assertion_add(**data, created_by=request.user)
        return self.respond(assertion, created=True)

    @extend_schema(
        summary="Change an assertion",
        parameters=[IF_MATCH],
        request=AssertionInput,
        responses=AssertionSerializer,
    )
    def partial_update(self, request, pk=None):
        assertion = self.get_object()
        data = self.validated(AssertionInput, partial=True).to_service()
        if "claim" in data and data.pop("claim") != assertion.claim:
            raise ValidationError({"claim": ["An assertion cannot move to another claim."]})
        assertion = services.assertion_update(
            assertion=assertion,
            expected_version=self.expected_version(required=True),
            actor=self.request.user,
            **data,
        )
        return self.respond(assertion)

    def destroy(self, request, pk=None):
        services.assertion_delete(
            assertion=self.get_object(),
            expected_version=self.expected_version(required=False),
            actor=request.user,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="List citations (the links of the chains)"),
    retrieve=extend_schema(summary="One citation"),
    destroy=extend_schema(summary="Delete a citation entered by mistake"),
)
class CitationViewSet(mixins.ListModelMixin, RetrieveWithETagMixin, ResourceViewSet):
    serializer_class = CitationSerializer
    filterset_class = CitationFilter
    filter_backends = (*ResourceViewSet.filter_backends, StrictOrderingFilter)
    ordering_fields = ("id", "created_at", "checked_at")
    ordering = ("id",)
    action_permissions = {"check": "change"}

    def get_queryset(self):
        return published_only(
            Citation.objects.select_related(
                "citing__source", "cited__source", "checked_by", "created_by"
            ),
            user=self.request.user,
            claim="citing__claim",
        )

    @extend_schema(
        summary="Record a citation",
        description="`citing` relies on `cited`. A citation that closes a loop is accepted "
        "(circular reporting happens); the provenance analysis flags it, and the answer's "
        "`circular` is then true.",
        request=CitationInput,
        responses={201: CitationCreatedSerializer},
    )
    def create(self, request):
        data = self.validated(CitationInput).validated_data
        citation = services.citation_add(**data, created_by=request.user)
        response = self.respond(citation, created=True)
        graph = claim_provenance(claim_id=citation.citing.claim_id)
        response.data["circular"] = analyze(graph).circular
        return response

    @extend_schema(
        summary="Change a citation's relation or evidence",
        parameters=[IF_MATCH],
        request=CitationUpdateInput,
        responses=CitationSerializer,
    )
    def partial_update(self, request, pk=None):
        citation = self.get_object()
        data = self.validated(CitationUpdateInput, partial=True).validated_data
        citation = services.citation_update(
            citation=citation,
            expected_version=self.expected_version(required=True),
            actor=self.request.user,
            **data,
        )
        return self.respond(citation)

    def destroy(self, request, pk=None):
        services.citation_delete(
            citation=self.get_object(),
            expected_version=self.expected_version(required=False),
            actor=request.user,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Check a link",
        parameters=[IF_MATCH],
        description="Record whether the hop holds: faithful, distorted, unsupported, or back to "
        "unchecked. Who checked and when are recorded.",
        request=CitationCheckInput,
        responses=CitationSerializer,
    )
    @action(detail=True, methods=["post"])
    def check(self, request, pk=None):
        citation = self.get_object()
        data = self.validated(CitationCheckInput).validated_data
        citation = services.citation_check(
            citation=citation,
            **data,
            checked_by=request.user,
            expected_version=self.expected_version(required=False),
        )
        return self.respond(citation)
