"""/api/claims/{id}/history/: every edit and its author; reverting adds a revision."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from provenance.models import Claim
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def chain_by_two_editors(editor, reviewer):
    alice = client_for(editor)
    bob = client_for(UserFactory(username="bob", groups=["editor"]))
    source = alice.post("/api/sources/", {"name": "Axios", "kind": "outlet"}, format="json").json()
    officials = alice.post(
        "/api/sources/", {"name": "US officials", "kind": "anonymous"}, format="json"
    ).json()
    created = alice.post("/api/claims/", {"text": "Trust is low.", "publish": True}, format="json")
    claim = created.json()["id"]
    bob.patch(
        f"/api/claims/{claim}/",
        {"text": "Trust is very low."},
        format="json",
        HTTP_IF_MATCH=created["ETag"],
    )
    a1 = alice.post("/api/assertions/", {"claim": claim, "source": source["id"]}, format="json")
    a2 = alice.post("/api/assertions/", {"claim": claim, "source": officials["id"]}, format="json")
    link = bob.post(
        "/api/citations/", {"citing": a1.json()["id"], "cited": a2.json()["id"]}, format="json"
    ).json()
    bob.post(f"/api/citations/{link['id']}/check/", {"fidelity": "faithful"}, format="json")
    client_for(reviewer).post(
        "/api/reviews/",
        {"claim": claim, "verdict": "mostly_true", "rationale": "Sourced.", "evidence": "Axios."},
        format="json",
    )
    return claim


def test_history_shows_every_edit_and_its_author(api, chain_by_two_editors):
    body = api.get(f"/api/claims/{chain_by_two_editors}/history/").json()
    entries = [(e["model"], e["action"], e["user"]) for e in reversed(body["results"])]
    assert entries == [
        ("claim", "created", "ed"),
        ("claim", "changed", "bob"),
        ("assertion", "created", "ed"),
        ("assertion", "created", "ed"),
        ("citation", "created", "bob"),
        ("citation", "changed", "bob"),
        ("review", "verdict", "rev"),
        ("claim", "changed", "rev"),
    ]
    reworded = body["results"][-2]
    assert reworded["changes"] == [
        {"field": "text", "old": "Trust is low.", "new": "Trust is very low."}
    ]
    checked = next(
        e for e in body["results"] if e["model"] == "citation" and e["action"] == "changed"
    )
    assert {c["field"] for c in checked["changes"]} == {"fidelity", "checked_by_id", "checked_at"}


def test_history_takes_a_fixed_number_of_queries(
    api, chain_by_two_editors, django_assert_num_queries
):
    # The claim, then its history, its assertions', their citations' and its reviews.
    with django_assert_num_queries(5):
        api.get(f"/api/claims/{chain_by_two_editors}/history/")


def test_revert_creates_a_new_revision(editor_api, api, chain_by_two_editors):
    history = api.get(f"/api/claims/{chain_by_two_editors}/history/").json()["results"]
    first = next(e for e in history if e["model"] == "claim" and e["action"] == "created")
    response = editor_api.post(
        f"/api/claims/{chain_by_two_editors}/revert/",
        {"revision": first["revision"]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["text"] == "Trust is low."
    claim = Claim.objects.get()
    assert claim.history.count() == 4  # created, reworded, verdict, reverted: nothing rewritten
    latest = api.get(f"/api/claims/{chain_by_two_editors}/history/").json()["results"][0]
    assert (latest["user"], latest["changes"]) == (
        "ed",
        [{"field": "text", "old": "Trust is very low.", "new": "Trust is low."}],
    )


def test_reverting_to_an_unknown_revision_is_a_400(editor_api, chain_by_two_editors):
    response = editor_api.post(
        f"/api/claims/{chain_by_two_editors}/revert/", {"revision": 999999}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "revision": [f"Claim #{chain_by_two_editors} has no revision 999999."]
    }


def test_anonymous_clients_cannot_revert(api, chain_by_two_editors):
    response = api.post(f"/api/claims/{chain_by_two_editors}/revert/", {"revision": 1})
    assert response.status_code == 401
