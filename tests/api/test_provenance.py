"""GET /api/claims/{id}/provenance/: the graph and its analysis in a constant number of queries."""

import pytest

from provenance.demo import demo_load
from provenance.models import Claim
from tests.factories import AssertionFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    demo_load(show_passwords=False)


def test_the_founding_claim(api, demo):
    claim = Claim.objects.get(text__startswith="The Biden administration has become")
    body = api.get(f"/api/claims/{claim.pk}/provenance/").json()
    names = {node["id"]: node["source"]["name"] for node in body["nodes"]}
    assert sorted((names[e["from"]], names[e["to"]], e["relation"]) for e in body["edges"]) == [
        ("Axios", "four US officials", "paraphrases"),
        ("Caliber.Az", "Axios", "cites"),
    ]
    analysis = body["analysis"]
    assert [names[node_id] for node_id in analysis["origins"]] == ["four US officials"]
    assert (analysis["independent_origins"], analysis["circular"], analysis["depth"]) == (
        1,
        False,
        2,
    )
    assert (analysis["unchecked_links"], analysis["truncated"]) == (2, False)
    assert analysis["summary"] == (
        "1 independent origin (anonymous: four US officials) · 2 hops · 0 of 2 links checked"
    )
    assert body["claim"]["status"] == "unverifiable"
    caliber = next(n for n in body["nodes"] if n["source"]["name"] == "Caliber.Az")
    assert caliber["document"]["publisher"] == "Caliber.Az"
    assert set(caliber) == {
        "id",
        "url",
        "claim",
        "source",
        "affiliation",
        "document",
        "quote",
        "quote_kind",
        "distance",
    }


def test_the_circular_report_is_flagged(api, demo):
    claim = Claim.objects.get(text="Mayor Anton Reyes will step down in April.")
    analysis = api.get(f"/api/claims/{claim.pk}/provenance/").json()["analysis"]
    assert (analysis["circular"], analysis["independent_origins"], analysis["origins"]) == (
        True,
        0,
        [],
    )


@pytest.mark.parametrize("length", [1, 10, 40])
def test_the_query_count_does_not_grow_with_the_graph(
    api, build_chain, django_assert_num_queries, length
):
    claim, chain = build_chain(length)
    for assertion in chain[1:]:
        CitationFactory(citing=AssertionFactory(claim=claim), cited=assertion)
    # The claim with its versions (the cache key), the traversal, then its rows and its edges
    # with the words on both sides of every hop for the change hints, as one statement. (Was
    # 6: the claim was read twice, the rows and edges apart, the hints' words on their own.)
    with django_assert_num_queries(3):
        body = api.get(f"/api/claims/{claim.pk}/provenance/").json()
    assert len(body["nodes"]) == 2 * length + 1
    assert body["analysis"]["depth"] == length
    # Cached: only the claim's versions are read.
    with django_assert_num_queries(1):
        assert api.get(f"/api/claims/{claim.pk}/provenance/").json() == body


def test_caps_truncate_and_bad_caps_are_400s(api, build_chain):
    claim, _ = build_chain(12)
    body = api.get(f"/api/claims/{claim.pk}/provenance/?max_depth=3").json()
    assert (len(body["nodes"]), body["analysis"]["truncated"]) == (4, True)
    body = api.get(f"/api/claims/{claim.pk}/provenance/?max_nodes=2").json()
    assert (len(body["nodes"]), body["analysis"]["truncated"]) == (2, True)
    for query, field, message in [
        ("max_depth=51", "max_depth", "Must be a whole number from 0 to 50."),
        ("max_depth=-1", "max_depth", "Must be a whole number from 0 to 50."),
        ("max_nodes=0", "max_nodes", "Must be a whole number from 1 to 500."),
        ("max_nodes=lots", "max_nodes", "Must be a whole number from 1 to 500."),
        # "²" passes str.isdigit() and not int(); int() refuses 5,000 digits: both were 500s.
        ("max_nodes=²", "max_nodes", "Must be a whole number from 1 to 500."),
        (f"max_depth={'9' * 5000}", "max_depth", "Must be a whole number from 0 to 50."),
    ]:
        response = api.get(f"/api/claims/{claim.pk}/provenance/?{query}")
        assert response.status_code == 400
        assert response.json()["errors"] == {field: [message]}


@pytest.mark.parametrize("claim_id", ["²", "9" * 25, "9" * 5000])
def test_an_id_that_is_no_claim_is_a_404(api, claim_id):
    # Found by the API fuzzing: "²" and 5,000 digits broke int(), 25 digits SQLite's query.
    response = api.get(f"/api/claims/{claim_id}/provenance/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_a_claim_without_assertions(api):
    claim = ClaimFactory()
    body = api.get(f"/api/claims/{claim.pk}/provenance/").json()
    assert (body["nodes"], body["edges"]) == ([], [])
    assert body["analysis"]["summary"] == "0 independent origins · no assertions recorded"


def test_an_unknown_claim_is_a_404(api):
    assert api.get("/api/claims/999999/provenance/").status_code == 404


def test_the_analysis_is_documented_field_by_field(api, demo):
    from api.serializers.provenance import AnalysisSerializer

    claim = Claim.objects.get(text__startswith="The Biden administration has become")
    analysis = api.get(f"/api/claims/{claim.pk}/provenance/").json()["analysis"]
    assert set(analysis) == set(AnalysisSerializer().fields)


def test_the_cached_answer_follows_every_change(api, editor_api, build_chain):
    claim, chain = build_chain(2)
    first = api.get(f"/api/claims/{claim.pk}/provenance/")
    assert (
        api.get(f"/api/claims/{claim.pk}/provenance/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )

    # A change upstream (a new citation to a further origin) bumps the graph version.
    origin = AssertionFactory(source__name="Ana Costa", source__kind="person")
    editor_api.post("/api/citations/", {"citing": chain[-1].pk, "cited": origin.pk}, format="json")
    second = api.get(f"/api/claims/{claim.pk}/provenance/")
    assert second["ETag"] != first["ETag"]
    assert second.json()["analysis"]["depth"] == 3

    # A verdict changes the claim shown with the graph.
    from provenance.models import Claim

    Claim.objects.filter(pk=claim.pk).update(status="in_review")  # no version bump: stale
    claim.refresh_from_db()
    claim.status = "false"
    claim.save()
    third = api.get(f"/api/claims/{claim.pk}/provenance/").json()
    assert third["claim"]["status"] == "false"
