"""Property-based tests (hypothesis): arbitrary bytes and unicode into the extractor, the
ingestion service and the API. Never a 500 or a traceback; a refusal is a clear 4xx (or an
`ExtractionError`) and writes nothing.
"""

import hashlib
import json
import os
from urllib.parse import quote_from_bytes

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from provenance import services
from provenance.ingest import ExtractionError, extract
from tests.factories import ClaimFactory

# `make fuzz-local` (HYPOTHESIS_PROFILE=explore) draws ten times the examples, new ones each run.
EXPLORE = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else 1


def with_fixtures(max_examples: int) -> settings:
    """Function-scoped fixtures (the API clients, a user) are shared by a test's examples on
    purpose: each example checks that it left the rows alone unless it created some."""
    return settings(
        max_examples=max_examples * EXPLORE,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


# Text that hurts: NUL (PostgreSQL refuses it in text), lone surrogates (no UTF-8 form),
# right-to-left overrides, combining marks, markup and SQL.
NASTY = st.sampled_from(
    [
        "\x00",
        "\ud800",
        "\udfff",
        "\u202e",
        "\ufeff",
        "e\u0301",
        "<script>alert(1)</script>",
        "'; DROP TABLE provenance_claim; --",
        "{{ 7*7 }}",
        "%s%n",
        "\r\n",
        "𝕏" * 3,
    ]
)
HOSTILE_TEXT = st.one_of(st.text(), st.lists(st.one_of(NASTY, st.text(max_size=20))).map("".join))
TAGS = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<a href='x'>", "</a>", "<script>", "</script>",
     "<!--", "-->", "<![CDATA[", "]]>", "<meta charset='utf-7'>", "<html>", "<body>",
     "<title>", "</title>", "<blockquote>", "“", "”", '"', " said ", " according to ",
     " citing ", " reported ", "Axios", "four US officials", ". "]
)  # fmt: skip
HTML_SOUP = st.lists(st.one_of(TAGS, st.text(max_size=12)), max_size=60).map("".join)

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    HOSTILE_TEXT,
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


# Bodies are sent as JSON text made by the standard library: a lone surrogate travels as the
# escape "\\ud800", as a hostile client would send it.
JSON = "application/json"


def rows() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("provenance").get_models()
    }


# The extractor: pure, no database.


@given(content=st.one_of(st.binary(max_size=4096), HOSTILE_TEXT, HTML_SOUP))
@example(content=b"\xff\xfe\x00<\x00p\x00>")  # UTF-16 with a BOM
@example(content="<p>" * 5000)
@example(content="“" * 200 + " said Jane Doe.")
def test_the_extractor_answers_or_refuses_clearly(content):
    try:
        result = extract(content)
    except ExtractionError as error:
        assert str(error).endswith(".")  # a sentence an editor can read
        return
    assert result.media_type in ("text/html", "text/plain")
    names = {source.name for source in result.sources}
    for edge in result.citations:
        assert edge.target in names


@given(content=HTML_SOUP, url=st.one_of(st.none(), HOSTILE_TEXT))
def test_the_extractor_survives_any_url(content, url):
    try:
        extract(content, url=url, content_type="text/html")
    except ExtractionError:
        pass


# Ingestion into the database.


UNKNOWN_PUBLISHER = {
    "publisher": [
        "The publisher is unknown: name it (or give the article's URL), so that someone "
        "asserts the claims in this document."
    ]
}


@pytest.mark.django_db
@with_fixtures(40)
@given(text=st.one_of(HOSTILE_TEXT, HTML_SOUP))
@example(text="<P>said:A")  # a claim with no publisher to assert it (found by a random run)
def test_ingesting_anything_writes_all_or_nothing(text, editor):
    """Ingestion writes the whole article or nothing. It refuses in exactly two ways: content
    that is no readable article is an ExtractionError; a readable article whose claims no one
    would assert (no publisher found, none given) is a ValidationError on `publisher`."""
    before = rows()
    try:
        content, content_type = services.ingestion_text_content(text=text)
        result = services.ingestion_apply(
            content=content, content_type=content_type, created_by=editor
        )
    except ExtractionError as error:
        assert str(error).endswith(".")
        assert rows() == before
        return
    except ValidationError as error:
        assert error.message_dict == UNKNOWN_PUBLISHER
        assert rows() == before
        return
    document = result.document
    document.refresh_from_db()
    assert bytes(document.snapshot) == content
    assert document.snapshot_sha256 == hashlib.sha256(content).hexdigest()


# The API.


