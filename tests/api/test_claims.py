"""/api/claims/: read for everyone, write with permissions, filters, errors, query counts."""

import pytest
from rest_framework.test import APIClient

from provenance.models import Claim
from tests.factories import AssertionFactory, ClaimFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_anonymous_clients_read_a_paginated_list(api, django_assert_num_queries):
    for _ in range(25):
        AssertionFactory()
    with django_assert_num_queries(2):
        response = api.get("/api/claims/")
    body = response.json()
    assert response.status_code == 200
    assert (body["count"], len(body["results"]), body["previous"]) == (25, 20, None)
    assert body["next"].endswith("/api/v1/claims/?page=2")
    first = body["results"][0]
    assert set(first) == {
        "id",
        "url",
        "text",
        "context",
        "status",
        "status_label",
        "needs_rereview",
        "published_at",
        "published_by",
        "assignee",
        "assertion_count",
        "independent_origins",
        "circular",
        "chain_depth",
        "links",
        "unchecked_links",
        "flagged",
        "analysis_summary",
        "hints",
        "duplicate_of",
        "analysed_at",
        "retracted_at",
        "retraction_note",
        "version",
        "created_by",
        "created_at",
        "updated_at",
    }
    assert first["assertion_count"] == 1


def test_the_list_query_count_does_not_grow_with_page_size(api, django_assert_num_queries):
    for _ in range(60):
        AssertionFactory()
    with django_assert_num_queries(2):
        assert len(api.get("/api/claims/?page_size=60").json()["results"]) == 60


# "²" passes str.isdigit() and not int(); int() refuses 5,000 digits: both were 500s.
@pytest.mark.parametrize("size", ["0", "101", "ten", "²", "9" * 5000])
def test_page_size_outside_the_range_is_a_clear_error(api, size):
    response = api.get(f"/api/claims/?page_size={size}")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "page_size: Must be a whole number from 1 to 100.",
        "code": "invalid",
        "errors": {"page_size": ["Must be a whole number from 1 to 100."]},
    }


@pytest.mark.parametrize("page", ["0", "-1", "two", "²", "1.5", "9" * 5000])
def test_a_malformed_page_is_a_400(api, page):
    # Found by the API fuzzing: DRF answers 404 "Invalid page." to these, which no list
    # documented; a malformed page is a 400 like a malformed page size.
    response = api.get("/api/claims/", {"page": page})
    assert response.status_code == 400
    assert response.json()["errors"] == {"page": ['Must be a whole number from 1, or "last".']}


def test_a_page_past_the_last_is_a_documented_404(api):
    ClaimFactory()
    assert api.get("/api/claims/?page=last").status_code == 200
    for page in ("2", "9" * 18):
        response = api.get("/api/claims/", {"page": page})
        assert (response.status_code, response.json()["code"]) == (404, "not_found")
    schema = api.get("/api/schema/?format=json").json()
    for path in ("/api/v1/claims/", "/api/v1/sources/", "/api/v1/reviews/"):
        assert "404" in schema["paths"][path]["get"]["responses"]


def test_detail_lists_the_assertions(api, django_assert_num_queries):
    claim = ClaimFactory()
    for _ in range(5):
        AssertionFactory(claim=claim)
    # The claim's versions (the cache key), the claim with the ids of the claims merged into
    # it, its assertions (with sources and documents). (Was 4: the merged claims were a query
    # of their own.)
    with django_assert_num_queries(3):
        body = api.get(f"/api/claims/{claim.pk}/").json()
    assert [a["source"]["kind"] for a in body["assertions"]] == ["outlet"] * 5
    # Cached under those versions: only they are read.
    with django_assert_num_queries(1):
        assert api.get(f"/api/claims/{claim.pk}/").json() == body


def test_search_and_filters(api):
    axios = SourceFactory(name="Axios")
    trust = AssertionFactory(claim__text="US trust in Israel is low", source=axios).claim
    AssertionFactory(claim__text="US trust in Israel is low", source=SourceFactory())
    tariffs = AssertionFactory(
        claim__text="A levy on steel", source=SourceFactory(kind="anonymous", name="execs")
    ).claim
    ReviewFactory(claim=tariffs, verdict="false")
    Claim.objects.filter(pk=tariffs.pk).update(status="false")

    def ids(query):
        return [c["id"] for c in api.get(f"/api/claims/{query}").json()["results"]]

    assert ids("?search=axios") == [trust.pk]
    assert ids("?search=levy") == [tariffs.pk]
    assert ids("?status=false") == [tariffs.pk]
    assert ids(f"?source={axios.pk}") == [trust.pk]
    assert ids("?source_kind=anonymous") == [tariffs.pk]
    assert ids("?created_after=2000-01-01T00:00:00Z&ordering=id")[0] == trust.pk
    assert ids("?created_before=2000-01-01T00:00:00Z") == []


