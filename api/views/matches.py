"""Claim matches over the API: a claim's suggestions and decisions, confirm and reject.

A mixin of ClaimViewSet, so the routes sit under /api/claims/{id}/ and share its permissions:
anyone may read; confirming or rejecting needs the permission to change claims (editors).
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.serializers.errors import ErrorSerializer, ValidationErrorSerializer
from api.serializers.matches import ClaimMatchSerializer
from provenance.models import Claim, ClaimMatch
from provenance.roles import sees_drafts
from provenance.selectors import published_only
from provenance.services.matching import claim_match_confirm, claim_match_reject

_OTHER = OpenApiParameter(
    "other_id", int, OpenApiParameter.PATH, description="The other claim of the pair."
)
_ID = r"[0-9]{1,18}"


# No docstring: drf-spectacular would take it as the description of every claims operation.
class ClaimMatchesMixin:
    # `matches` (list), `match_confirm` and `match_reject` actions for ClaimViewSet.

    def _claim_only(self, pk) -> Claim:
        claims = published_only(Claim.objects.only("id", "duplicate_of_id"), user=self.request.user)
        return get_object_or_404(claims, pk=pk)

    def _shown(self, matches, claim_id: int):
        for match in matches:
            match.counterpart = match.other if match.claim_id == claim_id else match.claim
        return ClaimMatchSerializer(matches, many=True, context={"request": self.request}).data

    @extend_schema(
        summary="Claims matched with this one",
        description="Suggested, confirmed (merged) and rejected matches of the claim, newest "
        "first, each with the other claim, the score (0 to 1) and the matcher's reasons. "
        "`?status=suggested` lists the open suggestions only.",
        parameters=[
            OpenApiParameter(
                "status", str, enum=list(ClaimMatch.Status.values), description="Only these."
            )
        ],
        responses={200: ClaimMatchSerializer(many=True), 404: ErrorSerializer},
    )
    @action(detail=True, methods=["get"])
    def matches(self, request, pk=None):
        claim = self._claim_only(pk)
        matches = (
            ClaimMatch.objects.filter(Q(claim_id=claim.pk) | Q(other_id=claim.pk))
            .select_related("claim", "other", "report", "decided_by")
            .order_by("-created_at", "-id")
        )
        if not sees_drafts(request.user):
            # A draft on the other side of a pair is not public either.
            matches = matches.filter(claim__published_at__isnull=False).filter(
                other__published_at__isnull=False
            )
        status = request.query_params.get("status")
        if status is not None:
            if status not in ClaimMatch.Status.values:
                choices = ", ".join(ClaimMatch.Status.values)
                raise ValidationError({"status": [f"Choose one of {choices}."]})
            matches = matches.filter(status=status)
        page = self.paginate_queryset(matches)
        return self.get_paginated_response(self._shown(page, claim.pk))

    def _decide(self, request, pk, other_id, decide):
        claim = self._claim_only(pk)
        other = get_object_or_404(Claim.objects.only("id"), pk=other_id)
        match = decide(claim=claim, other=other, actor=request.user)
        match = ClaimMatch.objects.select_related("claim", "other", "report", "decided_by").get(
            pk=match.pk
        )
        return Response(self._shown([match], claim.pk)[0])

    @extend_schema(
        summary="Confirm a match: merge the other claim into this one",
        description="The other claim's assertions and citations move to this claim (kept); "
        "verdicts stay where they were given; the other claim is never deleted: it carries "
        "`duplicate_of` and drops out of the claim list. Citations of an outlet then continue "
        "into that outlet's own report when it is recorded. Editors only.",
        parameters=[_OTHER],
        request=None,
        responses={
            200: ClaimMatchSerializer,
            400: OpenApiResponse(ValidationErrorSerializer, description="Already merged."),
            404: ErrorSerializer,
        },
    )
    @action(detail=True, methods=["post"], url_path=rf"matches/(?P<other_id>{_ID})/confirm")
    def match_confirm(self, request, pk=None, other_id=None):
        return self._decide(request, pk, other_id, claim_match_confirm)

    @extend_schema(
        summary="Reject a suggested match",
        description="The two claims state different facts: the suggestion is closed and never "
        "made again. Editors only.",
        parameters=[_OTHER],
        request=None,
        responses={
            200: ClaimMatchSerializer,
            400: OpenApiResponse(
                ValidationErrorSerializer, description="No open suggestion for the pair."
            ),
            404: ErrorSerializer,
        },
    )
    @action(detail=True, methods=["post"], url_path=rf"matches/(?P<other_id>{_ID})/reject")
    def match_reject(self, request, pk=None, other_id=None):
        return self._decide(request, pk, other_id, claim_match_reject)
