"""ClaimReview JSON-LD (schema.org), as search engines read it for fact checks.

Google requires `claimReviewed`, `reviewRating.alternateName` and `url`, and recommends
`author`, `datePublished`, `itemReviewed` (a Claim with its author, date and appearances) and the
numeric rating. Verdicts on the truth scale carry `ratingValue` between `worstRating` (false)
and `bestRating` (true); "unverifiable" has no place on that scale, so its rating is the name
alone (`alternateName`), which is what Google's documentation allows. "Unverified" and "in
review" are not conclusions: a claim whose newest verdict is one of those has no ClaimReview.

The Claim's author is who the claim comes from: its single named origin when there is one
(a person as Person, anything else as Organization); when the origin is anonymous, several or
missing (a loop), the source that first asserted the claim in public.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from provenance.analysis import Analysis
from provenance.graph import DocumentRef, Node, ProvenanceGraph, SourceRef
from provenance.models.claims import BEST_RATING, WORST_RATING, Verdict

# Verdicts that are not a conclusion about the claim yet.
OPEN_VERDICTS = frozenset({Verdict.UNVERIFIED, Verdict.IN_REVIEW})


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """What the ClaimReview needs from the newest review."""

    verdict: str
    reviewed_at: datetime


@dataclass(frozen=True, slots=True)
class Publisher:
    """The organisation publishing the fact checks."""

    name: str
    url: str


def has_claimreview(review: ReviewFacts | None) -> bool:
    """A ClaimReview needs a concluded verdict (see the module docstring)."""
    return review is not None and review.verdict not in OPEN_VERDICTS


def rating(verdict: str) -> dict:
    """The schema.org Rating for a verdict."""
    value = Verdict(verdict)
    result: dict = {"@type": "Rating", "alternateName": value.label}
    if value.rating is not None:
        result.update(ratingValue=value.rating, bestRating=BEST_RATING, worstRating=WORST_RATING)
    return result


def claimreview(
    *,
    claim_text: str,
    url: str,
    review: ReviewFacts,
    graph: ProvenanceGraph,
    analysis: Analysis,
    publisher: Publisher,
) -> dict:
    """The ClaimReview JSON-LD object for one claim and its newest review."""
    if not has_claimreview(review):
        raise ValueError("A ClaimReview needs a concluded verdict.")
    item: dict = {"@type": "Claim"}
    author = _claim_author(graph, analysis)
    if author is not None:
        item["author"] = _agent(author)
    documents = _appearances(graph)
    dates = [d.published_at for d in documents if d.published_at is not None]
    if dates:
        item["datePublished"] = min(dates).date().isoformat()
    if documents:
        item["appearance"] = [_creative_work(document) for document in documents]
        item["firstAppearance"] = _creative_work(documents[0])
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_text,
        "reviewRating": rating(review.verdict),
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "datePublished": review.reviewed_at.date().isoformat(),
    }


def _claim_nodes_in_order(graph: ProvenanceGraph) -> list[Node]:
    """The claim's own assertions, earliest published first (undated last), then by id."""
    return sorted(
        graph.claim_nodes,
        key=lambda node: (
            node.document is None or node.document.published_at is None,
            node.document.published_at if node.document and node.document.published_at else 0,
            node.id,
        ),
    )


def _claim_author(graph: ProvenanceGraph, analysis: Analysis) -> SourceRef | None:
    groups = analysis.origin_groups
    if len(groups) == 1 and not groups[0].anonymous and len(groups[0].node_ids) == 1:
        return graph.node(groups[0].node_ids[0]).source
    nodes = _claim_nodes_in_order(graph)
    return nodes[0].source if nodes else None


def _agent(source: SourceRef) -> dict:
    kind = "Person" if source.kind == "person" else "Organization"
    return {"@type": kind, "name": source.name}


def _appearances(graph: ProvenanceGraph) -> list[DocumentRef]:
    """Documents where the claim itself appears, first appearance first, each once."""
    seen: dict[int, DocumentRef] = {}
    for node in _claim_nodes_in_order(graph):
        if node.document is not None:
            seen.setdefault(node.document.id, node.document)
    return list(seen.values())


def _creative_work(document: DocumentRef) -> dict:
    work: dict = {"@type": "CreativeWork", "headline": document.title}
    if document.url:
        work["url"] = document.url
    if document.published_at:
        work["datePublished"] = document.published_at.date().isoformat()
    if document.publisher_name:
        work["publisher"] = {"@type": "Organization", "name": document.publisher_name}
    return work
