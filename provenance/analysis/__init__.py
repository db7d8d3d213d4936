"""Provenance analysis: what stands behind a claim. The definitions, applicable by hand.

The input is a claim's provenance graph: its assertions (an outlet, person, organization,
anonymous source or document stating the claim, optionally in a document), everything upstream
of them, and citations between assertions. A citation A -> B means "A relies on B" (A cites B).
Citations to an assertion outside the graph are left out of paths and cycles, but still count as
links, and the assertion that makes one is not an origin.

- **Origins**: assertions that cite nothing. A claim assertion that cites nothing is its own
  origin.
- **Independent origins**: origins grouped so that each group counts once. An origin's key is the
  affiliation of its source when the source has one, otherwise the source itself; so the same
  source asserting twice counts once, two people of one organization count once, and an
  organization counts with its own people; anonymous "White House officials" affiliated to the
  White House count with Jake Sullivan. An anonymous source without affiliation is keyed by its
  descriptor (its name when no descriptor is recorded), compared without case, without leading
  articles and counts ("a", "the", "four", "12", "several", "some", "a few", "dozens") and with
  each word's plural folded onto its singular: "a US official", "four US officials" and "US
  officials" are one origin; "US officials" and "Israeli officials" are two. A group is labelled
  with its source's name ("Harbor Gazette"), "anonymous: " and the names for anonymous sources
  ("anonymous: four US officials"), or the affiliation and who spoke for it ("White House (Jake
  Sullivan, Karine Jean-Pierre)").
- **Unsourced**: there is at least one origin and every origin is an outlet speaking in its own
  voice (with no document, or in a document it published or whose publisher is not recorded):
  the only origin is the publisher.
- **Copies**: an assertion that `reuses` another (a confirmed undisclosed copy of the other's
  document) depends on it. Its other citations came with the copied text, so an origin reached
  only through a copy's other citations (every citation of it is one, or comes from such an
  origin's upstream) is a **dependent origin**: listed, but grouped into no independent origin.
- **Circular reporting**: a set of assertions that all lead back to each other through citations
  (a strongly connected component of more than one assertion, or an assertion citing itself). An
  assertion on a cycle cites something, so it is never an origin: a cycle contributes no
  independent origin, and a claim whose every path ends in a cycle has 0 independent origins.
- **Roots**: the most downstream claim assertions: those that nothing outside their own cycle
  cites. Without cycles, the claim assertions nobody cites; when the claim's reports cite each
  other in a loop that nothing else cites, every claim assertion on that loop.
- **Chains**: for each root and each origin it reaches, one path, the bottleneck-best: the path
  whose weakest hop has the best fidelity, then the one with the fewest hops, then the one whose
  assertion ids, read from the root, are smallest. Fidelity from best to worst: faithful,
  unchecked, distorted, unsupported (an unknown value counts as unchecked). A chain is broken when
  it passes an unsupported hop, that is when every path from its root to its origin does. Chains
  are listed by root id, then origin id; the first 50 are listed, all are counted.
- **Weakest fidelity**: the worst weakest hop over all chains. **Broken**: there are chains and
  every chain is broken: no intact path to any origin.
- **Depth**: the greatest number of hops over all chains (0 when every root is its own origin).
  When no root reaches an origin (every path ends in a cycle): the greatest shortest-path hop
  count from a root to an assertion it reaches.
- **Links**: citations in the graph; checked when their fidelity is not "unchecked".
- **Timeline anomaly**: a citation whose cited document was published strictly after the citing
  document, both dates known.
- **Appearances**: the documents the claim's own assertions are made in, first published first
  (undated last, then by id); the first is the claim's **first appearance**.
- **Document cycles**: the cycles whose assertions lie in two or more documents (two outlets'
  articles citing each other), as the documents' ids.
- **Flagged documents**: documents in the graph that are retracted or corrected, or whose page
  the watch found gone or changed (its source state). Every document in the graph is upstream of
  the claim, so each one flags it.
- **Reporting sources**: distinct sources among assertions that are not origins ("12 outlets,
  1 origin").
- **Truncated**: the traversal hit its depth or size cap; the figures describe the part loaded.
  Depth, links and sources are lower bounds; an assertion at the edge of the loaded part whose
  citations were not loaded shows as an origin.
- **Summary**: "N independent origin(s) (first three group labels; +N more) · N hop(s) · K of N
  links checked", then, only when they apply: circular reporting (the sources on each cycle),
  unsourced, broken (or the count of unsupported links), distorted links, timeline anomalies,
  retracted and corrected documents, truncation. The links segment is left out when there are
  none; a claim with no assertions reads "0 independent origins · no assertions recorded". For
  example "1 independent origin (anonymous: four US officials) · 2 hops · 0 of 2 links checked".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from provenance.graph import ProvenanceGraph

from . import origins as _origins
from . import paths as _paths
from .findings import (
    FIDELITY_ORDER,
    MAX_CHAINS,
    Analysis,
    Chain,
    OriginGroup,
    TimelineAnomaly,
)
from .summary import summarize

__all__ = [
    "FIDELITY_ORDER",
    "MAX_CHAINS",
    "Analysis",
    "Chain",
    "OriginGroup",
    "TimelineAnomaly",
    "analyze",
]

_FLAGGING_STATUSES = ("retracted", "corrected")
# Watching the address (provenance.services.watching): a page gone or changed since it was
# recorded no longer shows the evidence, so it flags the claim as a retraction does.
_FLAGGING_SOURCE_STATES = ("gone", "changed")


def analyze(graph: ProvenanceGraph) -> Analysis:
    """Apply the definitions above to one claim's provenance graph."""
    adj = _paths.adjacency(graph)
    citing = {edge.citing for edge in graph.edges}
    origins = tuple(sorted(node.id for node in graph.nodes if node.id not in citing))
    dependent = _dependent_origins(graph, origins)
    groups = _origins.origin_groups(graph, tuple(o for o in origins if o not in dependent))
    component = _paths.components(adj)
    cycles = _paths.cycles(adj, component)
    stats = _paths.chains(adj, _paths.roots(graph, adj, component), origins)
    # An unknown fidelity counts as unchecked here as on paths: nobody has vouched for the hop.
    fidelities = [e.fidelity if e.fidelity in FIDELITY_ORDER else "unchecked" for e in graph.edges]
    documents = {node.document.id: node.document for node in graph.nodes if node.document}
    flagged = {
        status: tuple(sorted(d.id for d in documents.values() if d.status == status))
        for status in _FLAGGING_STATUSES
    }
    drifted = {
        state: tuple(sorted(d.id for d in documents.values() if d.source_state == state))
        for state in _FLAGGING_SOURCE_STATES
    }
    origin_set = set(origins)
    appearances = _appearances(graph)
    found = Analysis(
        origins=origins,
        origin_groups=groups,
        independent_origins=len(groups),
        dependent_origins=tuple(sorted(dependent)),
        unsourced=bool(origins)
        and all(_origins.speaks_for_itself(graph.node(node_id)) for node_id in origins),
        circular=bool(cycles),
        cycles=cycles,
        document_cycles=_document_cycles(graph, cycles),
        depth=stats.depth,
        chains=stats.chains,
        chains_total=stats.total,
        chains_capped=stats.total > len(stats.chains),
        weakest_fidelity=None if stats.weakest_rank is None else FIDELITY_ORDER[stats.weakest_rank],
        broken=stats.total > 0 and stats.broken == stats.total,
        broken_chains=stats.broken,
        links=len(fidelities),
        checked_links=sum(f != "unchecked" for f in fidelities),
        unchecked_links=fidelities.count("unchecked"),
        faithful_links=fidelities.count("faithful"),
        distorted_links=fidelities.count("distorted"),
        unsupported_links=fidelities.count("unsupported"),
        timeline_anomalies=_timeline_anomalies(graph),
        appearances=appearances,
        first_appearance=appearances[0] if appearances else None,
        flagged_documents=tuple(
            sorted(
                set(flagged["retracted"] + flagged["corrected"])
                | set(drifted["gone"] + drifted["changed"])
            )
        ),
        retracted_documents=flagged["retracted"],
        corrected_documents=flagged["corrected"],
        gone_documents=drifted["gone"],
        changed_documents=drifted["changed"],
        retracted=bool(flagged["retracted"]),
        truncated=graph.truncated,
        assertions=len(graph.nodes),
        reporting_sources=len({n.source.id for n in graph.nodes if n.id not in origin_set}),
        summary="",
    )
    return replace(found, summary=summarize(graph, found))


