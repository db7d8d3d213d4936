"""Merging two claim records that state the same fact, and folding one assertion into another.

A merge moves the duplicate's assertions (and so their citations) to the kept claim. Verdicts
stay where they were given (reviews are append-only) and the duplicate is never deleted: it
carries `duplicate_of`, drops out of lists, and its history stays readable from the kept claim.
Two assertions that become the same record (one source, one document, one claim) are folded:
the citations of one move to the other, and the emptied record is deleted, which its history
keeps.

Writes here run in bulk (one statement for all moved rows, one for their history rows), so
merging costs the same few queries however many assertions move.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from provenance.models import Assertion, Citation, Claim, ClaimMatch, MatchStatus
from provenance.services.analysis_cache import graph_changed
from provenance.services.validation import validated_save


def _touched(rows: list, actor: AbstractBaseUser | None) -> None:
    """What `save()` would do to a versioned row changed in bulk: a new version, a new time."""
    now = timezone.now()
    for row in rows:
        row.version += 1
        row.updated_at = now


def _history_user(actor: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return actor if actor is not None and actor.is_authenticated else None


def assertions_fold(
    folds: dict[Assertion, Assertion],
    *,
    keep_outgoing: bool | Iterable[int] = True,
    actor: AbstractBaseUser | None = None,
) -> set[int]:
    """Fold each assertion (key) into another (value): its citations move there, it goes.

    A moved citation that would cite itself, or repeat an edge already recorded, is deleted
    instead. `keep_outgoing` says whether the folded assertion's own citations (what it relied
    on) move too: True for all, False for none, or the ids of the folded assertions whose do.
    Returns the ids of the assertions that the dropped citations pointed to, for the caller to
    tidy up. Must run inside a transaction.
    """
    if not folds:
        return set()
    by_id = {gone.pk: into for gone, into in folds.items()}
    keep = set(by_id) if keep_outgoing is True else set(keep_outgoing or ())
    citations = list(
        Citation.objects.select_for_update()
        .filter(Q(citing_id__in=by_id) | Q(cited_id__in=by_id))
        .order_by("id")
    )
    ends = {c.citing_id for c in citations} | {c.cited_id for c in citations}
    ends |= {into.pk for into in by_id.values()}
    edges = set(
        Citation.objects.filter(citing_id__in=ends).values_list("citing_id", "cited_id", "relation")
    )
    moved, dropped, orphans = [], [], set()
    for citation in citations:
        citing = by_id[citation.citing_id].pk if citation.citing_id in by_id else citation.citing_id
        cited = by_id[citation.cited_id].pk if citation.cited_id in by_id else citation.cited_id
        leaves = citation.citing_id in by_id and citation.citing_id not in keep
        if leaves or citing == cited or (citing, cited, citation.relation) in edges:
            dropped.append(citation)
            if citation.citing_id in by_id:
                orphans.add(citation.cited_id)
            continue
        edges.discard((citation.citing_id, citation.cited_id, citation.relation))
        edges.add((citing, cited, citation.relation))
        citation.citing_id, citation.cited_id = citing, cited
        moved.append(citation)
    user = _history_user(actor)
    if moved:
        _touched(moved, actor)
        # Two edges can swap ends in one statement; the unique constraint is checked per row on
        # SQLite and at the end on neither, so the order is kept stable by id.
        bulk_update_with_history(
            moved, Citation, ["citing", "cited", "version", "updated_at"], default_user=user
        )
    for citation in dropped:
        citation._history_user = user
        citation.delete()
    for gone in folds:
        gone._history_user = user
        gone.delete()
    return orphans - {into.pk for into in by_id.values()} - set(by_id)


def assertions_prune(
    *, claim_id: int, candidates: Iterable[int], actor: AbstractBaseUser | None = None
) -> int:
    """Delete assertions of `claim_id` left with no document and nothing citing them, and so on
    upstream: a relay's second-hand account of whom a report relied on, once the report's own
    account replaced it. Returns how many went."""
    pending = set(candidates)
    removed = 0
    user = _history_user(actor)
    while pending:
        rows = list(
            Assertion.objects.filter(pk__in=pending, claim_id=claim_id, document__isnull=True)
            .exclude(pk__in=Citation.objects.values("cited_id"))
            .order_by("id")
        )
        pending = set(
            Citation.objects.filter(citing__in=rows).values_list("cited_id", flat=True)
        ) - {row.pk for row in rows}
        for row in rows:
            for citation in Citation.objects.filter(citing=row):
                citation._history_user = user
                citation.delete()
            row._history_user = user
            row.delete()
            removed += 1
    return removed


@transaction.atomic
def claim_merge(
    *,
    kept: Claim,
    duplicate: Claim,
    actor: AbstractBaseUser | None = None,
    automatic: bool = False,
    score: float = 1.0,
    reasons: tuple[str, ...] = (),
) -> ClaimMatch:
    """Merge `duplicate` into `kept`: one claim from now on. Returns the confirmed match.

    The duplicate's assertions move to the kept claim (one that the kept claim already has,
    same source and document, is folded into it), and so its chains; its own duplicates now
    point to the kept claim; its pending suggestions become the kept claim's. Then the kept
    claim's citations of an outlet continue into that outlet's own report when it is recorded
    (provenance.services.hops).
    """
    from provenance.services.hops import claim_links_refresh

    if kept.pk == duplicate.pk:
        raise ValidationError("A claim cannot be merged into itself.", code="same_claim")
    locked = {
        c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=[kept.pk, duplicate.pk])
    }
    kept, duplicate = locked[kept.pk], locked[duplicate.pk]
    for claim in (kept, duplicate):
        if claim.duplicate_of_id is not None:
            raise ValidationError(
                f"Claim #{claim.pk} is already merged into claim #{claim.duplicate_of_id}.",
                code="merged",
            )
    assertions = list(
        Assertion.objects.select_for_update()
        .filter(claim_id__in=[kept.pk, duplicate.pk])
        .order_by("id")
    )
    have = {(a.source_id, a.document_id): a for a in assertions if a.claim_id == kept.pk}
    moved, folds = [], {}
    for assertion in assertions:
        if assertion.claim_id != duplicate.pk:
            continue
        twin = have.get((assertion.source_id, assertion.document_id))
        if twin is None:
            assertion.claim = kept
            moved.append(assertion)
        else:
            folds[assertion] = twin
    user = _history_user(actor)
    if moved:
        _touched(moved, actor)
        bulk_update_with_history(
            moved, Assertion, ["claim", "version", "updated_at"], default_user=user
        )
    assertions_fold(folds, actor=actor)
    Claim.objects.filter(duplicate_of=duplicate).update(duplicate_of=kept)
    duplicate.duplicate_of = kept
    validated_save(duplicate, actor=actor)
    match = _matches_carry_over(kept=kept, duplicate=duplicate, actor=actor)
    match.status = MatchStatus.CONFIRMED
    match.automatic = automatic
    if automatic:
        match.score, match.reasons = score, list(reasons)
    match.decided_by = user
    match.decided_at = timezone.now()
    validated_save(match, actor=actor)
    claim_links_refresh(claim_id=kept.pk, actor=actor)
    # Bulk writes send no signals: every claim whose graph holds a moved assertion (its own, and
    # those citing into it from other claims) changed.
    graph_changed(
        assertions=Assertion.objects.filter(claim_id=kept.pk),
        claim_ids=[kept.pk, duplicate.pk],
    )
    return match


def _matches_carry_over(
    *, kept: Claim, duplicate: Claim, actor: AbstractBaseUser | None
) -> ClaimMatch:
    """The duplicate's open matches with third claims become the kept claim's (a rejection wins
    over a suggestion: an editor said those two differ). Returns the pair's own match, created
    when the merge was not suggested first. Confirmed matches stay as they were recorded."""
    pair = (min(kept.pk, duplicate.pk), max(kept.pk, duplicate.pk))
    rows = list(
        ClaimMatch.objects.select_for_update().filter(
            Q(claim_id__in=[kept.pk, duplicate.pk]) | Q(other_id__in=[kept.pk, duplicate.pk])
        )
    )
    own = next((m for m in rows if (m.claim_id, m.other_id) == pair), None)
    if own is None:
        own = ClaimMatch(claim_id=pair[0], other_id=pair[1], score=1.0)
    by_third: dict[int, dict[int, ClaimMatch]] = {}
    for match in rows:
        if match is not own:
            side = match.claim_id if match.claim_id in pair else match.other_id
            third = match.other_id if side == match.claim_id else match.claim_id
            by_third.setdefault(third, {})[side] = match
    user = _history_user(actor)
    for third, sides in by_third.items():
        on_kept, on_duplicate = sides.get(kept.pk), sides.get(duplicate.pk)
        rejected = any(m.status == MatchStatus.REJECTED for m in sides.values())
        if on_duplicate is not None and on_duplicate.status == MatchStatus.CONFIRMED:
            continue
        if on_kept is None:
            on_duplicate.claim_id, on_duplicate.other_id = min(kept.pk, third), max(kept.pk, third)
            on_duplicate._history_user = user
            on_duplicate.save()
            continue
        if rejected and on_kept.status == MatchStatus.SUGGESTED:
            on_kept.status = MatchStatus.REJECTED
            on_kept._history_user = user
            on_kept.save()
        if on_duplicate is not None and on_duplicate.status == MatchStatus.SUGGESTED:
            on_duplicate._history_user = user
            on_duplicate.delete()
    return own
