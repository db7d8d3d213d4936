"""Parameters are taken as documented or refused with a 400 that names them."""

import pytest

from provenance.demo import demo_load
from provenance.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("circular=1", {"circular": ["Must be true or false."]}),
        ("flagged=yes", {"flagged": ["Must be true or false."]}),
        (
            "independent_origins=0.9",
            {"independent_origins": ["Must be a whole number from 0 to 32767."]},
        ),
        ("depth_min=-1", {"depth_min": ["Must be a whole number from 0 to 32767."]}),
        ("created_before=yesterday", {"created_before": ["Enter a valid date/time."]}),
    ],
)
def test_an_invalid_filter_value_is_a_400_keyed_by_the_parameter(api, query, errors):
    ClaimFactory()
    response = api.get(f"/api/claims/?{query}")
    assert response.status_code == 400
    assert response.json()["errors"] == errors


# Real commits: cached analyses are refreshed when the writing transaction commits.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_documented_values_still_filter(api):
    demo_load(show_passwords=False)
    circular = api.get("/api/claims/?circular=true").json()
    assert [c["text"] for c in circular["results"]] == [
        "Mayor Anton Reyes will step down in April."
    ]
    others = api.get("/api/claims/?circular=false").json()["count"]
    assert others == Claim.objects.filter(duplicate_of__isnull=True).count() - 1


def test_an_unknown_ordering_is_a_400_naming_the_choices(api):
    response = api.get("/api/claims/?ordering=text")
    assert response.status_code == 400
    message = response.json()["errors"]["ordering"][0]
    assert message.startswith("Order by created_at, updated_at, status, id,")
    assert message.endswith("not 'text'.")
    assert api.get("/api/claims/?ordering=-chain_depth").status_code == 200


def test_an_unknown_query_parameter_is_a_400_listing_the_known_ones(api):
    response = api.get("/api/sources/?kinds=outlet")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "kinds": [
            "Unknown query parameter; this address takes affiliation, format, kind, name, "
            "ordering, page, page_size, search."
        ]
    }


def test_a_detail_read_takes_only_its_own_parameters(api):
    claim = ClaimFactory()
    assert api.get(f"/api/claims/{claim.pk}/provenance/?max_depth=2").status_code == 200
    response = api.get(f"/api/claims/{claim.pk}/?circular=true")
    assert response.json()["errors"] == {
        "circular": ["Unknown query parameter; this address takes format."]
    }


def test_a_status_sent_in_a_patch_is_a_400_not_ignored(editor_api):
    claim = ClaimFactory()
    tag = editor_api.get(f"/api/claims/{claim.pk}/")["ETag"]
    response = editor_api.patch(
        f"/api/claims/{claim.pk}/", {"status": "true"}, format="json", HTTP_IF_MATCH=tag
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "status": ["Unknown field; the fields are assignee, context, text."]
    }
    assert Claim.objects.get().version == claim.version


def test_read_only_fields_in_a_put_are_refused(editor_api):
    claim = ClaimFactory()
    tag = editor_api.get(f"/api/claims/{claim.pk}/")["ETag"]
    response = editor_api.put(
        f"/api/claims/{claim.pk}/",
        {"text": "New words.", "version": 9, "id": claim.pk},
        format="json",
        HTTP_IF_MATCH=tag,
    )
    assert response.json()["errors"] == {
        "id": ["Read-only field; the fields you may send are assignee, context, text."],
        "version": ["Read-only field; the fields you may send are assignee, context, text."],
    }


def test_numbers_are_not_read_as_text(editor_api):
    response = editor_api.post("/api/claims/", {"text": "Words.", "context": 0}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"context": ["Must be text (a JSON string), not int."]}
    assert not Claim.objects.exists()
