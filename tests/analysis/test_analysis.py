"""The provenance analysis, case by case (DESIGN.md, "Provenance analysis")."""

from datetime import UTC, datetime

from provenance.analysis import analyze, descriptor_key
from tests.analysis.graphs import GraphBuilder


def founding():
    b = GraphBuilder()
    caliber = b.node("Caliber.Az", own_document=True)
    axios = b.node("Axios", own_document=True)
    officials = b.node(
        "four US officials", "anonymous", descriptor="US officials", count=4, claim=2
    )
    b.chain(caliber, axios, officials)
    return b, (caliber, axios, officials)


def test_the_founding_article():
    b, (caliber, axios, officials) = founding()
    analysis = analyze(b.graph())
    assert analysis.origins == (officials,)
    assert analysis.independent_origins == 1
    assert analysis.origin_groups[0].anonymous is True
    assert analysis.depth == 2
    assert analysis.summary == (
        "1 independent origin (anonymous: four US officials) · 2 hops · 0 of 2 links checked"
    )
    (chain,) = analysis.chains
    assert (chain.node_ids, chain.hops, chain.weakest, chain.broken) == (
        (caliber, axios, officials),
        2,
        "unchecked",
        False,
    )
    assert (analysis.circular, analysis.unsourced, analysis.truncated) == (False, False, False)


def test_twelve_outlets_converging_on_one_origin():
    b = GraphBuilder()
    wire = b.node("Wire Service", claim=2)
    person = b.node("Minister Ana Costa", "person", claim=3)
    b.cite(wire, person)
    for n in range(12):
        b.cite(b.node(f"Outlet {n}"), wire)
    analysis = analyze(b.graph())
    assert analysis.independent_origins == 1
    assert analysis.reporting_sources == 13
    assert analysis.depth == 2
    assert len(analysis.chains) == 12
    assert analysis.summary.startswith("1 independent origin (Minister Ana Costa) · 2 hops")


def test_two_genuinely_independent_origins():
    b = GraphBuilder()
    outlet = b.node("Daily")
    b.cite(outlet, b.node("Ana Costa", "person"))
    b.cite(outlet, b.node("Rui Lopes", "person"))
    analysis = analyze(b.graph())
    assert analysis.independent_origins == 2
    assert analysis.summary == (
        "2 independent origins (Ana Costa; Rui Lopes) · 1 hop · 0 of 2 links checked"
    )


def test_two_officials_of_one_white_house_count_once():
    b = GraphBuilder()
    outlet = b.node("Daily")
    b.cite(outlet, b.node("Jake Sullivan", "person", affiliation="White House"))
    b.cite(outlet, b.node("Karine Jean-Pierre", "person", affiliation="White House"))
    b.cite(
        outlet,
        b.node(
            "White House officials",
            "anonymous",
            affiliation="White House",
            descriptor="White House officials",
        ),
    )
    analysis = analyze(b.graph())
    assert analysis.independent_origins == 1
    assert analysis.origin_groups[0].label == (
        "White House (Jake Sullivan, Karine Jean-Pierre, White House officials)"
    )
    assert analysis.origin_groups[0].kind == "mixed"


def test_an_organization_and_its_spokesperson_count_once():
    b = GraphBuilder()
    outlet = b.node("Daily")
    b.cite(outlet, b.node("White House", "organization"))
    b.cite(outlet, b.node("Jake Sullivan", "person", affiliation="White House"))
    assert analyze(b.graph()).independent_origins == 2  # the org's own key is its id


def test_anonymous_sources_that_cannot_be_told_apart_count_once():
    b = GraphBuilder()
    outlet = b.node("Daily")
    b.cite(outlet, b.node("a US official", "anonymous", descriptor="US official"))
    b.cite(outlet, b.node("US officials", "anonymous", descriptor="US officials"))
    b.cite(outlet, b.node("four US officials", "anonymous"))
    assert analyze(b.graph()).independent_origins == 1


