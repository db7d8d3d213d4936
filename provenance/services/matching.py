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

from collections.abc import Iterable, Sequence

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
    return _reached(claim_id, others, _report_rows([claim_id, *others]))


def _report_rows(claim_ids: Iterable[int]) -> list[tuple]:
    """What `_reached` reads of these claims' assertions (one query)."""
    return list(
        Assertion.objects.filter(claim_id__in=list(claim_ids))
        .order_by("document__published_at", "id")
        .values_list("claim_id", "source_id", "document_id", "document__publisher_id")
    )


def _reached(claim_id: int, others: list[int], rows: list[tuple]) -> dict[int, int]:
    """`_reports` from the assertion rows of (at least) these claims."""
    bare: dict[int, set[int]] = {}
    published: dict[int, dict[int, int]] = {}
    wanted = {claim_id, *others}
    for owner, source, document, publisher in rows:
        if owner not in wanted:
            continue
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


def claim_matches_find(*, claim_id: int, actor: AbstractBaseUser | None = None) -> list[ClaimMatch]:
    """Match a recorded claim against the others; returns the matches made or updated.

    A constant number of queries when nothing is merged, whatever the number of claims: the
    matcher's own, the candidates' rows, the pair's existing matches, the reports reached, and
    one statement each to create and to update suggestions.
    """
    return claims_matches_find(claim_ids=[claim_id], actor=actor)


@transaction.atomic
def claims_matches_find(
    *, claim_ids: Sequence[int], actor: AbstractBaseUser | None = None
) -> list[ClaimMatch]:
    """Match claims recorded together (an ingested article's), as `claim_matches_find` on each
    in turn would; returns the matches made or updated.

    Each read is made once for all the claims (the claims, their wordings and vectors, the
    candidates' rows, the existing matches, the reports reached), then one retrieval query a
    claim, and one statement each to create and to update suggestions: the claims are taken in
    order against what the earlier ones made. A merge changes what the next claims would read:
    after one, the remaining claims are matched one at a time.
    """
    from provenance.selectors_matching import claims_match_scores

    ids = list(dict.fromkeys(claim_ids))
    claims = {
        c.pk: c
        for c in Claim.objects.filter(pk__in=ids).only("id", "duplicate_of_id", "retracted_at")
    }
    ids = [pk for pk in ids if pk in claims and claims[pk].duplicate_of_id is None]
    if not ids:
        return []
    scores = claims_match_scores(claim_ids=ids)
    scored = {
        pk: [
            (other_id, match)
            for other_id, match in scores.get(pk, [])
            if match.decision in (SAME, SUGGEST) and other_id != pk
        ]
        for pk in ids
    }
    others = sorted({other for pairs in scored.values() for other, _ in pairs})
    if not others:
        return []
    rows = {
        row.pk: row
        for row in Claim.objects.filter(Q(pk__in=others) | Q(duplicates__in=others)).only(
            "id", "duplicate_of_id", "retracted_at"
        )
    }
    bests = {pk: _best(claims[pk], scored[pk], rows) for pk in ids}
    targets = sorted({target for best in bests.values() for target in best})
    if not targets:
        return []
    existing = {
        (m.claim_id, m.other_id): m
        for m in ClaimMatch.objects.filter(
            Q(claim_id__in=ids, other_id__in=targets) | Q(other_id__in=ids, claim_id__in=targets)
        )
    }
    report_rows = _report_rows(sorted({*ids, *targets}))
    created: list[ClaimMatch] = []
    updated: dict[int, ClaimMatch] = {}
    for index, pk in enumerate(ids):
        claim, best = claims[pk], bests[pk]
        if not best:
            continue
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
        reports = _reached(claim.pk, [t for t in best if t != merge_with], report_rows)
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
                row = ClaimMatch(claim_id=pair[0], other_id=pair[1], **fields)
                created.append(row)
                existing[pair] = row
            elif row.status == MatchStatus.SUGGESTED and any(
                getattr(row, name) != value for name, value in fields.items()
            ):
                for name, value in fields.items():
                    setattr(row, name, value)
                row.version += 1
                row.updated_at = timezone.now()
                if row.pk is not None:
                    updated[row.pk] = row
        if merge_with is None:
            continue
        found = _suggestions_write(created, list(updated.values()))
        kept, duplicate = _pair(claim.pk, merge_with)
        merged = claim_merge(
            kept=Claim(pk=kept),
            duplicate=Claim(pk=duplicate),
            actor=actor,
            automatic=True,
            score=round(min(max(best[merge_with].score, 0.0), 1.0), 4),
            reasons=tuple(best[merge_with].reasons),
        )
        found = [*created, merged, *found[len(created) :]]
        for rest in ids[index + 1 :]:
            found.extend(claims_matches_find(claim_ids=[rest], actor=actor))
        return found
    return _suggestions_write(created, list(updated.values()))


def _best(claim: Claim, scored: list, rows: dict[int, Claim]) -> dict[int, object]:
    """The best score per claim, a merged duplicate standing for the claim it was merged into."""
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
    return best


def _suggestions_write(created: list[ClaimMatch], updated: list[ClaimMatch]) -> list[ClaimMatch]:
    """Insert the new suggestions and save the changed ones; returns them all."""
    # A claim recorded at the same moment may have made the same pair from its side since the
    # pairs were read: that suggestion stands, and this request must not fail on it.
    if created:
        ClaimMatch.objects.bulk_create(created, ignore_conflicts=True)
    if updated:
        ClaimMatch.objects.bulk_update(updated, [*_SCORED, "version", "updated_at"])
    return [*created, *updated]


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
