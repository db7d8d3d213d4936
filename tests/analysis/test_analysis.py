"""The provenance analysis, definition by definition, on hand-built graphs (no database)."""

import json

from provenance.analysis import Chain, OriginGroup, TimelineAnomaly, analyze
from provenance.graph import Edge, ProvenanceGraph

from .graphs import GraphBuilder, anonymous, day, organization, outlet, person

WHITE_HOUSE = organization(50, "White House")


def founding_article() -> tuple[ProvenanceGraph, tuple[int, int, int]]:
    """Caliber.Az, citing Axios, citing four US officials."""
    g = GraphBuilder()
    caliber = g.assert_(outlet(1, "Caliber.Az"), own_document=True)
    axios = g.assert_(outlet(2, "Axios"), own_document=True)
    officials = g.assert_(
        anonymous(3, "four US officials", descriptor="US officials", anonymous_count=4)
    )
    g.cite(caliber, axios)
    g.cite(axios, officials)
    return g.build(), (caliber, axios, officials)


def chain_of(length: int) -> ProvenanceGraph:
    """Assertion i cites assertion i + 1, for i in 0 .. length - 2; all of the claim."""
    g = GraphBuilder()
    for i in range(length):
        g.assert_(outlet(i, f"Outlet {i}"), node_id=i)
    for i in range(length - 1):
        g.cite(i, i + 1)
    return g.build()


# 1. The founding article


def test_founding_article_has_one_anonymous_origin_two_hops_away() -> None:
    graph, (caliber, axios, officials) = founding_article()

    result = analyze(graph)

    assert result.origins == (officials,)
    assert result.origin_groups == (
        OriginGroup(
            key="anonymous:us official",
            label="anonymous: four US officials",
            kind="anonymous",
            anonymous=True,
            node_ids=(officials,),
            source_ids=(3,),
        ),
    )
    assert result.independent_origins == 1
    assert result.depth == 2
    assert result.unsourced is False
    assert result.circular is False
    assert result.reporting_sources == 2
    assert (result.links, result.checked_links, result.unchecked_links) == (2, 0, 2)
    assert result.summary == (
        "1 independent origin (anonymous: four US officials) · 2 hops · 0 of 2 links checked"
    )


def test_founding_article_chain_runs_from_caliber_through_axios_to_the_officials() -> None:
    graph, (caliber, axios, officials) = founding_article()

    result = analyze(graph)

    assert result.chains == (
        Chain(
            node_ids=(caliber, axios, officials),
            edge_ids=(1, 2),
            hops=2,
            weakest="unchecked",
            broken=False,
        ),
    )
    assert (result.chains_total, result.chains_capped) == (1, False)
    assert result.weakest_fidelity == "unchecked"
    assert result.broken is False


def test_as_dict_is_plain_json_data() -> None:
    graph, (caliber, axios, officials) = founding_article()

    data = analyze(graph).as_dict()

    assert json.loads(json.dumps(data)) == data
    assert data["origins"] == [officials]
    assert data["chains"][0] == {
        "node_ids": [caliber, axios, officials],
        "edge_ids": [1, 2],
        "hops": 2,
        "weakest": "unchecked",
        "broken": False,
    }
    assert data["origin_groups"][0]["label"] == "anonymous: four US officials"


# 2-5. Independence


def test_twelve_outlets_converging_on_one_wire_report_have_one_origin() -> None:
    g = GraphBuilder()
    wire = g.assert_(outlet(100, "Wire Service"), node_id=100)
    spokesperson = g.assert_(person(200, "Mira Lind"), node_id=200)
    g.cite(wire, spokesperson)
    for i in range(1, 13):
        g.cite(g.assert_(outlet(i, f"Outlet {i}"), node_id=i), wire)

    result = analyze(g.build())

    assert result.origins == (spokesperson,)
    assert result.independent_origins == 1
    assert result.reporting_sources == 13
    assert result.depth == 2
    assert result.chains_total == 12
    assert result.chains[0].node_ids == (1, wire, spokesperson)
    assert result.summary == "1 independent origin (Mira Lind) · 2 hops · 0 of 13 links checked"


