"""/api/v1/ with /api/ as its alias; every record's `url`; the schema's version and links."""

import pytest
import schemathesis
from drf_spectacular.validation import validate_schema

from tests.factories import (
    AssertionFactory,
    CitationFactory,
    ClaimFactory,
    DocumentFactory,
    ReviewFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def operation_ids(schema) -> set[str]:
    return {
        operation["operationId"]
        for operations in schema["paths"].values()
        for method, operation in operations.items()
        if method in ("get", "post", "put", "patch", "delete")
    }


def test_the_alias_serves_the_same_views(api):
    ClaimFactory(text="Harbour dues will double.")
    versioned, alias = api.get("/api/v1/claims/"), api.get("/api/claims/")
    assert versioned.status_code == alias.status_code == 200
    assert versioned.json() == alias.json()
    assert api.get("/api/v1/nowhere/").json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("collection", "factory", "field"),
    [
        ("claims", ClaimFactory, "url"),
        ("sources", SourceFactory, "url"),
        ("documents", DocumentFactory, "api_url"),
        ("assertions", AssertionFactory, "url"),
        ("citations", CitationFactory, "url"),
        ("reviews", ReviewFactory, "url"),
    ],
)
@pytest.mark.parametrize("prefix", ["/api/v1/", "/api/"])
def test_every_record_names_its_own_read(api, prefix, collection, factory, field):
    record = factory()
    address = f"http://testserver/api/v1/{collection}/{record.pk}/"
    listed = api.get(f"{prefix}{collection}/").json()["results"]
    assert [item[field] for item in listed if item["id"] == record.pk] == [address]
    read = api.get(f"{prefix}{collection}/{record.pk}/")
    assert read.json()[field] == address
    assert api.get(address).json()["id"] == record.pk


def test_nested_records_name_their_reads_too(api):
    publisher = SourceFactory(name="Harbour Gazette")
    assertion = AssertionFactory(document=DocumentFactory(publisher=publisher))
    body = api.get(f"/api/claims/{assertion.claim_id}/").json()
    [nested] = body["assertions"]
    assert nested["url"] == f"http://testserver/api/v1/assertions/{assertion.pk}/"
    assert nested["source"]["url"] == f"http://testserver/api/v1/sources/{assertion.source_id}/"
    document = f"http://testserver/api/v1/documents/{assertion.document_id}/"
    assert nested["document"]["api_url"] == body["first_appearance"]["api_url"] == document
    assert nested["document"]["publisher"]["url"].endswith(f"/api/v1/sources/{publisher.pk}/")


def test_the_provenance_graph_names_each_record(api):
    citation = CitationFactory()
    claim_id = citation.citing.claim_id
    body = api.get(f"/api/claims/{claim_id}/provenance/").json()
    assert body["claim"]["url"] == f"http://testserver/api/v1/claims/{claim_id}/"
    assert {node["url"] for node in body["nodes"]} == {
        f"http://testserver/api/v1/assertions/{pk}/"
        for pk in (citation.citing_id, citation.cited_id)
    }
    assert [edge["url"] for edge in body["edges"]] == [
        f"http://testserver/api/v1/citations/{citation.pk}/"
    ]
    # The answer is cached: another host gets its own addresses, not the first host's.
    other = api.get(f"/api/claims/{claim_id}/provenance/", HTTP_HOST="localhost")
    assert other.json()["claim"]["url"] == f"http://localhost/api/v1/claims/{claim_id}/"


def test_the_schema_describes_version_1(schema):
    assert schema["info"]["version"] == "1.0.0"
    assert schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    claim = schema["components"]["schemas"]["Claim"]["properties"]["url"]
    assert (claim["format"], claim["readOnly"]) == ("uri", True)
    assert "api_url" in schema["components"]["schemas"]["Document"]["properties"]


def test_created_records_link_to_their_reads(schema):
    known = operation_ids(schema)
    reads = {
        "/api/v1/claims/": ("claims_retrieve", "$response.body#/id"),
        "/api/v1/sources/": ("sources_retrieve", "$response.body#/id"),
        "/api/v1/documents/": ("documents_retrieve", "$response.body#/id"),
        "/api/v1/assertions/": ("assertions_retrieve", "$response.body#/id"),
        "/api/v1/citations/": ("citations_retrieve", "$response.body#/id"),
        "/api/v1/reviews/": ("reviews_retrieve", "$response.body#/id"),
        "/api/v1/chains/": ("claims_retrieve", "$response.body#/claim/id"),
        "/api/v1/ingest/": ("documents_retrieve", "$response.body#/document/id"),
    }
    for path, (operation_id, expression) in reads.items():
        links = schema["paths"][path]["post"]["responses"]["201"]["links"]
        first = next(iter(links.values()))
        assert (first["operationId"], first["parameters"]["id"]) == (operation_id, expression)
        assert {link["operationId"] for link in links.values()} <= known
    patch = schema["paths"]["/api/v1/claims/"]["post"]["responses"]["201"]["links"][
        "ThenClaimsPartialUpdate"
    ]
    assert patch["parameters"]["If-Match"] == "$response.header.ETag"


def test_the_schema_and_its_links_load(schema):
    validate_schema(schema)
    # schemathesis refuses a link to an unknown operation or parameter (InvalidStateMachine).
    workflow = schemathesis.openapi.from_dict(schema).as_state_machine()
    assert any("ReadClaimsRetrieve" in name for name in dir(workflow))
