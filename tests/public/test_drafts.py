"""The publish step: a claim is a draft until an editor publishes it.

Every public surface (the pages, each export, the API's list, detail, provenance, search and
the lists that name claims) shows published claims only, and a draft read anonymously is a
404; editors and reviewers see drafts, every page that shows one says so.
"""

import io
import zipfile
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from provenance import services
from provenance.demo import demo_load
from provenance.models import Claim, ClaimMatch
from tests.factories import (
    AssertionFactory,
    CitationFactory,
    ClaimFactory,
    ReviewFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BANNER = "Draft: not public until an editor publishes it"


@pytest.fixture
def draft():
    """A rated draft with a two-hop chain, so that every export has something to show."""
    claim = ClaimFactory(text="The harbour bridge will close in March.", published_at=None)
    wire = SourceFactory(name="Harbour Wire")
    citing = AssertionFactory(claim=claim, source=wire, quote="The bridge closes in March.")
    cited = AssertionFactory(claim=claim, source=SourceFactory(name="Port Authority"))
    CitationFactory(citing=citing, cited=cited, fidelity="faithful", checked_at=timezone.now())
    ReviewFactory(claim=claim, verdict="true", evidence="The authority's notice.")
    Claim.objects.filter(pk=claim.pk).update(status="true")
    claim.refresh_from_db()
    return claim


@pytest.fixture
def published():
    claim = ClaimFactory(text="The ferry timetable changes in May.")
    AssertionFactory(claim=claim, source=SourceFactory(name="Harbour Wire Two"))
    return claim


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


# Public pages ------------------------------------------------------------------------------


def test_the_index_lists_published_claims_only_to_the_public(client, draft, published):
    page = client.get(reverse("public:claims")).content.decode()
    assert published.text in page
    assert draft.text not in page
    assert "1 claim." in page
    assert BANNER not in page
    # Nor is it found by searching, nor counted under its verdict.
    found = client.get(reverse("public:claims"), {"q": "harbour bridge"}).content.decode()
    assert draft.text not in found
    assert "True (0)" in client.get(reverse("public:claims")).content.decode()


def test_editors_see_drafts_in_the_index_marked(as_editor, draft, published):
    page = as_editor.get(reverse("public:claims")).content.decode()
    assert draft.text in page and published.text in page
    assert f'<span class="badge draft">{BANNER}</span>' in page
    assert page.count(BANNER) == 1  # the draft's row only; the published claim has none


def test_a_draft_page_is_a_404_to_the_public_and_bannered_for_editors(client, editor, draft):
    url = reverse("public:claim", args=[draft.pk])
    client.force_login(editor)
    page = client.get(url)
    assert page.status_code == 200
    assert BANNER in page.content.decode()
    assert "application/ld+json" not in page.content.decode()  # no fact check to index yet
    assert '<meta name="robots" content="noindex">' in page.content.decode()
    # The editor's rendering is cached; the public must still get a 404, not the cached page.
    client.logout()
    assert client.get(url).status_code == 404
    # A user without a role is the public too.
    client.force_login(UserFactory(username="nobody", is_staff=False))
    assert client.get(url).status_code == 404


def test_a_published_page_has_no_banner(client, published):
    page = client.get(reverse("public:claim", args=[published.pk])).content.decode()
    assert BANNER not in page


def test_a_merged_draft_does_not_redirect_the_public(client, api, draft, published):
    Claim.objects.filter(pk=draft.pk).update(duplicate_of=published)
    assert client.get(reverse("public:claim", args=[draft.pk])).status_code == 404
    # Nor is it named among the claims merged into the published one.
    assert api.get(f"/api/claims/{published.pk}/").json()["duplicates"] == []


def test_a_sources_track_record_counts_published_claims_only(client, editor, draft, published):
    wire = SourceFactory(name="Shared Wire")
    AssertionFactory(claim=draft, source=wire)
    AssertionFactory(claim=published, source=wire)
    url = reverse("public:source", args=[wire.pk])
    page = client.get(url).content.decode()
    assert published.text in page and draft.text not in page
    assert client.get(url).context["claim_total"] == 1
    client.force_login(editor)
    page = client.get(url)
    assert page.context["claim_total"] == 2
    assert draft.text in page.content.decode() and BANNER in page.content.decode()


# API -----------------------------------------------------------------------------------------


def test_the_anonymous_api_lists_and_searches_published_claims_only(api, draft, published):
    ids = [c["id"] for c in api.get("/api/claims/").json()["results"]]
    assert ids == [published.pk]
    assert api.get("/api/claims/", {"search": "harbour bridge"}).json()["count"] == 0
    assert api.get("/api/claims/", {"status": "true"}).json()["count"] == 0
    # Asking for drafts finds none either.
    assert api.get("/api/claims/", {"published": "false"}).json()["count"] == 0


def test_editors_list_drafts_and_filter_them(editor_api, draft, published):
    body = editor_api.get("/api/claims/").json()
    assert {c["id"] for c in body["results"]} == {draft.pk, published.pk}
    drafts = editor_api.get("/api/claims/", {"published": "false"}).json()["results"]
    assert [(c["id"], c["published_at"]) for c in drafts] == [(draft.pk, None)]
    assert editor_api.get("/api/claims/", {"search": "harbour bridge"}).json()["count"] == 1
    assert editor_api.get("/api/claims/", {"published": "1"}).status_code == 400


@pytest.mark.parametrize(
    "path",
    ["", "provenance/", "history/", "matches/", "claimreview/", "prov/", "bundle/"],
)
def test_a_draft_is_a_404_to_the_public_in_every_claim_read(api, editor_api, draft, path):
    url = f"/api/claims/{draft.pk}/{path}"
    # The editor reads first, so a cached answer exists when the public asks.
    assert editor_api.get(url).status_code == 200, editor_api.get(url).content[:300]
    response = api.get(url)
    assert response.status_code == 404
    assert draft.text.encode() not in response.content


def test_the_csv_export_leaves_drafts_out_for_the_public(api, editor_api, draft, published):
    public = b"".join(api.get("/api/claims/export/").streaming_content).decode()
    assert published.text in public and draft.text not in public
    internal = b"".join(editor_api.get("/api/claims/export/").streaming_content).decode()
    assert draft.text in internal


def test_an_editors_bundle_of_a_draft_holds_its_exports(editor_api, draft):
    response = editor_api.get(f"/api/claims/{draft.pk}/bundle/")
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert {"graph.json", "prov.json", "claimreview.json"} <= set(names)


def test_assertions_citations_and_reviews_of_drafts_are_not_public(api, editor_api, draft):
    for path, count in (("assertions", 2), ("citations", 1), ("reviews", 1)):
        assert api.get(f"/api/{path}/").json()["count"] == 0, path
        assert editor_api.get(f"/api/{path}/").json()["count"] == count, path
    assertion = draft.assertions.first()
    assert api.get(f"/api/assertions/{assertion.pk}/").status_code == 404


def test_a_match_with_a_draft_is_not_shown_to_the_public(api, editor_api, draft, published):
    first, second = sorted([draft, published], key=lambda c: c.pk)
    ClaimMatch.objects.create(claim=first, other=second, score=0.7)
    assert api.get(f"/api/claims/{published.pk}/matches/").json()["count"] == 0
    assert editor_api.get(f"/api/claims/{published.pk}/matches/").json()["count"] == 1


def test_published_claims_cost_no_extra_query_to_read(api, published, django_assert_num_queries):
    api.get(f"/api/claims/{published.pk}/provenance/")  # cached
    with django_assert_num_queries(1):
        assert api.get(f"/api/claims/{published.pk}/provenance/").status_code == 200


# Publishing ------------------------------------------------------------------------------------


def test_an_editor_publishes_a_draft_through_the_api(api, editor_api, editor, draft):
    tag = editor_api.get(f"/api/claims/{draft.pk}/")["ETag"]
    response = editor_api.post(f"/api/claims/{draft.pk}/publish/", HTTP_IF_MATCH=tag)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["published_by"] == "ed" and body["published_at"] is not None
    assert api.get(f"/api/claims/{draft.pk}/").status_code == 200
    # Recorded in the history, with who and when.
    change = editor_api.get(f"/api/claims/{draft.pk}/history/").json()["results"][0]
    assert change["user"] == "ed"
    assert {c["field"] for c in change["changes"]} >= {"published_at", "published_by_id"}
    again = editor_api.post(f"/api/claims/{draft.pk}/publish/")
    assert again.status_code == 400


def test_publishing_needs_the_permission(api, draft):
    assert api.post(f"/api/claims/{draft.pk}/publish/").status_code == 401
    nobody = UserFactory(username="viewer")
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=nobody).key}")
    assert client.post(f"/api/claims/{draft.pk}/publish/").status_code in (403, 404)
    assert Claim.objects.get(pk=draft.pk).published_at is None