def test_anonymous_sources_with_different_descriptors_count_twice():
    b = GraphBuilder()
    outlet = b.node("Daily")
    b.cite(outlet, b.node("US officials", "anonymous", descriptor="US officials"))
    b.cite(outlet, b.node("Israeli officials", "anonymous", descriptor="Israeli officials"))
    analysis = analyze(b.graph())
    assert analysis.independent_origins == 2
    assert [g.label for g in analysis.origin_groups] == [
        "anonymous: US officials",
        "anonymous: Israeli officials",
    ]


def test_descriptor_keys():
    assert descriptor_key("four US officials") == "us official"
    assert descriptor_key("a US official") == "us official"
    assert descriptor_key("Two people familiar with the study") == (
        "people familiar with the study"
    )
    assert descriptor_key("the press") == "press"


def test_the_corpus_circular_report():
    b = GraphBuilder()
    courier = b.node("Valley Courier", own_document=True)
    eastside = b.node("Eastside Daily", own_document=True, claim=2)
    b.cite(courier, eastside)
    b.cite(eastside, courier)
    analysis = analyze(b.graph())
    assert (analysis.circular, analysis.cycles) == (True, ((courier, eastside),))
    assert (analysis.origins, analysis.independent_origins) == ((), 0)
    assert analysis.summary == (
        "0 independent origins · circular reporting: Valley Courier ↔ Eastside Daily · 1 hop · "
        "0 of 2 links checked"
    )


def test_a_three_cycle():
    b = GraphBuilder()
    first, second, third = b.node("A"), b.node("B", claim=2), b.node("C", claim=3)
    b.chain(first, second, third, first)
    analysis = analyze(b.graph())
    assert analysis.cycles == ((first, second, third),)
    assert analysis.independent_origins == 0
    assert analysis.depth == 2


def test_a_cycle_with_a_tail_to_a_real_origin():
    b = GraphBuilder()
    courier, eastside = b.node("Valley Courier"), b.node("Eastside Daily", claim=2)
    holt = b.node("Dana Holt", "person", claim=3)
    b.cite(courier, eastside)
    b.cite(eastside, courier)
    b.cite(eastside, holt)
    analysis = analyze(b.graph())
    assert analysis.circular is True
    assert analysis.origins == (holt,)
    assert analysis.independent_origins == 1
    assert analysis.chains[0].node_ids == (courier, eastside, holt)


def test_a_distorted_hop():
    b, (caliber, axios, officials) = founding()
    b.edges[1] = b.edges[1].__class__(
        id=2, citing=axios, cited=officials, relation="cites", fidelity="distorted"
    )
    analysis = analyze(b.graph())
    assert (analysis.weakest_fidelity, analysis.broken, analysis.distorted_links) == (
        "distorted",
        False,
        1,
    )
    assert analysis.summary.endswith("· 1 of 2 links checked · 1 distorted link")


def test_an_unsupported_hop_breaks_the_chain():
    b = GraphBuilder()
    b.chain(b.node("Daily"), b.node("Wire", claim=2), b.node("Ana Costa", "person", claim=3))
    b.edges[0] = b.edges[0].__class__(
        id=1, citing=1, cited=2, relation="cites", fidelity="faithful"
    )
    b.edges[1] = b.edges[1].__class__(
        id=2, citing=2, cited=3, relation="cites", fidelity="unsupported"
    )
    analysis = analyze(b.graph())
    assert (analysis.broken, analysis.broken_chains, analysis.weakest_fidelity) == (
        True,
        1,
        "unsupported",
    )
    assert "broken: an unsupported hop" in analysis.summary


