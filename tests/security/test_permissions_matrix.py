"""Who may write what: every write endpoint of the API and every admin action, for each role.

Roles: an anonymous client, a logged-in user with no role, a staff user with no role, an
editor, a reviewer and a superuser. An allowed role's request succeeds and changes the data; a
refused one gets 401 (anonymous) or 403 through the API, a login redirect or 403 in the admin,
and changes nothing at all.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from provenance.models import Citation, Claim, Review, Source
from tests.factories import (
    AssertionFactory,
    CitationFactory,
    ClaimFactory,
    DocumentFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "user", "staff", "editor", "reviewer", "superuser")
WRITERS = frozenset({"editor", "reviewer", "superuser"})
JUDGES = frozenset({"reviewer", "superuser"})
NOBODY = frozenset()

ARTICLE = (
    "Officials doubt the plan\n\n"
    "Axios reported, citing four US officials, that trust in the plan is low."
)


def make_user(role: str):
    if role == "anonymous":
        return None
    return UserFactory(
        username=f"{role}-user",
        is_staff=role != "user",
        is_superuser=role == "superuser",
        groups=[role] if role in ("editor", "reviewer") else [],
    )


def snapshot() -> dict[str, Any]:
    """Every row of the domain and its history: a refused request must leave all of it alone."""
    state = {}
    for model in apps.get_app_config("provenance").get_models():
        fields = [f.attname for f in model._meta.concrete_fields]
        state[model._meta.label] = sorted(model.objects.values_list(*fields), key=repr)
    return state


def etag(obj) -> dict:
    return {"HTTP_IF_MATCH": f'"v{obj.version}"'}


@dataclass(frozen=True)
class Write:
    """One write through the API: how to make it and which roles may."""

    name: str
    allowed: frozenset[str]
    success: int
    writes: bool = True  # False for a request that only reads, however it is sent

    def request(self, settings) -> tuple[str, str, dict | None, dict]:
        return getattr(self, f"_{self.name}")(settings)

    # Each builder makes what the request needs and returns (method, path, body, headers).
    def _claim_create(self, settings):
        return "post", "/api/claims/", {"text": "The plan was shelved."}, {}

    def _claim_update(self, settings):
        claim = ClaimFactory()
        return "put", f"/api/claims/{claim.pk}/", {"text": "Reworded."}, etag(claim)

    def _claim_partial_update(self, settings):
        claim = ClaimFactory()
        return "patch", f"/api/claims/{claim.pk}/", {"text": "Reworded."}, etag(claim)

    def _claim_retract(self, settings):
        claim = ClaimFactory()
        return "post", f"/api/claims/{claim.pk}/retract/", {"note": "Wrong."}, {}

    def _claim_publish(self, settings):
        claim = ClaimFactory(published_at=None)
        return "post", f"/api/claims/{claim.pk}/publish/", None, {}

    def _claim_revert(self, settings):
        from provenance import services

        claim = ClaimFactory(text="First wording.")
        services.claim_update(claim=claim, text="Second wording.", actor=None)
        first = claim.history.order_by("history_id").first().history_id
        return "post", f"/api/claims/{claim.pk}/revert/", {"revision": first}, {}

    def _claim_delete(self, settings):
        return "delete", f"/api/claims/{ClaimFactory().pk}/", None, {}

    def _source_create(self, settings):
        return "post", "/api/sources/", {"name": "Reuters", "kind": "outlet"}, {}

    def _source_update(self, settings):
        source = SourceFactory()
        return "patch", f"/api/sources/{source.pk}/", {"name": "Reuters"}, etag(source)

    def _source_delete(self, settings):
        return "delete", f"/api/sources/{SourceFactory().pk}/", None, {}

    def _document_create(self, settings):
        body = {"title": "A memo", "url": "https://news.example/memo"}
        return "post", "/api/documents/", body, {}

    def _document_update(self, settings):
        document = DocumentFactory()
        body = {"title": "A memo, corrected"}
        return "patch", f"/api/documents/{document.pk}/", body, etag(document)

    def _assertion_create(self, settings):
        body = {"claim": ClaimFactory().pk, "source": SourceFactory().pk}
        return "post", "/api/assertions/", body, {}

    def _assertion_update(self, settings):
        assertion = AssertionFactory()
        body = {"quote": "Trust is low.", "quote_kind": "direct"}
        return "patch", f"/api/assertions/{assertion.pk}/", body, etag(assertion)

    def _assertion_delete(self, settings):
        return "delete", f"/api/assertions/{AssertionFactory().pk}/", None, {}

    def _citation_create(self, settings):
        body = {"citing": AssertionFactory().pk, "cited": AssertionFactory().pk}
        return "post", "/api/citations/", body, {}

    def _citation_update(self, settings):
        citation = CitationFactory()
        body = {"relation": "paraphrases"}
        return "patch", f"/api/citations/{citation.pk}/", body, etag(citation)

    def _citation_check(self, settings):
        citation = CitationFactory()
        body = {"fidelity": "faithful", "note": "Matches the original."}
        return "post", f"/api/citations/{citation.pk}/check/", body, {}

    def _citation_delete(self, settings):
        return "delete", f"/api/citations/{CitationFactory().pk}/", None, {}

    def _review_send_to_review(self, settings):
        body = {"claim": ClaimFactory().pk, "verdict": "in_review", "rationale": "Doubtful."}
        return "post", "/api/reviews/", body, {}

    def _review_rate(self, settings):
        settings.PROVENANCE_RATING_NEEDS_CHECKED_LINK = False
        body = {
            "claim": ClaimFactory().pk,
            "verdict": "false",
            "rationale": "The memo says otherwise.",
            "evidence": "Memo of 3 March, page 2.",
        }
        return "post", "/api/reviews/", body, {}

    def _review_edit(self, settings):
        from tests.factories import ReviewFactory

        review = ReviewFactory()
        return "patch", f"/api/reviews/{review.pk}/", {"verdict": "true"}, {}

    def _match_pair(self):
        from provenance.models import ClaimMatch

        first, second = ClaimFactory(), ClaimFactory()
        ClaimMatch.objects.create(claim=first, other=second, score=0.8)
        return first, second

    def _match_confirm(self, settings):
        first, second = self._match_pair()
        return "post", f"/api/claims/{first.pk}/matches/{second.pk}/confirm/", None, {}

    def _match_reject(self, settings):
        first, second = self._match_pair()
        return "post", f"/api/claims/{second.pk}/matches/{first.pk}/reject/", None, {}

    def _reuse_pair(self):
        from provenance.models import DocumentReuse

        original, copy = DocumentFactory(), DocumentFactory()
        DocumentReuse.objects.create(copy=copy, original=original, overlap=0.9)
        return copy, original

    def _reuse_confirm(self, settings):
        copy, original = self._reuse_pair()
        return "post", f"/api/documents/{copy.pk}/reuses/{original.pk}/confirm/", None, {}

    def _reuse_reject(self, settings):
        copy, original = self._reuse_pair()
        return "post", f"/api/documents/{copy.pk}/reuses/{original.pk}/reject/", None, {}

    def _ingest_preview(self, settings):
        return "post", "/api/ingest/", {"content": ARTICLE}, {}

    def _ingest_confirm(self, settings):
        return "post", "/api/ingest/", {"content": ARTICLE, "confirm": True}, {}


WRITES = [
    Write("claim_create", WRITERS, 201),
    Write("claim_update", WRITERS, 200),
    Write("claim_partial_update", WRITERS, 200),
    Write("claim_retract", WRITERS, 200),
    Write("claim_publish", WRITERS, 200),
    Write("claim_revert", WRITERS, 200),
    Write("claim_delete", NOBODY, 405),  # claims are retracted, never deleted
    Write("source_create", WRITERS, 201),
    Write("source_update", WRITERS, 200),
    Write("source_delete", NOBODY, 405),  # sources are merged, never deleted
    Write("document_create", WRITERS, 201),
    Write("document_update", WRITERS, 200),
    Write("assertion_create", WRITERS, 201),
    Write("assertion_update", WRITERS, 200),
    Write("assertion_delete", WRITERS, 204),
    Write("citation_create", WRITERS, 201),
    Write("citation_update", WRITERS, 200),
    Write("citation_check", WRITERS, 200),
    Write("citation_delete", WRITERS, 204),
    Write("review_send_to_review", WRITERS, 201),
    Write("review_rate", JUDGES, 201),
    Write("review_edit", NOBODY, 405),  # verdicts are append-only
    Write("match_confirm", WRITERS, 200),
    Write("match_reject", WRITERS, 200),
    Write("reuse_confirm", WRITERS, 200),
    Write("reuse_reject", WRITERS, 200),
    Write("ingest_preview", WRITERS, 200, writes=False),
    Write("ingest_confirm", WRITERS, 201),
]


def api_client(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token = Token.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.name)
def test_api_write_permissions(write, role, settings):
    client = api_client(make_user(role))
    method, path, body, headers = write.request(settings)
    before = snapshot()

    response = getattr(client, method)(path, body, format="json", **headers)

    if write.success == 405:
        # A verb the resource does not have is refused for everyone, and says so.
        assert response.status_code == 405, response.content
        assert response.json()["code"] == "method_not_allowed"
    elif role in write.allowed:
        assert response.status_code == write.success, response.content
        assert (snapshot() != before) is write.writes
        return
    elif role == "anonymous":
        assert response.status_code == 401, response.content
        assert response.json()["code"] == "not_authenticated"
        assert response["WWW-Authenticate"].startswith("Token")
    else:
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "permission_denied"
        assert response.json()["detail"]
    assert snapshot() == before


# The admin: pages and actions.


def admin_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def assert_refused(response, role: str) -> None:
    if role in ("anonymous", "user"):  # not staff: sent to the login page
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code == 403


ADD_PAGES = {
    "claim": WRITERS,
    "source": WRITERS,
    "document": WRITERS,
    "assertion": WRITERS,
    "citation": WRITERS,
    "review": WRITERS,  # editors open it to send a claim to review; only reviewers rate
    "document/ingest": WRITERS,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ADD_PAGES)
def test_admin_add_pages(page, role):
    client = admin_client(make_user(role))
    path = f"/admin/provenance/{page}/" if page.endswith("ingest") else None
    response = client.get(path or f"/admin/provenance/{page}/add/")
    if role in ADD_PAGES[page]:
        assert response.status_code == 200
    else:
        assert_refused(response, role)


def run_action(client, model: str, action: str, pks, **extra):
    return client.post(
        f"/admin/provenance/{model}/",
        {"action": action, ACTION_CHECKBOX_NAME: [str(pk) for pk in pks], "index": 0, **extra},
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action,fidelity", [("mark_faithful", "faithful"), ("mark_unsupported", "unsupported")]
)
def test_admin_mark_checked_actions(action, fidelity, role):
    user = make_user(role)
    citation = CitationFactory()
    response = run_action(admin_client(user), "citation", action, [citation.pk])
    citation.refresh_from_db()
    if role in WRITERS:
        assert response.status_code == 302
        assert (citation.fidelity, citation.checked_by) == (fidelity, user)
        assert citation.history.count() == 2
    else:
        assert_refused(response, role)
        assert citation.fidelity == "unchecked"


@pytest.mark.parametrize("role", ROLES)
def test_admin_merge_sources_action(role):
    keep, duplicate = SourceFactory(name="Axios"), SourceFactory(name="Axios Media")
    response = run_action(
        admin_client(make_user(role)),
        "source",
        "merge_sources",
        [keep.pk, duplicate.pk],
        target=str(keep.pk),
        confirm="yes",
    )
    if role in WRITERS:
        assert response.status_code in (200, 302)
        assert list(Source.objects.values_list("name", flat=True)) == ["Axios"]
        assert list(keep.aliases.values_list("name", flat=True)) == ["Axios Media"]
    else:
        assert_refused(response, role)
        assert Source.objects.count() == 2


@pytest.mark.parametrize("role", ROLES)
def test_admin_delete_action_on_citations(role):
    citation = CitationFactory()
    client = admin_client(make_user(role))
    response = run_action(client, "citation", "delete_selected", [citation.pk], post="yes")
    if role in WRITERS:
        assert response.status_code == 302
        assert not Citation.objects.exists()
    else:
        assert_refused(response, role)
        assert Citation.objects.filter(pk=citation.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_admin_claim_deletion_is_for_superusers_only(role):
    """Editors and reviewers retract claims, never delete them (the action is not even
    offered: the list comes back saying no action was chosen); only a superuser, operating the
    site, may remove one."""
    claim = ClaimFactory()
    response = run_action(
        admin_client(make_user(role)), "claim", "delete_selected", [claim.pk], post="yes"
    )
    if role in WRITERS:
        assert response.status_code in (200, 302)
        assert Claim.objects.filter(pk=claim.pk).exists() is (role != "superuser")
    else:
        assert_refused(response, role)
        assert Claim.objects.filter(pk=claim.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_admin_publish_action(role):
    claim = ClaimFactory(published_at=None)
    response = run_action(admin_client(make_user(role)), "claim", "publish_selected", [claim.pk])
    claim.refresh_from_db()
    if role in WRITERS:
        assert response.status_code == 302
        assert claim.published_at is not None
    else:
        assert_refused(response, role)
        assert claim.published_at is None


@pytest.mark.parametrize("role", ROLES)
def test_admin_csv_export_action(role):
    claim = ClaimFactory(text="Trust is low.")
    response = run_action(admin_client(make_user(role)), "claim", "export_csv", [claim.pk])
    if role in WRITERS:
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "Trust is low." in b"".join(response.streaming_content).decode()
    else:
        assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_admin_verdicts(role, settings):
    """Through the admin, as through the API, only reviewers rate; editors may send a claim
    to review."""
    settings.PROVENANCE_RATING_NEEDS_CHECKED_LINK = False
    claim = ClaimFactory()
    client = admin_client(make_user(role))
    response = client.post(
        "/admin/provenance/review/add/",
        {
            "claim": claim.pk,
            "verdict": "false",
            "rationale": "The memo says otherwise.",
            "evidence": "Memo of 3 March.",
        },
    )
    if role in JUDGES:
        assert response.status_code == 302
        assert Review.objects.get().verdict == "false"
        return
    if role == "editor":
        assert response.status_code == 200  # the form again, with the refusal
        assert "Select a valid choice" in response.content.decode()
    else:
        assert_refused(response, role)
    assert not Review.objects.exists()