def test_api_writes_make_drafts_unless_told_to_publish(api, editor_api):
    drafted = editor_api.post("/api/claims/", {"text": "Tolls rise in June."}, format="json")
    assert drafted.json()["published_at"] is None
    assert api.get(f"/api/claims/{drafted.json()['id']}/").status_code == 404
    at_once = editor_api.post(
        "/api/claims/", {"text": "Tolls fall in July.", "publish": True}, format="json"
    )
    assert at_once.json()["published_by"] == "ed"
    assert api.get(f"/api/claims/{at_once.json()['id']}/").status_code == 200
    refused = editor_api.post("/api/claims/", {"text": "X.", "publish": "yes"}, format="json")
    assert refused.status_code == 400 and "publish" in refused.json()["errors"]


def test_a_chain_is_a_draft_unless_published_with_it(api, editor_api):
    def chain(text, **extra):
        hops = [{"source": {"name": "Tide Gazette", "kind": "outlet"}}]
        body = {"claim": {"text": text}, "hops": hops, **extra}
        return editor_api.post("/api/chains/", body, format="json").json()["claim"]["id"]

    drafted = chain("The pier reopens in April.")
    assert Claim.objects.get(pk=drafted).published_at is None
    published = chain("The pier closes in October.", publish=True)
    assert Claim.objects.get(pk=published).published_at is not None
    assert api.get(f"/api/claims/{published}/provenance/").status_code == 200


