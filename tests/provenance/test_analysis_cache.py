"""The cached analysis on each claim follows every change to its graph, once per transaction."""

import pytest
from django.db import transaction

from provenance import services
from provenance.models import Claim, Source
from provenance.services.analysis_cache import analyses_refresh

# Real commits: the cache is refreshed when the writing transaction commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def chain(editor, *names, claim=None):
    claim = claim or services.claim_create(text="Trust is low.", created_by=editor)
    assertions = []
    for name in names:
        source, _ = services.source_get_or_create(name=name, kind="outlet")
        assertions.append(services.assertion_add(claim=claim, source=source, created_by=editor))
    for citing, cited in zip(assertions, assertions[1:], strict=False):
        services.citation_add(citing=citing, cited=cited, created_by=editor)
    return claim, assertions


def test_a_new_chain_is_analysed(editor):
    claim, _ = chain(editor, "Caliber.Az", "Axios", "Officials")
    claim.refresh_from_db()
    assert (claim.independent_origins, claim.chain_depth, claim.links, claim.unchecked_links) == (
        1,
        2,
        2,
        2,
    )
    assert claim.analysis_summary == (
        "1 independent origin (Officials) · 2 hops · 0 of 2 links checked · "
        "unsourced: only the publishing outlet"
    )
    assert claim.analysis_version == claim.graph_version


def test_a_change_upstream_reaches_every_claim_downstream(editor):
    first, (_, wire) = chain(editor, "Daily", "Wire")
    other = services.claim_create(text="Another claim.", created_by=editor)
    _, (_, other_wire) = chain(editor, "Weekly", "Wire 2", claim=other)
    services.citation_add(citing=other_wire, cited=wire, created_by=editor)
    origin = services.assertion_add(
        claim=services.claim_create(text="Origin.", created_by=editor),
        source=services.source_create(name="Ana Costa", kind="person"),
        created_by=editor,
    )

    services.citation_add(citing=wire, cited=origin, created_by=editor)

    for claim in (first, other):
        claim.refresh_from_db()
        assert claim.analysis_summary.startswith("1 independent origin (Ana Costa)")
    other.refresh_from_db()
    assert other.chain_depth == 3


def test_checking_a_link_updates_the_count(editor):
    claim, (caliber, axios) = chain(editor, "Caliber.Az", "Axios")
    citation = caliber.citations.get()
    services.citation_check(citation=citation, fidelity="faithful", checked_by=editor)
    claim.refresh_from_db()
    assert claim.unchecked_links == 0


def test_an_affiliation_change_regroups_origins(editor):
    claim = services.claim_create(text="A plan exists.", created_by=editor)
    daily = services.assertion_add(
        claim=claim, source=services.source_create(name="Daily", kind="outlet"), created_by=editor
    )
    for name in ("Jake Sullivan", "Karine Jean-Pierre"):
        person = services.assertion_add(
            claim=claim, source=services.source_create(name=name, kind="person"), created_by=editor
        )
        services.citation_add(citing=daily, cited=person, created_by=editor)
    claim.refresh_from_db()
    assert claim.independent_origins == 2

    white_house = services.source_create(name="White House", kind="organization")
    for person in Source.objects.filter(kind="person"):
        services.source_update(source=person, affiliation=white_house)
    claim.refresh_from_db()
    assert claim.independent_origins == 1


def test_a_retracted_document_flags_the_claims_downstream(editor):
    claim, (daily, wire) = chain(editor, "Daily", "Wire")
    document = services.document_create(title="Wire story", created_by=editor)
    services.assertion_update(assertion=wire, document=document)
    claim.refresh_from_db()
    assert claim.flagged is False
    services.document_update(document=document, status="retracted", status_note="Withdrawn.")
    claim.refresh_from_db()
    assert claim.flagged is True
    assert "1 retracted document" in claim.analysis_summary


def test_one_transaction_refreshes_once_and_refresh_skips_current_claims(editor):
    with transaction.atomic():
        claim, _ = chain(editor, "A", "B", "C", "D")
        assert Claim.objects.get(pk=claim.pk).analysed_at is None
    claim.refresh_from_db()
    assert claim.chain_depth == 3
    assert analyses_refresh(claim_ids=[claim.pk]) == 0
    assert analyses_refresh(claim_ids=[claim.pk], force=True) == 1


def test_deleting_a_citation_updates_the_claim(editor):
    claim, (a, b) = chain(editor, "A", "B")
    a.citations.get().delete()
    claim.refresh_from_db()
    assert (claim.independent_origins, claim.links) == (2, 0)
