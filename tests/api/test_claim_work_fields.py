"""The workbench's fields over the API: `needs_rereview` (read-only) and `assignee` (editors
set it; only an editor or a reviewer may be assigned), with their strict list filters."""

import pytest

from provenance.models import Claim
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_needs_rereview_is_shown_filtered_and_read_only(api, editor_api):
    waiting = ClaimFactory(status="true", needs_rereview=True)
    ClaimFactory()
    assert api.get(f"/api/claims/{waiting.pk}/").json()["needs_rereview"] is True
    listed = api.get("/api/claims/", {"needs_rereview": "true"}).json()["results"]
    assert [c["id"] for c in listed] == [waiting.pk]
    assert api.get("/api/claims/", {"needs_rereview": "false"}).json()["count"] == 1
    assert api.get("/api/claims/", {"needs_rereview": "1"}).status_code == 400
    tag = editor_api.get(f"/api/claims/{waiting.pk}/")["ETag"]
    refused = editor_api.patch(
        f"/api/claims/{waiting.pk}/", {"needs_rereview": False}, format="json", HTTP_IF_MATCH=tag
    )
    assert refused.status_code == 400 and "needs_rereview" in refused.json()["errors"]
    assert Claim.objects.get(pk=waiting.pk).needs_rereview is True


def test_editors_assign_a_claim_and_the_list_filters_by_assignee(api, editor_api, editor, reviewer):
    claim = ClaimFactory()
    ClaimFactory()
    tag = editor_api.get(f"/api/claims/{claim.pk}/")["ETag"]
    response = editor_api.patch(
        f"/api/claims/{claim.pk}/", {"assignee": reviewer.pk}, format="json", HTTP_IF_MATCH=tag
    )
    assert response.status_code == 200, response.json()
    assert response.json()["assignee"] == reviewer.pk
    listed = api.get("/api/claims/", {"assignee": reviewer.pk}).json()["results"]
    assert [c["id"] for c in listed] == [claim.pk]
    assert api.get("/api/claims/", {"assignee": "me"}).status_code == 400
    # Unassigned again with null.
    response = editor_api.patch(
        f"/api/claims/{claim.pk}/",
        {"assignee": None},
        format="json",
        HTTP_IF_MATCH=response["ETag"],
    )
    assert response.json()["assignee"] is None


def test_only_an_editor_or_reviewer_may_be_assigned(editor_api):
    claim = ClaimFactory()
    outsider = UserFactory(username="outsider")
    tag = editor_api.get(f"/api/claims/{claim.pk}/")["ETag"]
    for value, message in (
        (outsider.pk, "outsider is not an editor or a reviewer."),
        (999999, 'Invalid pk "999999" - object does not exist.'),
        ("ed", "Incorrect type. Expected pk value, received str."),
    ):
        response = editor_api.patch(
            f"/api/claims/{claim.pk}/", {"assignee": value}, format="json", HTTP_IF_MATCH=tag
        )
        assert response.status_code == 400
        assert response.json()["errors"] == {"assignee": [message]}
    assert Claim.objects.get(pk=claim.pk).assignee is None


def test_an_anonymous_client_cannot_assign(api):
    claim = ClaimFactory()
    response = api.patch(f"/api/claims/{claim.pk}/", {"assignee": None}, format="json")
    assert response.status_code == 401


def test_a_new_claim_may_be_assigned(editor_api, editor):
    response = editor_api.post(
        "/api/claims/", {"text": "Quay fees rise.", "assignee": editor.pk}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["assignee"] == editor.pk


def test_the_schema_describes_the_fields_and_filters(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    claim = schema["components"]["schemas"]["Claim"]["properties"]
    assert claim["needs_rereview"]["readOnly"] is True
    assert claim["assignee"]["readOnly"] is True  # shown; set through the input below
    assert {"published_at", "published_by"} <= set(claim)
    inputs = schema["components"]["schemas"]
    assert "assignee" in inputs["PatchedClaimInputRequest"]["properties"]
    assert "publish" in inputs["ClaimCreateInputRequest"]["properties"]
    listing = {p["name"] for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    assert {"needs_rereview", "assignee", "published"} <= listing
    assert "post" in schema["paths"]["/api/v1/claims/{id}/publish/"]
