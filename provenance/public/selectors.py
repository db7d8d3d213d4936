"""Reads for the public pages. Each page's queries are counted in the tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404

from provenance.analysis import Analysis, analyze
from provenance.graph import DocumentRef, ProvenanceGraph
from provenance.models import ArchiveLink, Assertion, Claim, Review, Source
from provenance.selectors import assertion_count, claim_provenance

LATEST_REVIEWS = 5


def newest_archive_links(*, document_ids: list[int]) -> dict[int, ArchiveLink]:
    """The newest archived copy of each document that has one (one query; none when no ids)."""
    if not document_ids:
        return {}
    newest: dict[int, ArchiveLink] = {}
    links = ArchiveLink.objects.filter(document_id__in=document_ids).order_by(
        "document_id", F("archived_at").desc(nulls_last=True), "-id"
    )
    for link in links:
        newest.setdefault(link.document_id, link)
    return newest


def _shown(claims: QuerySet[Claim], drafts: bool) -> QuerySet[Claim]:
    """Published claims, and drafts too when `drafts` (the reader is an editor or reviewer)."""
    return claims if drafts else claims.filter(published_at__isnull=False)


def public_claims(*, query: str = "", status: str = "", drafts: bool = False) -> QuerySet[Claim]:
    """Claims for the index, newest first: searched in wording, context and source names."""
    # A claim merged into another is shown as part of that one.
    claims = _shown(Claim.objects.filter(duplicate_of__isnull=True), drafts).annotate(
        assertion_total=assertion_count(per="claim")
    )
    query = query.strip()
    if query:
        asserted_by = Assertion.objects.filter(
            Q(source__name__icontains=query) | Q(source__aliases__name__icontains=query)
        ).values("claim_id")
        claims = claims.filter(
            Q(text__icontains=query) | Q(context__icontains=query) | Q(id__in=asserted_by)
        )
    if status:
        claims = claims.filter(status=status)
    return claims.order_by("-created_at", "-id")


def verdict_counts(*, drafts: bool = False) -> dict[str, int]:
    """How many claims carry each verdict (for the index's filter links)."""
    rows = (
        _shown(Claim.objects.filter(duplicate_of__isnull=True), drafts)
        .order_by()
        .values("status")
        .annotate(total=Count("id"))
    )
    return {row["status"]: row["total"] for row in rows}


@dataclass(frozen=True)
class ClaimPage:
    claim: Claim
    reviews: list[Review]
    graph: ProvenanceGraph
    analysis: Analysis

    @property
    def newest_review(self) -> Review | None:
        return self.reviews[0] if self.reviews else None

    @property
    def documents(self) -> list[DocumentRef]:
        """Every document in the graph, once, the claim's own first."""
        seen: dict[int, DocumentRef] = {}
        for node in sorted(self.graph.nodes, key=lambda n: (n.distance, n.id)):
            if node.document is not None:
                seen.setdefault(node.document.id, node.document)
        return list(seen.values())

    @property
    def appearances(self) -> list[DocumentRef]:
        """The documents the claim is asserted in, first appearance first."""
        by_id = {n.document.id: n.document for n in self.graph.claim_nodes if n.document}
        return [by_id[document_id] for document_id in self.analysis.appearances]


def claim_page(*, claim_id: int) -> ClaimPage:
    """The claim, its newest reviews and its provenance: four queries. 404 when unknown."""
    claim = get_object_or_404(Claim, pk=claim_id)
    reviews = list(claim.reviews.order_by("-created_at", "-id")[:LATEST_REVIEWS])
    graph = claim_provenance(claim_id=claim.pk)
    return ClaimPage(claim=claim, reviews=reviews, graph=graph, analysis=analyze(graph))


def public_source(*, source_id: int) -> Source:
    """A source with its affiliation. 404 when unknown."""
    return get_object_or_404(Source.objects.select_related("affiliation"), pk=source_id)


def source_assertions(*, source: Source, drafts: bool = False) -> QuerySet[Assertion]:
    """What the source asserted, with each claim and document, newest claim first; drafts'
    assertions only when `drafts`."""
    assertions = Assertion.objects.filter(source=source)
    if not drafts:
        assertions = assertions.filter(claim__published_at__isnull=False)
    return (
        assertions.select_related("claim", "document")
        # A document's snapshot can be megabytes; the page needs its title and address.
        .defer("document__snapshot", "document__text")
        .order_by("-claim__created_at", "-claim_id", "id")
    )


def source_verdict_counts(*, source: Source, drafts: bool = False) -> dict[str, int]:
    """How the claims the source asserted were rated: verdict -> number of distinct claims.
    The public's track record counts published claims only."""
    rows = (
        _shown(Claim.objects.filter(assertions__source=source), drafts)
        .order_by()
        .values("status")
        .annotate(total=Count("id", distinct=True))
    )
    return {row["status"]: row["total"] for row in rows}
