"""The API and its schema agree: what schemathesis' every check (`--checks all`) found.

A request the schema admits is not refused, one it does not admit is not served, and a method
an address does not have is a 405 (scripts/fuzz_api.py, README "Fuzzing").
"""

import re

import pytest

from tests.factories import AssertionFactory, ClaimFactory, DocumentFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def query_parameters(schema, path: str) -> dict:
    operation = schema["paths"][path]["get"]
    return {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}


@pytest.mark.parametrize(
    "query",
    [
        "/api/assertions/?claim=0&source=0&document=0",
        "/api/citations/?citing=0&cited=0",
        "/api/reviews/?claim=0",
    ],
)
def test_an_id_no_record_has_matches_nothing(api, query, django_assert_num_queries):
    # It was a 400 "Select a valid choice" (and a query to find that out): an integer the
    # schema admits. Now as every other id filter: an empty page, one query (the count).
    AssertionFactory()
    with django_assert_num_queries(1):
        response = api.get(query)
    assert (response.status_code, response.json()["results"]) == (200, [])


@pytest.mark.parametrize(
    "query",
    [
        "/api/claims/?source_kind=",
        "/api/claims/?status=",
        "/api/claims/?created_after=",
        "/api/claims/?source=",
        "/api/documents/?status=",
        "/api/citations/?fidelity=",
    ],
)
def test_an_empty_filter_value_is_a_400_naming_the_parameter(api, query):
    # django-filter read it as "no filter", so `?source_kind=` (not in the enum) answered
    # every claim.
    name = query.split("?")[1].rstrip("=")
    response = api.get(query)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        name: ["Must not be empty: leave the parameter out to not filter on it."]
    }


def test_empty_text_filters_still_match_everything(api):
    SourceFactory()
    assert api.get("/api/sources/?name=").json()["count"] == 1
    assert api.get("/api/claims/?search=").status_code == 200


def test_an_empty_format_is_a_400(api):
    claim = ClaimFactory()
    response = api.get(f"/api/claims/{claim.pk}/claimreview/?format=")
    assert response.status_code == 400
    assert response.json()["errors"]["format"][0].startswith("Name a format: ")


def test_ordering_the_schema_admits_is_the_ordering_served(api, schema):
    pattern = query_parameters(schema, "/api/v1/sources/")["ordering"]["schema"]["pattern"]
    for value, admitted in (("-name,id", True), ("", False), ("name,", False), (" id", False)):
        assert bool(re.fullmatch(pattern, value)) is admitted
        status = api.get("/api/sources/", {"ordering": value}).status_code
        assert status == (200 if admitted else 400), value


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/{id}/history/",
        "/api/v1/claims/{id}/matches/",
        "/api/v1/documents/{id}/captures/",
        "/api/v1/documents/{id}/checks/",
        "/api/v1/documents/{id}/archive-links/",
    ],
)
def test_a_records_own_pages_list_only_their_parameters(schema, path):
    # They listed the resource list's filters, which they refuse as unknown (400).
    assert set(query_parameters(schema, path)) <= {"page", "page_size", "status"}


def test_a_documents_pages_take_page(api):
    # Their `next` link was a 400: `page` was not known there.
    document = DocumentFactory()
    for action in ("captures", "checks", "archive-links"):
        response = api.get(f"/api/documents/{document.pk}/{action}/?page=1&page_size=5")
        assert response.status_code == 200, action


def test_an_unserved_method_is_a_405_whatever_the_parameters(api):
    # It was a 400 for the unknown parameters, before the method was looked at.
    claim = ClaimFactory()
    response = api.generic("TRACE", f"/api/claims/{claim.pk}/provenance/?max_depth=0&x=1")
    assert response.status_code == 405


def test_authors_must_be_a_list(editor_api):
    # An object was read as the list of its keys: `{}` created a document with no authors.
    response = editor_api.post(
        "/api/documents/", {"title": "Harbour report", "authors": {}}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["authors"]


def test_strict_bodies_say_they_take_no_other_field(schema, editor_api):
    claim_input = schema["components"]["schemas"]["ClaimInputRequest"]
    assert claim_input["additionalProperties"] is False
    response = editor_api.post("/api/claims/", {"text": "Tolls rise.", "txt": "x"}, format="json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "query",
    ["/api/claims/?source=0.5", "/api/assertions/?claim=1.0", "/api/documents/?publisher=1e3"],
)
def test_an_id_filter_takes_whole_numbers_only(api, query):
    # "0.5" was read as a number and matched nothing (200) where the schema says integer.
    name = query.split("?")[1].split("=")[0]
    response = api.get(query)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        name: ["Must be a whole number from 0 to 9223372036854775807."]
    }


def test_an_empty_page_is_a_400(api):
    # It was read as the first page; the schema's integer admits no "".
    response = api.get("/api/claims/?page=")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["page"]
    assert api.get("/api/claims/?page=1").status_code == 200


def test_a_claim_nobody_is_assigned_to_matches_its_schema(api):
    """A null assignee is what most claims have: the schema says it may be null (fuzzer)."""
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for name in ("Claim", "ClaimDetail"):
        assert schema["components"]["schemas"][name]["properties"]["assignee"]["nullable"]


@pytest.mark.django_db
def test_a_nul_in_a_text_filter_matches_nothing_rather_than_refusing_the_read(api):
    """The schema allows any string; a NUL in a name, URL or username filter found no record
    rather than a 400 (the fuzzer's positive-data check)."""
    for path, parameter in (
        ("/api/reviews/", "reviewer"),
        ("/api/sources/", "name"),
        ("/api/documents/", "url"),
    ):
        response = api.get(path, {parameter: "a\x00b"})
        assert response.status_code == 200, (path, response.content)
        assert response.json()["results"] == []


def test_a_nul_in_a_search_phrase_is_dropped_on_every_collection(api):
    """DRF's own search refused a NUL with a 400; the claims' search already dropped it."""
    for path in ("/api/claims/", "/api/sources/", "/api/documents/"):
        response = api.get(path, {"search": "a\x00"})
        assert response.status_code == 200, (path, response.content)
