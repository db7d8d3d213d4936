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
from html import escape

from provenance.analysis import Analysis
from provenance.graph import Edge, Node, ProvenanceGraph

# Beyond this many assertions the picture stops being readable; the text version lists all.
MAX_DRAWN_NODES = 60

BOX_WIDTH = 232
BOX_HEIGHT = 72
COLUMN_GAP = 170
ROW_GAP = 30
WAYPOINT_HEIGHT = 24
ANCHOR_SPREAD = 22
MARGIN = 24
NOTE_HEIGHT = 22
NAME_CHARS = 25
DETAIL_CHARS = 33
LABEL_CHARS = 30
# Narrower than this, the text would be too small to read: scroll instead of shrinking.
MIN_SHOWN_WIDTH = 760

# Kind -> (badge text, badge fill, badge text colour). Fills pass WCAG AA against their text.
KINDS = {
    "outlet": ("OUTLET", "#1d4e89", "#ffffff"),
    "person": ("PERSON", "#2f6b3a", "#ffffff"),
    "organization": ("ORGANIZATION", "#5b3f8c", "#ffffff"),
    "anonymous": ("ANONYMOUS", "#4a4a4a", "#ffffff"),
    "document": ("DOCUMENT", "#8a5a00", "#ffffff"),
}
UNKNOWN_KIND = ("SOURCE", "#555555", "#ffffff")

# Fidelity -> (stroke colour, dash pattern or "").
FIDELITY_STYLES = {
    "faithful": ("#2f6b3a", ""),
    "unchecked": ("#5f6770", ""),
    "distorted": ("#b35900", "7 4"),
    "unsupported": ("#c0182b", "3 4"),
}
CYCLE_COLOUR = "#a3166d"
ORIGIN_STROKE = "#1a1a1a"


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

    back_edges = _back_edges(nodes, edges)
    columns = _columns(nodes, edges, back_edges)
    rows, routes = _rows(nodes, edges, columns)

    notes = []
    if omitted:
        notes.append(
            f"Showing the {len(nodes)} nearest of {len(graph.nodes)} assertions; "
            "the text version lists every chain."
        )
    if graph.truncated:
        notes.append("The graph was cut at the traversal cap: it may go further upstream.")

    top = MARGIN + NOTE_HEIGHT * len(notes)
    heights = [_column_height(column) for column in rows]
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
            y += _slot_height(slot) + ROW_GAP
    anchors = _anchors(edges, columns, positions, routes)

    title = f"Provenance graph: {len(nodes)} assertion{'s' if len(nodes) != 1 else ''}"
    title += f", {len(edges)} citation{'s' if len(edges) != 1 else ''}"
    summary = analysis.summary or title
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="provenance-drawing" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'style="{_fit(width)}" aria-label="{_text(summary)}" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
        f'<title id="{id_prefix}-title">{_text(title)}</title>',
        f'<desc id="{id_prefix}-desc">{_text(summary)}</desc>',
        _markers(id_prefix),
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for index, note in enumerate(notes):
        parts.append(
            f'<text class="note" x="{MARGIN}" y="{MARGIN + index * NOTE_HEIGHT + 4}" '
            f'font-size="13" fill="#8a1c1c">{_text(note)}</text>'
        )
    # Edges first so the boxes sit on top of any line that passes near them.
    for edge in edges:
        parts.append(
            _edge(
                edge,
                _waypoints(edge, columns, positions, routes, anchors),
                cycle=edge.id in cycle_edges,
                leftwards=columns[edge.cited] < columns[edge.citing],
                id_prefix=id_prefix,
            )
        )
    for node in nodes:
        parts.append(
            _node(
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


def _fit(width: int) -> str:
    """Shrink to the container, but not below a legible size: past that, the container scrolls."""
    return f"max-width: 100%; height: auto; min-width: {min(width, MIN_SHOWN_WIDTH)}px"


def _text(value: str) -> str:
    """Escape for XML text and attribute values (names can hold `<script>` or quotes)."""
    return escape(value, quote=True)


def _clip(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _empty(analysis: Analysis, id_prefix: str) -> Drawing:
    width, height = 420, 60
    message = "No assertions recorded yet."
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="provenance-drawing" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{_text(analysis.summary or message)}">'
        f'<title id="{id_prefix}-title">{message}</title>'
        f'<text x="{MARGIN}" y="36" font-size="14" fill="#333333">{message}</text></svg>'
    )
    return Drawing(svg=svg, drawn_nodes=0, drawn_edges=0, omitted_nodes=0, width=width, height=60)


def _upstream(nodes: list[Node], edges: list[Edge]) -> dict[int, list[Edge]]:
    upstream: dict[int, list[Edge]] = {node.id: [] for node in nodes}
    for edge in sorted(edges, key=lambda e: (e.cited, e.id)):
        upstream[edge.citing].append(edge)
    return upstream


def _back_edges(nodes: list[Node], edges: list[Edge]) -> set[int]:
    """Edges that close a loop, found by an iterative depth-first search in a fixed order."""
    upstream = _upstream(nodes, edges)
    state: dict[int, int] = {}  # 1: on the current path, 2: finished
    back: set[int] = set()
    # Start from the claim's own assertions (nearest first), then anything left.
    for start in [node.id for node in sorted(nodes, key=lambda n: (n.distance, n.id))]:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(upstream[start]))]
        while stack:
            node_id, pending = stack[-1]
            edge = next(pending, None)
            if edge is None:
                state[node_id] = 2
                stack.pop()
                continue
            target = state.get(edge.cited)
            if target == 1:
                back.add(edge.id)
            elif target is None:
                state[edge.cited] = 1
                stack.append((edge.cited, iter(upstream[edge.cited])))
    return back