def test_two_unaffiliated_people_are_two_independent_origins() -> None:
    g = GraphBuilder()
    gazette = g.assert_(outlet(1, "Harbor Gazette"))
    g.cite(gazette, g.assert_(person(2, "Elin Sørvik")))
    g.cite(gazette, g.assert_(person(3, "Dana Holt")))

    result = analyze(g.build())

    assert result.origins == (2, 3)
    assert result.independent_origins == 2
    assert [group.label for group in result.origin_groups] == ["Elin Sørvik", "Dana Holt"]
    assert result.summary.startswith("2 independent origins (Elin Sørvik; Dana Holt) · 1 hop · ")


def test_two_officials_of_one_white_house_count_once() -> None:
    g = GraphBuilder()
    outlet_node = g.assert_(outlet(1, "Daily Planet"))
    wh = {"affiliation_id": WHITE_HOUSE.id, "affiliation_name": WHITE_HOUSE.name}
    g.cite(outlet_node, g.assert_(person(2, "Jake Sullivan", **wh)))
    g.cite(outlet_node, g.assert_(person(3, "Karine Jean-Pierre", **wh)))

    result = analyze(g.build())

    assert result.origins == (2, 3)
    assert result.independent_origins == 1
    assert result.origin_groups == (
        OriginGroup(
            key="source:50",
            label="White House (Jake Sullivan, Karine Jean-Pierre)",
            kind="person",
            anonymous=False,
            node_ids=(2, 3),
            source_ids=(2, 3),
        ),
    )


def test_anonymous_white_house_officials_count_with_the_named_ones() -> None:
    g = GraphBuilder()
    outlet_node = g.assert_(outlet(1, "Daily Planet"))
    wh = {"affiliation_id": WHITE_HOUSE.id, "affiliation_name": WHITE_HOUSE.name}
    g.cite(outlet_node, g.assert_(person(2, "Jake Sullivan", **wh)))
    g.cite(outlet_node, g.assert_(anonymous(4, "White House officials", **wh)))

    result = analyze(g.build())

    assert result.independent_origins == 1
    group = result.origin_groups[0]
    assert group.label == "White House (Jake Sullivan, anonymous: White House officials)"
    assert (group.kind, group.anonymous, group.node_ids) == ("mixed", False, (2, 3))


def test_an_organization_and_its_own_spokesperson_count_once() -> None:
    g = GraphBuilder()
    outlet_node = g.assert_(outlet(1, "Daily Planet"))
    g.cite(outlet_node, g.assert_(WHITE_HOUSE))
    g.cite(outlet_node, g.assert_(person(2, "Jake Sullivan", affiliation_id=WHITE_HOUSE.id)))

    result = analyze(g.build())

    assert result.independent_origins == 1
    # The affiliation's name comes from its own assertion when the member does not carry it.
    assert result.origin_groups[0].label == "White House (Jake Sullivan)"


def test_the_same_source_asserting_twice_counts_once() -> None:
    g = GraphBuilder()
    outlet_node = g.assert_(outlet(1, "Daily Planet"))
    g.cite(outlet_node, g.assert_(person(2, "Dana Holt")))
    g.cite(outlet_node, g.assert_(person(2, "Dana Holt"), claim_id=2))

    result = analyze(g.build())

    assert result.origins == (2, 3)
    assert result.independent_origins == 1
    assert result.origin_groups[0].label == "Dana Holt"


def test_a_us_official_and_us_officials_without_affiliation_count_once() -> None:
    g = GraphBuilder()
    outlet_node = g.assert_(outlet(1, "Daily Planet"))
    g.cite(outlet_node, g.assert_(anonymous(2, "a US official")))
    g.cite(outlet_node, g.assert_(anonymous(3, "US officials", descriptor="US officials")))

    result = analyze(g.build())

    assert result.independent_origins == 1
    assert result.origin_groups[0].key == "anonymous:us official"
    assert result.origin_groups[0].label == "anonymous: a US official, US officials"


