"""Claim lists filter and sort by the cached provenance analysis."""

import pytest

from provenance.demo import demo_load

# Real commits: cached analyses are refreshed when the writing transaction commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo():
    demo_load(show_passwords=False)


def texts(api, query):
    return sorted(
        c["text"] for c in api.get(f"/api/claims/?page_size=100&{query}").json()["results"]
    )


def test_filter_by_independent_origins_circular_and_unchecked(api, demo):
    assert texts(api, "circular=true") == ["Mayor Anton Reyes will step down in April."]
    assert texts(api, "independent_origins=0") == ["Mayor Anton Reyes will step down in April."]
    assert texts(api, "independent_origins_min=2") == [
        "A late-stage trial of Corvane's nasal influenza vaccine was paused after three "
        "participants were hospitalised."
    ]
    assert texts(api, "unchecked=false") == [
        "Corvane shares fell 8% in early trading after the trial was paused."
    ]
    assert len(texts(api, "independent_origins=1")) == 11
    assert len(texts(api, "unchecked=true")) == 12


def test_claims_list_carries_the_summary(api, demo):
    body = api.get("/api/claims/?search=distrustful").json()
    (claim,) = body["results"]
    assert (claim["independent_origins"], claim["chain_depth"], claim["circular"]) == (1, 2, False)
    assert claim["analysis_summary"] == (
        "1 independent origin (anonymous: four US officials) · 2 hops · 0 of 2 links checked"
    )


def test_sort_by_depth(api, demo):
    depths = [
        c["chain_depth"] for c in api.get("/api/claims/?ordering=-chain_depth").json()["results"]
    ]
    assert depths == sorted(depths, reverse=True)


def test_flagged_after_a_retraction(api, demo, editor):
    from provenance import services
    from provenance.models import Document

    axios = Document.objects.get(title__startswith="Axios report")
    services.document_update(document=axios, status="retracted", status_note="Axios withdrew it.")
    assert texts(api, "flagged=true") == [
        "Jake Sullivan told Ron Dermer that the US expects clarity and transparency about "
        "Israel's plans to retaliate against Iran.",
        "The Biden administration has become increasingly distrustful of what the Israeli "
        "government says about its military and diplomatic plans.",
        "US trust in what the Israeli government says is very low.",
    ]
