"""Undisclosed copying: suggesting, confirming and rejecting "reuses" links between documents.

Detection runs when an article is ingested (its body text is known then): its fingerprint is
stored, documents sharing a band are measured (provenance.reuse) and each pair overlapping at
least `PROVENANCE_REUSE_MIN_OVERLAP` becomes a suggestion, the later document (by publication
time, else by recording) as the copy. Pairs are left alone when the copy cites the original
(its document or its publisher: disclosed), when both have the same publisher (an outlet
reusing its own text), or when an editor already decided on them.

Confirming a reuse makes each claim asserted in both documents depend on the original: the
copy's assertion gets a `reuses` citation of the original's, so the copy is no independent
origin (see provenance.analysis). Rejecting it is remembered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from provenance import reuse
from provenance.models import (
    Assertion,
    Citation,
    Document,
    DocumentFingerprint,
    DocumentReuse,
    MatchStatus,
)
from provenance.services.validation import locked, validated_save

MAX_CANDIDATES = 20
"""Documents measured exactly per article, those sharing the most bands first."""


def _is_copy(document: Document, other: Document) -> bool:
    """Whether `document` came after `other`: published later, else recorded later."""
    if document.published_at and other.published_at and document.published_at != other.published_at:
        return document.published_at > other.published_at
    return document.pk > other.pk


@transaction.atomic
def document_reuses_detect(*, document: Document) -> list[DocumentReuse]:
    """Store the document's fingerprint and suggest reuses with the documents it overlaps.

    Four queries when nothing is found (fingerprint, candidates, their texts, the citations
    between them), whatever the number of documents recorded.
    """
    own = reuse.shingles(document.text)
    if len(own) < reuse.MIN_SHINGLES:
        return []
    values = reuse.bands(reuse.signature(own))
    table = DocumentFingerprint._meta.db_table
    # Plain SQL: building 32 model instances and their INSERT costs more than the hashing.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE document_id = %s", [document.pk])  # noqa: S608
        cursor.executemany(
            f"INSERT INTO {table} (document_id, band, value) VALUES (%s, %s, %s)",  # noqa: S608
            [(document.pk, band, value) for band, value in enumerate(values)],
        )
        placeholders = ", ".join(["%s"] * len(values))
        cursor.execute(
            f"SELECT document_id, band, value FROM {table} "  # noqa: S608
            f"WHERE value IN ({placeholders}) AND document_id <> %s",
            [*values, document.pk],
        )
        rows = cursor.fetchall()
    shared = Counter(other for other, band, value in rows if values[band] == value)
    ranked = [other for other, _ in sorted(shared.items(), key=lambda i: (-i[1], -i[0]))]
    ranked = ranked[:MAX_CANDIDATES]
    if not ranked:
        return []
    candidates = list(
        Document.objects.filter(pk__in=ranked).only("id", "text", "published_at", "publisher_id")
    )
    threshold = settings.PROVENANCE_REUSE_MIN_OVERLAP
    pairs: dict[tuple[int, int], float] = {}
    for other in candidates:
        if document.publisher_id is not None and other.publisher_id == document.publisher_id:
            continue
        copy, original = (document, other) if _is_copy(document, other) else (other, document)
        copy_shingles = own if copy is document else reuse.shingles(copy.text)
        original_shingles = own if original is document else reuse.shingles(original.text)
        ratio = reuse.overlap(copy_shingles, original_shingles)
        if ratio >= threshold:
            pairs[(copy.pk, original.pk)] = (round(ratio, 4), original.publisher_id)
    if not pairs:
        return []
    involved = {pk for pair in pairs for pk in pair}
    cited = set(
        Citation.objects.filter(citing__document_id__in=involved).values_list(
            "citing__document_id", "cited__document_id", "cited__source_id"
        )
    )
    cited_documents = {(copy, document) for copy, document, _ in cited}
    cited_sources = {(copy, source) for copy, _, source in cited}
    decided = set(
        DocumentReuse.objects.filter(
            reduce(or_, (Q(copy_id=c, original_id=o) for c, o in pairs))
        ).values_list("copy_id", "original_id")
    )
    suggestions = [
        DocumentReuse(copy_id=copy, original_id=original, overlap=ratio)
        for (copy, original), (ratio, publisher) in pairs.items()
        if (copy, original) not in decided
        and (copy, original) not in cited_documents
        and (publisher is None or (copy, publisher) not in cited_sources)
    ]
    return DocumentReuse.objects.bulk_create(suggestions)


def _decide(reuse_id: int, *, status: str, actor: AbstractBaseUser) -> DocumentReuse:
    found = locked(DocumentReuse, reuse_id)
    if found.status != MatchStatus.SUGGESTED:
        raise ValidationError(
            f"This reuse was already {found.get_status_display().lower()}.", code="decided"
        )
    found.status = status
    found.decided_by = actor if actor.is_authenticated else None
    found.decided_at = timezone.now()
    return validated_save(found, actor=actor)


@transaction.atomic
def document_reuse_confirm(*, reuse_id: int, actor: AbstractBaseUser) -> DocumentReuse:
    """An editor confirms the copy: each claim in both documents now depends on the original."""
    confirmed = _decide(reuse_id, status=MatchStatus.CONFIRMED, actor=actor)
    shared = Assertion.objects.filter(document_id=confirmed.copy_id).values("claim_id")
    claim_ids = set(
        Assertion.objects.filter(
            document_id=confirmed.original_id, claim_id__in=shared
        ).values_list("claim_id", flat=True)
    )
    reuse_citations_link(claim_ids=claim_ids, actor=actor)
    return confirmed


@transaction.atomic
def document_reuse_reject(*, reuse_id: int, actor: AbstractBaseUser) -> DocumentReuse:
    """An editor rejects the suggestion; the pair is never suggested again."""
    return _decide(reuse_id, status=MatchStatus.REJECTED, actor=actor)


def reuse_citations_link(*, claim_ids: Iterable[int], actor: AbstractBaseUser | None = None) -> int:
    """A `reuses` citation from the copy's assertion to the original's, for each claim asserted
    in both documents of a confirmed reuse. Returns how many were added (two queries if none)."""
    claim_ids = set(claim_ids)
    if not claim_ids:
        return 0
    assertions = list(
        Assertion.objects.filter(claim_id__in=claim_ids, document__isnull=False)
        .order_by("id")
        .only("id", "claim_id", "document_id")
    )
    documents = {a.document_id for a in assertions}
    confirmed = list(
        DocumentReuse.objects.filter(
            status=MatchStatus.CONFIRMED, copy_id__in=documents, original_id__in=documents
        ).select_related("original__publisher")
    )
    if not confirmed:
        return 0
    by_key: dict[tuple[int, int], Assertion] = {}
    for assertion in assertions:
        by_key.setdefault((assertion.claim_id, assertion.document_id), assertion)
    existing = set(
        Citation.objects.filter(
            citing_id__in=[a.pk for a in assertions], relation=Citation.Relation.REUSES
        ).values_list("citing_id", "cited_id")
    )
    added = 0
    for found in confirmed:
        original = found.original
        by = f" ({original.publisher.name})" if original.publisher else ""
        evidence = (
            f"{found.overlap:.0%} of its text is found in “{original.title}”{by}, "
            "which it does not cite (confirmed reuse)."
        )
        for claim_id in sorted(claim_ids):
            copy = by_key.get((claim_id, found.copy_id))
            source = by_key.get((claim_id, found.original_id))
            if copy is None or source is None or (copy.pk, source.pk) in existing:
                continue
            citation = Citation(
                citing=copy,
                cited=source,
                relation=Citation.Relation.REUSES,
                evidence=evidence,
                created_by=actor if actor is not None and actor.is_authenticated else None,
            )
            validated_save(citation, actor=actor)
            existing.add((copy.pk, source.pk))
            added += 1
    return added
