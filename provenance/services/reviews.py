"""Verdicts: recorded only by reviewers, append-only, newest wins."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from provenance.models import Claim, Review
from provenance.services.validation import validated_save

REVIEW_PERMISSION = "provenance.add_review"


@transaction.atomic
def review_record(
    *,
    claim: Claim,
    verdict: str,
    rationale: str,
    evidence: str = "",
    reviewer: AbstractBaseUser,
) -> Review:
    """Give `claim` a verdict. The claim's status becomes this verdict.

    Only users with the review permission (the reviewer group) may. The claim row is locked so
    that two verdicts given at once are ordered and the status is the newest of them.
    """
    if not reviewer.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied("Only reviewers can record a verdict.")
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    review = validated_save(
        Review(
            claim=claim,
            verdict=verdict,
            rationale=rationale.strip(),
            evidence=evidence.strip(),
            reviewer=reviewer,
        )
    )
    claim.status = review.verdict
    claim.save(update_fields=["status", "updated_at"])
    return review
