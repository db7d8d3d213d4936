"""/api/assertions/, /api/citations/ and /api/reviews/."""

import pytest

from provenance.models import Citation, Review
from tests.factories import AssertionFactory, CitationFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_assertion_with_a_text_quote_selector(editor_api):
    claim, source = ClaimFactory(), SourceFactory(name="a US official", kind="anonymous")
    response = editor_api.post(
        "/api/assertions/",
        {
            "claim": claim.pk,
            "source": source.pk,
            "quote": "Our trust of the Israelis is very low right now and for a good reason",
            "quote_kind": "direct",
            "selector": {"exact": "Our trust of the Israelis", "prefix": "stated, “"},
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["selector"] == {
        "type": "TextQuoteSelector",
        "exact": "Our trust of the Israelis",
        "prefix": "stated, “",
        "suffix": "",
    }


def test_errors_of_a_nested_object_are_keyed_by_their_path(editor_api):
    claim, source = ClaimFactory(), SourceFactory()
    response = editor_api.post(
        "/api/assertions/",
        {"claim": claim.pk, "source": source.pk, "selector": {"prefix": "stated, "}},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"selector.exact": ["This field is required."]}


def test_a_missing_claim_is_a_400(editor_api):
    response = editor_api.post(
        "/api/assertions/", {"claim": 424242, "source": SourceFactory().pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"claim": ['Invalid pk "424242" - object does not exist.']}


def test_a_direct_quote_without_words_is_a_400(editor_api):
    response = editor_api.post(
        "/api/assertions/",
        {"claim": ClaimFactory().pk, "source": SourceFactory().pk, "quote_kind": "direct"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["A direct quote needs its words."]}


def test_an_assertion_cannot_move_to_another_claim(editor_api):
    assertion = AssertionFactory()
    response = editor_api.patch(
        f"/api/assertions/{assertion.pk}/", {"claim": ClaimFactory().pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"claim": ["An assertion cannot move to another claim."]}


def test_a_citation_that_would_cite_itself_is_a_400(editor_api):
    assertion = AssertionFactory()
    response = editor_api.post(
        "/api/citations/", {"citing": assertion.pk, "cited": assertion.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "cited: An assertion cannot cite itself.",
        "code": "invalid",
        "errors": {"cited": ["An assertion cannot cite itself."]},
    }


def test_citation_create_check_and_delete(editor_api, editor):
    citing, cited = AssertionFactory(), AssertionFactory()
    created = editor_api.post(
        "/api/citations/",
        {"citing": citing.pk, "cited": cited.pk, "relation": "quotes", "fidelity": "faithful"},
        format="json",
    )
    # Fidelity is the checker's (the check action), never set with the citation.
    assert created.json()["errors"]["fidelity"] == [
        "Unknown field; the fields are cited, citing, evidence, relation."
    ]
    created = editor_api.post(
        "/api/citations/",
        {"citing": citing.pk, "cited": cited.pk, "relation": "quotes"},
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["fidelity"], body["checked_by"], body["claim"]) == (
        "unchecked",
        None,
        citing.claim_id,
    )
    duplicate = editor_api.post(
        "/api/citations/",
        {"citing": citing.pk, "cited": cited.pk, "relation": "quotes"},
        format="json",
    )
    assert duplicate.status_code == 409
    assert duplicate.json()["errors"] == {
        "non_field_errors": ["This citation is already recorded."]
    }
    assert duplicate.json()["existing"] == {
        "id": body["id"],
        "url": f"http://testserver/api/v1/citations/{body['id']}/",
    }

    checked = editor_api.post(
        f"/api/citations/{body['id']}/check/",
        {"fidelity": "distorted", "note": "Four became all."},
        format="json",
    )
    assert checked.status_code == 200
    assert (checked.json()["fidelity"], checked.json()["checked_by"]) == ("distorted", "ed")
    bad = editor_api.post(
        f"/api/citations/{body['id']}/check/", {"fidelity": "great"}, format="json"
    )
    assert bad.json()["errors"] == {"fidelity": ['"great" is not a valid choice.']}

    assert editor_api.delete(f"/api/citations/{body['id']}/").status_code == 204
    assert Citation.objects.count() == 0


def test_citation_filters_and_query_count(api, django_assert_num_queries):
    for _ in range(8):
        CitationFactory()
    checked = CitationFactory(fidelity="faithful", checked_at="2026-01-01T00:00:00Z")
    with django_assert_num_queries(2):
        body = api.get("/api/citations/?page_size=100").json()
    assert body["count"] == 9
    assert [c["id"] for c in api.get("/api/citations/?fidelity=faithful").json()["results"]] == [
        checked.pk
    ]
    assert api.get("/api/citations/?checked=false").json()["count"] == 8
    assert api.get(f"/api/citations/?claim={checked.citing.claim_id}").json()["count"] == 1
    assert api.get("/api/citations/?relation=denies").json()["count"] == 0


def test_only_reviewers_record_verdicts(editor_api, reviewer_api, api):
    claim = ClaimFactory()
    payload = {
        "claim": claim.pk,
        "verdict": "false",
        "rationale": "The memo says otherwise.",
        "evidence": "Memo of 3 March, page 2.",
    }
    denied = editor_api.post("/api/reviews/", payload, format="json")
    assert denied.status_code == 403
    assert Review.objects.count() == 0
    recorded = reviewer_api.post("/api/reviews/", payload, format="json")
    assert recorded.status_code == 201
    assert (recorded.json()["verdict"], recorded.json()["reviewer"]) == ("false", "rev")
    assert api.get(f"/api/claims/{claim.pk}/").json()["status"] == "false"
    review_id = recorded.json()["id"]
    assert reviewer_api.patch(f"/api/reviews/{review_id}/", {"verdict": "true"}).status_code == 405
    assert reviewer_api.delete(f"/api/reviews/{review_id}/").status_code == 405


def test_reviews_list_query_count(api, django_assert_num_queries):
    from tests.factories import ReviewFactory

    for _ in range(6):
        ReviewFactory()
    with django_assert_num_queries(2):
        assert api.get("/api/reviews/").json()["count"] == 6


def test_assertions_list_query_count(api, django_assert_num_queries):
    for _ in range(6):
        AssertionFactory()
    with django_assert_num_queries(2):
        assert api.get("/api/assertions/").json()["count"] == 6


def test_a_citation_deleted_by_a_concurrent_request_is_a_404_not_a_500(editor_api, monkeypatch):
    """Read by one request, deleted by another before the first locks it: the row is gone."""
    from api.views.chains import CitationViewSet

    citation = CitationFactory()
    stale = Citation.objects.get(pk=citation.pk)
    monkeypatch.setattr(CitationViewSet, "get_object", lambda self: stale)
    Citation.objects.filter(pk=citation.pk).delete()
    response = editor_api.delete(f"/api/citations/{citation.pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_every_operation_documents_the_servers_uri_too_long_answer():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "414" in operation["responses"], (method, path)
            assert "content" not in operation["responses"]["414"]