def _columns(nodes: list[Node], edges: list[Edge], back: set[int]) -> dict[int, int]:
    """Column = longest forward path to an origin, measured from the last column."""
    upstream = {node.id: [] for node in nodes}
    for edge in edges:
        if edge.id not in back:
            upstream[edge.citing].append(edge.cited)
    height: dict[int, int] = {}
    for start in sorted(upstream):
        if start in height:
            continue
        stack = [(start, False)]
        while stack:
            node_id, expanded = stack.pop()
            if node_id in height:
                continue
            if expanded:
                height[node_id] = 1 + max((height[c] for c in upstream[node_id]), default=-1)
                continue
            stack.append((node_id, True))
            stack.extend((c, False) for c in upstream[node_id] if c not in height)
    last = max(height.values())
    return {node_id: last - h for node_id, h in height.items()}


Slot = int | tuple[int, int]  # a node id, or (edge id, column) for a long edge's waypoint


def _slot_height(slot: Slot) -> float:
    return BOX_HEIGHT if isinstance(slot, int) else WAYPOINT_HEIGHT


def _column_height(column: list[Slot]) -> float:
    return sum(_slot_height(slot) for slot in column) + ROW_GAP * (len(column) - 1)


def _rows(
    nodes: list[Node], edges: list[Edge], columns: dict[int, int]
) -> tuple[list[list[Slot]], dict[int, list[Slot]]]:
    """Order each column to reduce crossings: barycentre sweeps, ties by id.

    An edge that spans several columns gets a waypoint in each column it crosses, which takes
    part in the ordering like a node, so that no line runs through a box.
    """
    count = max(columns.values()) + 1
    rows: list[list[Slot]] = [[] for _ in range(count)]
    for node in sorted(nodes, key=lambda n: (n.distance, n.id)):
        rows[columns[node.id]].append(node.id)
    neighbours: dict[Slot, list[Slot]] = {node.id: [] for node in nodes}
    routes: dict[int, list[Slot]] = {}
    for edge in sorted(edges, key=lambda e: e.id):
        left, right = sorted((edge.citing, edge.cited), key=lambda n: columns[n])
        route: list[Slot] = [left]
        for column in range(columns[left] + 1, columns[right]):
            waypoint = (edge.id, column)
            rows[column].append(waypoint)
            neighbours[waypoint] = []
            route.append(waypoint)
        route.append(right)
        for a, b in zip(route, route[1:], strict=False):
            neighbours[a].append(b)
            neighbours[b].append(a)
        routes[edge.id] = route

    def order_key(slot: Slot) -> tuple[int, int]:
        return (0, slot) if isinstance(slot, int) else (1, slot[0])

    def centre(slot: Slot, reference: dict[Slot, int], current: dict[Slot, int]):
        linked = [reference[n] for n in neighbours[slot] if n in reference]
        middle = sum(linked) / len(linked) if linked else float(current[slot])
        return middle, order_key(slot)

    def sweep(order: range, reference_offset: int) -> None:
        for index in order:
            reference = {
                slot: position for position, slot in enumerate(rows[index + reference_offset])
            }
            current = {slot: position for position, slot in enumerate(rows[index])}
            rows[index].sort(key=lambda slot, r=reference, c=current: centre(slot, r, c))

    for _ in range(2):
        sweep(range(1, count), -1)
        sweep(range(count - 2, -1, -1), +1)
    return rows, routes


