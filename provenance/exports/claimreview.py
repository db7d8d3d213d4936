"""ClaimReview JSON-LD (schema.org), as search engines read it for fact checks.

Google requires `claimReviewed`, `reviewRating.alternateName` and `url`, and recommends
`author`, `datePublished`, `itemReviewed` (a Claim with its author, date and appearances) and the
numeric rating. Verdicts on the truth scale carry `ratingValue` between `worstRating` (false)
and `bestRating` (true); "unverifiable" has no place on that scale, so its rating is the name
alone (`alternateName`), which is what Google's documentation allows. "Unverified" and "in
review" are not conclusions: a claim whose newest verdict is one of those has no ClaimReview.

The Claim's author is who the claim comes from: its single named origin when there is one
(a person as Person, anything else as Organization); when the origin is anonymous, several or
missing (a loop), the first named source to assert the claim, in the chain's order (a cited
source before the one citing it, then by publication time). Appearances follow the same order.
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
    """The claim's own assertions in the order they appeared: a cited assertion before the one
    citing it (directly or through other assertions), whatever the dates say; otherwise
    earliest published first, undated after dated, then by id.

    Chains are often undated (a relay names its source but not when it wrote), and ordering
    those by id named the relaying outlet as the claim's author and first appearance.
    """
    nodes = {node.id: node for node in graph.claim_nodes}
    cites: dict[int, set[int]] = {}
    for edge in graph.edges:
        cites.setdefault(edge.citing, set()).add(edge.cited)

    def upstream(start: int) -> set[int]:
        seen, todo = set(), [start]
        while todo:
            for cited in cites.get(todo.pop(), ()):
                if cited not in seen:
                    seen.add(cited)
                    todo.append(cited)
        return seen & nodes.keys() - {start}

    waits_for = {node_id: upstream(node_id) for node_id in nodes}

    def key(node_id: int) -> tuple:
        document = nodes[node_id].document
        published = document.published_at if document is not None else None
        return (published is None, published or 0, node_id)

    ordered: list[Node] = []
    left = set(nodes)
    while left:
        ready = [n for n in left if not waits_for[n] & left]
        # In a loop every assertion waits for another: the earliest of them goes first.
        chosen = min(ready or left, key=key)
        ordered.append(nodes[chosen])
        left.discard(chosen)
    return ordered


def _claim_author(graph: ProvenanceGraph, analysis: Analysis) -> SourceRef | None:
    groups = analysis.origin_groups
    if len(groups) == 1 and not groups[0].anonymous and len(groups[0].node_ids) == 1:
        return graph.node(groups[0].node_ids[0]).source
    # An anonymous source is not a name to credit: the first named source in the chain's order.
    nodes = [node for node in _claim_nodes_in_order(graph) if node.source.kind != "anonymous"]
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
