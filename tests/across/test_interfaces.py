"""Matches, appearances, hints and reuses through the API, the admin and the public pages."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from provenance.models import Claim, ClaimMatch, Document, DocumentReuse
from provenance.services.matching import claim_matches_find
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db
FARES = "The Lakeshore city council plans to raise ferry fares by 15 percent next spring."


@pytest.fixture
def suggested(ingest):
    ingest("wire")
    ingest("relay-paraphrase")
    wire = Claim.objects.get(text=FARES)
    relay = Claim.objects.get(text__startswith="Lakeshore's")
    return wire, relay


def test_matches_are_listed_newest_first_with_their_score(api, ingest, suggested):
    wire, relay = suggested
    ingest("relay-same-words")
    body = api.get(f"/api/claims/{wire.pk}/matches/").json()
    assert [(m["claim"]["text"][:20], m["status"], m["automatic"]) for m in body["results"]] == [
        (FARES[:20], "confirmed", True),
        ("Lakeshore's city cou", "suggested", False),
    ]
    suggestion = body["results"][1]
    assert 0 < suggestion["score"] < 1
    assert suggestion["report"]["title"] == "Lakeshore council plans 15 percent ferry fare rise"
    only_open = api.get(f"/api/claims/{wire.pk}/matches/?status=suggested").json()
    assert [m["claim"]["id"] for m in only_open["results"]] == [relay.pk]
    bad = api.get(f"/api/claims/{wire.pk}/matches/?status=maybe")
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"status": ["Choose one of suggested, confirmed, rejected."]}
    assert api.get("/api/claims/999999/matches/").status_code == 404


def test_confirming_over_the_api_merges_and_hides_the_duplicate(api, editor_api, suggested):
    wire, relay = suggested
    url = f"/api/claims/{wire.pk}/matches/{relay.pk}/confirm/"
    assert api.post(url).status_code == 401
    response = editor_api.post(url)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["claim"]["duplicate_of"]) == (
        "confirmed",
        wire.pk,
    )
    listed = [c["id"] for c in api.get("/api/claims/").json()["results"]]
    assert relay.pk not in listed and wire.pk in listed
    assert [c["id"] for c in api.get("/api/claims/?merged=true").json()["results"]] == [relay.pk]
    detail = api.get(f"/api/claims/{relay.pk}/").json()
    assert detail["duplicate_of"] == wire.pk
    kept = api.get(f"/api/claims/{wire.pk}/").json()
    assert kept["duplicates"] == [relay.pk]
    assert [d["publisher"]["name"] for d in kept["appearances"]] == [
        "Northwind Wire",
        "Eastport Ledger",
    ]
    assert kept["first_appearance"]["url"] == "https://northwind.example/lakeshore/ferry-fares"
    again = editor_api.post(url)
    assert again.status_code == 400
    assert again.json()["detail"] == "This match is already confirmed: the claims are merged."


def test_rejecting_over_the_api_is_for_editors_and_holds(api, editor_api, suggested):
    wire, relay = suggested
    reader = UserFactory(username="reader")
    reader_api = Client()
    reader_api.force_login(reader)
    url = f"/api/claims/{relay.pk}/matches/{wire.pk}/reject/"
    assert reader_api.post(url).status_code == 403
    response = editor_api.post(url)
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert claim_matches_find(claim_id=relay.pk) == []
    unknown = editor_api.post(f"/api/claims/{relay.pk}/matches/{ClaimFactory().pk}/reject/")
    assert unknown.status_code == 400
    assert unknown.json()["code"] == "invalid"


def test_provenance_edges_carry_their_hints_and_the_claim_needs_a_look(
    api, ingest, editor_api, django_capture_on_commit_callbacks
):
    ingest("wire")
    ingest("relay-number-changed")
    wire = Claim.objects.get(text=FARES)
    relay = Claim.objects.get(text__contains="50 percent")
    with django_capture_on_commit_callbacks(execute=True):
        editor_api.post(f"/api/claims/{wire.pk}/matches/{relay.pk}/confirm/")
    body = api.get(f"/api/claims/{wire.pk}/provenance/").json()
    hinted = [e["hints"] for e in body["edges"] if e["hints"]]
    assert hinted == [
        [
            {
                "kind": "number_changed",
                "label": "number changed",
                "citing": "50 percent",
                "cited": "15 percent",
            },
            {
                "kind": "hedge_dropped",
                "label": "hedge dropped",
                "citing": "will raise",
                "cited": "plans to raise",
            },
        ]
    ]
    assert [c["id"] for c in api.get("/api/claims/?hints=true").json()["results"]] == [wire.pk]
    assert wire.pk not in [c["id"] for c in api.get("/api/claims/?hints=false").json()["results"]]


def test_documents_list_their_reuses_and_editors_decide_them(api, editor_api, ingest):
    wire = ingest("wire").document
    copy = ingest("copy-no-citation").document
    body = api.get(f"/api/documents/{copy.pk}/").json()
    assert [(r["document"], r["status"]) for r in body["reuses"]] == [(wire.pk, "suggested")]
    assert body["reuses"][0]["overlap"] > 0.8
    url = f"/api/documents/{copy.pk}/reuses/{wire.pk}/confirm/"
    assert api.post(url).status_code == 401
    assert editor_api.post(url).json()["reuses"][0]["status"] == "confirmed"
    missing = editor_api.post(f"/api/documents/{wire.pk}/reuses/{copy.pk}/reject/")
    assert missing.status_code == 404
    assert missing.json()["detail"] == (
        f"Document #{wire.pk} is not suggested as reusing document #{copy.pk}."
    )


def test_matching_a_claim_costs_the_same_queries_however_many_claims_there_are(suggested):
    wire, relay = suggested
    ClaimMatch.objects.all().delete()

    def cost(claim_id):
        ClaimMatch.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            claim_matches_find(claim_id=claim_id)
        return len(captured)

    # Savepoint and release, the claim, the matcher's two, the candidates' rows, the pair's
    # matches, the reports reached, the suggestions written.
    assert cost(relay.pk) == 9
    for n in range(30):
        ClaimFactory(text=f"The Lakeshore city council plans to close pier {n} next spring.")
    assert cost(relay.pk) == 9


def test_the_admin_queue_shows_both_wordings_and_decides_in_one_click(client, editor, suggested):
    wire, relay = suggested
    client.force_login(editor)
    page = client.get("/admin/provenance/claimmatch/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Suggested matches" in html
    assert wire.text in html and escape(relay.text) in html
    match = ClaimMatch.objects.get()
    response = client.post(f"/admin/provenance/claimmatch/{match.pk}/confirm/")
    assert response.status_code == 302
    relay.refresh_from_db()
    assert relay.duplicate_of == wire
    assert client.get(f"/admin/provenance/claimmatch/{match.pk}/confirm/").status_code == 405
    claim_page = client.get(f"/admin/provenance/claim/{wire.pk}/change/").content.decode()
    assert "first appearance" in claim_page and "Merged into this claim" in claim_page


def test_the_admin_reuse_queue_and_the_hop_hints_panel(client, editor, ingest):
    ingest("wire")
    ingest("copy-no-citation")
    client.force_login(editor)
    html = client.get("/admin/provenance/documentreuse/").content.decode()
    assert "Suggested reuses" in html and "Council eyes ferry fare increase" in html
    reuse = DocumentReuse.objects.get()
    client.post(f"/admin/provenance/documentreuse/{reuse.pk}/reject/")
    reuse.refresh_from_db()
    assert reuse.status == "rejected"


def test_a_reader_cannot_decide_in_the_admin(client, suggested):
    staff = UserFactory(username="staff-only")
    client.force_login(staff)
    match = ClaimMatch.objects.get()
    assert client.post(f"/admin/provenance/claimmatch/{match.pk}/reject/").status_code == 403
    match.refresh_from_db()
    assert match.status == "suggested"


def test_the_public_page_lists_appearances_and_a_merged_claim_redirects(client, editor, suggested):
    from provenance.services.matching import claim_match_confirm

    wire, relay = suggested
    claim_match_confirm(claim=wire, other=relay, actor=editor)
    response = client.get(f"/claims/{relay.pk}/")
    assert (response.status_code, response["Location"]) == (301, f"/claims/{wire.pk}/")
    html = client.get(f"/claims/{wire.pk}/").content.decode()
    assert "Where it appeared" in html and "first appearance" in html
    index = client.get("/claims/").content.decode()
    assert relay.text not in index and wire.text in index
    assert Document.objects.count() == 2


def test_a_pair_made_meanwhile_by_the_other_claim_does_not_fail_the_match(ingest, monkeypatch):
    """Two close claims recorded at once both find each other: the second insert of the pair
    is the same suggestion, not an error (the load test met it as a 500)."""
    from provenance.services import matching

    ingest("wire")
    wire = Claim.objects.get(text=FARES)
    ingest("relay-paraphrase")
    relay = Claim.objects.get(text__startswith="Lakeshore's")
    ClaimMatch.objects.all().delete()
    reports = matching._reports

    def concurrent_request_made_the_pair(claim_id, others):
        low, high = sorted((wire.pk, relay.pk))
        ClaimMatch.objects.create(claim_id=low, other_id=high, score=0.5)
        return reports(claim_id, others)

    monkeypatch.setattr(matching, "_reports", concurrent_request_made_the_pair)
    claim_matches_find(claim_id=relay.pk)
    assert ClaimMatch.objects.count() == 1
