"""Across documents: hints on a relay, mutual citation, undisclosed copying, decisions that stay,
and a merge's history."""

import pytest

from provenance.analysis import analyze
from provenance.history import claim_history
from provenance.models import Claim, ClaimMatch, Document, DocumentReuse
from provenance.selectors import claim_provenance, graph_hints
from provenance.services.matching import (
    claim_match_confirm,
    claim_match_reject,
    claim_matches_find,
)
from provenance.services.reuse import document_reuse_confirm

pytestmark = pytest.mark.django_db
FARES = "The Lakeshore city council plans to raise ferry fares by 15 percent next spring."


def test_a_relay_that_changes_the_number_and_drops_the_hedge_shows_both_on_its_hop(
    ingest, editor, django_capture_on_commit_callbacks
):
    ingest("wire")
    ingest("relay-number-changed")
    wire = Claim.objects.get(text=FARES, duplicate_of__isnull=True)
    relay = Claim.objects.get(text__contains="50 percent")
    # A changed number is never merged by itself: an editor decides.
    match = ClaimMatch.objects.get()
    assert (match.status, match.numbers_agree) == ("suggested", False)
    with django_capture_on_commit_callbacks(execute=True):
        claim_match_confirm(claim=wire, other=relay, actor=editor)
    graph = claim_provenance(claim_id=wire.pk)
    hints = graph_hints([graph])
    by_hop = {
        (graph.node(e.citing).source.name, graph.node(e.cited).source.name): [
            (h.kind, h.citing, h.cited) for h in hints.get(e.id, ())
        ]
        for e in graph.edges
    }
    assert by_hop == {
        ("Ridgeline Post", "Northwind Wire"): [
            ("number_changed", "50 percent", "15 percent"),
            ("hedge_dropped", "will raise", "plans to raise"),
        ],
        ("Northwind Wire", "two officials with direct knowledge of the plan"): [],
    }
    wire.refresh_from_db()
    assert wire.hints == 2


def test_two_outlets_citing_each_other_are_circular(ingest, django_capture_on_commit_callbacks):
    ingest("mutual-a")
    with django_capture_on_commit_callbacks(execute=True):
        ingest("mutual-b")
    claim = Claim.objects.get(duplicate_of__isnull=True)
    analysis = analyze(claim_provenance(claim_id=claim.pk))
    assert analysis.circular
    assert analysis.independent_origins == 0
    assert analysis.document_cycles == (
        tuple(sorted(Document.objects.values_list("id", flat=True))),
    )
    assert "circular reporting: Millbrook Chronicle ↔ Pinecrest Herald" in analysis.summary
    claim.refresh_from_db()
    assert claim.circular


def test_a_near_verbatim_copy_without_citation_is_suggested_as_reusing_its_original(ingest, editor):
    wire = ingest("wire").document
    copy = ingest("copy-no-citation").document
    reuse = DocumentReuse.objects.get()
    assert (reuse.copy, reuse.original, reuse.status) == (copy, wire, "suggested")
    assert 0.8 < reuse.overlap < 1
    # The relay credits the wire by name: reusing its words is disclosed, so not suggested.
    ingest("relay-same-words")
    assert DocumentReuse.objects.count() == 1

    claim = Claim.objects.get(text=FARES, duplicate_of__isnull=True)
    before = analyze(claim_provenance(claim_id=claim.pk))
    assert [g.label for g in before.origin_groups] == [
        "anonymous: two officials with direct knowledge of the plan",
        "anonymous: council officials",
    ]
    document_reuse_confirm(reuse_id=reuse.pk, actor=editor)
    after = analyze(claim_provenance(claim_id=claim.pk))
    # The copy's "council officials" came with the copied text: no independent origin.
    assert [g.label for g in after.origin_groups] == [
        "anonymous: two officials with direct knowledge of the plan"
    ]
    assert len(after.dependent_origins) == 1


def test_a_copy_ingested_first_still_points_at_the_later_ingested_original(ingest):
    copy = ingest("copy-no-citation").document
    wire = ingest("wire").document
    reuse = DocumentReuse.objects.get()
    # The wire was published first, whichever was recorded first.
    assert (reuse.copy, reuse.original) == (copy, wire)


