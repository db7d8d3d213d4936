"""A wire story and the outlets relaying it: one claim, whose chain reaches the wire's report."""

import pytest

from provenance.analysis import analyze
from provenance.models import Assertion, Claim, ClaimMatch, Document
from provenance.selectors import claim_provenance

FARES = "The Lakeshore city council plans to raise ferry fares by 15 percent next spring."


def chains_in_words(graph, analysis) -> list[str]:
    """Each chain as "source (document's publisher) → …", most downstream first."""

    def name(node_id):
        node = graph.node(node_id)
        where = f" [{node.document.publisher_name}]" if node.document else ""
        return node.source.name + where

    return [" → ".join(name(n) for n in chain.node_ids) for chain in analysis.chains]


@pytest.mark.django_db
@pytest.mark.parametrize("order", [("wire", "relay-same-words"), ("relay-same-words", "wire")])
def test_a_same_words_relay_reaches_the_wires_own_report(ingest, order):
    for name in order:
        ingest(name)
    claims = Claim.objects.filter(text=FARES, duplicate_of__isnull=True)
    assert claims.count() == 1
    claim = claims.get()
    assert Claim.objects.filter(duplicate_of=claim).count() == 1
    graph = claim_provenance(claim_id=claim.pk)
    analysis = analyze(graph)
    assert chains_in_words(graph, analysis) == [
        "Valley Courier [Valley Courier] → Northwind Wire [Northwind Wire] → "
        "two officials with direct knowledge of the plan"
    ]
    assert analysis.independent_origins == 1
    assert analysis.depth == 2
    # The bare "Northwind Wire" of the relay is gone: the wire is asserted in its article only.
    assert list(
        Assertion.objects.filter(claim=claim, source__name="Northwind Wire").values_list(
            "document__title", flat=True
        )
    ) == ["Lakeshore council plans 15 percent ferry fare rise"]
    match = ClaimMatch.objects.get()
    assert (match.status, match.automatic) == ("confirmed", True)


@pytest.mark.django_db
@pytest.mark.parametrize("order", [("wire", "relay-paraphrase"), ("relay-paraphrase", "wire")])
def test_a_paraphrased_relay_is_suggested_then_confirmed_into_the_same_graph(ingest, editor, order):
    from provenance.services.matching import claim_match_confirm

    for name in order:
        ingest(name)
    wire = Claim.objects.get(text=FARES)
    relay = Claim.objects.get(text__startswith="Lakeshore's city council intends")
    match = ClaimMatch.objects.get()
    assert (match.status, match.claim_id, match.other_id) == (
        "suggested",
        min(wire.pk, relay.pk),
        max(wire.pk, relay.pk),
    )
    # Confirming would continue the Ledger's citation into the wire's own article.
    assert match.report == Document.objects.get(publisher__name="Northwind Wire")
    claim_match_confirm(claim=wire, other=relay, actor=editor)
    relay.refresh_from_db()
    assert relay.duplicate_of == wire
    graph = claim_provenance(claim_id=wire.pk)
    analysis = analyze(graph)
    assert chains_in_words(graph, analysis) == [
        "Eastport Ledger [Eastport Ledger] → Northwind Wire [Northwind Wire] → "
        "two officials with direct knowledge of the plan"
    ]
    assert analysis.independent_origins == 1