@pytest.mark.django_db
@with_fixtures(60)
@given(body=st.dictionaries(st.sampled_from(["text", "context", "status"]), JSON_VALUES))
@example(body={"text": "Nul\x00 byte"})
@example(body={"text": "\ud800 lone surrogate"})
@example(body={"text": "x" * 100_000})
def test_any_claim_body_is_created_or_refused_with_a_400(editor_api, body):
    before = rows()
    response = editor_api.post("/api/claims/", json.dumps(body), content_type=JSON)
    assert response.status_code in (201, 400), response.content
    if response.status_code == 400:
        payload = response.json()
        assert payload["code"] in ("invalid", "parse_error") and payload["detail"]
        assert rows() == before
    else:
        created = response.json()
        assert created["status"] == "unverified"  # never taken from the body


@pytest.mark.django_db
@with_fixtures(60)
@given(body=st.fixed_dictionaries({}, optional={
    "name": JSON_VALUES, "kind": st.one_of(st.sampled_from(["outlet", "anonymous"]), JSON_VALUES),
    "aliases": JSON_VALUES, "affiliation": JSON_VALUES, "anonymous_count": JSON_VALUES,
    "website": JSON_VALUES, "descriptor": JSON_VALUES,
}))  # fmt: skip
def test_any_source_body_is_created_or_refused_with_a_400(editor_api, body):
    before = rows()
    response = editor_api.post("/api/sources/", json.dumps(body), content_type=JSON)
    assert response.status_code in (201, 400), response.content
    if response.status_code == 400:
        assert rows() == before


@pytest.mark.django_db
@with_fixtures(40)
@given(
    path=st.sampled_from(
        ["/api/assertions/", "/api/citations/", "/api/documents/", "/api/reviews/"]
    ),
    body=JSON_VALUES,
)
def test_any_json_into_any_collection_is_never_a_500(reviewer_api, path, body):
    before = rows()
    response = reviewer_api.post(path, json.dumps(body), content_type=JSON)
    assert response.status_code in (201, 400), response.content
    if response.status_code == 400:
        assert rows() == before


# A query string is bytes: anything percent-encoded, invalid UTF-8 included.
QUERY_VALUES = st.one_of(
    st.binary(max_size=30),
    HOSTILE_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.integers(min_value=-(2**70), max_value=2**70).map(lambda n: str(n).encode()),
)


def query(params: dict[str, bytes]) -> str:
    return "&".join(f"{name}={quote_from_bytes(value)}" for name, value in params.items())


@pytest.mark.django_db
@with_fixtures(60)
@given(
    path=st.sampled_from(
        [
            "/api/claims/",
            "/api/sources/",
            "/api/documents/",
            "/api/assertions/",
            "/api/citations/",
            "/api/reviews/",
            "/api/claims/export/",
            "/claims/",
            "/sources/",
        ]
    ),
    params=st.dictionaries(
        st.sampled_from(
            ["search", "status", "source", "created_after", "page", "page_size", "ordering",
             "independent_origins", "circular", "kind", "name", "fidelity", "claim", "q",
             "verdict", "published_after", "depth_min"]
        ),
        QUERY_VALUES,
        max_size=3,
    ),
)  # fmt: skip
def test_any_query_string_is_answered_without_a_500(api, path, params):
    ClaimFactory()
    response = api.get(f"{path}?{query(params)}")
    assert response.status_code in (200, 400, 404), response.content


@pytest.mark.django_db
@with_fixtures(30)
@given(depth=QUERY_VALUES, nodes=QUERY_VALUES)
def test_any_provenance_cap_is_answered_without_a_500(api, depth, nodes):
    claim = ClaimFactory()
    response = api.get(
        f"/api/claims/{claim.pk}/provenance/?{query({'max_depth': depth, 'max_nodes': nodes})}"
    )
    assert response.status_code in (200, 400), response.content


@pytest.mark.django_db
@with_fixtures(30)
@given(pk=QUERY_VALUES, suffix=st.sampled_from(["", "provenance/", "history/", "prov/"]))
def test_any_identifier_in_the_path_is_answered_without_a_500(api, pk, suffix):
    response = api.get(f"/api/claims/{quote_from_bytes(pk, safe='')}/{suffix}")
    assert response.status_code in (200, 404), response.content


@pytest.mark.django_db
@with_fixtures(40)
@given(content=st.one_of(HOSTILE_TEXT, HTML_SOUP), confirm=st.booleans())
def test_any_article_posted_for_ingestion_is_read_or_refused(editor_api, content, confirm):
    before = rows()
    body = json.dumps({"content": content, "confirm": confirm})
    response = editor_api.post("/api/ingest/", body, content_type=JSON)
    assert response.status_code in (200, 201, 400), response.content
    if response.status_code == 400:
        # Unreadable content, a body that is not JSON, or (to confirm) no publisher named.
        payload = response.json()
        assert payload["code"] in ("invalid", "unreadable", "parse_error") and payload["detail"]
        assert set(payload.get("errors", {})) <= {"content", "publisher"}
        assert rows() == before
    elif not confirm:
        assert rows() == before
