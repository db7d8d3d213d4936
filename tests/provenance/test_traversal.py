"""The provenance traversal: completeness, cycles, caps, and a query count depth cannot grow."""

import pytest

from provenance.selectors import claim_provenance, claim_provenances
from tests.factories import AssertionFactory, CitationFactory, ClaimFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def ids(graph):
    return [node.id for node in graph.nodes]


@pytest.mark.parametrize("length", [1, 10, 50])
def test_a_chain_is_returned_whole_in_two_queries(build_chain, django_assert_num_queries, length):
    claim, chain = build_chain(length)

    # The traversal, then the rows and edges as one statement (was 3: rows and edges apart).
    with django_assert_num_queries(2):
        graph = claim_provenance(claim_id=claim.id, max_depth=50)

    assert ids(graph) == [a.id for a in chain]
    assert [node.distance for node in graph.nodes] == list(range(length + 1))
    assert [(e.citing, e.cited) for e in graph.edges] == [
        (a.id, b.id) for a, b in zip(chain, chain[1:], strict=False)
    ]
    assert graph.truncated is False
    assert [node.id for node in graph.claim_nodes] == [chain[0].id]


def test_nodes_carry_source_document_and_affiliation():
    white_house = AssertionFactory(source__name="White House", source__kind="organization").source
    claim = ClaimFactory()
    outlet = AssertionFactory(
        claim=claim, document=DocumentFactory(title="Trust is low"), quote="very low"
    )
    official = AssertionFactory(
        source__name="Jake Sullivan", source__kind="person", source__affiliation=white_house
    )
    CitationFactory(citing=outlet, cited=official, relation="quotes")

    graph = claim_provenance(claim_id=claim.id)

    first, second = graph.nodes
    assert (first.source.name, first.document.title, first.quote) == (
        outlet.source.name,
        "Trust is low",
        "very low",
    )
    assert first.document.publisher_name == outlet.document.publisher.name
    assert (second.source.name, second.source.affiliation_name, second.document) == (
        "Jake Sullivan",
        "White House",
        None,
    )
    assert graph.edges[0].relation == "quotes"
    assert graph.edges[0].fidelity == "unchecked"


def test_fan_in_of_twenty_outlets_onto_one_origin(django_assert_num_queries):
    claim = ClaimFactory()
    origin = AssertionFactory()
    outlets = [AssertionFactory(claim=claim) for _ in range(20)]
    for outlet in outlets:
        CitationFactory(citing=outlet, cited=origin)

    # The traversal, then the rows and edges as one statement (was 3: rows and edges apart).
    with django_assert_num_queries(2):
        graph = claim_provenance(claim_id=claim.id)

    assert len(graph.nodes) == 21
    assert graph.node(origin.id).distance == 1
    assert len(graph.edges) == 20
    assert {e.cited for e in graph.edges} == {origin.id}
    assert graph.truncated is False


@pytest.mark.parametrize("size", [2, 3])
def test_a_cycle_terminates_and_is_returned_once(django_assert_num_queries, size):
    claim = ClaimFactory()
    loop = [AssertionFactory(claim=claim)] + [AssertionFactory() for _ in range(size - 1)]
    for citing, cited in zip(loop, loop[1:] + loop[:1], strict=True):
        CitationFactory(citing=citing, cited=cited)

    # The traversal, then the rows and edges as one statement (was 3: rows and edges apart).
    with django_assert_num_queries(2):
        graph = claim_provenance(claim_id=claim.id)

    assert ids(graph) == [a.id for a in loop]
    assert len(graph.edges) == size
    assert graph.truncated is False


def test_a_cycle_with_a_converging_diamond_upstream():
    claim = ClaimFactory()
    top, left, right, bottom = (AssertionFactory(claim=claim),) + tuple(
        AssertionFactory() for _ in range(3)
    )
    for citing, cited in [(top, left), (top, right), (left, bottom), (right, bottom)]:
        CitationFactory(citing=citing, cited=cited)
    CitationFactory(citing=bottom, cited=top)

    graph = claim_provenance(claim_id=claim.id)

    assert sorted(ids(graph)) == sorted(a.id for a in (top, left, right, bottom))
    assert graph.node(bottom.id).distance == 2
    assert len(graph.edges) == 5


