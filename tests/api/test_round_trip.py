"""A client holding only the API builds the founding chain and reads its provenance back."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_founding_chain_through_the_api(client, editor, reviewer):
    editor.set_password("correct horse battery staple")
    editor.save()
    token = client.post(
        "/api/auth/token/", {"username": "ed", "password": "correct horse battery staple"}
    ).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}

    def post(path, payload):
        response = client.post(path, payload, content_type="application/json", **auth)
        assert response.status_code == 201, response.json()
        return response.json()["id"]

    caliber = post("/api/sources/", {"name": "Caliber.Az", "kind": "outlet"})
    axios = post("/api/sources/", {"name": "Axios", "kind": "outlet"})
    officials = post(
        "/api/sources/",
        {
            "name": "four US officials",
            "kind": "anonymous",
            "descriptor": "US officials",
            "anonymous_count": 4,
        },
    )
    article = post(
        "/api/documents/",
        {"title": "Axios: US losing trust in Israel", "publisher": caliber},
    )
    claim = post(
        "/api/claims/",
        {
            "text": "The Biden administration has become increasingly distrustful of what the "
            "Israeli government says about its plans.",
            "publish": True,
        },
    )
    a_caliber = post(
        "/api/assertions/",
        {"claim": claim, "source": caliber, "document": article, "quote_kind": "summary"},
    )
    a_axios = post("/api/assertions/", {"claim": claim, "source": axios})
    a_officials = post("/api/assertions/", {"claim": claim, "source": officials})
    post("/api/citations/", {"citing": a_caliber, "cited": a_axios, "relation": "cites"})
    post("/api/citations/", {"citing": a_axios, "cited": a_officials, "relation": "paraphrases"})

    body = client.get(f"/api/claims/{claim}/provenance/").json()

    assert [n["source"]["name"] for n in body["nodes"]] == [
        "Caliber.Az",
        "Axios",
        "four US officials",
    ]
    assert [(e["from"], e["to"]) for e in body["edges"]] == [
        (a_caliber, a_axios),
        (a_axios, a_officials),
    ]
    assert body["analysis"]["summary"] == (
        "1 independent origin (anonymous: four US officials) · 2 hops · 0 of 2 links checked"
    )
    assert (
        client.post(
            "/api/claims/", {"text": "anonymous write"}, content_type="application/json"
        ).status_code
        == 401
    )
