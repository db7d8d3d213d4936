"""ClaimReview JSON-LD from plain data: the fields search engines require, case by case."""

from datetime import UTC, datetime

import pytest

from provenance.analysis import analyze
from provenance.exports.claimreview import (
    Publisher,
    ReviewFacts,
    claimreview,
    has_claimreview,
    rating,
)
from provenance.graph import DocumentRef, Edge, Node, ProvenanceGraph, SourceRef
from tests.analysis.graphs import GraphBuilder

PUBLISHER = Publisher(name="Provenance Desk", url="https://provenance.example/")
REVIEWED = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)


def build(verdict="mostly_false", graph=None):
    graph = graph or founding_graph()
    return claimreview(
        claim_text="The Biden administration has become increasingly distrustful.",
        url="https://provenance.example/claims/1/",
        review=ReviewFacts(verdict=verdict, reviewed_at=REVIEWED),
        graph=graph,
        analysis=analyze(graph),
        publisher=PUBLISHER,
    )


def founding_graph() -> ProvenanceGraph:
    caliber = SourceRef(id=1, name="Caliber.Az", kind="outlet")
    axios = SourceRef(id=2, name="Axios", kind="outlet")
    officials = SourceRef(
        id=3, name="four US officials", kind="anonymous", descriptor="US officials"
    )
    article = DocumentRef(
        id=10,
        title="Axios: US losing trust in Israel",
        url="https://caliber.az/post/axios",
        publisher_id=1,
        publisher_name="Caliber.Az",
        published_at=datetime(2024, 10, 9, 8, 0, tzinfo=UTC),
    )
    report = DocumentRef(id=11, title="Axios report", publisher_id=2, publisher_name="Axios")
    return ProvenanceGraph(
        claim_id=1,
        nodes=(
            Node(id=1, claim_id=1, source=caliber, document=article),
            Node(id=2, claim_id=1, source=axios, document=report),
            Node(id=3, claim_id=1, source=officials),
        ),
        edges=(
            Edge(id=1, citing=1, cited=2, relation="cites", fidelity="unchecked"),
            Edge(id=2, citing=2, cited=3, relation="paraphrases", fidelity="unchecked"),
        ),
    )


def test_every_field_google_requires_and_recommends():
    data = build()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == "The Biden administration has become increasingly distrustful."
    assert data["url"] == "https://provenance.example/claims/1/"
    assert data["datePublished"] == "2026-11-03"
    assert data["author"] == {
        "@type": "Organization",
        "name": "Provenance Desk",
        "url": "https://provenance.example/",
    }
    assert data["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly false",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_the_claim_reviewed_its_author_date_and_appearances():
    item = build()["itemReviewed"]
    # The origin is anonymous, so the author is the first named source in the chain's order:
    # Axios, whom Caliber.Az cites, although only Caliber.Az's article is dated.
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Axios"}
    assert item["datePublished"] == "2024-10-09"
    caliber = {
        "@type": "CreativeWork",
        "headline": "Axios: US losing trust in Israel",
        "url": "https://caliber.az/post/axios",
        "datePublished": "2024-10-09",
        "publisher": {"@type": "Organization", "name": "Caliber.Az"},
    }
    # Without a URL an appearance still says who published it and its title.
    axios = {
        "@type": "CreativeWork",
        "headline": "Axios report",
        "publisher": {"@type": "Organization", "name": "Axios"},
    }
    assert item["firstAppearance"] == axios
    assert item["appearance"] == [axios, caliber]


def test_dates_order_appearances_the_chain_does_not():
    graph = founding_graph()
    independent = ProvenanceGraph(claim_id=1, nodes=graph.nodes[:2], edges=())
    item = build(graph=independent)["itemReviewed"]
    # No citation between them: the dated appearance first.
    assert item["firstAppearance"]["headline"] == "Axios: US losing trust in Israel"
    assert item["author"] == {"@type": "Organization", "name": "Caliber.Az"}


def test_a_single_named_origin_is_the_author():
    b = GraphBuilder()
    outlet = b.node("Daily")
    b.cite(outlet, b.node("Ana Costa", "person"))
    assert build(graph=b.graph())["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Ana Costa",
    }


@pytest.mark.parametrize(
    ("verdict", "value", "name"),
    [
        ("true", 5, "True"),
        ("mostly_true", 4, "Mostly true"),
        ("mixed", 3, "Mixed"),
        ("mostly_false", 2, "Mostly false"),
        ("misleading", 2, "Misleading"),
        ("false", 1, "False"),
    ],
)
def test_the_rating_scale(verdict, value, name):
    assert rating(verdict) == {
        "@type": "Rating",
        "alternateName": name,
        "ratingValue": value,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_unverifiable_carries_its_name_only():
    assert build("unverifiable")["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unverifiable",
    }


@pytest.mark.parametrize("verdict", ["unverified", "in_review"])
def test_open_verdicts_have_no_claimreview(verdict):
    facts = ReviewFacts(verdict=verdict, reviewed_at=REVIEWED)
    assert has_claimreview(facts) is False
    assert has_claimreview(None) is False
    with pytest.raises(ValueError, match="A ClaimReview needs a concluded verdict."):
        build(verdict)


def test_a_claim_without_assertions_has_no_author_nor_appearance():
    data = build(graph=ProvenanceGraph(claim_id=1))
    assert data["itemReviewed"] == {"@type": "Claim"}
