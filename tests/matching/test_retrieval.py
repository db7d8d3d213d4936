"""Stored keys and vectors, candidate retrieval from the indexes, and scores for a claim."""

import pytest
from django.db import connection

from provenance.fixtures import ARTICLES_DIR
from provenance.match_index import PG_MATCH_DOCUMENT
from provenance.matching import MODEL, SAME, SUGGEST, claim_key
from provenance.models import Claim, ClaimVector
from provenance.selectors_matching import (
    claim_match_candidates,
    claim_match_scores,
    claims_match_candidates,
)
from provenance.services import claim_create, claim_update
from provenance.services.claim_vectors import claim_vectors_compute
from tests.factories import ClaimFactory

WIRE = "Two officials said the Valdorian port of Lowmarsh will close for repairs in June."
RELAY = "The Valdorian port of Lowmarsh will close in June for repairs, two officials said."
NUMBER = "Two officials said the Valdorian port of Lowmarsh will close for repairs in July 2027."
OTHER = "A Port Edwin bakery won a national prize for its rye bread."


@pytest.fixture
def recorded(db):
    return {
        name: claim_create(text=text, created_by=None)
        for name, text in {"wire": WIRE, "relay": RELAY, "number": NUMBER, "other": OTHER}.items()
    }


def test_the_key_is_stored_and_follows_the_wording(db):
    claim = claim_create(text="  The \u201cPort\u201d closes.  ", created_by=None)
    assert Claim.objects.get(pk=claim.pk).match_key == "port closes"
    claim_update(claim=claim, text="The port opens.")
    assert Claim.objects.get(pk=claim.pk).match_key == "port opens"


def test_exact_key_first_then_words(recorded):
    twin = claim_create(text=WIRE.upper(), created_by=None)
    found = claim_match_candidates(claim_id=recorded["wire"].pk, text=WIRE)
    ids = [candidate.claim_id for candidate in found]
    assert ids[0] == twin.pk
    assert recorded["wire"].pk not in ids  # the claim itself is left out
    assert {recorded["relay"].pk, recorded["number"].pk} <= set(ids)
    assert found[0].key == claim_key(WIRE)
    assert found[0].text == WIRE.upper()


def test_retrieval_needs_a_shared_word(recorded):
    ids = [c.claim_id for c in claim_match_candidates(text="Rye bread prize")]
    assert ids == [recorded["other"].pk]
    assert claim_match_candidates(text="Zebras gallop") == []
    assert claim_match_candidates(text="") == []


def test_limit_bounds_the_candidates(db):
    for n in range(8):
        ClaimFactory(text=f"Lowmarsh harbour closed for the {n}th time")
    assert len(claim_match_candidates(text="Lowmarsh harbour closed", limit=5)) == 5


def test_retrieval_uses_an_index(recorded):
    found = claim_match_candidates(text=WIRE)
    assert found  # the query runs; its plan must read the matching indexes, never scan
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM provenance_claim WHERE "  # noqa: S608 -- a constant
                f"{PG_MATCH_DOCUMENT} @@ to_tsquery('port')"
            )
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "provenance_claim_match_text" in plan
            cursor.execute("EXPLAIN SELECT id FROM provenance_claim WHERE match_key = 'x'")
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "provenance_claim_match_key_hash" in plan
            cursor.execute("SET enable_seqscan = on")
        else:
            cursor.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM provenance_claim WHERE match_key = 'x'"
            )
            assert "provenance_claim_match_key" in " ".join(str(row) for row in cursor.fetchall())


def test_vectors_are_stored_on_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_create(text=WIRE, created_by=None)
    stored = ClaimVector.objects.get(claim=claim)
    assert (stored.model, stored.key, len(bytes(stored.vector))) == (MODEL, claim_key(WIRE), 512)
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim=claim, text=RELAY)
    assert ClaimVector.objects.get(claim=claim).key == claim_key(RELAY)
    assert claim_vectors_compute(claim_ids=[claim.pk]) == 0  # current: nothing to do


def test_candidates_carry_current_vectors_only(recorded):
    claim_vectors_compute(claim_ids=[c.pk for c in recorded.values()])
    Claim.objects.filter(pk=recorded["number"].pk).update(match_key="changed meanwhile port")
    found = {c.claim_id: c for c in claim_match_candidates(text=WIRE)}
    assert found[recorded["relay"].pk].vector is not None
    assert found[recorded["number"].pk].vector is None


def test_scores_best_first(recorded):
    twin = claim_create(text=f"the {WIRE}", created_by=None)
    scores = claim_match_scores(claim_id=recorded["wire"].pk)
    ids = [claim_id for claim_id, _ in scores]
    assert ids[0] == twin.pk and scores[0][1].decision == SAME
    assert [m.score for _, m in scores] == sorted((m.score for _, m in scores), reverse=True)
    by_id = dict(scores)
    assert by_id[recorded["number"].pk].decision == SUGGEST
    assert by_id[recorded["number"].pk].numbers_agree is False
    assert recorded["other"].pk not in by_id
    assert claim_match_scores(claim_id=10**9) == []


@pytest.mark.parametrize("others", [3, 40])
def test_scores_cost_two_queries_whatever_the_corpus(db, django_assert_num_queries, others):
    for n in range(others):
        ClaimFactory(text=f"{WIRE} (report {n})")
    claim = claim_create(text=WIRE, created_by=None)
    claim_vectors_compute(claim_ids=list(Claim.objects.values_list("pk", flat=True)))
    with django_assert_num_queries(2):
        scores = claim_match_scores(claim_id=claim.pk)
    assert scores


def test_candidates_of_many_claims_are_each_claims_own(recorded, django_assert_num_queries):
    """An ingested article's claims retrieve their candidates together: the same as one by
    one, each claim left out of its own, in one statement on PostgreSQL."""
    twin = claim_create(text=WIRE.upper(), created_by=None)
    texts = {claim.pk: claim.text for claim in (*recorded.values(), twin)}
    texts[10**9] = "the of and"  # stop words only: PostgreSQL has no word to look up
    alone = {pk: claim_match_candidates(claim_id=pk, text=text) for pk, text in texts.items()}
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else len(texts)):
        together = claims_match_candidates(texts=texts)
    assert together == alone
    assert [c.claim_id for c in together[twin.pk]][0] == recorded["wire"].pk


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers")
def test_sqlite_index_comes_back_after_a_table_rebuild(db):
    from provenance.match_index import match_index_ensure

    with connection.cursor() as cursor:
        # What SQLite does to triggers when a migration rebuilds the claims table.
        cursor.execute("DROP TRIGGER provenance_claim_match_text_ai")
    missed = claim_create(text="Lowmarsh port closes in June", created_by=None)
    assert claim_match_candidates(text="Lowmarsh port") == []
    match_index_ensure(connection)
    assert [c.claim_id for c in claim_match_candidates(text="Lowmarsh port")] == [missed.pk]


def test_ingested_claims_get_keys_and_vectors(db, django_capture_on_commit_callbacks):
    from provenance.services.ingestion import ingestion_apply

    path = ARTICLES_DIR / "founding-chain.txt"
    with django_capture_on_commit_callbacks(execute=True):
        result = ingestion_apply(
            content=path.read_bytes(), content_type="text/plain", created_by=None
        )
    claims = Claim.objects.filter(pk__in=[claim.pk for claim in result.claims])
    assert claims and all(c.match_key == claim_key(c.text) for c in claims)
    assert ClaimVector.objects.filter(claim__in=claims).count() == len(claims)
