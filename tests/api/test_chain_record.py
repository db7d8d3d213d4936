"""POST /api/chains/: a whole chain in one request, one transaction, retried safely."""

import pytest

from provenance.models import (
    Assertion,
    Citation,
    Claim,
    Document,
    IdempotencyKey,
    Source,
    SourceAlias,
)
from tests.factories import ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

CLAIM = "US officials distrust what the Israeli government says about its plans."


def founding_chain(**claim) -> dict:
    return {
        "claim": claim or {"text": CLAIM},
        "hops": [
            {
                "source": {"name": "Caliber.Az", "kind": "outlet"},
                "document": {
                    "url": "https://caliber.example/axios-trust",
                    "title": "Axios: US losing trust in Israel",
                    "publisher": {"name": "Caliber.Az", "kind": "outlet"},
                },
                "quote": "The Biden administration has become increasingly distrustful, four US "
                "officials said.",
                "quote_kind": "summary",
                "relation": "cites",
                "evidence": "Caliber.Az, citing Axios, reports.",
            },
            {"source": {"name": "Axios", "kind": "outlet"}, "relation": "paraphrases"},
            {
                "source": {
                    "name": "four US officials",
                    "kind": "anonymous",
                    "descriptor": "US officials",
                    "anonymous_count": 4,
                }
            },
        ],
    }


def row_counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Claim, Source, Document, Assertion, Citation))