def test_a_us_official_and_four_us_officials_of_one_affiliation_count_once() -> None:
    g = GraphBuilder()
    outlet_node = g.assert_(outlet(1, "Daily Planet"))
    state = {"affiliation_id": 60, "affiliation_name": "State Department"}
    g.cite(outlet_node, g.assert_(anonymous(2, "a US official", **state)))
    g.cite(outlet_node, g.assert_(anonymous(3, "four US officials", **state)))

    result = analyze(g.build())

    assert result.independent_origins == 1
    assert result.origin_groups[0].label == (
        "State Department (anonymous: a US official, anonymous: four US officials)"
    )
    assert result.origin_groups[0].anonymous is True


def test_us_officials_and_israeli_officials_count_twice() -> None:
    g = GraphBuilder()
    outlet_node = g.assert_(outlet(1, "Daily Planet"))
    g.cite(outlet_node, g.assert_(anonymous(2, "US officials")))
    g.cite(outlet_node, g.assert_(anonymous(3, "two Israeli officials")))

    result = analyze(g.build())

    assert result.independent_origins == 2
    assert [group.key for group in result.origin_groups] == [
        "anonymous:us official",
        "anonymous:israeli official",
    ]


def test_same_descriptor_under_different_affiliations_counts_twice() -> None:
    g = GraphBuilder()
    outlet_node = g.assert_(outlet(1, "Daily Planet"))
    g.cite(outlet_node, g.assert_(anonymous(2, "officials", affiliation_id=60)))
    g.cite(outlet_node, g.assert_(anonymous(3, "officials", affiliation_id=61)))

    assert analyze(g.build()).independent_origins == 2


def test_more_than_three_groups_are_listed_as_three_and_a_count() -> None:
    g = GraphBuilder()
    outlet_node = g.assert_(outlet(1, "Daily Planet"))
    for source_id, name in enumerate(["Ann", "Bo", "Cy", "Di", "Ed"], start=2):
        g.cite(outlet_node, g.assert_(person(source_id, name)))

    result = analyze(g.build())

    assert result.summary == (
        "5 independent origins (Ann; Bo; Cy; +2 more) · 1 hop · 0 of 5 links checked"
    )


# 6. Circular reporting


def test_the_corpus_circular_report_has_no_independent_origin() -> None:
    g = GraphBuilder()
    courier = g.assert_(outlet(1, "Valley Courier"))
    eastside = g.assert_(outlet(2, "Eastside Daily"))
    g.cite(courier, eastside)
    g.cite(eastside, courier)

    result = analyze(g.build())

    assert result.circular is True
    assert result.cycles == ((courier, eastside),)
    assert result.origins == ()
    assert result.independent_origins == 0
    assert result.chains == ()
    assert result.depth == 1
    assert result.summary == (
        "0 independent origins · 1 hop · 0 of 2 links checked"
        " · circular reporting: Valley Courier ↔ Eastside Daily"
    )


def test_a_three_cycle_is_one_component() -> None:
    g = GraphBuilder()
    a, b, c = (g.assert_(outlet(i, name)) for i, name in enumerate("ABC", start=1))
    g.cite(a, b)
    g.cite(b, c)
    g.cite(c, a)

    result = analyze(g.build())

    assert result.cycles == ((a, b, c),)
    assert result.independent_origins == 0
    assert result.depth == 2
    assert "circular reporting: A ↔ B ↔ C" in result.summary


def test_an_outlet_citing_into_a_cycle_is_the_only_root() -> None:
    g = GraphBuilder()
    root = g.assert_(outlet(1, "Metro Post"))
    courier = g.assert_(outlet(2, "Valley Courier"))
    eastside = g.assert_(outlet(3, "Eastside Daily"))
    g.cite(root, courier)
    g.cite(courier, eastside)
    g.cite(eastside, courier)

    result = analyze(g.build())

    assert result.cycles == ((courier, eastside),)
    assert result.independent_origins == 0
    # The farthest assertion the root reaches is two hops away.
    assert result.depth == 2