def test_a_rejected_suggestion_stays_rejected(ingest, editor):
    ingest("wire")
    ingest("relay-paraphrase")
    wire = Claim.objects.get(text=FARES, duplicate_of__isnull=True)
    relay = Claim.objects.get(text__startswith="Lakeshore's")
    claim_match_reject(claim=wire, other=relay, actor=editor)
    assert claim_matches_find(claim_id=relay.pk) == []
    assert claim_matches_find(claim_id=wire.pk) == []
    match = ClaimMatch.objects.get()
    assert (match.status, match.decided_by) == ("rejected", editor)
    # A same-words relay merges into the wire's claim: the rejection holds for the merged claim.
    ingest("relay-same-words")
    assert list(ClaimMatch.objects.order_by("id").values_list("status", flat=True)) == [
        "rejected",
        "confirmed",
    ]
    with pytest.raises(Exception, match="already rejected"):
        claim_match_reject(claim=wire, other=relay, actor=editor)


def test_a_merge_keeps_both_claims_pasts_in_the_history(ingest, editor):
    from provenance.services import claim_update

    ingest("relay-paraphrase")
    ingest("wire")
    wire = Claim.objects.get(text=FARES, duplicate_of__isnull=True)
    relay = Claim.objects.get(text__startswith="Lakeshore's")
    claim_update(claim=relay, context="Paraphrased from the wire.", actor=editor)
    claim_match_confirm(claim=wire, other=relay, actor=editor)
    entries = claim_history(claim_id=wire.pk)
    claims_seen = {(e.model, e.object_id) for e in entries if e.model == "claim"}
    assert claims_seen == {("claim", wire.pk), ("claim", relay.pk)}
    relay_changes = [
        [c.field for c in e.changes]
        for e in entries
        if e.model == "claim" and e.object_id == relay.pk
    ]
    assert ["duplicate_of_id"] in relay_changes  # the merge itself
    assert ["context"] in relay_changes  # the relay claim's own past
    moved = [e for e in entries if e.model == "assertion" and e.action == "changed"]
    assert any(
        c.field == "claim_id" and c.old == relay.pk and c.new == wire.pk
        for e in moved
        for c in e.changes
    )


def test_a_relay_published_before_the_report_it_cites_is_a_timeline_anomaly(ingest):
    wire = ingest("wire").document
    ingest("relay-same-words")
    Document.objects.filter(pk=wire.pk).update(
        published_at=Document.objects.get(title="Ferry fares set to rise").published_at
        + __import__("datetime").timedelta(hours=2)
    )
    analysis = analyze(
        claim_provenance(claim_id=Claim.objects.get(text=FARES, duplicate_of__isnull=True).pk)
    )
    assert len(analysis.timeline_anomalies) == 1


def test_a_chain_recorded_with_a_known_wording_reaches_the_wires_report(ingest, editor):
    from provenance.services.chain_record import DocumentSpec, Hop, SourceSpec, chain_record

    ingest("wire")
    wire = Claim.objects.get(text=FARES)
    recorded = chain_record(
        claim=FARES,
        hops=[
            Hop(
                source=SourceSpec(name="Harbor Post", kind="outlet"),
                document=DocumentSpec(
                    title="Fares up", url="https://harborpost.example/fares", published_at=None
                ),
                quote=FARES,
                quote_kind="summary",
            ),
            Hop(source=SourceSpec(name="Northwind Wire", kind="outlet")),
        ],
        created_by=editor,
    )
    assert recorded is not None
    # The new wording merged into the wire's claim; the chain was recorded on that claim and
    # its "Northwind Wire" hop continues into the wire's own article.
    graph = claim_provenance(claim_id=wire.pk)
    analysis = analyze(graph)
    names = [
        " → ".join(graph.node(n).source.name for n in chain.node_ids) for chain in analysis.chains
    ]
    assert names == [
        "Harbor Post → Northwind Wire → two officials with direct knowledge of the plan"
    ]
    assert Claim.objects.filter(duplicate_of=wire).count() == 1
