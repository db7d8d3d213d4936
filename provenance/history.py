"""Reads of the change history: who changed what, when, on a claim and its chain.

django-simple-history keeps one row per saved version of claims, assertions, citations,
sources and documents (the request's user, or the service's actor, as `history_user`).
This module turns those rows into entries with field-by-field changes, in a fixed number of
queries whatever the history's length: rows are fetched per model and compared in memory.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from provenance.models import Assertion, Citation, Claim, Review

# Fields every save touches: not news to a reader of the history.
_NOISE = frozenset({"id", "version", "updated_at", "created_at"})
_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    user: str | None
    model: str  # claim | assertion | citation | review
    object_id: int
    action: str  # created | changed | deleted | verdict
    revision: int | None  # the history row's id (claims: what /revert/ takes)
    version: int | None
    changes: tuple[Change, ...]


def _entries(rows, model_name: str) -> list[HistoryEntry]:
    """Entries for one model's history rows, each compared with the previous row of its object."""
    if not rows:
        return []
    fields = [f.attname for f in rows[0].tracked_fields if f.attname not in _NOISE]
    by_object = defaultdict(list)
    for row in rows:
        by_object[row.id].append(row)
    entries = []
    for versions in by_object.values():
        versions.sort(key=lambda row: (row.history_date, row.history_id))
        previous = None
        for row in versions:
            if row.history_type == "~" and previous is not None:
                changes = tuple(
                    Change(name, getattr(previous, name), getattr(row, name))
                    for name in fields
                    if getattr(previous, name) != getattr(row, name)
                )
            elif row.history_type == "+":
                changes = tuple(
                    Change(name, None, getattr(row, name))
                    for name in fields
                    if getattr(row, name) not in (None, "")
                )
            else:
                changes = ()
            entries.append(
                HistoryEntry(
                    at=row.history_date,
                    user=row.history_user.get_username() if row.history_user else None,
                    model=model_name,
                    object_id=row.id,
                    action=_ACTIONS[row.history_type],
                    revision=row.history_id,
                    version=row.version,
                    changes=changes,
                )
            )
            previous = row
    return entries


def claim_history(*, claim_id: int) -> list[HistoryEntry]:
    """Every recorded change to a claim, its assertions, their citations and its verdicts,
    newest first. Five queries whatever the length of the history.

    A claim that others were merged into shows their pasts too: their own changes and
    verdicts, and their assertions' changes from before they moved (entries name their claim
    by `object_id` for claims and reviews).
    """
    claim_ids = Claim.objects.filter(Q(pk=claim_id) | Q(duplicate_of_id=claim_id)).values("id")
    claim_rows = list(Claim.history.filter(id__in=claim_ids).select_related("history_user"))
    ever_here = Assertion.history.filter(claim_id__in=claim_ids).values("id")
    assertion_rows = list(Assertion.history.filter(id__in=ever_here).select_related("history_user"))
    assertion_ids = {row.id for row in assertion_rows}
    citation_rows = list(
        Citation.history.filter(citing_id__in=assertion_ids).select_related("history_user")
        if assertion_ids
        else ()
    )
    reviews = Review.objects.filter(claim_id__in=claim_ids).select_related("reviewer")
    entries = [
        *_entries(claim_rows, "claim"),
        *_entries(assertion_rows, "assertion"),
        *_entries(citation_rows, "citation"),
        *(
            HistoryEntry(
                at=review.created_at,
                user=review.reviewer.get_username(),
                model="review",
                object_id=review.pk,
                action="verdict",
                revision=None,
                version=None,
                changes=(
                    Change("verdict", None, review.verdict),
                    Change("rationale", None, review.rationale),
                ),
            )
            for review in reviews
        ),
    ]
    entries.sort(key=lambda entry: (entry.at, entry.revision or 0), reverse=True)
    return entries