def test_a_cycle_with_a_tail_to_a_real_origin_counts_that_origin() -> None:
    g = GraphBuilder()
    courier = g.assert_(outlet(1, "Valley Courier"))
    eastside = g.assert_(outlet(2, "Eastside Daily"))
    holt = g.assert_(person(3, "Dana Holt"))
    g.cite(courier, eastside)
    g.cite(eastside, courier)
    g.cite(courier, holt)

    result = analyze(g.build())

    assert result.circular is True
    assert result.cycles == ((courier, eastside),)
    assert result.origins == (holt,)
    assert result.independent_origins == 1
    # Every claim assertion is cited, so both are roots.
    assert [chain.node_ids for chain in result.chains] == [
        (courier, holt),
        (eastside, courier, holt),
    ]
    assert result.depth == 2
    assert result.summary == (
        "1 independent origin (Dana Holt) · 2 hops · 0 of 3 links checked"
        " · circular reporting: Valley Courier ↔ Eastside Daily"
    )


def test_two_separate_cycles_are_sorted_components() -> None:
    g = GraphBuilder()
    for i in range(1, 6):
        g.assert_(outlet(i, f"Outlet {i}"), node_id=i)
    g.cite(4, 5)
    g.cite(5, 4)
    g.cite(1, 2)
    g.cite(2, 1)
    g.cite(3, 4)

    assert analyze(g.build()).cycles == ((1, 2), (4, 5))


def test_an_assertion_citing_itself_is_circular() -> None:
    g = GraphBuilder()
    courier = g.assert_(outlet(1, "Valley Courier"))
    g.cite(courier, courier)

    result = analyze(g.build())

    assert result.cycles == ((courier,),)
    assert result.independent_origins == 0
    assert "circular reporting: Valley Courier cites itself" in result.summary


def test_a_loop_of_five_thousand_assertions_is_found_without_recursion() -> None:
    # One report citing into a loop of upstream assertions (another claim's): the loop is far
    # deeper than Python's recursion limit.
    g = GraphBuilder()
    root = g.assert_(outlet(5000, "Metro Post"), node_id=5000)
    g.cite(root, 0)
    for i in range(5000):
        g.assert_(outlet(i, f"Outlet {i}"), node_id=i, claim_id=2)
        g.cite(i, (i + 1) % 5000)

    result = analyze(g.build())

    assert result.cycles == (tuple(range(5000)),)
    assert result.independent_origins == 0
    # From the root, the farthest loop assertion is 1 + 4999 hops away.
    assert result.depth == 5000
    assert "circular reporting: Outlet 0 ↔ Outlet 1 ↔ Outlet 2 ↔ Outlet 3 ↔ +4996 more" in (
        result.summary
    )


# 7. Fidelity: weakest link, broken chains, path choice


def test_a_distorted_hop_is_the_weakest_link_and_is_counted() -> None:
    g = GraphBuilder()
    a = g.assert_(outlet(1, "Daily Planet"))
    b = g.assert_(outlet(2, "Axios"))
    c = g.assert_(person(3, "Dana Holt"))
    g.cite(a, b, "faithful")
    g.cite(b, c, "distorted")

    result = analyze(g.build())

    assert result.chains[0].weakest == "distorted"
    assert result.weakest_fidelity == "distorted"
    assert result.broken is False
    assert (result.checked_links, result.distorted_links, result.faithful_links) == (2, 1, 1)
    assert result.summary == (
        "1 independent origin (Dana Holt) · 2 hops · 2 of 2 links checked · 1 distorted link"
    )


def test_an_unsupported_hop_breaks_the_only_chain() -> None:
    g = GraphBuilder()
    a = g.assert_(outlet(1, "Daily Planet"))
    b = g.assert_(person(2, "Dana Holt"))
    g.cite(a, b, "unsupported")

    result = analyze(g.build())

    assert result.chains[0].broken is True
    assert (result.broken, result.broken_chains, result.unsupported_links) == (True, 1, 1)
    assert result.weakest_fidelity == "unsupported"
    assert result.summary == (
        "1 independent origin (Dana Holt) · 1 hop · 1 of 1 link checked"
        " · broken: an unsupported hop"
    )