def _dependent_origins(graph: ProvenanceGraph, origins: tuple[int, ...]) -> set[int]:
    """Origins reached only through copies' own citations (see "Copies" above)."""
    copies = {edge.citing for edge in graph.edges if edge.relation == "reuses"}
    if not copies:
        return set()
    known = {node.id for node in graph.nodes}
    into: dict[int, list[tuple[int, str]]] = {}
    for edge in graph.edges:
        if edge.citing in known and edge.cited in known:
            into.setdefault(edge.cited, []).append((edge.citing, edge.relation))
    # Upstream of copies only: a node every citer of which is a copy (by its own citation, not
    # the reuse) or such a node; settled in rounds until nothing changes (loops terminate).
    carried: set[int] = set()
    changed = True
    while changed:
        changed = False
        for node_id, citers in into.items():
            if node_id in carried:
                continue
            if all(
                (citer in copies and relation != "reuses") or citer in carried
                for citer, relation in citers
            ):
                carried.add(node_id)
                changed = True
    return carried & set(origins)


def _document_cycles(
    graph: ProvenanceGraph, cycles: tuple[tuple[int, ...], ...]
) -> tuple[tuple[int, ...], ...]:
    found = []
    for cycle in cycles:
        documents = {graph.node(n).document.id for n in cycle if graph.node(n).document}
        if len(documents) > 1:
            found.append(tuple(sorted(documents)))
    return tuple(found)


def _appearances(graph: ProvenanceGraph) -> tuple[int, ...]:
    documents = {}
    for node in graph.claim_nodes:
        if node.document is not None:
            documents[node.document.id] = node.document
    ordered = sorted(
        documents.values(),
        key=lambda d: (
            d.published_at is None,
            _comparable(d.published_at) if d.published_at else datetime.min.replace(tzinfo=UTC),
            d.id,
        ),
    )
    return tuple(d.id for d in ordered)


def _timeline_anomalies(graph: ProvenanceGraph) -> tuple[TimelineAnomaly, ...]:
    known = {node.id for node in graph.nodes}
    found = []
    for edge in sorted(graph.edges, key=lambda e: e.id):
        if edge.citing not in known or edge.cited not in known:
            continue
        citing, cited = graph.node(edge.citing).document, graph.node(edge.cited).document
        if citing is None or cited is None or not (citing.published_at and cited.published_at):
            continue
        if _comparable(cited.published_at) > _comparable(citing.published_at):
            found.append(
                TimelineAnomaly(
                    edge_id=edge.id,
                    citing_node=edge.citing,
                    cited_node=edge.cited,
                    citing_published_at=citing.published_at,
                    cited_published_at=cited.published_at,
                )
            )
    return tuple(found)


def _comparable(moment: datetime) -> datetime:
    # Stored dates are aware (USE_TZ); a naive one from a hand-built graph is read as UTC rather
    # than failing the comparison.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
