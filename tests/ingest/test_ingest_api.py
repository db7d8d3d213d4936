"""`POST /api/ingest/`: preview, confirm, corrections, uploads, fetching, limits, errors."""

from __future__ import annotations

import json
import time

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from provenance.models import Claim, Document, Source
from tests.factories import SourceFactory, UserFactory
from tests.ingest.conftest import page
from tests.ingest.test_ingestion_service import FOUNDING, chain_of, rows

pytestmark = pytest.mark.django_db

URL = "/api/ingest/"
FOUNDING_COUNTS = {"documents": 1, "claims": 4, "assertions": 11, "citations": 7, "sources": 8}
NOTHING = dict.fromkeys(FOUNDING_COUNTS, 0)


@pytest.fixture
def founding(articles) -> str:
    return (articles / FOUNDING).read_text(encoding="utf-8")


def client_for(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def post(client, **body):
    return client.post(URL, body, format="json")


def test_anonymous_clients_are_asked_to_authenticate(api, founding):
    response = post(api, content=founding)
    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Authentication credentials were not provided.", "code": "not_authenticated"},
    )


def test_both_permissions_are_needed(founding):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="add_document"))
    response = post(client_for(user), content=founding)
    assert (response.status_code, response.json()) == (
        403,
        {
            "detail": "Ingesting an article needs the permissions to add documents and claims.",
            "code": "permission_denied",
        },
    )
    user.user_permissions.add(Permission.objects.get(codename="add_claim"))
    assert (
        post(client_for(UserFactory(username=user.username)), content=founding).status_code == 200
    )


def test_preview_then_confirm_then_again(editor_api, editor, founding):
    axios = SourceFactory(name="Axios")
    preview = post(editor_api, content=founding, content_type="text/html")
    assert preview.status_code == 200
    data = preview.json()
    assert (data["already_ingested"], data["document"], data["would_create"]) == (
        False,
        None,
        {**FOUNDING_COUNTS, "sources": 7},
    )
    assert data["extraction"]["publisher"] == "Caliber.Az"
    assert [q["confidence"] for q in data["extraction"]["quotes"][:2]] == [0.9, 0.9]
    assert data["extraction"]["sources"][0]["confidence"] == 1.0
    assert data["content_type"] == "text/html; charset=utf-8"
    assert data["sources"][1] == {
        "name": "Axios",
        "kind": "outlet",
        "roles": ["source"],
        "existing": {"id": axios.pk, "name": "Axios", "kind": "outlet"},
        "written": True,
    }
    assert data["sources"][0]["existing"] is None
    assert data["claims"][0]["chains"] == [["Caliber.Az", "Axios", "four US officials"]]
    assert rows()["Document"] == 0

    created = post(editor_api, content=founding, confirm=True)
    assert created.status_code == 201
    result = created.json()
    document = Document.objects.get()
    assert result["document"] == {"id": document.pk, "title": document.title, "url": None}
    assert result["created"] == {**FOUNDING_COUNTS, "sources": 7}
    assert result["claims"] == list(Claim.objects.order_by("id").values_list("pk", flat=True))
    assert {"id": axios.pk, "name": "Axios", "kind": "outlet", "created": False} in result[
        "sources"
    ]
    assert document.created_by == editor
    assert Claim.objects.filter(created_by=editor).count() == 4
    # The new sources, written in bulk, record the signed-in editor as save() would.
    created_sources = Source.history.filter(history_type="+").exclude(id=axios.pk)
    assert set(created_sources.values_list("history_user", flat=True)) == {editor.pk}

    before = rows()
    again = post(editor_api, content=founding, confirm=True)
    assert again.status_code == 200
    assert (again.json()["already_ingested"], again.json()["matched_by"]) == (True, "sha256")
    assert (again.json()["document"]["id"], again.json()["created"]) == (document.pk, NOTHING)
    assert rows() == before
    preview_again = post(editor_api, content=founding).json()
    assert (preview_again["already_ingested"], preview_again["document"]["id"]) == (
        True,
        document.pk,
    )


def test_the_corrected_extraction_wins(editor_api, founding):
    extraction = post(editor_api, content=founding).json()["extraction"]
    extraction["claims"] = extraction["claims"][:1]
    extraction["claims"][0]["text"] = "US officials distrust Israeli plans."
    extraction["quotes"] = []
    response = post(editor_api, content=founding, confirm=True, extraction=extraction)
    assert response.status_code == 201
    assert response.json()["created"]["claims"] == 1
    claim = Claim.objects.get()
    assert claim.text == "US officials distrust Israeli plans."
    assert chain_of(claim) == [
        ("Axios", "four US officials", "paraphrases"),
        ("Caliber.Az", "Axios", "cites"),
    ]


def test_a_confidence_outside_0_to_1_is_refused_by_path(editor_api, founding):
    extraction = post(editor_api, content=founding).json()["extraction"]
    extraction["quotes"][0]["confidence"] = 2
    response = post(editor_api, content=founding, confirm=True, extraction=extraction)
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"quotes[0].confidence": ["Must be a number from 0 to 1, or null."]},
    )
    assert rows() == dict.fromkeys(rows(), 0)


