"""Every media type the schema advertises is served, by Accept or by ?format= from a browser."""

import csv
import io

import pytest
import rdflib
from django.core.cache import cache

from provenance.demo import demo_load
from provenance.models import Claim, Document
from provenance.services import review_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed_claim(reviewer, settings):
    settings.PROVENANCE_RATING_NEEDS_CHECKED_LINK = False
    demo_load(show_passwords=False)
    founding_claim = Claim.objects.get(text__startswith="The Biden administration has become")
    review_record(
        claim=founding_claim,
        verdict="mostly_true",
        rationale="Axios reported it; four officials said it.",
        evidence="https://axios.example/trust",
        reviewer=reviewer,
    )
    return founding_claim


def schema_media_types(api, path: str) -> set[str]:
    cache.clear()
    operation = api.get("/api/schema/?format=json").json()["paths"][
        path.replace("/api/", "/api/v1/", 1)
    ]["get"]
    return set(operation["responses"]["200"]["content"])


@pytest.mark.parametrize(
    ("path", "accept", "expected"),
    [
        ("claimreview/", "application/ld+json", "application/ld+json"),
        ("claimreview/", "application/json", "application/json"),
        ("prov/", "text/turtle", "text/turtle; charset=utf-8"),
        ("prov/", "text/provenance-notation", "text/provenance-notation; charset=utf-8"),
        ("prov/", "application/json", "application/json; charset=utf-8"),
    ],
)
def test_each_advertised_type_is_served_on_request(api, reviewed_claim, path, accept, expected):
    response = api.get(f"/api/claims/{reviewed_claim.pk}/{path}", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == expected


def test_the_schema_advertises_exactly_the_types_served(api, reviewed_claim):
    served = {}
    for path, accepts in (
        ("/api/claims/{id}/claimreview/", ("application/ld+json", "application/json")),
        ("/api/claims/{id}/prov/", ("application/json", "text/provenance-notation", "text/turtle")),
        ("/api/claims/export/", ("text/csv",)),
    ):
        url = path.replace("{id}", str(reviewed_claim.pk))
        served[path] = {
            accept
            for accept in accepts
            if api.get(url, HTTP_ACCEPT=accept)["Content-Type"].split(";")[0] == accept
        }
        assert schema_media_types(api, path) == served[path] == set(accepts)


def test_csv_is_served_when_asked_for(api, reviewed_claim):
    response = api.get("/api/claims/export/", HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["id", "claim"]


def test_format_in_the_query_picks_the_type_for_browsers(api, reviewed_claim):
    for document in Document.objects.filter(assertions__claim=reviewed_claim).distinct():
        Document.objects.filter(pk=document.pk).update(url=f"https://news.example/{document.pk}")
    turtle = api.get(f"/api/claims/{reviewed_claim.pk}/prov/?format=turtle")
    assert turtle["Content-Type"] == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=turtle.content.decode(), format="turtle")
    # Documents' addresses are IRIs, not text.
    locations = set(graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/prov#atLocation")))
    assert locations
    assert all(isinstance(location, rdflib.URIRef) for location in locations)
    jsonld = api.get(f"/api/claims/{reviewed_claim.pk}/claimreview/?format=jsonld")
    assert jsonld["Content-Type"] == "application/ld+json"


def test_a_type_not_served_is_a_406_in_json(api, reviewed_claim):
    response = api.get("/api/claims/export/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_acceptable"


def test_errors_are_json_whatever_was_asked(api):
    response = api.get("/api/claims/export/?status=nonsense", HTTP_ACCEPT="text/csv")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "status" in response.json()["errors"]
