"""/api/sources/ and /api/documents/."""

import pytest

from provenance.models import Source
from tests.factories import DocumentFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_sources_list_filters_and_query_count(api, django_assert_num_queries):
    white_house = SourceFactory(name="White House", kind="organization")
    for n in range(10):
        SourceFactory(name=f"Official {n}", kind="person", affiliation=white_house)
    with django_assert_num_queries(3):
        body = api.get("/api/sources/?kind=person&page_size=100").json()
    assert body["count"] == 10
    assert body["results"][0]["affiliation"] == {
        "id": white_house.pk,
        "url": f"http://testserver/api/v1/sources/{white_house.pk}/",
        "name": "White House",
        "kind": "organization",
    }
    assert api.get("/api/sources/?name=white").json()["count"] == 1
    assert api.get(f"/api/sources/?affiliation={white_house.pk}").json()["count"] == 10


def test_an_unknown_kind_is_a_400(api, editor_api):
    assert api.get("/api/sources/?kind=celebrity").status_code == 400
    response = editor_api.post(
        "/api/sources/", {"name": "Someone", "kind": "celebrity"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"kind": ['"celebrity" is not a valid choice.']}


def test_an_editor_creates_an_anonymous_source_with_aliases(editor_api):
    response = editor_api.post(
        "/api/sources/",
        {
            "name": "four US officials",
            "kind": "anonymous",
            "descriptor": "US officials",
            "anonymous_count": 4,
            "anonymity_reason": "Not authorised to speak publicly.",
            "aliases": ["US officials"],
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["descriptor"], body["anonymous_count"], body["aliases"]) == (
        "US officials",
        4,
        ["US officials"],
    )


def test_a_duplicate_source_is_a_409_naming_the_existing_one(editor_api):
    existing = SourceFactory(name="Axios")
    response = editor_api.post("/api/sources/", {"name": "axios", "kind": "outlet"}, format="json")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "A source of this kind with this name already exists.",
        "code": "duplicate",
        "errors": {"non_field_errors": ["A source of this kind with this name already exists."]},
        "existing": {"id": existing.pk, "url": f"http://testserver/api/v1/sources/{existing.pk}/"},
    }
    assert Source.objects.count() == 1


def test_a_duplicate_among_other_errors_is_a_400(editor_api):
    # Only a record that is refused for being there already gets the 409: with anything else
    # wrong as well, the client first hears every problem.
    SourceFactory(name="Axios")
    response = editor_api.post(
        "/api/sources/",
        {"name": "axios", "kind": "outlet", "anonymous_count": 2},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_anonymous_fields_on_a_person_are_refused(editor_api):
    response = editor_api.post(
        "/api/sources/",
        {"name": "Jake Sullivan", "kind": "person", "anonymous_count": 2},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"] == [
        "Only anonymous sources have a descriptor, a number of people or a reason for anonymity."
    ]


def test_patching_a_source_replaces_its_aliases(editor_api):
    source = SourceFactory(name="Associated Press")
    response = editor_api.patch(
        f"/api/sources/{source.pk}/",
        {"aliases": ["AP", "A.P."]},
        format="json",
        HTTP_IF_MATCH='"v1"',
    )
    assert sorted(response.json()["aliases"]) == ["A.P.", "AP"]
    response = editor_api.patch(
        f"/api/sources/{source.pk}/", {"aliases": ["AP"]}, format="json", HTTP_IF_MATCH='"v1"'
    )
    assert response.json()["aliases"] == ["AP"]
    assert Source.objects.get().name == "Associated Press"


def test_sources_cannot_be_deleted_through_the_api(editor_api):
    source = SourceFactory()
    assert editor_api.delete(f"/api/sources/{source.pk}/").status_code == 405


def test_documents(api, editor_api, django_assert_num_queries):
    publisher = SourceFactory(name="Meridian News Agency")
    author = SourceFactory(name="Priya Natarajan", kind="person")
    created = editor_api.post(
        "/api/documents/",
        {
            "title": "Trial halted",
            "url": "https://meridian.example/health/nasal-flu-trial-halted",
            "publisher": publisher.pk,
            "authors": [author.pk],
            "published_at": "2026-02-11T09:30:00Z",
        },
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["publisher"]["name"], [a["name"] for a in body["authors"]]) == (
        "Meridian News Agency",
        ["Priya Natarajan"],
    )
    assert body["published_at"] == "2026-02-11T09:30:00Z"
    for _ in range(10):
        DocumentFactory().authors.add(author)
    # The count, the page, the authors, the reuses.
    with django_assert_num_queries(4):
        assert api.get("/api/documents/?page_size=50").json()["count"] == 11
    retracted = editor_api.patch(
        f"/api/documents/{body['id']}/",
        {"status": "retracted", "status_note": "Withdrawn by the agency."},
        format="json",
        HTTP_IF_MATCH=created["ETag"],
    )
    assert retracted.json()["status"] == "retracted"


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"title": "x", "url": "not a url"}, {"url": ["Enter a valid URL."]}),
        (
            {"title": "x", "published_at": "11/02/2026"},
            {
                "published_at": [
                    "Datetime has wrong format. Use one of these formats instead: "
                    "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
                ]
            },
        ),
        (
            {"title": "x", "publisher": 99999},
            {"publisher": ['Invalid pk "99999" - object does not exist.']},
        ),
    ],
)
def test_bad_documents_are_400s(editor_api, payload, errors):
    response = editor_api.post("/api/documents/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == errors


def test_a_second_document_with_the_same_url_is_a_409(editor_api):
    existing = DocumentFactory(url="https://news.example/a")
    response = editor_api.post(
        "/api/documents/", {"title": "Again", "url": "https://news.example/a"}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["errors"]) == (
        "duplicate",
        {"url": ["A document with this address is already recorded."]},
    )
    assert body["existing"] == {
        "id": existing.pk,
        "url": f"http://testserver/api/v1/documents/{existing.pk}/",
    }


def test_changing_a_document_to_another_ones_url_is_a_409(editor_api):
    DocumentFactory(url="https://news.example/a")
    other = DocumentFactory(url="https://news.example/b")
    tag = editor_api.get(f"/api/documents/{other.pk}/")["ETag"]
    response = editor_api.patch(
        f"/api/documents/{other.pk}/",
        {"url": "https://news.example/a"},
        format="json",
        headers={"If-Match": tag},
    )
    assert response.status_code == 409
    assert response.json()["existing"]["id"] != other.pk
    other.refresh_from_db()
    assert other.url == "https://news.example/b"


def test_errors_inside_a_list_are_keyed_by_their_path(editor_api):
    # Found by the API fuzzing: DRF keys a list's errors by index, an int that JSON cannot
    # encode, so one alias too long among several was a 500.
    response = editor_api.post(
        "/api/sources/",
        {"name": "Kestrel Daily", "kind": "outlet", "aliases": ["KD", "K" * 301, "Kestrel"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "aliases[1]: Ensure this field has no more than 300 characters.",
        "code": "invalid",
        "errors": {"aliases[1]": ["Ensure this field has no more than 300 characters."]},
    }


def test_a_document_may_be_recorded_already_corrected(editor_api):
    # Found by the API fuzzing: the input accepted `status` and `status_note` on creation and
    # passed them to a service that did not take them, a 500.
    response = editor_api.post(
        "/api/documents/",
        {"title": "Outage report", "status": "corrected", "status_note": "Date fixed."},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["status_note"]) == ("corrected", "Date fixed.")
