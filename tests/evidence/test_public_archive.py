"""The public claim page: the archived copy beside the original, in its place once it is gone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from provenance.services import document_update
from provenance.services.archives import archive_link_add
from tests.factories import AssertionFactory, ClaimFactory, DocumentFactory

pytestmark = pytest.mark.django_db

ORIGINAL = "https://harbour-ledger.example/2026/ferry"
COPY = "https://web.archive.org/web/20260304091500/https://harbour-ledger.example/2026/ferry"


@pytest.fixture
def claim():
    document = DocumentFactory(url=ORIGINAL, title="Ferry plan approved")
    archive_link_add(document=document, url=COPY, service="wayback")
    claim = ClaimFactory()
    AssertionFactory(claim=claim, document=document)
    return claim


def _documents_table(client, claim) -> str:
    page = client.get(reverse("public:claim", args=[claim.pk])).content.decode()
    return page[page.index("<h2>Documents</h2>") :]


def test_archived_copy_is_linked_beside_the_original(client, claim):
    table = _documents_table(client, claim)
    assert f'<a href="{ORIGINAL}" rel="nofollow noopener">Ferry plan approved</a>' in table
    assert (
        f'<a href="{COPY}" rel="nofollow noopener">Internet Archive (Wayback Machine)</a>' in table
    )


def test_gone_original_falls_back_to_the_archived_copy(client, claim):
    document = claim.assertions.get().document
    document_update(document=document, source_state="gone", source_note="404 on 4 March")
    table = _documents_table(client, claim)
    assert f'<a href="{COPY}" rel="nofollow noopener">Ferry plan approved</a>' in table
    assert "(archived copy; the original" in table and "page gone" in table


def test_bundle_buttons(client, admin_client, claim):
    bundle = reverse("api:claim-bundle", args=[claim.pk])
    assert bundle in client.get(reverse("public:claim", args=[claim.pk])).content.decode()
    admin_page = admin_client.get(reverse("admin:provenance_claim_change", args=[claim.pk]))
    assert bundle in admin_page.content.decode()