def test_the_founding_chain_in_one_request(editor_api):
    response = editor_api.post("/api/chains/", founding_chain(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    claim = Claim.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/claims/{claim.pk}/provenance/"
    assert body["claim"]["text"] == CLAIM
    assert body["recorded"]["created"] == {
        "claims": 1,
        "sources": 3,
        "documents": 1,
        "assertions": 3,
        "citations": 2,
    }
    caliber, axios, officials = body["recorded"]["assertions"]
    names = {node["id"]: node["source"]["name"] for node in body["nodes"]}
    assert [names[a] for a in (caliber, axios, officials)] == [
        "Caliber.Az",
        "Axios",
        "four US officials",
    ]
    assert sorted((e["from"], e["to"], e["relation"]) for e in body["edges"]) == sorted(
        [(caliber, axios, "cites"), (axios, officials, "paraphrases")]
    )
    assert body["analysis"]["origins"] == [officials]
    assert body["analysis"]["independent_origins"] == 1
    assert row_counts() == (1, 3, 1, 3, 2)


def test_known_sources_are_found_by_alias_and_the_claim_by_id(editor_api):
    axios = SourceFactory(name="Axios Media", kind="outlet")
    SourceAlias.objects.create(source=axios, name="Axios")
    claim = ClaimFactory(text=CLAIM)
    response = editor_api.post("/api/chains/", founding_chain(id=claim.pk), format="json")

    assert response.status_code == 201, response.json()
    recorded = response.json()["recorded"]
    assert recorded["reused"]["claims"] == 1
    assert recorded["reused"]["sources"] == 1
    assert Assertion.objects.get(pk=recorded["assertions"][1]).source == axios


def test_the_same_chain_again_writes_nothing_and_answers_200(editor_api):
    assert editor_api.post("/api/chains/", founding_chain(), format="json").status_code == 201
    claim = Claim.objects.get()
    again = editor_api.post("/api/chains/", founding_chain(id=claim.pk), format="json")
    assert again.status_code == 200
    assert again.json()["recorded"]["created"] == dict.fromkeys(
        ("claims", "sources", "documents", "assertions", "citations"), 0
    )
    assert row_counts() == (1, 3, 1, 3, 2)


def test_errors_are_keyed_by_hop_and_field_and_nothing_is_written(editor_api):
    chain = founding_chain()
    chain["hops"][1]["source"] = {"name": "Axios"}
    chain["hops"][2]["relation"] = "cites"
    chain["hops"][0]["document"]["publisher"]["kind"] = "newspaper"
    response = editor_api.post("/api/chains/", chain, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "hops[0].document.publisher.kind": ['"newspaper" is not a valid choice.'],
        "hops[1].source.kind": ["Give the source's id, or its name and kind."],
    }
    assert row_counts() == (0, 0, 0, 0, 0)


def test_errors_found_by_the_service_are_keyed_alike(editor_api):
    chain = founding_chain()
    chain["hops"][2]["relation"] = "cites"
    chain["hops"][0]["source"] = {"name": "Jake Sullivan", "kind": "person", "descriptor": "x"}
    response = editor_api.post("/api/chains/", chain, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "hops[0].source": [
            "Only anonymous sources have a descriptor, a number of people or a reason for "
            "anonymity."
        ],
        "hops[2].relation": ["The last hop cites nothing, so it has no relation: leave it empty."],
    }
    assert row_counts() == (0, 0, 0, 0, 0)


def test_unknown_fields_and_numbers_for_text_are_refused(editor_api):
    chain = founding_chain()
    chain["hops"][0]["qoute"] = "typo"
    chain["claim"]["context"] = 0
    response = editor_api.post("/api/chains/", chain, format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["claim.context"] == ["Must be text (a JSON string), not int."]
    assert errors["hops[0].qoute"][0].startswith("Unknown field; the fields are document,")


def test_an_id_with_description_is_refused(editor_api):
    chain = founding_chain()
    chain["hops"][1]["source"] = {"id": SourceFactory().pk, "name": "Axios"}
    response = editor_api.post("/api/chains/", chain, format="json")
    assert response.json()["errors"] == {
        "hops[1].source": ["Give either an id or the fields that describe a new one, not both."]
    }


def test_an_idempotency_key_replays_the_first_answer(editor_api):
    first = editor_api.post(
        "/api/chains/", founding_chain(), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    again = editor_api.post(
        "/api/chains/", founding_chain(), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert row_counts() == (1, 3, 1, 3, 2)


def test_an_idempotency_key_with_another_body_is_a_422(editor_api):
    editor_api.post("/api/chains/", founding_chain(), format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    other = founding_chain()
    other["hops"][0]["quote"] = "Something else."
    response = editor_api.post("/api/chains/", other, format="json", HTTP_IDEMPOTENCY_KEY="k-2")

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Assertion.objects.count() == 3


def test_an_expired_key_records_again(editor_api):
    editor_api.post("/api/chains/", founding_chain(), format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    from datetime import timedelta

    from django.utils import timezone

    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
    claim = Claim.objects.get()
    response = editor_api.post(
        "/api/chains/", founding_chain(id=claim.pk), format="json", HTTP_IDEMPOTENCY_KEY="k-3"
    )
    assert response.status_code == 200
    assert "Idempotent-Replayed" not in response
    assert IdempotencyKey.objects.get().status_code == 200


def test_a_refused_request_does_not_use_up_its_key(editor_api):
    chain = founding_chain()
    chain["hops"][2]["relation"] = "cites"
    bad = editor_api.post("/api/chains/", chain, format="json", HTTP_IDEMPOTENCY_KEY="k-4")
    good = editor_api.post(
        "/api/chains/", founding_chain(), format="json", HTTP_IDEMPOTENCY_KEY="k-4"
    )
    assert (bad.status_code, good.status_code) == (400, 201)


def test_keys_belong_to_their_user(editor_api, api):
    from rest_framework.authtoken.models import Token

    other = UserFactory(username="ed2", groups=["editor"])
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=other).key}")
    editor_api.post("/api/chains/", founding_chain(), format="json", HTTP_IDEMPOTENCY_KEY="same")
    chain = founding_chain()
    chain["hops"][0]["quote"] = "Another quote."
    response = api.post("/api/chains/", chain, format="json", HTTP_IDEMPOTENCY_KEY="same")
    # Not the first user's answer: the wording makes a claim merged into the first one, which
    # holds the same chain (its assertions are found, not written twice).
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    kept = Claim.objects.get(duplicate_of__isnull=True)
    assert response.json()["claim"]["id"] == kept.pk
    assert response.json()["recorded"]["reused"]["assertions"] == 3
    assert Assertion.objects.count() == 3


def test_a_malformed_key_is_a_400(editor_api):
    response = editor_api.post(
        "/api/chains/", founding_chain(), format="json", HTTP_IDEMPOTENCY_KEY="é"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["Idempotency-Key"]


def test_recording_a_chain_needs_an_editor(api, db):
    assert api.post("/api/chains/", founding_chain(), format="json").status_code == 401
    assert row_counts() == (0, 0, 0, 0, 0)


def test_bearer_is_a_synonym_for_token(api, editor):
    from rest_framework.authtoken.models import Token

    api.credentials(HTTP_AUTHORIZATION=f"Bearer {Token.objects.create(user=editor).key}")
    assert api.post("/api/chains/", founding_chain(), format="json").status_code == 201
