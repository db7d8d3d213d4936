"""The provenance analysis: what a claim's citation graph says about where it comes from.

The one home of these definitions. It reads the plain graph from the selector, touches no
database, and every interface (API, admin, public pages, exports) shows its findings.

Definitions (an edge A -> B means "A cites B"):

- **Origins**: assertions that cite nothing in the graph (primary sources).
- **Independent origins**: origins grouped so that each group counts once. Origins whose
  sources share an affiliation are one group (an organization and the people affiliated to it
  count once: the key is the affiliation when the source has one, else the source itself).
  Anonymous origins without an affiliation that cannot be told apart — the same descriptor,
  compared case-insensitively with singular and plural alike ("a US official" ≈ "US officials";
  without a descriptor the name stands in, less a leading count or article) — are one group.
  The same source asserting twice is one group. A cycle contributes no independent origin:
  nodes on a cycle cite something, so they are never origins.
- **Unsourced**: the only origins are outlets speaking in their own voice (the origin's source
  publishes the document it asserts in, or is an outlet asserting without a document).
- **Circular reporting**: any cycle, i.e. a strongly connected set of two or more assertions.
- **Chains**: for each root — a claim assertion that nothing in the graph cites (all claim
  assertions when every one is cited, as in a loop) — and each origin it reaches, the one path
  whose weakest link is best, then with the fewest hops, then with the smallest ids.
- **Weakest link**: links rank faithful > unchecked > distorted > unsupported; a chain's weakest
  link is its lowest-ranked hop, and a chain through an *unsupported* hop is **broken**.
- **Depth**: hops from the most downstream assertion to its origin: the longest chain. With no
  origin (a closed loop), the farthest any assertion is from a root.
- **Timeline anomaly**: a citation whose cited document was published after the citing one.
- **Flagged documents**: corrected or retracted documents in the graph; they flag the claim.
- **Truncated**: the traversal stopped at a cap; every figure is then a lower bound.
"""

from __future__ import annotations

import heapq
import re
from collections import deque
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from provenance.graph import Edge, Node, ProvenanceGraph

FIDELITY_RANK = {"faithful": 3, "unchecked": 2, "distorted": 1, "unsupported": 0}
MAX_CHAINS = 50
MAX_LABELS = 3

