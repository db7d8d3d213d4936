"""The shape of the citation graph: cycles, roots and root-to-origin chains.

Everything here is iterative: a provenance graph can hold thousands of assertions, deeper than
Python's recursion limit.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.graph import ProvenanceGraph

from .findings import (
    FIDELITY_ORDER,
    FIDELITY_RANK,
    MAX_CHAINS,
    UNCHECKED_RANK,
    UNSUPPORTED_RANK,
    Chain,
)

# node id -> [(cited node id, fidelity rank, edge id)], best hop first for each cited node.
Adjacency = dict[int, list[tuple[int, int, int]]]
# node id -> (parent node id, edge id) on the chosen path; None for the root.
Parents = dict[int, tuple[int, int] | None]


def adjacency(graph: ProvenanceGraph) -> Adjacency:
    """Citations between assertions of the graph; an edge to an unknown node is left out."""
    known = {node.id for node in graph.nodes}
    adj: Adjacency = {node_id: [] for node_id in known}
    for edge in graph.edges:
        if edge.citing in known and edge.cited in known:
            rank = FIDELITY_RANK.get(edge.fidelity, UNCHECKED_RANK)
            adj[edge.citing].append((edge.cited, rank, edge.id))
    for targets in adj.values():
        # Smallest cited id first gives the id tie-break; among parallel edges, the best first.
        targets.sort(key=lambda t: (t[0], -t[1], t[2]))
    return adj


def components(adj: Adjacency) -> dict[int, int]:
    """Each assertion's strongly connected component, numbered (iterative Tarjan)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    component: dict[int, int] = {}
    count = 0
    for start in sorted(adj):
        if start in index:
            continue
        # Each frame: a node and the position of the next neighbour to visit.
        work = [(start, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = adj[node]
            while pos < len(targets):
                nxt = targets[pos][0]
                pos += 1
                if nxt not in index:
                    work.append((node, pos))
                    work.append((nxt, 0))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component[member] = count
                        if member == node:
                            break
                    count += 1
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return component


def cycles(adj: Adjacency, component: dict[int, int]) -> tuple[tuple[int, ...], ...]:
    """Components of more than one assertion, or of one that cites itself; sorted."""
    members: dict[int, list[int]] = {}
    for node, number in component.items():
        members.setdefault(number, []).append(node)
    found = [
        tuple(sorted(nodes))
        for nodes in members.values()
        if len(nodes) > 1 or any(t[0] == nodes[0] for t in adj[nodes[0]])
    ]
    return tuple(sorted(found))


def roots(graph: ProvenanceGraph, adj: Adjacency, component: dict[int, int]) -> list[int]:
    """Claim assertions that nothing outside their own cycle cites (the most downstream).

    Without cycles these are the claim assertions nobody cites; on a cycle nobody outside
    enters, every claim assertion of the cycle is a root, as none is more downstream than another.
    """
    entered = {
        component[target]
        for node, targets in adj.items()
        for target, _, _ in targets
        if component[target] != component[node]
    }
    return sorted(n.id for n in graph.claim_nodes if component[n.id] not in entered)


def _lex_bfs(adj: Adjacency, root: int, min_rank: int) -> tuple[Parents, dict[int, int]]:
    """Shortest paths from root over hops of rank >= min_rank, each the smallest by node ids.

    Layer by layer: a layer is kept in the order of its paths, and a node takes its parent from
    the earliest node of the previous layer, so appending yields the next layer in order too.
    Returns node -> (parent, edge id) (None for the root) and node -> hops.
    """
    parent: Parents = {root: None}
    hops = {root: 0}
    layer = [root]
    while layer:
        following = []
        for node in layer:
            for target, rank, edge_id in adj[node]:
                if rank >= min_rank and target not in parent:
                    parent[target] = (node, edge_id)
                    hops[target] = hops[node] + 1
                    following.append(target)
        layer = following
    return parent, hops


def _trace(parent: Parents, origin: int) -> tuple[list[int], list[int]]:
    nodes, edges = [origin], []
    step = parent[origin]
    while step is not None:
        nodes.append(step[0])
        edges.append(step[1])
        step = parent[step[0]]
    return nodes[::-1], edges[::-1]


@dataclass(frozen=True, slots=True)
class ChainStats:
    """Chains (the first MAX_CHAINS) and figures over all of them."""

    chains: tuple[Chain, ...]
    total: int
    depth: int
    weakest_rank: int | None
    broken: int


def chains(adj: Adjacency, root_ids: list[int], origins: tuple[int, ...]) -> ChainStats:
    """For each root and each origin it reaches, the bottleneck-best path (see the docstring).

    The best bottleneck to an origin is the highest fidelity level at which it is reachable
    using only hops of that level or better; among those paths the fewest hops, then the
    smallest node ids. One breadth-first search per fidelity level present, per root.
    """
    origin_set = set(origins)
    levels = sorted({rank for targets in adj.values() for _, rank, _ in targets}, reverse=True)
    listed: list[Chain] = []
    total = depth = broken = 0
    weakest: int | None = None
    reach_depth = 0  # used only when no root reaches an origin: every path ends in a cycle
    for root in root_ids:
        # origin -> (hops, weakest rank or None for zero hops, the search that found it)
        settled: dict[int, tuple[int, int | None, Parents]] = {}
        if root in origin_set:
            settled[root] = (0, None, {root: None})
        for level in levels:
            if len(settled) == len(origin_set):
                break
            parent, hops_to = _lex_bfs(adj, root, level)
            for node in origin_set.intersection(parent).difference(settled):
                settled[node] = (hops_to[node], level, parent)
        if not settled:
            reach_depth = max(reach_depth, *_lex_bfs(adj, root, -1)[1].values())
        for origin in sorted(settled):
            hops, rank, parent = settled[origin]
            total += 1
            depth = max(depth, hops)
            if rank is not None:
                weakest = rank if weakest is None else min(weakest, rank)
            broken += rank == UNSUPPORTED_RANK
            if len(listed) < MAX_CHAINS:
                node_ids, edge_ids = _trace(parent, origin)
                listed.append(
                    Chain(
                        node_ids=tuple(node_ids),
                        edge_ids=tuple(edge_ids),
                        hops=hops,
                        weakest=None if rank is None else FIDELITY_ORDER[rank],
                        broken=rank == UNSUPPORTED_RANK,
                    )
                )
    return ChainStats(tuple(listed), total, depth if total else reach_depth, weakest, broken)
