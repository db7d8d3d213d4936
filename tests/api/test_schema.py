"""The OpenAPI document: generated without warnings, valid, and documenting the errors."""

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_generates_without_warnings(tmp_path, capsys):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(target))
    assert "paths" in yaml.safe_load(target.read_text())


def test_the_schema_validates(schema):
    validate_schema(schema)


def test_every_endpoint_is_there(schema):
    assert {
        "/api/v1/claims/",
        "/api/v1/claims/{id}/",
        "/api/v1/claims/{id}/provenance/",
        "/api/v1/claims/{id}/retract/",
        "/api/v1/sources/",
        "/api/v1/documents/",
        "/api/v1/assertions/",
        "/api/v1/citations/",
        "/api/v1/citations/{id}/check/",
        "/api/v1/reviews/",
        "/api/v1/auth/token/",
    } <= set(schema["paths"])


def test_errors_are_documented(schema):
    create = schema["paths"]["/api/v1/citations/"]["post"]["responses"]
    assert {"201", "400", "401", "403"} <= set(create)
    assert create["400"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ValidationError"
    )
    provenance = schema["paths"]["/api/v1/claims/{id}/provenance/"]["get"]["responses"]
    assert {"200", "400", "404"} <= set(provenance)


def test_a_400_need_not_carry_field_errors(schema, editor_api):
    # Found by the API fuzzing: a body that is not JSON is a 400 with `detail` and `code` only.
    validation_error = schema["components"]["schemas"]["ValidationError"]
    assert validation_error["required"] == ["code", "detail"]
    response = editor_api.post("/api/sources/", b"\x00", content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "code"}


def test_a_url_that_may_be_blank_is_documented_as_such(schema, api):
    # Found by the API fuzzing: a source without a website has "" there, which is no "uri".
    either = [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]
    website = schema["components"]["schemas"]["Source"]["properties"]["website"]
    assert (website.get("format"), website["oneOf"]) == (None, either)
    source_input = schema["components"]["schemas"]["SourceInputRequest"]["properties"]
    assert source_input["website"]["oneOf"][1] == {"type": "string", "maxLength": 0}


def test_every_field_has_a_description_or_a_known_type(schema):
    provenance = schema["components"]["schemas"]["Provenance"]
    assert set(provenance["properties"]) == {"claim", "nodes", "edges", "analysis"}
    edge = schema["components"]["schemas"]["ProvenanceEdge"]
    assert {"from", "to", "relation", "fidelity"} <= set(edge["properties"])


def test_the_interactive_docs_are_served_locally(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"cdn.jsdelivr" not in response.content
