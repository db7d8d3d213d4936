"""Claim matching as a workflow: find, suggest, merge automatically, confirm, reject.

`claim_matches_find` runs whenever a claim is recorded (claim_create, ingestion, ClaimReview
import, chain_record) and again once the claim's vector is computed in the background. The
matcher (provenance.matching, through `claim_match_scores`) scores the recorded claims that
could state the same fact:

- "same" (the same wording once normalised, numbers and polarity agreeing): the two claims are
  merged at once (provenance.services.merging), the older one kept;
- "suggest": a suggestion with its score, for an editor to confirm (the claims merge) or reject
  (the pair is never suggested again);
- a pair already decided is left as it is; a pending suggestion gets the newer score.

A suggestion notes the report it would reach: when one claim's chain cites an outlet without a
document and the other is asserted in that outlet's own document, confirming continues the
citation into that report (provenance.services.hops).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from provenance.models import Assertion, Claim, ClaimMatch, MatchStatus
from provenance.services.merging import claim_merge
from provenance.services.validation import validated_save

SAME, SUGGEST = "same", "suggest"
_SCORED = ("score", "numbers_agree", "polarity_agree", "reasons", "report_id")


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _reports(claim_id: int, others: list[int]) -> dict[int, int]:
    """For each other claim, a document that confirming the match would continue a citation
    into: one claim's outlet cited without a document, the other asserted in that outlet's own
    report. One query."""
    bare: dict[int, set[int]] = {}
    published: dict[int, dict[int, int]] = {}
    rows = (
        Assertion.objects.filter(claim_id__in=[claim_id, *others])
        .order_by("document__published_at", "id")
        .values_list("claim_id", "source_id", "document_id", "document__publisher_id")
    )
    for owner, source, document, publisher in rows:
        if document is None:
            bare.setdefault(owner, set()).add(source)
        elif publisher is not None:
            published.setdefault(owner, {}).setdefault(publisher, document)
    found = {}
    for other in others:
        for citing, cited in ((claim_id, other), (other, claim_id)):
            reached = [
                published[cited][source]
                for source in sorted(bare.get(citing, ()))
                if source in published.get(cited, {})
            ]
            if reached:
                found[other] = reached[0]
                break
    return found


@transaction.atomic
def claim_matches_find(*, claim_id: int, actor: AbstractBaseUser | None = None) -> list[ClaimMatch]:
    """Match a recorded claim against the others; returns the matches made or updated.

    A constant number of queries when nothing is merged, whatever the number of claims: the
    matcher's own, the candidates' rows, the pair's existing matches, the reports reached, and
    one statement each to create and to update suggestions.
    """
    from provenance.selectors_matching import claim_match_scores

    claim = Claim.objects.filter(pk=claim_id).only("id", "duplicate_of_id", "retracted_at").first()
    if claim is None or claim.duplicate_of_id is not None:
        return []
    scored = [
        (other_id, match)
        for other_id, match in claim_match_scores(claim_id=claim_id)
        if match.decision in (SAME, SUGGEST) and other_id != claim_id
    ]
    if not scored:
        return []
    rows = {
        row.pk: row
        for row in Claim.objects.filter(
            Q(pk__in=[other for other, _ in scored])
            | Q(duplicates__in=[other for other, _ in scored])
        ).only("id", "duplicate_of_id", "retracted_at")
    }
    # A merged duplicate stands for the claim it was merged into; the best score per claim.
    best: dict[int, object] = {}
    for other_id, match in scored:
        row = rows.get(other_id)
        if row is None:
            continue
        target = row.duplicate_of_id or row.pk
        if target == claim.pk or target not in rows:
            continue
        if target not in best or match.score > best[target].score:
            best[target] = match
    if not best:
        return []
    existing = {
        (m.claim_id, m.other_id): m
        for m in ClaimMatch.objects.filter(
            Q(claim_id=claim.pk, other_id__in=best) | Q(other_id=claim.pk, claim_id__in=best)
        )
    }
    same = sorted(
        target
        for target, match in best.items()
        if match.decision == SAME
        and claim.retracted_at is None
        and rows[target].retracted_at is None
        and getattr(existing.get(_pair(claim.pk, target)), "status", None)
        not in (MatchStatus.REJECTED, MatchStatus.CONFIRMED)
    )
    merge_with = same[0] if same else None
    reports = _reports(claim.pk, [t for t in best if t != merge_with])
    created, updated = [], []
    for target, match in sorted(best.items()):
        if target == merge_with:
            continue
        pair = _pair(claim.pk, target)
        row = existing.get(pair)
        fields = {
            "score": round(min(max(match.score, 0.0), 1.0), 4),
            "numbers_agree": match.numbers_agree,
            "polarity_agree": match.polarity_agree,
            "reasons": list(match.reasons),
            "report_id": reports.get(target),
        }
        if row is None:
            created.append(ClaimMatch(claim_id=pair[0], other_id=pair[1], **fields))
        elif row.status == MatchStatus.SUGGESTED and any(
            getattr(row, name) != value for name, value in fields.items()
        ):
            for name, value in fields.items():
                setattr(row, name, value)
            row.version += 1
            row.updated_at = timezone.now()
            updated.append(row)
    # A claim recorded at the same moment may have made the same pair from its side since the
    # pairs were read: that suggestion stands, and this request must not fail on it.
    found = ClaimMatch.objects.bulk_create(created, ignore_conflicts=True) if created else []
    if updated:
        ClaimMatch.objects.bulk_update(updated, [*_SCORED, "version", "updated_at"])
    if merge_with is not None:
        kept, duplicate = _pair(claim.pk, merge_with)
        found.append(
            claim_merge(
                kept=Claim(pk=kept),
                duplicate=Claim(pk=duplicate),
                actor=actor,
                automatic=True,
                score=round(min(max(best[merge_with].score, 0.0), 1.0), 4),
                reasons=tuple(best[merge_with].reasons),
            )
        )
    return [*found, *updated]


def _match(claim: Claim, other: Claim) -> ClaimMatch | None:
    pair = _pair(claim.pk, other.pk)
    return ClaimMatch.objects.select_for_update().filter(claim_id=pair[0], other_id=pair[1]).first()


@transaction.atomic
def claim_match_confirm(*, claim: Claim, other: Claim, actor: AbstractBaseUser) -> ClaimMatch:
    """An editor confirms that `other` states the same fact as `claim`: `other` is merged into
    `claim` (kept). A rejected pair may still be confirmed: the editor's latest word counts."""
    if claim.pk == other.pk:
        raise ValidationError("A claim cannot be matched with itself.", code="same_claim")
    match = _match(claim, other)
    if match is not None and match.status == MatchStatus.CONFIRMED:
        raise ValidationError("This match is already confirmed: the claims are merged.", "decided")
    return claim_merge(kept=claim, duplicate=other, actor=actor)


@transaction.atomic
def claim_match_reject(*, claim: Claim, other: Claim, actor: AbstractBaseUser) -> ClaimMatch:
    """An editor says the two claims differ: the suggestion is closed and never made again."""
    match = _match(claim, other)
    if match is None:
        raise ValidationError(
            f"Claim #{other.pk} is not suggested as a match of claim #{claim.pk}.",
            code="not_suggested",
        )
    if match.status != MatchStatus.SUGGESTED:
        raise ValidationError(
            f"This match was already {match.get_status_display().lower()}.", code="decided"
        )
    match.status = MatchStatus.REJECTED
    match.decided_by = actor if actor.is_authenticated else None
    match.decided_at = timezone.now()
    return validated_save(match, actor=actor)
