"""The drawn provenance graph, without a database (graphs built by hand)."""

import xml.etree.ElementTree as ET

from provenance.analysis import analyze
from provenance.drawing import MAX_DRAWN_NODES, draw
from tests.analysis.graphs import GraphBuilder

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 -- our own output, parsed to check it is well-formed.


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if cls in g.get("class", "").split()]


def founding():
    b = GraphBuilder()
    caliber = b.node("Caliber.Az", own_document=True)
    axios = b.node("Axios", own_document=True)
    officials = b.node("four US officials", "anonymous", descriptor="US officials", count=4)
    b.chain(caliber, axios, officials)
    return b, (caliber, axios, officials)


def test_the_founding_chain_draws_three_boxes_and_two_labelled_arrows():
    b, (caliber, axios, officials) = founding()
    graph = b.graph()
    drawing = draw(graph, analyze(graph))
    root = parse(drawing.svg)
    nodes, edges = groups(root, "node"), groups(root, "edge")
    assert (len(nodes), len(edges)) == (3, 2)
    assert (drawing.drawn_nodes, drawing.drawn_edges, drawing.omitted_nodes) == (3, 2, 0)
    assert [g.get("data-node") for g in groups(root, "origin")] == [str(officials)]
    labels = ["".join(e.find(f"{SVG}text").itertext()) for e in edges]
    assert labels == ["cites · unchecked", "cites · unchecked"]
    badges = {g.get("data-node"): [t.text for t in g.iter(f"{SVG}text")] for g in nodes}
    assert badges[str(officials)][:2] == ["ANONYMOUS", "ORIGIN"]
    assert badges[str(caliber)][0] == "OUTLET"
    assert groups(root, "cycle") == []


def test_downstream_on_the_left_origin_in_the_last_column():
    b, (caliber, axios, officials) = founding()
    graph = b.graph()
    root = parse(draw(graph, analyze(graph)).svg)
    x = {g.get("data-node"): float(g.find(f"{SVG}rect").get("x")) for g in groups(root, "node")}
    assert x[str(caliber)] < x[str(axios)] < x[str(officials)]


def test_accessible_name_is_the_analysis_summary():
    b, _ = founding()
    graph = b.graph()
    analysis = analyze(graph)
    root = parse(draw(graph, analysis, id_prefix="claim-7").svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == analysis.summary
    assert root.find(f"{SVG}title").text == "Provenance graph: 3 assertions, 2 citations"
    assert root.find(f"{SVG}desc").text == analysis.summary
    assert root.get("aria-labelledby") == "claim-7-title claim-7-desc"


def test_names_are_escaped():
    b = GraphBuilder()
    evil = b.node('<script>alert("x")</script> & Co')
    b.cite(evil, b.node("Plain"))
    graph = b.graph()
    svg = draw(graph, analyze(graph)).svg
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)  # well-formed despite the markup in the name
    (node,) = [g for g in groups(root, "node") if g.get("data-node") == str(evil)]
    assert node.find(f"{SVG}title").text.startswith('<script>alert("x")</script> & Co')


def test_a_loop_is_highlighted_and_drawn_back():
    b = GraphBuilder()
    courier, eastside = b.node("Valley Courier"), b.node("Eastside Daily")
    b.cite(courier, eastside)
    b.cite(eastside, courier)
    graph = b.graph()
    root = parse(draw(graph, analyze(graph)).svg)
    assert sorted(
        g.get("data-node") for g in groups(root, "cycle") if "node" in g.get("class")
    ) == [
        str(courier),
        str(eastside),
    ]
    cycle_edges = [g for g in groups(root, "edge") if "cycle" in g.get("class")]
    assert len(cycle_edges) == 2
    assert {"".join(g.find(f"{SVG}text").itertext()) for g in cycle_edges} == {
        "cycle · cites · unchecked"
    }
    # One arrow points right (marker at its end), the loop-closing one left (at its start).
    paths = [g.find(f"{SVG}path") for g in cycle_edges]
    assert sorted(("marker-end" in p.attrib, "marker-start" in p.attrib) for p in paths) == [
        (False, True),
        (True, False),
    ]
    assert groups(root, "origin") == []