def test_search_does_not_inflate_the_assertion_count(api):
    claim = ClaimFactory(text="Trust is low")
    AssertionFactory(claim=claim, source=SourceFactory(name="Axios"))
    AssertionFactory(claim=claim, source=SourceFactory(name="Axios Pro"))
    body = api.get("/api/claims/?search=axios").json()
    assert [c["assertion_count"] for c in body["results"]] == [2]


def test_a_malformed_date_is_a_400(api):
    response = api.get("/api/claims/?created_after=last-tuesday")
    assert response.status_code == 400
    assert response.json()["errors"] == {"created_after": ["Enter a valid date/time."]}


@pytest.mark.parametrize(
    "moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-13-45"]
)
def test_a_date_no_database_can_hold_in_utc_is_a_400(api, moment):
    # Found by the API fuzzing: year 1 at +14:00 is year 0 in UTC, an OverflowError (a 500)
    # when SQLite's adapter converted it.
    response = api.get("/api/claims/", {"created_after": moment})
    assert response.status_code == 400
    assert response.json()["errors"] == {"created_after": ["Enter a valid date/time."]}
    response = api.get("/api/documents/", {"published_before": moment})
    assert response.json()["errors"] == {"published_before": ["Enter a valid date/time."]}


def test_an_offset_beyond_postgresqls_range_is_read_in_utc(api):
    # Found by the API fuzzing: Python takes offsets up to ±23:59, PostgreSQL refused +19:52
    # (a 500); the moment is the same in UTC.
    trust = ClaimFactory()
    response = api.get("/api/claims/", {"created_before": "2999-01-01T03:41:14+19:52"})
    assert [claim["id"] for claim in response.json()["results"]] == [trust.pk]
    response = api.get("/api/documents/", {"published_before": "0152-04-17T03:41:14+19:52"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/claims/", "source"),
        ("/api/sources/", "affiliation"),
        ("/api/documents/", "publisher"),
        ("/api/citations/", "claim"),
    ],
)
def test_an_id_filter_beyond_64_bits_is_a_400(api, path, field):
    # Found by the API fuzzing: SQLite cannot compare a foreign key with such an int (a 500).
    response = api.get(path, {field: "9" * 25})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        field: ["Must be a whole number from 0 to 9223372036854775807."]
    }


def test_search_ignores_nul_characters(api):
    # PostgreSQL refuses NUL in text: searching for "Trust\x00" was a 500 there.
    ClaimFactory(text="Trust is low")
    response = api.get("/api/claims/", {"search": "Trust\x00"})
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_an_unknown_verdict_filter_is_a_400(api):
    response = api.get("/api/claims/?status=plausible")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "status": ["Select a valid choice. plausible is not one of the available choices."]
    }


def test_anonymous_clients_cannot_write(api):
    response = api.post("/api/claims/", {"text": "x"}, format="json")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authentication credentials were not provided.",
        "code": "not_authenticated",
    }
    assert Claim.objects.count() == 0


def test_an_editor_records_and_rewords_a_claim(editor_api, editor):
    # A verdict is a review's, not a field to set: sent with the claim, it is refused.
    refused = editor_api.post(
        "/api/claims/", {"text": " Harbour dues will double. ", "status": "true"}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "status": ["Unknown field; the fields are assignee, context, publish, text."]
    }
    created = editor_api.post(
        "/api/claims/", {"text": " Harbour dues will double. "}, format="json"
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["text"], body["status"], body["created_by"]) == (
        "Harbour dues will double.",
        "unverified",
        "ed",
    )
    changed = editor_api.patch(
        f"/api/claims/{body['id']}/",
        {"text": "Harbour dues will triple."},
        format="json",
        HTTP_IF_MATCH=created["ETag"],
    )
    assert changed.status_code == 200
    assert changed.json()["text"] == "Harbour dues will triple."
    assert Claim.objects.get().history.count() == 2


def test_a_blank_claim_is_a_400_with_the_field(editor_api):
    response = editor_api.post("/api/claims/", {"text": ""}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "text: This field may not be blank.",
        "code": "invalid",
        "errors": {"text": ["This field may not be blank."]},
    }