def _anchors(
    edges: list[Edge],
    columns: dict[int, int],
    positions: dict[Slot, tuple[float, float]],
    routes: dict[int, list[Slot]],
) -> dict[tuple[int, int], float]:
    """Where each edge meets each of its boxes: edges sharing a side are spread along it.

    Keyed by (edge id, node id); the value is the y of the meeting point.
    """
    sides: dict[tuple[int, str], list[tuple[float, int]]] = {}
    for edge in edges:
        route = routes[edge.id]
        left, right = route[0], route[-1]
        toward_left = positions[route[-2]][1] + _slot_height(route[-2]) / 2
        toward_right = positions[route[1]][1] + _slot_height(route[1]) / 2
        sides.setdefault((left, "right"), []).append((toward_right, edge.id))
        sides.setdefault((right, "left"), []).append((toward_left, edge.id))
    anchors: dict[tuple[int, int], float] = {}
    for (node_id, _), attached in sides.items():
        attached.sort()
        spread = min(ANCHOR_SPREAD, (BOX_HEIGHT - 20) / max(len(attached) - 1, 1))
        centre = positions[node_id][1] + BOX_HEIGHT / 2
        first = centre - spread * (len(attached) - 1) / 2
        for index, (_, edge_id) in enumerate(attached):
            anchors[(edge_id, node_id)] = first + index * spread
    return anchors


def _waypoints(
    edge: Edge,
    columns: dict[int, int],
    positions: dict[Slot, tuple[float, float]],
    routes: dict[int, list[Slot]],
    anchors: dict[tuple[int, int], float],
) -> list[tuple[float, float]]:
    """The points the edge passes through, left to right."""
    route = routes[edge.id]
    left, right = route[0], route[-1]
    points = [(positions[left][0] + BOX_WIDTH, anchors[(edge.id, left)])]
    for waypoint in route[1:-1]:
        x, y = positions[waypoint]
        middle = y + WAYPOINT_HEIGHT / 2
        points += [(x, middle), (x + BOX_WIDTH, middle)]
    points.append((positions[right][0], anchors[(edge.id, right)]))
    return points


def _markers(id_prefix: str) -> str:
    colours = {name: colour for name, (colour, _) in FIDELITY_STYLES.items()}
    colours["cycle"] = CYCLE_COLOUR
    markers = [
        f'<marker id="{id_prefix}-arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" '
        f'orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for name, colour in colours.items()
    ]
    return "<defs>" + "".join(markers) + "</defs>"


def _edge(
    edge: Edge,
    points: list[tuple[float, float]],
    *,
    cycle: bool,
    leftwards: bool,
    id_prefix: str,
) -> str:
    colour, dash = FIDELITY_STYLES.get(edge.fidelity, FIDELITY_STYLES["unchecked"])
    marker = edge.fidelity if edge.fidelity in FIDELITY_STYLES else "unchecked"
    if cycle:
        colour, marker = CYCLE_COLOUR, "cycle"
    # Leave room for the arrowhead at the cited end.
    if leftwards:
        points[0] = (points[0][0] + 2, points[0][1])
    else:
        points[-1] = (points[-1][0] - 2, points[-1][1])
    path = [f"M{points[0][0]:.1f},{points[0][1]:.1f}"]
    for index, ((x1, y1), (x2, y2)) in enumerate(zip(points, points[1:], strict=False)):
        if index % 2 == 0:
            # Across a gap between columns: a smooth S from one side to the other.
            bend = (x2 - x1) / 2
            path.append(f"C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}")
        else:
            # Through a column, past its boxes: straight.
            path.append(f"L{x2:.1f},{y2:.1f}")
    # The label sits in the gap next to the citing box, where no other box is.
    (x1, y1), (x2, y2) = (points[-2], points[-1]) if leftwards else (points[0], points[1])
    label_x, label_y = (x1 + x2) / 2, (y1 + y2) / 2 + (15 if leftwards else -6)
    label = f"{edge.relation.replace('_', ' ')} · {edge.fidelity}"
    if cycle:
        label = f"cycle · {label}"
    label = _clip(label, LABEL_CHARS)
    weak = edge.fidelity in ("distorted", "unsupported")
    classes = " ".join(
        name
        for name, on in (
            ("edge", True),
            (f"fidelity-{edge.fidelity}", True),
            ("cycle", cycle),
            ("weak", weak),
        )
        if on
    )
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    end = "marker-start" if leftwards else "marker-end"
    return (
        f'<g class="{classes}" data-citing="{edge.citing}" data-cited="{edge.cited}">'
        f"<title>{_text(f'#{edge.citing} {label} #{edge.cited}')}</title>"
        f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" '
        f'stroke-width="{2.5 if cycle or weak else 1.8}"{dash_attr} '
        f'{end}="url(#{id_prefix}-arrow-{marker})"/>'
        f'<text x="{label_x:.1f}" y="{label_y:.1f}" text-anchor="middle" font-size="11.5" '
        f'fill="{colour}" stroke="#ffffff" stroke-width="4" paint-order="stroke" '
        f'font-weight="{600 if weak or cycle else 400}">{_text(label)}</text>'
        "</g>"
    )


