"""Verdicts: the workflow of who may move a claim where, append-only, newest wins.

- Reviewers (`provenance.add_review`) give any verdict.
- Editors (`provenance.flag_for_review`) may only send a claim to review and back
  (unverified ↔ in review), and only while no reviewer has given it a verdict.
- A rating (true, mostly true, mixed, mostly false, false, misleading) needs evidence and,
  unless settings.PROVENANCE_RATING_NEEDS_CHECKED_LINK is off, a checked link into one of the
  claim's origins: a rating rests on the chain having been followed to where it starts.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from provenance.analysis import analyze
from provenance.models import Claim, Review, Verdict
from provenance.selectors import claim_provenance
from provenance.services.validation import locked

REVIEW_PERMISSION = "provenance.add_review"
FLAG_PERMISSION = "provenance.flag_for_review"
WORKFLOW_VERDICTS = frozenset({Verdict.UNVERIFIED, Verdict.IN_REVIEW})


def review_allowed_verdicts(user: AbstractBaseUser, claim: Claim | None = None) -> list[str]:
    """The verdicts `user` may record (on `claim`, when given)."""
    if user.has_perm(REVIEW_PERMISSION):
        return list(Verdict.values)
    if user.has_perm(FLAG_PERMISSION) and (claim is None or claim.status in WORKFLOW_VERDICTS):
        return [Verdict.UNVERIFIED, Verdict.IN_REVIEW]
    return []


def _check_permission(reviewer: AbstractBaseUser, claim: Claim, verdict: str) -> None:
    if reviewer.has_perm(REVIEW_PERMISSION):
        return
    if verdict not in WORKFLOW_VERDICTS or not reviewer.has_perm(FLAG_PERMISSION):
        raise PermissionDenied("Only reviewers can record a verdict.")
    if claim.status not in WORKFLOW_VERDICTS:
        raise PermissionDenied("Only reviewers can change a claim's verdict once it has one.")


def _check_rating_rests_on_a_checked_link(claim: Claim) -> None:
    graph = claim_provenance(claim_id=claim.pk)
    if not graph.edges:
        return  # Nothing to follow: the verdict rests on its own evidence.
    origins = set(analyze(graph).origins)
    if not any(edge.cited in origins and edge.fidelity != "unchecked" for edge in graph.edges):
        raise ValidationError(
            {
                "verdict": "A claim can be rated only once a link to one of its origins has "
                "been checked: check the last hop of its chain first."
            },
            code="unchecked_chain",
        )


def review_check(
    *,
    claim: Claim,
    verdict: str,
    rationale: str,
    evidence: str = "",
    reviewer: AbstractBaseUser,
) -> Review:
    """Everything `review_record` checks, without writing: the unsaved, validated review.

    Raises PermissionDenied (who may give this verdict) or ValidationError (per field).
    """
    if verdict in Verdict.values:
        _check_permission(reviewer, claim, verdict)
    review = Review(
        claim=claim,
        verdict=verdict,
        rationale=rationale.strip(),
        evidence=evidence.strip(),
        reviewer=reviewer,
    )
    review.full_clean()
    if Verdict(verdict).is_rating or verdict == Verdict.UNVERIFIABLE:
        if not review.evidence:
            raise ValidationError(
                {"evidence": "A verdict needs its evidence: links or references that support it."},
                code="required",
            )
    if Verdict(verdict).is_rating and settings.PROVENANCE_RATING_NEEDS_CHECKED_LINK:
        _check_rating_rests_on_a_checked_link(claim)
    return review


@transaction.atomic
def review_record(
    *,
    claim: Claim,
    verdict: str,
    rationale: str,
    evidence: str = "",
    reviewer: AbstractBaseUser,
) -> Review:
    """Give `claim` a verdict; the claim's status becomes it and earlier verdicts stay.

    The claim row is locked so that two verdicts given at once are ordered and the status is
    the newest of them.
    """
    claim = locked(Claim, claim.pk)
    review = review_check(
        claim=claim, verdict=verdict, rationale=rationale, evidence=evidence, reviewer=reviewer
    )
    review.save()
    claim.status = review.verdict
    # The verdict now covers the wording and chain as they stand.
    claim.needs_rereview = False
    claim._history_user = reviewer
    claim._change_reason = f"Verdict recorded: {Verdict(review.verdict).label}"
    claim.save(update_fields=["status", "needs_rereview", "updated_at"])
    return review