def test_a_faithful_path_is_chosen_over_an_unsupported_one() -> None:
    g = GraphBuilder()
    root = g.assert_(outlet(1, "Daily Planet"))
    via_bad = g.assert_(outlet(2, "Rumour Mill"))
    via_good = g.assert_(outlet(3, "Axios"))
    origin = g.assert_(person(4, "Dana Holt"))
    g.cite(root, via_bad, "faithful")
    g.cite(via_bad, origin, "unsupported")
    good = (g.cite(root, via_good, "faithful"), g.cite(via_good, origin, "faithful"))

    result = analyze(g.build())

    assert result.chains == (
        Chain(
            node_ids=(root, via_good, origin),
            edge_ids=good,
            hops=2,
            weakest="faithful",
            broken=False,
        ),
    )
    assert (result.broken, result.broken_chains) == (False, 0)
    assert result.summary.endswith(" · 4 of 4 links checked · 1 unsupported link")


def test_a_longer_faithful_path_beats_a_shorter_unchecked_one() -> None:
    g = GraphBuilder()
    root, mid1, mid2, origin = (g.assert_(outlet(i, f"O{i}")) for i in range(1, 5))
    g.cite(root, origin, "unchecked")
    g.cite(root, mid1, "faithful")
    g.cite(mid1, mid2, "faithful")
    g.cite(mid2, origin, "faithful")

    result = analyze(g.build())

    assert result.chains[0].node_ids == (root, mid1, mid2, origin)
    assert result.depth == 3


def test_a_weak_last_hop_makes_the_shortest_route_to_it_the_best() -> None:
    # Best path to `gate` alone is the faithful detour, but every path on to the origin is
    # distorted anyway, so the fewest hops must win: a search that keeps one best label per
    # node would report the four-hop detour.
    g = GraphBuilder()
    root, x1, x2, gate, origin = (g.assert_(outlet(i, f"O{i}")) for i in range(1, 6))
    g.cite(root, x1, "faithful")
    g.cite(x1, x2, "faithful")
    g.cite(x2, gate, "faithful")
    direct = g.cite(root, gate, "unchecked")
    last = g.cite(gate, origin, "distorted")

    result = analyze(g.build())

    assert result.chains == (
        Chain(
            node_ids=(root, gate, origin),
            edge_ids=(direct, last),
            hops=2,
            weakest="distorted",
            broken=False,
        ),
    )


def test_an_unknown_fidelity_counts_as_unchecked() -> None:
    g = GraphBuilder()
    g.cite(g.assert_(outlet(1, "Daily Planet")), g.assert_(person(2, "Dana Holt")), "pending")

    result = analyze(g.build())

    assert (result.checked_links, result.unchecked_links) == (0, 1)
    assert result.chains[0].weakest == "unchecked"


def test_equal_paths_are_broken_by_the_smallest_node_ids() -> None:
    g = GraphBuilder()
    for node_id in (1, 5, 3, 9):
        g.assert_(outlet(node_id, f"O{node_id}"), node_id=node_id)
    g.cite(1, 5)
    g.cite(1, 3)
    g.cite(5, 9)
    g.cite(3, 9)

    assert analyze(g.build()).chains[0].node_ids == (1, 3, 9)


def test_a_claim_assertion_that_cites_nothing_is_a_zero_hop_chain() -> None:
    g = GraphBuilder()
    holt = g.assert_(person(1, "Dana Holt"))

    result = analyze(g.build())

    assert result.chains == (
        Chain(node_ids=(holt,), edge_ids=(), hops=0, weakest=None, broken=False),
    )
    assert (result.depth, result.weakest_fidelity, result.broken) == (0, None, False)
    assert result.summary == "1 independent origin (Dana Holt) · 0 hops"


def test_chains_beyond_fifty_are_counted_not_listed() -> None:
    g = GraphBuilder()
    root = g.assert_(outlet(1, "Daily Planet"))
    for i in range(2, 62):
        g.cite(root, g.assert_(person(i, f"Person {i}")))

    result = analyze(g.build())

    assert (len(result.chains), result.chains_total, result.chains_capped) == (50, 60, True)
    assert result.independent_origins == 60