def test_ingested_claims_are_drafts(articles, editor):
    result = services.ingestion_apply(
        content=(articles / "pilot-strike.html").read_bytes(), created_by=editor
    )
    assert result.claims
    assert all(claim.published_at is None for claim in Claim.objects.all())


def test_ingesting_publishes_when_told_to(articles, editor_api):
    content = (articles / "pilot-strike.html").read_text()
    response = editor_api.post(
        "/api/ingest/", {"content": content, "confirm": True, "publish": True}, format="json"
    )
    assert response.status_code == 201, response.json()
    claims = Claim.objects.filter(duplicate_of__isnull=True)
    assert claims and all(c.published_by.username == "ed" for c in claims)


def test_the_ingest_command_publishes_with_publish(articles, editor):
    from django.core.management import call_command

    path = str(articles / "pilot-strike.html")
    call_command("ingest", path, user="ed", publish=True, stdout=io.StringIO())
    assert not Claim.objects.filter(published_at__isnull=True).exists()


def test_the_migration_publishes_every_existing_claim():
    claim = ClaimFactory(published_at=None)
    migration = import_module("provenance.migrations.0031_claim_publish_step")
    migration.publish_existing(apps, None)
    claim.refresh_from_db()
    assert claim.published_at == claim.created_at
    # Its history agrees, so the next edit does not list "published" among its changes.
    services.claim_update(claim=claim, context="Scope: the harbour.")
    newest = Claim.history.filter(id=claim.pk).order_by("-history_id")
    assert [c.field for c in newest[0].diff_against(newest[1]).changes] == ["context"]


def test_the_demo_is_published():
    demo_load(show_passwords=False)
    assert not Claim.objects.filter(published_at__isnull=True).exists()


# Admin -------------------------------------------------------------------------------------


def test_the_admin_lists_drafts_and_publishes_them_with_an_action(as_editor, draft, published):
    changelist = reverse("admin:provenance_claim_changelist")
    page = as_editor.get(changelist, {"published": "no"}).content.decode()
    assert draft.text in page and published.text not in page
    response = as_editor.post(
        changelist,
        {"action": "publish_selected", "_selected_action": [draft.pk, published.pk]},
        follow=True,
    )
    assert "Published 1 claim. 1 was published already." in response.content.decode()
    draft.refresh_from_db()
    assert draft.published_by.username == "ed"


def test_the_change_page_says_draft_and_publishes_with_its_button(as_editor, draft):
    change = reverse("admin:provenance_claim_change", args=[draft.pk])
    page = as_editor.get(change).content.decode()
    assert BANNER in page
    publish = reverse("admin:provenance_claim_publish", args=[draft.pk])
    assert publish in page
    # A version that moved on since the page was opened is refused, not published over.
    stale = as_editor.post(publish, {"version": draft.version - 1}, follow=True)
    assert "changed by someone else" in stale.content.decode()
    assert Claim.objects.get(pk=draft.pk).published_at is None
    done = as_editor.post(publish, {"version": draft.version}, follow=True)
    assert "it is public now" in done.content.decode()
    assert BANNER not in as_editor.get(change).content.decode()


def test_a_user_without_the_permission_cannot_publish_from_the_admin(client, draft):
    viewer = UserFactory(username="viewer")
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(viewer)
    publish = reverse("admin:provenance_claim_publish", args=[draft.pk])
    assert client.post(publish, {"version": draft.version}).status_code == 403
    page = client.get(reverse("admin:provenance_claim_change", args=[draft.pk])).content.decode()
    assert BANNER in page and publish not in page


def test_record_a_chain_publishes_when_asked(as_editor):
    url = reverse("admin:provenance_claim_record_chain")
    base = {
        "hop-0-source_name": "Quay Courier",
        "hop-0-source_kind": "outlet",
    }
    as_editor.post(url, {**base, "claim_text": "The quay market moves in June."})
    assert Claim.objects.get(text="The quay market moves in June.").published_at is None
    as_editor.post(url, {**base, "claim_text": "The quay market closes.", "publish": "1"})
    assert Claim.objects.get(text="The quay market closes.").published_at is not None