def test_the_depth_cap_truncates(build_chain):
    claim, chain = build_chain(12)

    graph = claim_provenance(claim_id=claim.id, max_depth=5)

    assert ids(graph) == [a.id for a in chain[:6]]
    assert len(graph.edges) == 5
    assert graph.truncated is True
    assert graph.max_depth == 5


def test_a_chain_exactly_at_the_depth_cap_is_not_truncated(build_chain):
    claim, chain = build_chain(5)

    graph = claim_provenance(claim_id=claim.id, max_depth=5)

    assert len(graph.nodes) == 6
    assert graph.truncated is False


def test_the_node_cap_keeps_the_nearest_nodes_and_truncates(django_assert_num_queries):
    claim = ClaimFactory()
    outlets = [AssertionFactory(claim=claim) for _ in range(3)]
    wires = [AssertionFactory() for _ in range(3)]
    for outlet, wire in zip(outlets, wires, strict=True):
        CitationFactory(citing=outlet, cited=wire)

    # The traversal, then the rows and edges as one statement (was 3: rows and edges apart).
    with django_assert_num_queries(2):
        graph = claim_provenance(claim_id=claim.id, max_nodes=4)

    assert ids(graph) == [*(a.id for a in outlets), wires[0].id]
    assert [(e.citing, e.cited) for e in graph.edges] == [(outlets[0].id, wires[0].id)]
    assert graph.truncated is True


def test_the_node_cap_on_the_claims_own_assertions_truncates():
    claim = ClaimFactory()
    outlets = [AssertionFactory(claim=claim) for _ in range(4)]

    graph = claim_provenance(claim_id=claim.id, max_nodes=3)

    assert ids(graph) == [a.id for a in outlets[:3]]
    assert graph.truncated is True


def test_downstream_assertions_are_not_part_of_the_graph():
    claim = ClaimFactory()
    own = AssertionFactory(claim=claim)
    CitationFactory(citing=AssertionFactory(), cited=own)

    graph = claim_provenance(claim_id=claim.id)

    assert ids(graph) == [own.id]
    assert graph.edges == ()


def test_an_unknown_claim_gives_an_empty_graph(django_assert_num_queries):
    with django_assert_num_queries(1):
        graph = claim_provenance(claim_id=987654)

    assert (graph.nodes, graph.edges, graph.truncated) == ((), (), False)


def test_caps_must_be_sensible():
    with pytest.raises(ValueError, match="max_depth must be >= 0 and max_nodes >= 1."):
        claim_provenance(claim_id=1, max_nodes=0)


@pytest.mark.parametrize("caps", [{}, {"max_depth": 3}, {"max_nodes": 4}])
def test_many_graphs_at_once_are_each_claims_graph_in_two_queries(
    build_chain, django_assert_num_queries, caps
):
    """The batch traversal (cached analyses are refreshed with it) gives, for each claim, what
    the one-claim traversal gives: chains, a shared upstream, a cycle, the caps, no assertions."""
    long_claim, chain = build_chain(8)
    shared_claim = ClaimFactory()
    CitationFactory(citing=AssertionFactory(claim=shared_claim), cited=chain[3])
    loop_claim = ClaimFactory()
    a, b = AssertionFactory(claim=loop_claim), AssertionFactory()
    CitationFactory(citing=a, cited=b)
    CitationFactory(citing=b, cited=a)
    empty_claim = ClaimFactory()
    claims = [long_claim, shared_claim, loop_claim, empty_claim]

    # The traversal, then the rows and edges as one statement (was 3: rows and edges apart).
    with django_assert_num_queries(2):
        graphs = claim_provenances(claim_ids=[c.pk for c in claims], **caps)

    assert set(graphs) == {c.pk for c in claims}
    for claim in claims:
        assert graphs[claim.pk] == claim_provenance(claim_id=claim.pk, **caps)
    assert claim_provenances(claim_ids=[]) == {}