def test_the_chain_takes_the_faithful_path_over_a_shorter_unsupported_one():
    b = GraphBuilder()
    daily, wire, origin = b.node("Daily"), b.node("Wire", claim=2), b.node("Ana", "person")
    b.cite(daily, origin, fidelity="unsupported")
    b.cite(daily, wire, fidelity="faithful")
    b.cite(wire, origin, fidelity="faithful")
    analysis = analyze(b.graph())
    (chain,) = [c for c in analysis.chains if c.node_ids[-1] == origin]
    assert (chain.node_ids, chain.weakest, chain.broken) == (
        (daily, wire, origin),
        "faithful",
        False,
    )
    assert analysis.broken is False


def test_a_timeline_anomaly():
    b = GraphBuilder()
    early = b.node("Daily", published=datetime(2026, 1, 1, tzinfo=UTC))
    late = b.node("Weekly", published=datetime(2026, 2, 1, tzinfo=UTC), claim=2)
    b.cite(early, late)
    analysis = analyze(b.graph())
    (anomaly,) = analysis.timeline_anomalies
    assert (anomaly.edge_id, anomaly.citing_node, anomaly.cited_node) == (1, early, late)
    assert analysis.as_dict()["timeline_anomalies"][0]["cited_published_at"] == (
        "2026-02-01T00:00:00+00:00"
    )
    assert "1 timeline anomaly" in analysis.summary


def test_equal_or_missing_dates_are_not_anomalies():
    b = GraphBuilder()
    same = datetime(2026, 1, 1, tzinfo=UTC)
    first = b.node("Daily", published=same)
    b.cite(first, b.node("Weekly", published=same, claim=2))
    b.cite(first, b.node("Monthly", own_document=True, claim=3))
    assert analyze(b.graph()).timeline_anomalies == ()


def test_an_outlet_in_its_own_voice_is_unsourced():
    b = GraphBuilder()
    only = b.node("Daily", own_document=True)
    analysis = analyze(b.graph())
    assert (analysis.origins, analysis.unsourced, analysis.depth) == ((only,), True, 0)
    assert analysis.summary == (
        "1 independent origin (Daily) · unsourced: nothing beyond the outlet’s own word · 0 hops · "
        "0 of 0 links checked"
    )


def test_a_retracted_document_upstream_flags_the_claim():
    b = GraphBuilder()
    daily = b.node("Daily")
    wire = b.node("Wire", status="retracted", claim=2)
    b.cite(daily, wire)
    analysis = analyze(b.graph())
    assert (analysis.retracted, analysis.flagged_documents) == (True, (wire + 1000,))
    assert "1 retracted document" in analysis.summary


def test_a_truncated_graph_says_its_figures_are_lower_bounds():
    b, _ = founding()
    analysis = analyze(b.graph(truncated=True))
    assert analysis.truncated is True
    assert analysis.summary.endswith("graph truncated at 3 assertions: figures are lower bounds")


def test_an_empty_graph():
    analysis = analyze(GraphBuilder().graph())
    assert (analysis.origins, analysis.depth, analysis.independent_origins) == ((), 0, 0)
    assert analysis.summary == "0 independent origins · no assertions recorded"


def test_a_long_chain_has_no_recursion_limit():
    b = GraphBuilder()
    ids = [b.node("Root")] + [b.node(f"Outlet {n}", claim=2) for n in range(5000)]
    b.chain(*ids)
    analysis = analyze(b.graph())
    assert (analysis.depth, analysis.origins) == (5000, (ids[-1],))


def test_a_dense_dag_stays_polynomial():
    b = GraphBuilder()
    ids = [b.node("Root")] + [b.node(f"Outlet {n}", claim=2) for n in range(1999)]
    for position, node_id in enumerate(ids):
        for step in (1, 2, 3):
            if position + step < len(ids):
                b.cite(node_id, ids[position + step])
    analysis = analyze(b.graph())
    assert analysis.origins == (ids[-1],)
    assert analysis.depth == 667  # 1999 hops, 3 at a time


def test_as_dict_is_json_ready():
    import json

    b, _ = founding()
    data = analyze(b.graph()).as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["origin_groups"][0]["label"] == "anonymous: four US officials"