def test_weak_links_are_dashed_and_marked():
    b = GraphBuilder()
    outlet = b.node("Daily")
    b.cite(outlet, b.node("Ana Costa", "person"), fidelity="unsupported")
    b.cite(outlet, b.node("Rui Lopes", "person"), fidelity="faithful")
    graph = b.graph()
    root = parse(draw(graph, analyze(graph)).svg)
    weak = groups(root, "weak")
    assert [g.get("class") for g in weak] == ["edge fidelity-unsupported weak"]
    assert weak[0].find(f"{SVG}path").get("stroke-dasharray") == "3 4"
    faithful = groups(root, "fidelity-faithful")[0].find(f"{SVG}path")
    assert faithful.get("stroke-dasharray") is None


def test_a_long_edge_goes_around_the_middle_column():
    b = GraphBuilder()
    root_node, middle, origin = b.node("Daily"), b.node("Wire"), b.node("Registry", "document")
    b.chain(root_node, middle, origin)
    b.cite(root_node, origin, relation="links_to")
    graph = b.graph()
    root = parse(draw(graph, analyze(graph)).svg)
    (long_edge,) = [g for g in groups(root, "edge") if "links to" in "".join(g.itertext())]
    # Two curves joined by a straight run past the middle column: C ... L ... C.
    assert long_edge.find(f"{SVG}path").get("d").count("C") == 2
    assert " L" in long_edge.find(f"{SVG}path").get("d")


def test_a_huge_graph_is_capped_and_says_so():
    b = GraphBuilder()
    hub = b.node("Wire", claim=2)
    for n in range(MAX_DRAWN_NODES + 15):
        b.cite(b.node(f"Outlet {n}"), hub)
    graph = b.graph(truncated=True)
    drawing = draw(graph, analyze(graph))
    root = parse(drawing.svg)
    assert drawing.drawn_nodes == MAX_DRAWN_NODES
    assert drawing.omitted_nodes == 16
    assert len(groups(root, "node")) == MAX_DRAWN_NODES
    notes = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "note"]
    assert notes == [
        f"Showing the {MAX_DRAWN_NODES} nearest of {MAX_DRAWN_NODES + 16} assertions; "
        "the text version lists every chain.",
        "The graph was cut at the traversal cap: it may go further upstream.",
    ]


def test_an_empty_graph_says_so():
    b = GraphBuilder()
    graph = b.graph()
    drawing = draw(graph, analyze(graph))
    root = parse(drawing.svg)
    assert drawing.drawn_nodes == 0
    assert "No assertions recorded yet." in "".join(root.itertext())


def test_the_layout_is_deterministic():
    b = GraphBuilder()
    top = b.node("Daily")
    for name in ("B", "A", "C"):
        b.cite(top, b.node(name, "person"))
    graph = b.graph()
    assert draw(graph, analyze(graph)).svg == draw(graph, analyze(graph)).svg


def test_columns_are_ordered_to_avoid_crossings():
    b = GraphBuilder()
    first, second = b.node("First Daily"), b.node("Second Daily")
    # Created in the "wrong" order: sorted by id alone, the two arrows would cross.
    second_origin = b.node("Rui Lopes", "person", claim=2)
    first_origin = b.node("Ana Costa", "person", claim=3)
    b.cite(first, first_origin)
    b.cite(second, second_origin)
    graph = b.graph()
    root = parse(draw(graph, analyze(graph)).svg)
    y = {
        int(g.get("data-node")): float(g.find(f"{SVG}rect").get("y")) for g in groups(root, "node")
    }
    assert y[first] < y[second]
    assert y[first_origin] < y[second_origin]