def test_correction_errors_come_by_path(editor_api, founding):
    extraction = post(editor_api, content=founding).json()["extraction"]
    extraction["sources"][1]["kind"] = "website"
    extraction["citations"][0]["to"] = "Reuters"
    response = post(editor_api, content=founding, confirm=True, extraction=extraction)
    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": 'sources[1].kind: "website" is not a kind of source; choose one of '
            "outlet, person, organization, anonymous, document.",
            "code": "invalid",
            "errors": {
                "sources[1].kind": [
                    '"website" is not a kind of source; choose one of outlet, person, '
                    "organization, anonymous, document."
                ],
                "citations[0].to": ['"Reuters" is not one of the sources.'],
            },
        },
    )
    assert rows() == dict.fromkeys(rows(), 0)


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"non_field_errors": [
            "Send the article as `content`, as a `file`, or give a `url` with `fetch: true`."]}),
        ({"fetch": True}, {"url": ["Give the URL to fetch."]}),
        ({"fetch": True, "url": "https://a.example/", "content": "x"},
         {"fetch": ["Send either `content` or `fetch: true`, not both."]}),
        ({"content": "x", "url": "not a url"}, {"url": ["Enter a valid URL."]}),
        ({"content": "x", "extraction": "[1,"}, {"extraction": ["Value must be valid JSON."]}),
    ],
)  # fmt: skip
def test_the_request_is_checked(editor_api, body, errors):
    response = post(editor_api, **body)
    assert (response.status_code, response.json()["errors"]) == (400, errors)


def test_an_uploaded_file_with_a_correction(editor_api, articles):
    data = (articles / "mayor-loop.txt").read_bytes()
    upload = SimpleUploadedFile("circular.txt", data, content_type="application/octet-stream")
    preview = editor_api.post(URL, {"file": upload}, format="multipart")
    assert preview.status_code == 200
    extraction = preview.json()["extraction"]
    assert preview.json()["content_type"] == "text/plain"
    extraction["claims"] = extraction["claims"][:1]
    upload = SimpleUploadedFile("circular.txt", data, content_type="application/octet-stream")
    response = editor_api.post(
        URL,
        {"file": upload, "confirm": "true", "extraction": json.dumps(extraction)},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json()["created"]["claims"] == 1
    document = Document.objects.get()
    assert (bytes(document.snapshot), document.snapshot_type) == (data, "text/plain")


def test_a_non_utf8_upload_is_read_in_its_encoding(editor_api):
    html = page("Le ministère a confirmé la hausse.").encode("cp1252")
    upload = SimpleUploadedFile("article.html", html, content_type="text/html")
    response = editor_api.post(URL, {"file": upload, "confirm": True}, format="multipart")
    assert response.status_code == 201
    assert Document.objects.get().text == "Le ministère a confirmé la hausse."


def test_pasted_html_is_utf8_whatever_its_meta_says(editor_api):
    html = '<meta charset="windows-1252">' + page("Le ministère a confirmé la hausse.")
    response = post(editor_api, content=html, confirm=True)
    assert response.status_code == 201
    document = Document.objects.get()
    assert (document.text, document.snapshot_type) == (
        "Le ministère a confirmé la hausse.",
        "text/html; charset=utf-8",
    )


CONTROL = "The content is binary data (control characters), not text."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "The content is empty."),
        ("   \n", "The content is empty."),
        ("\x01\x02\x03\x04 control characters", CONTROL),
        ("a NUL \x00 in it", "Null characters are not allowed."),
    ],
)  # fmt: skip
def test_unreadable_content_is_a_400(editor_api, content, message):
    response = post(editor_api, content=content, confirm=True)
    assert (response.status_code, response.json()["errors"]) == (400, {"content": [message]})


def test_binary_uploads_are_a_400(editor_api):
    upload = SimpleUploadedFile(
        "photo.html", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png"
    )
    response = editor_api.post(URL, {"file": upload}, format="multipart")
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"file": ["The content is a PNG image, not an HTML or text article."]},
    )


def test_twenty_megabytes_of_html_is_a_413(editor_api):
    response = post(editor_api, content="<p>" + "a" * (20 * 1024 * 1024) + "</p>")
    assert (response.status_code, response.json()) == (
        413,
        {
            "detail": "The content is 20,971,527 bytes; the limit is 10,485,760 bytes.",
            "code": "too_large",
        },
    )


def test_an_upload_over_the_limit_is_a_413(editor_api):
    upload = SimpleUploadedFile("big.html", b"<p>" + b"a" * (11 * 1024 * 1024) + b"</p>")
    response = editor_api.post(URL, {"file": upload}, format="multipart")
    assert (response.status_code, response.json()) == (
        413,
        {
            "detail": "The file is 11,534,343 bytes; the limit is 10,485,760 bytes.",
            "code": "too_large",
        },
    )


def test_a_body_over_the_request_limit_is_a_413_before_it_is_read(editor_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"content": "a" * 2000})
    response = editor_api.post(URL, body, content_type="application/json")
    assert (response.status_code, response.json()) == (
        413,
        {
            "detail": f"The request body is {len(body):,} bytes; the limit is 1,000 bytes.",
            "code": "too_large",
        },
    )