def _node(node: Node, position: tuple[float, float], *, origin: bool, cycle: bool) -> str:
    x, y = position
    badge, badge_fill, badge_text = KINDS.get(node.source.kind, UNKNOWN_KIND)
    stroke = CYCLE_COLOUR if cycle else (ORIGIN_STROKE if origin else "#8a939c")
    stroke_width = 3.5 if origin or cycle else 1.3
    fill = "#fdf1f7" if cycle else ("#fff8e1" if origin else "#ffffff")
    detail = _detail(node)
    classes = " ".join(
        name for name, on in (("node", True), ("origin", origin), ("cycle", cycle)) if on
    )
    badge_width = 10 + len(badge) * 8.8
    flags = [label for label, on in (("origin", origin), ("cycle", cycle)) if on]
    full = f"{node.source.name} ({node.source.kind})"
    if detail:
        full += f" — {detail}"
    if flags:
        full += f" [{', '.join(flags)}]"
    parts = [
        f'<g class="{classes}" data-node="{node.id}" data-kind="{_text(node.source.kind)}">',
        f"<title>{_text(full)}</title>",
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="10" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"/>',
        f'<rect x="{x + 8:.1f}" y="{y + 8:.1f}" width="{badge_width:.1f}" height="17" rx="4" '
        f'fill="{badge_fill}"/>',
        f'<text x="{x + 12.5:.1f}" y="{y + 20.5:.1f}" font-size="10.5" font-weight="700" '
        f'letter-spacing="0.4" fill="{badge_text}">{badge}</text>',
    ]
    flag_x = x + BOX_WIDTH - 8
    for flag in reversed(flags):
        colour = CYCLE_COLOUR if flag == "cycle" else ORIGIN_STROKE
        parts.append(
            f'<text class="flag flag-{flag}" x="{flag_x:.1f}" y="{y + 20.5:.1f}" '
            f'text-anchor="end" font-size="11" font-weight="700" fill="{colour}">'
            f"{flag.upper()}</text>"
        )
        flag_x -= 7.5 * len(flag) + 8
    parts.append(
        f'<text class="name" x="{x + 10:.1f}" y="{y + 43:.1f}" font-size="14" '
        f'font-weight="600" fill="#111111">{_text(_clip(node.source.name, NAME_CHARS))}</text>'
    )
    if detail:
        parts.append(
            f'<text x="{x + 10:.1f}" y="{y + 61:.1f}" font-size="11.5" fill="#4a4f55">'
            f"{_text(_clip(detail, DETAIL_CHARS))}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def _detail(node: Node) -> str:
    """The second line of a box: where the assertion appears, or who the source speaks for."""
    if node.document is not None:
        status = "" if node.document.status == "published" else f" [{node.document.status}]"
        return f"in “{node.document.title}”{status}"
    if node.source.affiliation_name:
        return node.source.affiliation_name
    if node.source.kind == "anonymous" and node.source.anonymous_count:
        count = node.source.anonymous_count
        return f"{count} {'person' if count == 1 else 'people'}, unnamed"
    return ""
