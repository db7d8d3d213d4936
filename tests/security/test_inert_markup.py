"""Script and markup typed into claims, sources, quotes and verdicts stay text on every page that
shows them: the public pages, the drawing, the JSON-LD block and the admin."""

import re

import pytest
from django.urls import reverse

from provenance.models import Source
from tests.factories import (
    AssertionFactory,
    CitationFactory,
    ClaimFactory,
    DocumentFactory,
    ReviewFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
IMAGE = "<img src=x onerror=alert(1)>"
BREAKOUT = '"><svg onload=alert(1)>'
PAYLOADS = (SCRIPT, IMAGE, BREAKOUT)
# What must never reach a page as markup; the page's own scripts carry a nonce or a src.
LIVE = re.compile(
    r"<script>alert|<img src=x|<svg onload|onerror=alert\(1\)>|href=\"javascript:", re.IGNORECASE
)


@pytest.fixture
def hostile():
    """A claim whose every field an editor could type holds markup."""
    affiliation = SourceFactory(name=f"Ministry {BREAKOUT}", kind=Source.Kind.ORGANIZATION)
    outlet = SourceFactory(
        name=f"Outlet {SCRIPT}", url="javascript:alert(1)", description=f"About {IMAGE}"
    )
    officials = SourceFactory(
        name=f"officials {IMAGE}",
        kind=Source.Kind.ANONYMOUS,
        descriptor=f"officials {IMAGE}",
        affiliation=affiliation,
        anonymity_reason=f"Reason {SCRIPT}",
    )
    claim = ClaimFactory(text=f"Claim {SCRIPT} {IMAGE} {BREAKOUT}", context=f"Context {IMAGE}")
    document = DocumentFactory(
        title=f"Title {SCRIPT}",
        url="javascript:alert(2)",  # not possible through a form; an import might
        publisher=outlet,
        status_note=f"Corrected {IMAGE}",
    )
    document.authors.add(SourceFactory(name=f"Jane {IMAGE}", kind=Source.Kind.PERSON))
    citing = AssertionFactory(
        claim=claim, source=outlet, document=document, quote=f"Quote {BREAKOUT}"
    )
    cited = AssertionFactory(source=officials, quote=f"Said {SCRIPT}", quote_kind="direct")
    CitationFactory(citing=citing, cited=cited, note=f"Note {IMAGE}")
    ReviewFactory(
        claim=claim, verdict="false", rationale=f"Because {SCRIPT}", evidence=f"See {IMAGE}"
    )
    return claim, outlet, officials


def assert_inert(response):
    assert response.status_code == 200
    page = response.content.decode()
    live = LIVE.search(page)
    assert live is None, page[max(live.start() - 200, 0) : live.end() + 200]
    return page


def test_public_pages_show_markup_as_text(client, hostile):
    claim, outlet, officials = hostile
    page = assert_inert(client.get(reverse("public:claim", args=[claim.pk])))
    assert "Claim &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "officials &lt;img src=x onerror=alert(1)&gt;" in page
    assert_inert(client.get(reverse("public:claims")))
    assert_inert(client.get(reverse("public:claims"), {"q": SCRIPT}))
    assert_inert(client.get(reverse("public:source", args=[officials.pk])))
    page = assert_inert(client.get(reverse("public:source", args=[outlet.pk])))
    assert "Claim &lt;script&gt;" in page  # its track record
    assert "<p>javascript:alert(1)</p>" in page  # shown, not linked


def test_the_json_ld_block_cannot_be_closed_from_inside(client, hostile):
    claim, *_ = hostile
    page = client.get(reverse("public:claim", args=[claim.pk])).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    assert "<" not in blocks[0]  # every < is \u003c inside the block


ADMIN_PAGES = [
    "/admin/provenance/claim/",
    "/admin/provenance/claim/?q=script",
    "/admin/provenance/claim/{claim}/change/",
    "/admin/provenance/claim/{claim}/history/",
    "/admin/provenance/source/",
    "/admin/provenance/source/{outlet}/change/",
    "/admin/provenance/source/{officials}/change/",
    "/admin/provenance/assertion/",
    "/admin/provenance/citation/",
    "/admin/provenance/review/",
    "/admin/provenance/document/",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_show_markup_as_text(client, hostile, path):
    claim, outlet, officials = hostile
    client.force_login(UserFactory(groups=["reviewer"]))
    url = path.format(claim=claim.pk, outlet=outlet.pk, officials=officials.pk)
    assert_inert(client.get(url))


def test_the_admin_provenance_panel_escapes_names(client, hostile):
    claim, *_ = hostile
    client.force_login(UserFactory(groups=["editor"]))
    page = assert_inert(client.get(f"/admin/provenance/claim/{claim.pk}/change/"))
    assert "Outlet &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
