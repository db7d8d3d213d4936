"""Where things go: columns, the order within each, and the path of every edge.

Pure geometry over the plain graph; `provenance.drawing` turns it into SVG.
"""

from __future__ import annotations

from provenance.graph import Edge, Node

BOX_WIDTH = 232
BOX_HEIGHT = 72
COLUMN_GAP = 170
ROW_GAP = 30
WAYPOINT_HEIGHT = 24
ANCHOR_SPREAD = 22


def upstream_edges(nodes: list[Node], edges: list[Edge]) -> dict[int, list[Edge]]:
    upstream: dict[int, list[Edge]] = {node.id: [] for node in nodes}
    for edge in sorted(edges, key=lambda e: (e.cited, e.id)):
        upstream[edge.citing].append(edge)
    return upstream


def find_back_edges(nodes: list[Node], edges: list[Edge]) -> set[int]:
    """Edges that close a loop, found by an iterative depth-first search in a fixed order."""
    upstream = upstream_edges(nodes, edges)
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


def assign_columns(nodes: list[Node], edges: list[Edge], back: set[int]) -> dict[int, int]:
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


def slot_height(slot: Slot) -> float:
    return BOX_HEIGHT if isinstance(slot, int) else WAYPOINT_HEIGHT


def column_height(column: list[Slot]) -> float:
    return sum(slot_height(slot) for slot in column) + ROW_GAP * (len(column) - 1)


def order_rows(
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


def edge_anchors(
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
        toward_left = positions[route[-2]][1] + slot_height(route[-2]) / 2
        toward_right = positions[route[1]][1] + slot_height(route[1]) / 2
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


def edge_waypoints(
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