def test_a_user_without_permissions_gets_403(api, django_user_model):
    from rest_framework.authtoken.models import Token

    outsider = django_user_model.objects.create_user("outsider", password="x-long-password")
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=outsider)[0].key}")
    response = api.post("/api/claims/", {"text": "x"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_claims_are_retracted_not_deleted(editor_api):
    claim = ClaimFactory()
    assert editor_api.delete(f"/api/claims/{claim.pk}/").status_code == 405
    retracted = editor_api.post(
        f"/api/claims/{claim.pk}/retract/", {"note": "Misattributed."}, format="json"
    )
    assert retracted.status_code == 200
    assert retracted.json()["retraction_note"] == "Misattributed."
    again = editor_api.post(f"/api/claims/{claim.pk}/retract/", {"note": "x"}, format="json")
    assert again.status_code == 400
    assert again.json()["detail"] == "This claim is already retracted."


def test_an_unknown_claim_is_a_json_404(api):
    response = api.get("/api/claims/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_an_unknown_api_address_is_a_json_404(api):
    response = api.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_a_post_to_an_unknown_api_address_is_a_json_404_not_a_csrf_page():
    # Found by the API fuzzing: POST /api/claims/0.5/retract/ (no route: ids have no dot) met
    # Django's CSRF check before the 404 and got its HTML 403 page.
    client = APIClient(enforce_csrf_checks=True)
    client.cookies["sessionid"] = "not-a-session"
    response = client.post("/api/claims/0.5/retract/", {"note": "x"}, format="json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_malformed_json_is_a_400(editor_api):
    response = editor_api.post("/api/claims/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_large_counts_are_estimates_on_postgresql(api, monkeypatch):
    from django.db import connection

    from api import pagination

    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 5)
    for _ in range(8):
        ClaimFactory()
    body = api.get("/api/claims/").json()
    if connection.vendor == "postgresql":
        assert body["count_exact"] is False
        assert body["count"] >= 6  # the planner's estimate, never below what was seen
    else:
        assert (body["count"], body["count_exact"]) == (8, True)
    assert len(body["results"]) == 8
    assert body["next"] is None


def test_search_matches_the_phrase_in_wording_quotes_and_source_names(api):
    from provenance import services

    axios = SourceFactory(name="Axios")
    services.source_alias_add(source=axios, name="Axios Media")
    by_alias = AssertionFactory(claim__text="Trust is low.", source=axios).claim
    quoted = AssertionFactory(claim__text="A second claim.", quote="very low right now").claim
    worded = ClaimFactory(text="The levy is low right now, officials say.")

    def ids(query):
        return sorted(c["id"] for c in api.get("/api/claims/", {"search": query}).json()["results"])

    assert ids("axios media") == [by_alias.pk]
    assert ids("low right now") == sorted([quoted.pk, worded.pk])
    assert ids("  LOW   right now ") == sorted([quoted.pk, worded.pk])
    assert ids("right low") == []  # a phrase, not words in any order


def test_an_estimated_count_never_cuts_a_page_short(api, monkeypatch):
    """The planner may guess fewer rows than there are: pages and `next` follow real rows."""
    from api import pagination

    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 2)
    monkeypatch.setattr(pagination.EstimatingPaginator, "_estimate", lambda self, ids: 1)
    for _ in range(7):
        ClaimFactory()
    first = api.get("/api/claims/?page_size=3").json()
    assert len(first["results"]) == 3 and first["next"]
    assert first["count"] >= 4
    last = api.get("/api/claims/?page_size=3&page=3").json()
    assert len(last["results"]) == 1 and last["next"] is None
    assert api.get("/api/claims/?page_size=3&page=4").status_code == 404


def test_search_puts_the_best_ranked_matches_first(api, django_assert_num_queries):
    """Wording before context before a quote or a source's name; newest first within a rank;
    `?ordering=` still wins."""
    by_source = AssertionFactory(source=SourceFactory(name="Harbor Watch")).claim
    quoted = AssertionFactory(quote="the harbor is closed").claim
    in_context = ClaimFactory(text="Ships wait.", context="Near the harbor.")
    worded_old = ClaimFactory(text="The harbor closed.")
    worded_new = ClaimFactory(text="A harbor reopened.")

    def ids(**params):
        body = api.get("/api/claims/", {"search": "harbor", **params}).json()
        return [c["id"] for c in body["results"]]

    # The bounded count and the page (the rank is computed in the page query).
    with django_assert_num_queries(2):
        ranked = ids()
    assert ranked[:3] == [worded_new.pk, worded_old.pk, in_context.pk]
    assert set(ranked[3:]) == {quoted.pk, by_source.pk}
    assert ranked[3:] == sorted(ranked[3:], reverse=True)  # created in id order here
    assert ids(ordering="id") == sorted(ranked)
