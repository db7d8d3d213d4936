"""API exports: ClaimReview, W3C PROV and CSV, open to anonymous readers."""

import csv
import io

import pytest
from prov.model import ProvDocument

from provenance import services
from provenance.demo import demo_load
from provenance.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _ratings_without_a_checked_link(settings):
    # These tests are about the exports; the rating rule has its own tests (test_workflow).
    settings.PROVENANCE_RATING_NEEDS_CHECKED_LINK = False


@pytest.fixture
def founding_claim():
    demo_load(show_passwords=False)
    return Claim.objects.get(text__startswith="The Biden administration has become")


def test_claimreview(api, founding_claim, reviewer):
    services.review_record(
        evidence="The cited articles, read in full.",
        claim=founding_claim,
        verdict="mostly_true",
        rationale="Checked.",
        reviewer=reviewer,
    )
    response = api.get(f"/api/claims/{founding_claim.pk}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    data = response.json()
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == founding_claim.text
    assert data["url"] == f"http://testserver/claims/{founding_claim.pk}/"
    assert data["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly true",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert set(data) == {
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "reviewRating",
        "itemReviewed",
        "author",
        "datePublished",
    }


@pytest.mark.parametrize("verdicts", [(), ("in_review",), ("false", "in_review")])
def test_claimreview_needs_a_concluded_verdict(api, verdicts, reviewer):
    claim = ClaimFactory()
    for verdict in verdicts:
        services.review_record(
            evidence="The cited articles, read in full.",
            claim=claim,
            verdict=verdict,
            rationale="x",
            reviewer=reviewer,
        )
    response = api.get(f"/api/claims/{claim.pk}/claimreview/")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "This claim has no verdict yet; a ClaimReview needs one.",
        "code": "no_verdict",
    }


def test_unknown_claim_is_404_everywhere(api):
    for path in ("claimreview/", "prov/", "prov/?as=provn"):
        response = api.get(f"/api/claims/999999/{path}")
        assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize("claim_id", ["null,null", "abc", "99999999999999999999999"])
def test_an_id_that_is_not_a_claim_number_is_404_not_a_server_error(api, claim_id):
    # Found by the API fuzzing (scripts/fuzz_api.py): the exports looked the id up unchecked.
    for path in ("claimreview/", "prov/"):
        response = api.get(f"/api/claims/{claim_id}/{path}")
        assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize(
    ("fmt", "media_type", "parser"),
    [
        ("json", "application/json", {"format": "json"}),
        ("provn", "text/provenance-notation", {"format": "provn"}),
        ("turtle", "text/turtle", {"format": "rdf", "rdf_format": "turtle"}),
    ],
)
def test_prov_formats_parse_back(api, founding_claim, fmt, media_type, parser):
    response = api.get(f"/api/claims/{founding_claim.pk}/prov/", {"as": fmt})
    assert response.status_code == 200
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    document = ProvDocument.deserialize(content=response.content.decode(), **parser)
    kinds = [record.get_type().localpart for record in document.get_records()]
    # 3 assertions of 1 claim, 2 documents; 3 sources + none extra (publishers assert too).
    assert (kinds.count("Entity"), kinds.count("Agent")) == (3 + 1 + 2, 3)
    # Turtle carries each derivation's unqualified triple too, read back as a second record.
    derivations = 4 if fmt == "turtle" else 2
    assert (kinds.count("Attribution"), kinds.count("Derivation")) == (3 + 2, derivations)


def test_the_founding_claim_prov_n_parses_back_with_prov(api, founding_claim):
    text = api.get(f"/api/claims/{founding_claim.pk}/prov/?as=provn").content.decode()
    document = ProvDocument.deserialize(content=text, format="provn")
    as_json = api.get(f"/api/claims/{founding_claim.pk}/prov/?as=json").content.decode()
    assert document == ProvDocument.deserialize(content=as_json, format="json")
    assert len(document.get_records()) == 3 + 1 + 2 + 3 + 3 + 2 + 3 + 2 + 2
    assert "hadPrimarySource" not in text  # PROV-N writes it as a typed wasDerivedFrom
    assert "prov:type='prov:PrimarySource'" in text


def test_prov_defaults_to_json_and_refuses_unknown_formats(api, founding_claim):
    assert api.get(f"/api/claims/{founding_claim.pk}/prov/")["Content-Type"].startswith(
        "application/json"
    )
    response = api.get(f"/api/claims/{founding_claim.pk}/prov/", {"as": "xml"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": 'as: "xml" is not a PROV format; choose json, provn, turtle.',
        "code": "invalid",
        "errors": {"as": ['"xml" is not a PROV format; choose json, provn, turtle.']},
    }


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_export_with_filters(api, founding_claim, reviewer, django_assert_max_num_queries):
    services.review_record(
        evidence="The cited articles, read in full.",
        claim=founding_claim,
        verdict="false",
        rationale="x",
        reviewer=reviewer,
    )
    from provenance.services.analysis_cache import analyses_refresh

    # As after a commit: the cached analyses are current, so the export reads one query.
    analyses_refresh(claim_ids=Claim.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(1):
        response = api.get("/api/claims/export/")
        table = rows(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="claims.csv"'
    assert table[0] == [
        "id",
        "claim",
        "status",
        "independent_origins",
        "depth",
        "circular",
        "unchecked_links",
        "retracted",
        "url",
    ]
    assert len(table) == 14
    false = rows(api.get("/api/claims/export/", {"status": "false"}))
    assert false[1:] == [
        [
            str(founding_claim.pk),
            founding_claim.text,
            "false",
            "1",
            "2",
            "false",
            "2",
            "false",
            f"http://testserver/claims/{founding_claim.pk}/",
        ]
    ]
    searched = rows(api.get("/api/claims/export/", {"search": "mayor"}))
    assert len(searched) == 3


def test_csv_export_rejects_bad_filters(api):
    response = api.get("/api/claims/export/", {"status": "nonsense"})
    assert response.status_code == 400
    assert response.json()["errors"]["status"]


def test_the_schema_documents_the_exports(api):
    schema = api.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    claimreview = paths["/api/v1/claims/{id}/claimreview/"]["get"]["responses"]
    assert {"200", "404"} <= set(claimreview)
    assert "application/ld+json" in claimreview["200"]["content"]
    prov = paths["/api/v1/claims/{id}/prov/"]["get"]
    assert {"200", "400", "404"} <= set(prov["responses"])
    assert set(prov["responses"]["200"]["content"]) == {
        "application/json",
        "text/provenance-notation",
        "text/turtle",
    }
    assert [p["name"] for p in prov["parameters"] if p["in"] == "query"] == ["as", "format"]
    export = paths["/api/v1/claims/export/"]["get"]
    assert set(export["responses"]["200"]["content"]) == {"text/csv"}
    assert {"status", "search"} <= {p["name"] for p in export["parameters"]}


def test_a_retracted_claim_has_no_claimreview(api, client, reviewer):
    claim = ClaimFactory()
    services.review_record(
        evidence="The cited articles, read in full.",
        claim=claim,
        verdict="false",
        rationale="x",
        reviewer=reviewer,
    )
    assert api.get(f"/api/claims/{claim.pk}/claimreview/").status_code == 200
    services.claim_retract(claim=claim, note="Withdrawn: wrong claim.")
    response = api.get(f"/api/claims/{claim.pk}/claimreview/")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "This claim is retracted; its ClaimReview is withdrawn.", "code": "retracted"},
    )
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "application/ld+json" not in page
    assert "Withdrawn: wrong claim." in page