def test_broken_counts_every_chain_not_only_the_listed_ones() -> None:
    g = GraphBuilder()
    root = g.assert_(outlet(1, "Daily Planet"))
    for i in range(2, 62):
        g.cite(root, g.assert_(person(i, f"Person {i}")), "unsupported" if i < 61 else "faithful")

    result = analyze(g.build())

    assert all(chain.broken for chain in result.chains)
    assert (result.broken_chains, result.broken) == (59, False)
    assert result.weakest_fidelity == "unsupported"


# 8. Timeline


def test_citing_a_later_document_is_a_timeline_anomaly() -> None:
    g = GraphBuilder()
    early = g.assert_(outlet(1, "Daily Planet"), published="2026-01-01")
    late = g.assert_(outlet(2, "Axios"), published="2026-02-01")
    edge = g.cite(early, late)

    result = analyze(g.build())

    assert result.timeline_anomalies == (
        TimelineAnomaly(edge, early, late, day("2026-01-01"), day("2026-02-01")),
    )
    assert result.as_dict()["timeline_anomalies"][0]["cited_published_at"] == (
        "2026-02-01T00:00:00+00:00"
    )
    assert result.summary.endswith(" · 1 timeline anomaly")


def test_equal_earlier_or_missing_dates_are_not_anomalies() -> None:
    g = GraphBuilder()
    a = g.assert_(outlet(1, "A"), published="2026-01-01")
    b = g.assert_(outlet(2, "B"), published="2026-01-01")
    c = g.assert_(outlet(3, "C"), published="2025-12-01")
    d = g.assert_(outlet(4, "D"), own_document=True)  # no date
    e = g.assert_(person(5, "E"))  # no document
    g.cite(a, b)
    g.cite(b, c)
    g.cite(c, d)
    g.cite(d, e)

    assert analyze(g.build()).timeline_anomalies == ()


# 9-11. Unsourced, retracted, truncated


def test_an_outlet_in_its_own_voice_is_unsourced() -> None:
    g = GraphBuilder()
    g.assert_(outlet(1, "Valley Courier"), own_document=True)

    result = analyze(g.build())

    assert result.origins == (1,)
    assert result.unsourced is True
    assert result.summary == (
        "1 independent origin (Valley Courier) · 0 hops · unsourced: only the publishing outlet"
    )


def test_an_outlet_relaying_without_citation_is_the_unsourced_origin() -> None:
    g = GraphBuilder()
    metro = g.assert_(outlet(1, "Metro Post"), own_document=True)
    g.cite(metro, g.assert_(outlet(2, "Valley Courier")))  # no document: its own voice

    result = analyze(g.build())

    assert (result.origins, result.unsourced) == ((2,), True)


def test_two_outlets_each_in_their_own_voice_are_unsourced_outlets() -> None:
    g = GraphBuilder()
    metro = g.assert_(outlet(1, "Metro Post"))
    g.cite(metro, g.assert_(outlet(2, "Valley Courier")))
    g.cite(metro, g.assert_(outlet(3, "Eastside Daily"), own_document=True))

    result = analyze(g.build())

    assert (result.independent_origins, result.unsourced) == (2, True)
    assert "unsourced: only the publishing outlets" in result.summary


def test_an_outlet_asserting_in_a_document_published_by_another_is_not_unsourced() -> None:
    # A wire story carried by another publisher: the wire is not that document's publisher.
    g = GraphBuilder()
    g.assert_(outlet(1, "Wire Service"), publisher=outlet(2, "Daily Planet"))

    assert analyze(g.build()).unsourced is False


def test_a_person_origin_is_not_unsourced() -> None:
    g = GraphBuilder()
    g.assert_(person(1, "Dana Holt"), own_document=True)

    assert analyze(g.build()).unsourced is False