def test_a_form_read_over_the_request_limit_is_a_413(editor, settings):
    """With a session, the CSRF check reads the form before the view can look at the size:
    Django refuses it (RequestDataTooBig), and the answer is the same JSON."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1500
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    client.cookies["csrftoken"] = "a" * 32  # without the cookie the check fails before reading
    response = client.post(URL, {"content": "a" * 1600}, format="multipart")
    assert (response.status_code, response.json()) == (
        413,
        {"detail": "The request body is larger than 1,500 bytes.", "code": "too_large"},
    )


def test_odd_input_never_fails_the_server(editor_api):
    nested = "<div>" * 100_000 + "The fund grew, Reuters reported." + "</div>" * 100_000
    quotes = page("\u201cIt will close, she said. " * 40, "It reopens in May, Reuters said.")
    quiet = page("The weather was fine.", "The harbour stayed open all week.")
    started = time.process_time()  # CPU time: a loaded machine does not count
    answers = [post(editor_api, content=text, confirm=True) for text in (nested, quotes, quiet)]
    assert time.process_time() - started < 30
    assert [a.status_code for a in answers] == [400, 201, 201]
    assert answers[0].json()["errors"] == {
        "publisher": [
            "The publisher is unknown: name it (or give the article's URL), so that someone "
            "asserts the claims in this document."
        ]
    }
    assert [a.json()["created"]["claims"] for a in answers[1:]] == [1, 0]


def test_fetches_a_url_from_a_local_server(editor_api, article_server, fetch_local, articles):
    preview = post(editor_api, url=f"{article_server}/caliber", fetch=True)
    assert preview.status_code == 200
    assert (preview.json()["url"], preview.json()["content_type"]) == (
        f"{article_server}/caliber",
        "text/html; charset=utf-8",
    )
    created = post(editor_api, url=f"{article_server}/caliber", fetch=True, confirm=True)
    assert created.status_code == 201
    document = Document.objects.get()
    assert bytes(document.snapshot) == (articles / FOUNDING).read_bytes()
    assert Source.objects.filter(name="four US officials", kind="anonymous").count() == 1


def test_fetch_problems_are_a_400_on_url(editor_api, article_server, settings):
    settings.PROVENANCE_FETCH_ALLOW_PRIVATE = False
    response = post(editor_api, url=f"{article_server}/caliber", fetch=True)
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {
            "url": [
                "The host 127.0.0.1 resolves to 127.0.0.1, a private or reserved address, "
                "which is not fetched."
            ]
        },
    )
    settings.PROVENANCE_FETCH_ALLOW_PRIVATE = True
    settings.PROVENANCE_FETCH_MAX_BYTES = 1000
    response = post(editor_api, url=f"{article_server}/big", fetch=True)
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"url": [f"{article_server}/big is 4,007 bytes; the limit is 1,000."]},
    )


@pytest.mark.parametrize("people", [1, 100])
def test_the_preview_takes_a_constant_number_of_queries(
    editor_api, people, django_assert_max_num_queries
):
    names = [f"{first} {last}" for first in FIRST for last in LAST][:people]
    for name in names[::2]:
        SourceFactory(name=name, kind="person")
    sentences = [f"The fund grew {n} percent, analyst {name} said." for n, name in enumerate(names)]
    # The token and the permissions (3), then the document and the sources, all at once (3),
    # and the same article under another hash (1).
    with django_assert_max_num_queries(7):
        response = post(editor_api, content=page(*sentences))
    assert response.status_code == 200
    claims = response.json()["claims"]
    assert [claim["chains"] for claim in claims] == [[["Daily Planet", name]] for name in names]
    existing = [s["existing"] is not None for s in response.json()["sources"]][1:]
    assert existing == [n % 2 == 0 for n in range(people)]


FIRST = ("Anna", "Bert", "Carl", "Dora", "Emil", "Fay", "Gus", "Hana", "Ivo", "Jill")
LAST = ("Smith", "Jones", "Brown", "Olsen", "Berg", "Lind", "Moss", "Hart", "Wolf", "Kerr")


def test_the_operation_is_documented_in_the_schema():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/ingest/"]["post"]
    assert set(operation["responses"]) == {
        "200",
        "201",
        "400",
        "401",
        "403",
        "409",
        "413",
        "414",
        "429",
    }
    assert set(operation["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert operation["responses"]["413"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    components = schema["components"]["schemas"]
    assert [ref["$ref"] for ref in components["IngestOutcome"]["oneOf"]] == [
        "#/components/schemas/IngestPreview",
        "#/components/schemas/IngestResult",
    ]
    assert set(components["ExtractedCitation"]["properties"]) == {
        "from",
        "to",
        "relation",
        "evidence",
        "url",
    }
    assert set(components["Extraction"]["properties"]) == {
        "publisher",
        "authors",
        "title",
        "url",
        "published_at",
        "sources",
        "citations",
        "quotes",
        "claims",
        "links",
    }
