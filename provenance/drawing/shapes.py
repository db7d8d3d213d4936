"""The SVG for boxes, arrows and their labels, with every piece of text escaped."""

from __future__ import annotations

from html import escape

from provenance.drawing.layout import BOX_HEIGHT, BOX_WIDTH
from provenance.graph import Edge, Node

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


def fit_style(width: int) -> str:
    """Shrink to the container, but not below a legible size: past that, the container scrolls."""
    return f"max-width: 100%; height: auto; min-width: {min(width, MIN_SHOWN_WIDTH)}px"


def escape_text(value: str) -> str:
    """Escape for XML text and attribute values (names can hold `<script>` or quotes)."""
    return escape(value, quote=True)


def clip_text(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def svg_markers(id_prefix: str) -> str:
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


def svg_edge(
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
    label = clip_text(label, LABEL_CHARS)
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
        f"<title>{escape_text(f'#{edge.citing} {label} #{edge.cited}')}</title>"
        f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" '
        f'stroke-width="{2.5 if cycle or weak else 1.8}"{dash_attr} '
        f'{end}="url(#{id_prefix}-arrow-{marker})"/>'
        f'<text x="{label_x:.1f}" y="{label_y:.1f}" text-anchor="middle" font-size="11.5" '
        f'fill="{colour}" stroke="#ffffff" stroke-width="4" paint-order="stroke" '
        f'font-weight="{600 if weak or cycle else 400}">{escape_text(label)}</text>'
        "</g>"
    )


def svg_node(node: Node, position: tuple[float, float], *, origin: bool, cycle: bool) -> str:
    x, y = position
    badge, badge_fill, badge_text = KINDS.get(node.source.kind, UNKNOWN_KIND)
    stroke = CYCLE_COLOUR if cycle else (ORIGIN_STROKE if origin else "#8a939c")
    stroke_width = 3.5 if origin or cycle else 1.3
    fill = "#fdf1f7" if cycle else ("#fff8e1" if origin else "#ffffff")
    detail = detail_line(node)
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
        f'<g class="{classes}" data-node="{node.id}" data-kind="{escape_text(node.source.kind)}">',
        f"<title>{escape_text(full)}</title>",
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
        f'font-weight="600" fill="#111111">'
        f"{escape_text(clip_text(node.source.name, NAME_CHARS))}</text>"
    )
    if detail:
        parts.append(
            f'<text x="{x + 10:.1f}" y="{y + 61:.1f}" font-size="11.5" fill="#4a4f55">'
            f"{escape_text(clip_text(detail, DETAIL_CHARS))}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def detail_line(node: Node) -> str:
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
