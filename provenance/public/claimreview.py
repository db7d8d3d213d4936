"""The ClaimReview of a claim, as the public page and the API publish it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from provenance.analysis import Analysis
from provenance.exports.claimreview import Publisher, ReviewFacts, claimreview, has_claimreview
from provenance.graph import ProvenanceGraph
from provenance.models import Claim, Review

NO_VERDICT = "This claim has no verdict yet; a ClaimReview needs one."
RETRACTED = "This claim is retracted; its ClaimReview is withdrawn."


def site_publisher(request: HttpRequest) -> Publisher:
    """The publishing organisation: the PROVENANCE_PUBLISHER_* settings, else this site."""
    url = settings.PROVENANCE_PUBLISHER_URL or request.build_absolute_uri("/")
    return Publisher(name=settings.PROVENANCE_PUBLISHER_NAME, url=url)


def claim_url(request: HttpRequest, claim_id: int) -> str:
    """The absolute address of the claim's public page."""
    return request.build_absolute_uri(reverse("public:claim", args=[claim_id]))


def claim_claimreview(
    request: HttpRequest,
    *,
    claim: Claim,
    review: Review | None,
    graph: ProvenanceGraph,
    analysis: Analysis,
) -> dict | None:
    """The ClaimReview JSON-LD for the claim's newest review, or None without a verdict.

    A retracted claim has none either: search engines must stop showing a withdrawn fact check.
    """
    if claim.retracted_at is not None:
        return None
    facts = ReviewFacts(verdict=review.verdict, reviewed_at=review.created_at) if review else None
    if not has_claimreview(facts):
        return None
    return claimreview(
        claim_text=claim.text,
        url=claim_url(request, claim.pk),
        review=facts,
        graph=graph,
        analysis=analysis,
        publisher=site_publisher(request),
    )
