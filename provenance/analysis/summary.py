"""The one-line chain-strength summary that explains the findings in words."""

from __future__ import annotations

from provenance.graph import ProvenanceGraph
from provenance.names import normalize_name

from .findings import Analysis

SEPARATOR = " · "
# Past these, a segment names the first few and counts the rest, so the line stays readable.
MAX_LABELS = 3
MAX_CYCLE_NAMES = 4
MAX_CYCLES = 3


def count(n: int, singular: str, plural: str | None = None) -> str:
    """ "1 hop", "2 hops", "0 independent origins"."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _listed(items: list[str], limit: int, separator: str) -> str:
    shown = items[:limit]
    if len(items) > limit:
        shown.append(f"+{len(items) - limit} more")
    return separator.join(shown)


def _cycle_names(graph: ProvenanceGraph, cycle: tuple[int, ...]) -> str:
    names: list[str] = []
    seen: set[str] = set()
    for node_id in cycle:
        name = graph.node(node_id).source.name
        if normalize_name(name) not in seen:
            seen.add(normalize_name(name))
            names.append(name)
    if len(names) == 1:
        return f"{names[0]} cites itself"
    return _listed(names, MAX_CYCLE_NAMES, " ↔ ")


def _truncation(graph: ProvenanceGraph) -> str:
    if graph.max_nodes and len(graph.nodes) >= graph.max_nodes:
        where = f" at {count(graph.max_nodes, 'assertion')}"
    elif graph.max_depth:
        where = f" at depth {graph.max_depth}"
    else:
        where = ""
    return f"graph truncated{where}: figures are lower bounds"


def summarize(graph: ProvenanceGraph, found: Analysis) -> str:
    """Segments joined with " · "; each one after the hop count appears only when it applies."""
    head = count(found.independent_origins, "independent origin")
    if found.origin_groups:
        labels = [group.label for group in found.origin_groups]
        head += f" ({_listed(labels, MAX_LABELS, '; ')})"
    segments = [head]
    if not graph.nodes:
        segments.append("no assertions recorded")
    else:
        segments.append(count(found.depth, "hop"))
    if found.links:
        segments.append(f"{found.checked_links} of {count(found.links, 'link')} checked")
    if found.cycles:
        cycles = [_cycle_names(graph, cycle) for cycle in found.cycles]
        segments.append("circular reporting: " + _listed(cycles, MAX_CYCLES, "; "))
    if found.unsourced:
        outlets = "outlet" if found.independent_origins == 1 else "outlets"
        segments.append(f"unsourced: only the publishing {outlets}")
    if found.broken:
        segments.append("broken: an unsupported hop")
    elif found.unsupported_links:
        segments.append(count(found.unsupported_links, "unsupported link"))
    if found.distorted_links:
        segments.append(count(found.distorted_links, "distorted link"))
    if found.timeline_anomalies:
        segments.append(
            count(len(found.timeline_anomalies), "timeline anomaly", "timeline anomalies")
        )
    if found.retracted_documents:
        segments.append(count(len(found.retracted_documents), "retracted document"))
    if found.corrected_documents:
        segments.append(count(len(found.corrected_documents), "corrected document"))
    if found.gone_documents:
        segments.append(count(len(found.gone_documents), "source page gone", "source pages gone"))
    if found.changed_documents:
        segments.append(
            count(len(found.changed_documents), "source page changed", "source pages changed")
        )
    if graph.truncated:
        segments.append(_truncation(graph))
    return SEPARATOR.join(segments)