_LEADING = re.compile(
    r"^(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|\d+)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class OriginGroup:
    key: str
    label: str
    kind: str
    anonymous: bool
    node_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Chain:
    node_ids: tuple[int, ...]  # root first, origin last
    edge_ids: tuple[int, ...]
    hops: int
    weakest: str | None  # None for a chain of no hops
    broken: bool


@dataclass(frozen=True, slots=True)
class TimelineAnomaly:
    edge_id: int
    citing_node: int
    cited_node: int
    citing_published_at: datetime
    cited_published_at: datetime


@dataclass(frozen=True, slots=True)
class Analysis:
    origins: tuple[int, ...] = ()
    origin_groups: tuple[OriginGroup, ...] = ()
    independent_origins: int = 0
    unsourced: bool = False
    circular: bool = False
    cycles: tuple[tuple[int, ...], ...] = ()
    depth: int = 0
    chains: tuple[Chain, ...] = ()
    chains_capped: bool = False
    weakest_fidelity: str | None = None
    broken: bool = False
    broken_chains: int = 0
    links: int = 0
    checked_links: int = 0
    unchecked_links: int = 0
    distorted_links: int = 0
    unsupported_links: int = 0
    timeline_anomalies: tuple[TimelineAnomaly, ...] = ()
    flagged_documents: tuple[int, ...] = ()
    retracted: bool = False
    reporting_sources: int = 0
    truncated: bool = False
    summary: str = ""

    def as_dict(self) -> dict:
        """JSON-ready plain data: lists for tuples, ISO 8601 for dates."""
        return _plain(asdict(self))


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def analyze(graph: ProvenanceGraph) -> Analysis:
    """Every finding of the module docstring, for one graph."""
    nodes = {node.id: node for node in graph.nodes}
    upstream: dict[int, list[Edge]] = {node_id: [] for node_id in nodes}
    cited: set[int] = set()
    for edge in graph.edges:
        upstream[edge.citing].append(edge)
        cited.add(edge.cited)

    origins = tuple(sorted(node_id for node_id, edges in upstream.items() if not edges))
    groups = _origin_groups([nodes[node_id] for node_id in origins])
    cycles = _cycles(nodes, upstream)
    roots = _roots(graph, cited)
    chains, capped = _chains(roots, set(origins), upstream)
    depth = max((chain.hops for chain in chains), default=0)
    if not origins:
        depth = max((max(_distances([root], upstream).values()) for root in roots), default=0)

    fidelities = [edge.fidelity for edge in graph.edges]
    ranked = [chain.weakest for chain in chains if chain.weakest is not None]
    weakest = min(ranked, key=FIDELITY_RANK.__getitem__) if ranked else None
    broken_chains = sum(chain.broken for chain in chains)
    flagged = tuple(
        sorted(
            {
                node.document.id
                for node in graph.nodes
                if node.document and node.document.status in ("corrected", "retracted")
            }
        )
    )
    retracted = any(
        node.document is not None and node.document.status == "retracted" for node in graph.nodes
    )
    analysis = Analysis(
        origins=origins,
        origin_groups=groups,
        independent_origins=len(groups),
        unsourced=bool(origins) and all(_own_voice(nodes[node_id]) for node_id in origins),
        circular=bool(cycles),
        cycles=cycles,
        depth=depth,
        chains=chains,
        chains_capped=capped,
        weakest_fidelity=weakest,
        broken=bool(chains) and broken_chains == len(chains),
        broken_chains=broken_chains,
        links=len(fidelities),
        checked_links=sum(f != "unchecked" for f in fidelities),
        unchecked_links=fidelities.count("unchecked"),
        distorted_links=fidelities.count("distorted"),
        unsupported_links=fidelities.count("unsupported"),
        timeline_anomalies=_timeline_anomalies(graph, nodes),
        flagged_documents=flagged,
        retracted=retracted,
        reporting_sources=len(
            {node.source.id for node in graph.nodes if node.id not in set(origins)}
        ),
        truncated=graph.truncated,
    )
    return _with_summary(analysis, graph, nodes)


def descriptor_key(text: str) -> str:
    """ "four US officials" and "a US official" -> "us official"."""
    text = " ".join(text.split()).casefold()
    text = _LEADING.sub("", text)
    words = text.split(" ")
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _group_key(node: Node) -> tuple[str, str]:
    source = node.source
    if source.affiliation_id is not None:
        return f"affiliation:{source.affiliation_id}", source.affiliation_name or ""
    if source.kind == "anonymous":
        return f"anonymous:{descriptor_key(source.descriptor or source.name)}", ""
    return f"source:{source.id}", ""


def _origin_groups(origins: list[Node]) -> tuple[OriginGroup, ...]:
    members: dict[str, list[Node]] = {}
    affiliation_names: dict[str, str] = {}
    for node in origins:
        key, affiliation = _group_key(node)
        members.setdefault(key, []).append(node)
        affiliation_names[key] = affiliation
    groups = []
    for key, group in members.items():
        names = list(dict.fromkeys(node.source.name for node in group))
        anonymous = all(node.source.kind == "anonymous" for node in group)
        affiliation = affiliation_names[key]
        if len(names) == 1:
            # "four US officials"; "Jake Sullivan, White House".
            label = names[0]
            if affiliation and not anonymous and affiliation != names[0]:
                label += f", {affiliation}"
        elif affiliation:
            # "White House (Jake Sullivan, Karine Jean-Pierre)".
            label = f"{affiliation} ({', '.join(n for n in names if n != affiliation)})"
        else:
            label = ", ".join(names)
        if anonymous:
            label = f"anonymous: {label}"
        kinds = {node.source.kind for node in group}
        groups.append(
            OriginGroup(
                key=key,
                label=label,
                kind=kinds.pop() if len(kinds) == 1 else "mixed",
                anonymous=anonymous,
                node_ids=tuple(sorted(node.id for node in group)),
            )
        )
    return tuple(sorted(groups, key=lambda group: group.node_ids[0]))


def _own_voice(node: Node) -> bool:
    if node.document is not None:
        return node.document.publisher_id == node.source.id
    return node.source.kind == "outlet"


def _roots(graph: ProvenanceGraph, cited: set[int]) -> list[int]:
    claim_nodes = [node.id for node in graph.claim_nodes]
    roots = [node_id for node_id in claim_nodes if node_id not in cited]
    return sorted(roots or claim_nodes)


def _cycles(nodes: dict[int, Node], upstream: dict[int, list[Edge]]) -> tuple[tuple[int, ...], ...]:
    """Strongly connected components of two or more nodes (Tarjan's algorithm, iteratively)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    components = []
    counter = 0
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node_id, position = work.pop()
            if position == 0:
                index[node_id] = low[node_id] = counter
                counter += 1
                stack.append(node_id)
                on_stack.add(node_id)
            edges = upstream[node_id]
            if position < len(edges):
                work.append((node_id, position + 1))
                target = edges[position].cited
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node_id] = min(low[node_id], index[target])
                continue
            if low[node_id] == index[node_id]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node_id:
                        break
                if len(component) > 1:
                    components.append(tuple(sorted(component)))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node_id])
    return tuple(sorted(components))


def _distances(roots: list[int], upstream: dict[int, list[Edge]]) -> dict[int, int]:
    distances = dict.fromkeys(roots, 0)
    queue = deque(roots)
    while queue:
        current = queue.popleft()
        for edge in upstream[current]:
            if edge.cited not in distances:
                distances[edge.cited] = distances[current] + 1
                queue.append(edge.cited)
    return distances


def _chains(
    roots: list[int], origins: set[int], upstream: dict[int, list[Edge]]
) -> tuple[tuple[Chain, ...], bool]:
    """For each root, the best path to every origin it reaches (a Dijkstra on bottlenecks).

    A label (weakest rank, hops) is better when its weakest link ranks higher, then when it has
    fewer hops; extending a path never improves its label, which is what a Dijkstra search needs,
    so the search stays polynomial where enumerating paths (exponential in a graph of converging
    rewrites) would not. Ties go to the smaller node id, then the smaller predecessor.
    """
    chains: list[Chain] = []
    for root in roots:
        # node -> (rank of the weakest link so far, hops, previous node, edge from it)
        settled: dict[int, tuple[int, int, int | None, int | None]] = {}
        heap: list[tuple[int, int, int, int, int]] = [(-4, 0, root, -1, -1)]
        while heap:
            negative_rank, hops, node_id, previous, edge_id = heapq.heappop(heap)
            if node_id in settled:
                continue
            settled[node_id] = (-negative_rank, hops, previous, edge_id)
            for edge in upstream[node_id]:
                if edge.cited not in settled:
                    rank = min(-negative_rank, FIDELITY_RANK.get(edge.fidelity, 2))
                    heapq.heappush(heap, (-rank, hops + 1, edge.cited, node_id, edge.id))
        for origin in sorted(origins & settled.keys()):
            rank, hops, _, _ = settled[origin]
            path, edge_ids, current = [origin], [], origin
            while settled[current][2] != -1:
                edge_ids.append(settled[current][3])
                current = settled[current][2]
                path.append(current)
            weakest = None if hops == 0 else _fidelity_of(rank)
            chains.append(
                Chain(
                    node_ids=tuple(reversed(path)),
                    edge_ids=tuple(reversed(edge_ids)),
                    hops=hops,
                    weakest=weakest,
                    broken=weakest == "unsupported",
                )
            )
    chains.sort(key=lambda chain: (chain.node_ids[0], chain.node_ids[-1]))
    return tuple(chains[:MAX_CHAINS]), len(chains) > MAX_CHAINS


def _fidelity_of(rank: int) -> str:
    return next(name for name, value in FIDELITY_RANK.items() if value == rank)


def _timeline_anomalies(graph: ProvenanceGraph, nodes: dict[int, Node]):
    anomalies = []
    for edge in graph.edges:
        citing, cited = nodes[edge.citing].document, nodes[edge.cited].document
        if not (citing and cited and citing.published_at and cited.published_at):
            continue
        if cited.published_at > citing.published_at:
            anomalies.append(
                TimelineAnomaly(
                    edge_id=edge.id,
                    citing_node=edge.citing,
                    cited_node=edge.cited,
                    citing_published_at=citing.published_at,
                    cited_published_at=cited.published_at,
                )
            )
    return tuple(anomalies)


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def _with_summary(analysis: Analysis, graph: ProvenanceGraph, nodes: dict[int, Node]) -> Analysis:
    if not graph.nodes:
        summary = "0 independent origins · no assertions recorded"
        return replace(analysis, summary=summary)
    origins = _plural(analysis.independent_origins, "independent origin")
    labels = [group.label for group in analysis.origin_groups]
    if labels:
        shown = labels[:MAX_LABELS]
        if len(labels) > MAX_LABELS:
            shown.append(f"+{len(labels) - MAX_LABELS} more")
        origins += f" ({'; '.join(shown)})"
    parts = [origins]
    if analysis.circular:
        loops = []
        for cycle in analysis.cycles:
            names = list(dict.fromkeys(nodes[node_id].source.name for node_id in cycle))
            loops.append(" ↔ ".join(names))
        parts.append(f"circular reporting: {'; '.join(loops)}")
    if analysis.unsourced:
        parts.append("unsourced: nothing beyond the outlet’s own word")
    parts.append(_plural(analysis.depth, "hop"))
    parts.append(f"{analysis.checked_links} of {_plural(analysis.links, 'link')} checked")
    if analysis.broken:
        parts.append("broken: an unsupported hop")
    elif analysis.unsupported_links:
        parts.append(_plural(analysis.unsupported_links, "unsupported link"))
    if analysis.distorted_links:
        parts.append(_plural(analysis.distorted_links, "distorted link"))
    if analysis.timeline_anomalies:
        count = len(analysis.timeline_anomalies)
        parts.append(_plural(count, "timeline anomaly", "timeline anomalies"))
    statuses = {n.document.id: n.document.status for n in graph.nodes if n.document}
    retracted = sum(statuses[d] == "retracted" for d in analysis.flagged_documents)
    corrected = len(analysis.flagged_documents) - retracted
    if retracted:
        parts.append(_plural(retracted, "retracted document"))
    if corrected:
        parts.append(_plural(corrected, "corrected document"))
    if analysis.truncated:
        cap = _plural(len(graph.nodes), "assertion")
        parts.append(f"graph truncated at {cap}: figures are lower bounds")
    return replace(analysis, summary=" · ".join(parts))
