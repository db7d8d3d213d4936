"""Location on 201, Link beside the page, circular on a citation that closes a loop."""

import pytest

from tests.factories import AssertionFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_created_record_says_where_it_lives(editor_api):
    response = editor_api.post("/api/claims/", {"text": "Harbour dues will double."}, format="json")
    assert response.status_code == 201
    assert response["Location"] == f"http://testserver/api/v1/claims/{response.json()['id']}/"
    source = editor_api.post("/api/sources/", {"name": "Axios", "kind": "outlet"}, format="json")
    assert source["Location"] == f"http://testserver/api/v1/sources/{source.json()['id']}/"


def test_pages_carry_a_link_header(api):
    for index in range(5):
        SourceFactory(name=f"Outlet {index}")
    response = api.get("/api/sources/?page_size=2&page=2")
    links = dict(
        (part.split('rel="')[1].rstrip('"'), part.split(">")[0].lstrip("<"))
        for part in response["Link"].split(", ")
    )
    assert links == {
        "first": "http://testserver/api/v1/sources/?page_size=2",
        "prev": "http://testserver/api/v1/sources/?page_size=2",
        "next": "http://testserver/api/v1/sources/?page=3&page_size=2",
        "last": "http://testserver/api/v1/sources/?page=3&page_size=2",
    }


def test_a_citation_that_closes_a_loop_answers_circular(editor_api):
    claim = ClaimFactory()
    first, second = AssertionFactory(claim=claim), AssertionFactory(claim=claim)
    one_way = editor_api.post(
        "/api/citations/", {"citing": first.pk, "cited": second.pk}, format="json"
    )
    assert (one_way.status_code, one_way.json()["circular"]) == (201, False)
    back = editor_api.post(
        "/api/citations/", {"citing": second.pk, "cited": first.pk}, format="json"
    )
    assert (back.status_code, back.json()["circular"]) == (201, True)
