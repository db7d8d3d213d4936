"""A claim's page, API and public, cached under the claim's versions (provenance.answer_cache):
the cached bytes are the bytes a fresh build gives, and any change the page shows is seen at
once (the key moves), never after the entry ages out."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from provenance.models import Claim
from provenance.services.analysis_cache import analyses_refresh
from tests.factories import AssertionFactory, CitationFactory, DocumentFactory, ReviewFactory

# Real commits: cached analyses are refreshed when the writing transaction commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fresh(client, url: str) -> bytes:
    """The answer built from the database, as before the cache existed."""
    cache.clear()
    return client.get(url).content


def without_nonce(body: bytes) -> bytes:
    return re.sub(rb'nonce="[^"]*"', b'nonce=""', body)


@pytest.fixture
def chained(build_chain):
    claim, chain = build_chain(3)
    chain[1].document = DocumentFactory(title="Harbor report")
    chain[1].save()
    ReviewFactory(claim=claim, verdict="false", rationale="Checked against the port's log.")
    return Claim.objects.get(pk=claim.pk), chain


def edits(claim, chain):
    """Changes that show on the claim's pages, each made as the app makes it."""

    def reword():
        claim.refresh_from_db()
        claim.text = "The harbor closed in May."
        claim.save()

    def review():
        ReviewFactory(claim=claim, verdict="true", rationale="A second look.")

    def rename_upstream_source():
        source = chain[2].source
        source.name = "Renamed Wire"
        source.save()

    def retract_upstream_document():
        document = chain[1].document
        document.status = "retracted"
        document.save()

    def new_assertion_and_hop():
        new = AssertionFactory(claim=claim, quote="closed in May")
        CitationFactory(citing=new, cited=chain[3])

    def forced_refresh():
        # A forced refresh keeps the analysis version and changes its time.
        analyses_refresh(claim_ids=[claim.pk], force=True)

    return [
        reword,
        review,
        rename_upstream_source,
        retract_upstream_document,
        new_assertion_and_hop,
        forced_refresh,
    ]


@pytest.mark.parametrize("page", ["api", "public"])
def test_cached_answers_are_the_fresh_bytes_and_follow_every_change(client, chained, page):
    claim, chain = chained
    url = f"/api/claims/{claim.pk}/" if page == "api" else reverse("public:claim", args=[claim.pk])
    compare = (lambda body: body) if page == "api" else without_nonce
    for edit in [lambda: None, *edits(claim, chain)]:
        edit()
        served_first = client.get(url)  # after the edit: built or taken from the cache
        served_again = client.get(url)  # certainly from the cache
        assert served_first.status_code == served_again.status_code == 200
        expected = compare(fresh(client, url))
        assert compare(served_first.content) == expected, edit
        assert compare(served_again.content) == expected, edit
    # The edits did show: the page is not the one first cached.
    shown = b'"quote":"closed in May"' if page == "api" else b"Renamed Wire"
    assert shown in fresh(client, url)


def test_the_api_answer_keeps_its_etag_and_304(api, chained):
    claim, _ = chained
    first = api.get(f"/api/claims/{claim.pk}/")
    cached = api.get(f"/api/claims/{claim.pk}/")
    assert cached["ETag"] == first["ETag"] == f'"v{claim.version}-g{claim.graph_version}"'
    not_modified = api.get(f"/api/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == first["ETag"]


def test_the_cached_public_page_carries_the_requests_own_csp_nonce(client, chained):
    claim, _ = chained
    url = reverse("public:claim", args=[claim.pk])
    nonces = []
    for _ in range(3):
        response = client.get(url)
        in_body = re.findall(rb'nonce="([^"]+)"', response.content)
        in_header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert in_body and {n.decode() for n in in_body} == {in_header}
        nonces.append(in_header)
    assert len(set(nonces)) == 3


def test_an_unknown_claim_is_still_404(api, client, db):
    assert api.get("/api/claims/999999/").status_code == 404
    assert client.get("/claims/999999/").status_code == 404


def test_a_merged_claims_public_page_still_redirects(client, chained):
    claim, _ = chained
    kept = AssertionFactory().claim
    Claim.objects.filter(pk=claim.pk).update(duplicate_of=kept)
    response = client.get(reverse("public:claim", args=[claim.pk]))
    assert response.status_code == 301