def test_a_retracted_document_upstream_flags_the_claim() -> None:
    g = GraphBuilder()
    a = g.assert_(outlet(1, "Daily Planet"), own_document=True)
    b = g.assert_(outlet(2, "Axios"), status="retracted")
    c = g.assert_(person(3, "Dana Holt"), status="corrected", publisher=outlet(4, "Blog"))
    g.cite(a, b)
    g.cite(b, c)

    result = analyze(g.build())

    assert result.flagged_documents == (1000 + b, 1000 + c)
    assert result.retracted_documents == (1000 + b,)
    assert result.corrected_documents == (1000 + c,)
    assert result.retracted is True
    assert result.summary.endswith(" · 1 retracted document · 1 corrected document")


def test_published_documents_are_not_flagged() -> None:
    graph, _ = founding_article()

    result = analyze(graph)

    assert (result.flagged_documents, result.retracted) == ((), False)


def test_a_truncated_graph_says_its_figures_are_lower_bounds() -> None:
    graph, _ = founding_article()
    truncated = ProvenanceGraph(
        claim_id=graph.claim_id,
        nodes=graph.nodes,
        edges=graph.edges,
        truncated=True,
        max_depth=50,
        max_nodes=3,
    )

    result = analyze(truncated)

    assert result.truncated is True
    assert result.summary == (
        "1 independent origin (anonymous: four US officials) · 2 hops · 0 of 2 links checked"
        " · graph truncated at 3 assertions: figures are lower bounds"
    )


def test_a_graph_truncated_by_depth_names_the_depth() -> None:
    graph, _ = founding_article()
    truncated = ProvenanceGraph(
        claim_id=graph.claim_id, nodes=graph.nodes, edges=graph.edges, truncated=True, max_depth=2
    )

    assert analyze(truncated).summary.endswith(
        " · graph truncated at depth 2: figures are lower bounds"
    )


def test_a_citation_leaving_the_graph_keeps_its_assertion_from_being_an_origin() -> None:
    graph, (caliber, axios, officials) = founding_article()
    cut = ProvenanceGraph(
        claim_id=graph.claim_id,
        nodes=graph.nodes,
        edges=(*graph.edges, Edge(9, officials, 999, "cites", "unchecked")),
        truncated=True,
    )

    result = analyze(cut)

    assert (result.origins, result.independent_origins, result.links) == ((), 0, 3)


# 12. Robustness


def test_a_five_thousand_assertion_chain() -> None:
    result = analyze(chain_of(5000))

    assert result.origins == (4999,)
    assert result.independent_origins == 1
    assert result.depth == 4999
    assert result.chains[0].node_ids == tuple(range(5000))
    assert result.reporting_sources == 4999


def test_a_dense_dag_of_two_thousand_assertions() -> None:
    g = GraphBuilder()
    for i in range(2000):
        g.assert_(outlet(i, f"Outlet {i}"), node_id=i)
    for i in range(2000):
        for j in range(i + 1, min(i + 4, 2000)):
            g.cite(i, j)

    result = analyze(g.build())

    assert result.origins == (1999,)
    assert result.links == 5994
    # 1999 = 1 + 3 * 666: one single step, taken first for the smallest ids, then steps of 3.
    assert result.depth == 667
    assert result.chains[0].node_ids[:4] == (0, 1, 4, 7)
    assert result.chains[0].node_ids[-1] == 1999


def test_an_empty_graph_has_no_origin_and_says_so() -> None:
    result = analyze(ProvenanceGraph(claim_id=1))

    assert (result.origins, result.independent_origins, result.depth) == ((), 0, 0)
    assert (result.chains, result.circular, result.unsourced, result.broken) == (
        (),
        False,
        False,
        False,
    )
    assert result.summary == "0 independent origins · no assertions recorded"


def test_nodes_of_other_claims_upstream_are_not_roots() -> None:
    g = GraphBuilder()
    claim_node = g.assert_(outlet(1, "Daily Planet"))
    other = g.assert_(outlet(2, "Axios"), claim_id=2)
    g.cite(claim_node, other)

    result = analyze(g.build())

    assert [chain.node_ids for chain in result.chains] == [(claim_node, other)]
