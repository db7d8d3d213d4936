"""Claims' matching vectors: computed once per wording, outside the writing request.

A claim's vector is (re)computed after its wording is recorded or changed, on commit, in the
background when a broker is configured (in-process otherwise, as every task here). Once the
vectors are stored, the claims are matched against the others
(`provenance.services.matching.claim_matches_find`, when that service is installed).
"""

import importlib
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction

from provenance.matching import MODEL, claim_key, embed
from provenance.models import Claim, ClaimVector

logger = logging.getLogger(__name__)
BATCH = 500
"""Claims embedded together: bounds memory, and one bulk write a batch."""


def claim_vectors_schedule(*, claim_ids: Iterable[int]) -> None:
    """Compute these claims' vectors once the current transaction commits."""
    ids = sorted(set(claim_ids))
    if ids:
        transaction.on_commit(lambda: claim_vectors_dispatch(claim_ids=ids))


def claim_vectors_dispatch(*, claim_ids: list[int]) -> None:
    """Hand the work to a Celery worker, or do it now when there is no broker."""
    if settings.PROVENANCE_BACKGROUND_TASKS:
        from provenance.tasks import embed_claims

        for start in range(0, len(claim_ids), BATCH):
            embed_claims.delay(claim_ids[start : start + BATCH])
        return
    claim_vectors_compute(claim_ids=claim_ids)


def claim_vectors_compute(*, claim_ids: Iterable[int]) -> int:
    """Store a current vector for each of these claims that lacks one; returns how many.

    A vector is current when it was made by this model from the claim's present wording.
    Afterwards every claim whose vector was stored is matched (see the module docstring).
    """
    stored = claim_vectors_store(claim_ids=claim_ids)
    find = _matches_find()
    if find is not None:
        for claim_id in stored:
            find(claim_id=claim_id)
    return len(stored)


def claim_vectors_store(*, claim_ids: Iterable[int]) -> list[int]:
    """Store a current vector for each of these claims that lacks one, without matching them;
    returns the ids of the claims whose vector was stored. Two statements a batch."""
    ids = sorted(set(claim_ids))
    stored: list[int] = []
    for start in range(0, len(ids), BATCH):
        rows = list(
            Claim.objects.filter(pk__in=ids[start : start + BATCH]).values_list(
                "pk", "text", "match_vector__model", "match_vector__key"
            )
        )
        stale = [
            (pk, text, claim_key(text))
            for pk, text, model, key in rows
            if model != MODEL or key != claim_key(text)
        ]
        if not stale:
            continue
        vectors = embed([text for _, text, _ in stale])
        ClaimVector.objects.bulk_create(
            [
                ClaimVector(claim_id=pk, model=MODEL, key=key, vector=vector)
                for (pk, _, key), vector in zip(stale, vectors, strict=True)
            ],
            update_conflicts=True,
            unique_fields=["claim"],
            update_fields=["model", "key", "vector"],
        )
        stored.extend(pk for pk, _, _ in stale)
    return stored


def _matches_find() -> Callable[..., object] | None:
    # The matching service (suggestions, automatic merges) builds on these vectors; until it
    # is installed, vectors are only stored.
    try:
        module = importlib.import_module("provenance.services.matching")
    except ModuleNotFoundError:
        return None
    return getattr(module, "claim_matches_find", None)
