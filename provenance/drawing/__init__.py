"""The provenance graph drawn as a picture: an SVG string from the plain graph and its analysis.

Pure: no Django model, no JavaScript, no fonts to fetch. The public claim page and the admin's
claim page embed the same drawing inline.

Layout, left to right: the claim's downstream assertions on the left, the origins in the last
column. A node's column is the longest path from it down to an origin, counted from the far end
(so every origin sits in the last column and every arrow points right). Loops (circular reporting)
are cut for the layout only: the edges that close a loop, found by a depth-first search in a fixed
order, are drawn as curves back to the left. Within a column, nodes are ordered by the average
position of their neighbours in the previous column (two sweeps of the barycentre heuristic), ties
by id, which removes most crossings and keeps the picture the same from one render to the next.

Colour is never the only signal: every kind has a text badge, origins say "origin", loop members
and loop edges say "cycle", and weak links are dashed as well as coloured.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.analysis import Analysis
from provenance.drawing.layout import (
    BOX_WIDTH,
    COLUMN_GAP,
    ROW_GAP,
    Slot,
    assign_columns,
    column_height,
    edge_anchors,
    edge_waypoints,
    find_back_edges,
    order_rows,
    slot_height,
)
from provenance.drawing.shapes import escape_text, fit_style, svg_edge, svg_markers, svg_node
from provenance.graph import ProvenanceGraph

# Beyond this many assertions the picture stops being readable; the text version lists all.
MAX_DRAWN_NODES = 60
MARGIN = 24
NOTE_HEIGHT = 22


@dataclass(frozen=True, slots=True)
class Drawing:
    """The SVG markup and the facts tests and templates need about it."""

    svg: str
    drawn_nodes: int
    drawn_edges: int
    omitted_nodes: int
    width: int
    height: int


def draw(graph: ProvenanceGraph, analysis: Analysis, *, id_prefix: str = "prov") -> Drawing:
    """Draw `graph` as SVG, highlighting the analysis' origins and cycles.

    `id_prefix` keeps element ids unique when a page holds several drawings.
    """
    nodes = list(graph.nodes[:MAX_DRAWN_NODES])
    omitted = len(graph.nodes) - len(nodes)
    kept = {node.id for node in nodes}
    edges = [e for e in graph.edges if e.citing in kept and e.cited in kept]
    if not nodes:
        return _empty(analysis, id_prefix)

    origins = set(analysis.origins)
    cycle_nodes = {node_id for cycle in analysis.cycles for node_id in cycle}
    component = {node_id: i for i, cycle in enumerate(analysis.cycles) for node_id in cycle}
    cycle_edges = {
        e.id
        for e in edges
        if e.citing in component and component[e.citing] == component.get(e.cited)
    }

    back_edges = find_back_edges(nodes, edges)
    columns = assign_columns(nodes, edges, back_edges)
    rows, routes = order_rows(nodes, edges, columns)

    notes = []
    if omitted:
        notes.append(
            f"Showing the {len(nodes)} nearest of {len(graph.nodes)} assertions; "
            "the text version lists every chain."
        )
    if graph.truncated:
        notes.append("The graph was cut at the traversal cap: it may go further upstream.")

    top = MARGIN + NOTE_HEIGHT * len(notes)
    heights = [column_height(column) for column in rows]
    tallest = max(heights)
    width = MARGIN * 2 + len(rows) * BOX_WIDTH + (len(rows) - 1) * COLUMN_GAP
    height = int(top + tallest + MARGIN)

    # Slot -> (x, y of its top); slots are node ids and (edge id, column) waypoints.
    positions: dict[Slot, tuple[float, float]] = {}
    for index, column in enumerate(rows):
        # Centre short columns vertically against the tallest one.
        y = top + (tallest - heights[index]) / 2
        for slot in column:
            positions[slot] = (MARGIN + index * (BOX_WIDTH + COLUMN_GAP), y)
            y += slot_height(slot) + ROW_GAP
    anchors = edge_anchors(edges, columns, positions, routes)

    title = f"Provenance graph: {len(nodes)} assertion{'s' if len(nodes) != 1 else ''}"
    title += f", {len(edges)} citation{'s' if len(edges) != 1 else ''}"
    summary = analysis.summary or title
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="provenance-drawing" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'style="{fit_style(width)}" aria-label="{escape_text(summary)}" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
        f'<title id="{id_prefix}-title">{escape_text(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape_text(summary)}</desc>',
        svg_markers(id_prefix),
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for index, note in enumerate(notes):
        parts.append(
            f'<text class="note" x="{MARGIN}" y="{MARGIN + index * NOTE_HEIGHT + 4}" '
            f'font-size="13" fill="#8a1c1c">{escape_text(note)}</text>'
        )
    # Edges first so the boxes sit on top of any line that passes near them.
    for edge in edges:
        parts.append(
            svg_edge(
                edge,
                edge_waypoints(edge, columns, positions, routes, anchors),
                cycle=edge.id in cycle_edges,
                leftwards=columns[edge.cited] < columns[edge.citing],
                id_prefix=id_prefix,
            )
        )
    for node in nodes:
        parts.append(
            svg_node(
                node,
                positions[node.id],
                origin=node.id in origins,
                cycle=node.id in cycle_nodes,
            )
        )
    parts.append("</svg>")
    return Drawing(
        svg="\n".join(parts),
        drawn_nodes=len(nodes),
        drawn_edges=len(edges),
        omitted_nodes=omitted,
        width=width,
        height=height,
    )


def _empty(analysis: Analysis, id_prefix: str) -> Drawing:
    width, height = 420, 60
    message = "No assertions recorded yet."
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="provenance-drawing" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape_text(analysis.summary or message)}">'
        f'<title id="{id_prefix}-title">{message}</title>'
        f'<text x="{MARGIN}" y="36" font-size="14" fill="#333333">{message}</text></svg>'
    )
    return Drawing(svg=svg, drawn_nodes=0, drawn_edges=0, omitted_nodes=0, width=width, height=60)


__all__ = ["MAX_DRAWN_NODES", "Drawing", "draw"]
