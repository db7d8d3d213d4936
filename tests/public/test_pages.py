"""The public pages: index, claim page with its drawing and ClaimReview, source track record."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from provenance import services
from provenance.demo import demo_load
from provenance.models import Claim, Source
from tests.factories import (
    AssertionFactory,
    CitationFactory,
    ClaimFactory,
    DocumentFactory,
    ReviewFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

JSONLD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.DOTALL)
SVG = re.compile(r"<svg .*?</svg>", re.DOTALL)


@pytest.fixture
def demo():
    demo_load(show_passwords=False)


@pytest.fixture
def founding_claim(demo):
    return Claim.objects.get(text__startswith="The Biden administration has become")


def claimreview_of(response) -> dict | None:
    blocks = JSONLD.findall(response.content.decode())
    assert len(blocks) <= 1
    return json.loads(blocks[0]) if blocks else None


def test_the_founding_claim_shows_its_verdict_drawing_and_claimreview(
    client, founding_claim, reviewer
):
    services.review_record(
        evidence="The cited articles, read in full.",
        claim=founding_claim,
        verdict="unverifiable",
        rationale="Only anonymous officials; no named source confirms it.",
        reviewer=reviewer,
    )
    url = reverse("public:claim", args=[founding_claim.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        '<span class="badge verdict-unverifiable" data-verdict="unverifiable">Unverifiable' in page
    )
    assert "Only anonymous officials; no named source confirms it." in page

    svg = ET.fromstring(SVG.search(page).group(0))  # noqa: S314 -- our own page
    nodes = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if "node" in g.get("class")]
    assert len(nodes) == 3
    assert [g.get("class") for g in nodes if "origin" in g.get("class")] == ["node origin"]
    assert svg.get("aria-label") == (
        "1 independent origin (anonymous: four US officials) · 2 hops · 0 of 2 links checked"
    )
    # The text version of the chain, for screen readers and pages without pictures.
    assert "<strong>Caliber.Az → Axios → four US officials (anonymous)</strong>" in page

    data = claimreview_of(response)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == founding_claim.text
    assert data["url"] == f"http://testserver{url}"
    assert data["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}
    assert data["author"] == {
        "@type": "Organization",
        "name": "Provenance",
        "url": "http://testserver/",
    }
    assert data["datePublished"] == timezone.now().date().isoformat()
    assert data["itemReviewed"]["@type"] == "Claim"
    # Caliber.Az relays Axios: the first named source in the chain is Axios (issue 15).
    assert data["itemReviewed"]["author"] == {"@type": "Organization", "name": "Axios"}
    assert data["itemReviewed"]["firstAppearance"]["headline"] == (
        "Axios report on US trust in Israel (cited, not retrieved)"
    )


def test_publisher_comes_from_the_settings(client, settings, reviewer):
    settings.PROVENANCE_PUBLISHER_NAME = "Harbor Fact Desk"
    settings.PROVENANCE_PUBLISHER_URL = "https://facts.example/"
    review = ReviewFactory(verdict="false", reviewer=reviewer)
    data = claimreview_of(client.get(reverse("public:claim", args=[review.claim_id])))
    assert data["author"] == {
        "@type": "Organization",
        "name": "Harbor Fact Desk",
        "url": "https://facts.example/",
    }
    assert data["reviewRating"]["ratingValue"] == 1


def test_no_claimreview_without_a_verdict(client):
    claim = ClaimFactory()
    response = client.get(reverse("public:claim", args=[claim.pk]))
    assert response.status_code == 200
    assert claimreview_of(response) is None
    assert "Not reviewed yet" in response.content.decode()


def test_claimreview_cannot_break_out_of_its_script(client, reviewer):
    claim = ClaimFactory(text="Evil </script><script>alert(1)</script> & co")
    ReviewFactory(claim=claim, reviewer=reviewer)
    response = client.get(reverse("public:claim", args=[claim.pk]))
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    assert claimreview_of(response)["claimReviewed"] == claim.text


def test_names_are_escaped_in_the_drawing_and_the_text(client):
    claim = ClaimFactory()
    evil = SourceFactory(name="<img src=x onerror=alert(1)>")
    CitationFactory(citing=AssertionFactory(claim=claim), cited=AssertionFactory(source=evil))
    page = client.get(reverse("public:claim", args=[claim.pk])).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_loop_has_no_chain_but_every_link_is_listed(client, demo):
    claim = Claim.objects.get(text="Mayor Anton Reyes will step down in April.")
    page = client.get(reverse("public:claim", args=[claim.pk])).content.decode()
    assert "No chain reaches an origin: the reporting goes round in a loop" in page
    assert "Valley Courier → Eastside Daily: cites · " in page
    assert page.count(" · <strong>cycle</strong></li>") == 2


def test_retracted_claims_are_marked_not_hidden(client):
    claim = ClaimFactory(text="A withdrawn claim.")
    services.claim_retract(claim=claim, note="Wrongly attributed.")
    index = client.get(reverse("public:claims")).content.decode()
    assert "A withdrawn claim." in index
    assert '<span class="badge retracted">Retracted</span>' in index
    page = client.get(reverse("public:claim", args=[claim.pk])).content.decode()
    assert "Wrongly attributed." in page


def test_documents_are_listed_with_their_links(client):
    claim = ClaimFactory()
    document = DocumentFactory(title="Harbor report", url="https://news.example/harbor")
    AssertionFactory(claim=claim, document=document, source=document.publisher)
    page = client.get(reverse("public:claim", args=[claim.pk])).content.decode()
    assert '<a href="https://news.example/harbor" rel="nofollow noopener">Harbor report</a>' in page


def test_unknown_ids_are_404(client):
    assert client.get("/claims/999999/").status_code == 404
    assert client.get("/sources/999999/").status_code == 404


def test_the_claim_page_takes_a_constant_number_of_queries(
    client, build_chain, django_assert_max_num_queries
):
    claim, _ = build_chain(12)
    for _ in range(3):
        ReviewFactory(claim=claim)
    # The claim's versions (the cache key), claim, reviews, the provenance graph (2: the
    # traversal, then its rows and edges as one statement; was 3)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("public:claim", args=[claim.pk]))
    assert response.status_code == 200
    # Then the rendered page, cached under those versions: only they are read.
    with django_assert_max_num_queries(1):
        assert client.get(reverse("public:claim", args=[claim.pk])).status_code == 200


def test_index_search_and_filter(client, demo):
    response = client.get(reverse("public:claims"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 13
    by_source = client.get(reverse("public:claims"), {"q": "bioletter"})
    assert [c.text[:20] for c in by_source.context["page"].object_list] == ["A late-stage trial o"]
    by_word = client.get(reverse("public:claims"), {"q": "MAYOR"})
    assert {c.text for c in by_word.context["page"].object_list} == {
        "Mayor Anton Reyes will step down in April.",
        "Rumours of the mayor's resignation have circulated for a year.",
    }
    true = client.get(reverse("public:claims"), {"status": "true"})
    assert [c.status for c in true.context["page"].object_list] == ["true"]
    ignored = client.get(reverse("public:claims"), {"status": "bogus"})
    assert ignored.context["page"].paginator.count == 13
    counts = {v["value"]: v["count"] for v in response.context["verdicts"]}
    assert (counts["unverified"], counts["true"], counts["mostly_true"]) == (9, 1, 1)


def test_index_paginates_in_a_constant_number_of_queries(client, django_assert_max_num_queries):
    ClaimFactory.create_batch(45)
    # count, page of claims (with assertion counts), verdict counts
    with django_assert_max_num_queries(3):
        response = client.get(reverse("public:claims"), {"page": 2})
    assert len(response.context["page"].object_list) == 20
    last = client.get(reverse("public:claims"), {"page": 3})
    assert len(last.context["page"].object_list) == 5
    assert 'rel="prev"' in last.content.decode()


def test_a_source_track_record(client, demo, django_assert_max_num_queries):
    axios = Source.objects.get(name="Axios")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("public:source", args=[axios.pk]))
    assert response.status_code == 200
    assert response.context["claim_total"] == 3
    assert [(v["value"], v["count"]) for v in response.context["verdicts"]] == [
        ("unverified", 2),
        ("unverifiable", 1),
    ]
    page = response.content.decode()
    assert "Asserted <strong>3</strong> claims recorded here." in page
    meridian = Source.objects.get(name="Meridian News Agency")
    response = client.get(reverse("public:source", args=[meridian.pk]))
    assert sorted((v["value"], v["count"]) for v in response.context["verdicts"]) == [
        ("mostly_true", 1),
        ("true", 1),
        ("unverified", 2),
    ]


def test_the_admin_claim_page_shows_the_drawing(client, editor, founding_claim):
    client.force_login(editor)
    page = client.get(
        reverse("admin:provenance_claim_change", args=[founding_claim.pk])
    ).content.decode()
    assert page.count('class="provenance-drawing"') == 1
    assert page.count('class="node') == 3


def test_the_favicon_request_is_answered_without_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 204
    assert "max-age=86400" in response["Cache-Control"]
