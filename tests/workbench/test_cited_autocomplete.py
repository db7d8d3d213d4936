"""The cited-assertion autocomplete: never the citing assertion itself, labelled by source and
words (found in the workbench: "X asserts claim #N", the citing assertion offered first)."""

import pytest
from django.urls import reverse

from tests.factories import AssertionFactory, CitationFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def choices(client, *, term: str, referer: str) -> list[dict]:
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "provenance",
            "model_name": "citation",
            "field_name": "cited",
            "term": term,
        },
        HTTP_REFERER=f"http://testserver{referer}",
    )
    assert response.status_code == 200
    return response.json()["results"]


def test_the_citing_assertion_is_never_offered_and_labels_name_source_and_words(client, editor):
    client.force_login(editor)
    claim = ClaimFactory(text="Harbour dues will double next year.")
    axios = SourceFactory(name="Axios")
    citing = AssertionFactory(claim=claim, source=axios, quote="Dues are set to double in 2027.")
    other = AssertionFactory(claim=claim, source=SourceFactory(name="Axios Pro"))
    page = reverse("admin:provenance_assertion_change", args=[citing.pk])

    found = choices(client, term="Axios", referer=page)

    assert [int(c["id"]) for c in found] == [other.pk]
    assert found[0]["text"] == "Axios Pro, asserting “Harbour dues will double next year.”"
    assert "asserts claim #" not in str(found)
    # From anywhere else (no citing assertion known) both are offered, labelled by their words.
    labels = {c["text"] for c in choices(client, term="Axios", referer="/admin/")}
    assert "Axios: “Dues are set to double in 2027.”" in labels


def test_a_citations_own_page_does_not_offer_its_citing_assertion_as_cited(client, editor):
    client.force_login(editor)
    citation = CitationFactory(
        citing__source=SourceFactory(name="Caliber.Az"), cited__source=SourceFactory(name="Cal")
    )
    page = reverse("admin:provenance_citation_change", args=[citation.pk])
    found = {int(c["id"]) for c in choices(client, term="Cal", referer=page)}
    assert found == {citation.cited_id}


def test_long_quotes_are_shortened(editor):
    assertion = AssertionFactory(source=SourceFactory(name="Wire"), quote="word " * 40)
    label = str(assertion)
    assert label.startswith("Wire: “word word") and label.endswith("…”") and len(label) < 75
