"""The editors' workbench: every page renders for an editor; roles hold; actions use services."""

import pytest
from django.urls import reverse

from provenance.demo import demo_load
from provenance.models import Citation, Claim, Review, Source
from tests.factories import AssertionFactory, CitationFactory, DocumentFactory, SourceFactory

pytestmark = pytest.mark.django_db

MODELS = ("claim", "source", "document", "assertion", "citation", "review")


@pytest.fixture
def demo():
    demo_load(show_passwords=False)


@pytest.fixture
def founding_claim(demo):
    return Claim.objects.get(text__startswith="The Biden administration has become")


@pytest.fixture
def open_claim(demo):
    """A demo claim with no verdict yet."""
    return Claim.objects.get(text="US trust in what the Israeli government says is very low.")


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def as_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_renders_for_an_editor(as_editor, demo, model):
    response = as_editor.get(reverse(f"admin:provenance_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_every_change_page_and_history_renders_for_an_editor(as_editor, demo, model):
    obj = (
        {
            "claim": Claim,
            "source": Source,
            "document": DocumentFactory._meta.model,
            "assertion": AssertionFactory._meta.model,
            "citation": Citation,
            "review": Review,
        }[model]
        .objects.order_by("id")
        .first()
    )
    change = as_editor.get(reverse(f"admin:provenance_{model}_change", args=[obj.pk]))
    history = as_editor.get(reverse(f"admin:provenance_{model}_history", args=[obj.pk]))
    assert (change.status_code, history.status_code) == (200, 200)


@pytest.mark.parametrize("model", ("claim", "source", "document", "assertion", "citation"))
def test_every_add_page_renders_for_an_editor(as_editor, model):
    assert as_editor.get(reverse(f"admin:provenance_{model}_add")).status_code == 200


def test_searches_and_filters_render(as_editor, demo):
    url = reverse("admin:provenance_claim_changelist")
    for query in (
        "?q=Axios",
        "?status__exact=true",
        "?assertions__source__kind=anonymous",
        "?retracted=no",
    ):
        assert as_editor.get(url + query).status_code == 200
    url = reverse("admin:provenance_citation_changelist")
    assert as_editor.get(url + "?fidelity__exact=unchecked").status_code == 200
    autocomplete = as_editor.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "provenance",
            "model_name": "assertion",
            "field_name": "source",
            "term": "ax",
        },
    )
    assert [r["text"] for r in autocomplete.json()["results"]] == ["Axios"]


def test_the_claim_list_does_not_grow_queries_with_claims(
    as_editor, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = as_editor.get(reverse("admin:provenance_claim_changelist"))
    assert response.context["cl"].result_count == 13


def test_the_founding_claim_page_shows_its_chain_hop_by_hop(as_editor, founding_claim):
    response = as_editor.get(reverse("admin:provenance_claim_change", args=[founding_claim.pk]))
    html = response.content.decode()
    assert "Caliber.Az → Axios → four US officials (anonymous)" in html
    assert "1 independent origin (anonymous: four US officials)" in html
    assert "Record a verdict" not in html


def test_an_editor_cannot_record_a_verdict_only_send_to_review(as_editor, open_claim):
    founding_claim = open_claim
    url = reverse("admin:provenance_review_add")
    page = as_editor.get(url)
    assert [value for value, _ in page.context["adminform"].form.fields["verdict"].choices] == [
        "unverified",
        "in_review",
    ]
    response = as_editor.post(
        url,
        {
            "claim": founding_claim.pk,
            "verdict": "true",
            "rationale": "Seems fine.",
            "evidence": "x",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["verdict"] == [
        "Select a valid choice. true is not one of the available choices."
    ]
    assert founding_claim.reviews.count() == 0
    sent = as_editor.post(
        url, {"claim": founding_claim.pk, "verdict": "in_review", "rationale": "Please check."}
    )
    assert sent.status_code == 302
    founding_claim.refresh_from_db()
    assert founding_claim.status == "in_review"


def test_a_reviewer_records_a_verdict(as_reviewer, reviewer, open_claim):
    founding_claim = open_claim
    page = as_reviewer.get(reverse("admin:provenance_claim_change", args=[founding_claim.pk]))
    assert "Record a verdict" in page.content.decode()
    response = as_reviewer.post(
        reverse("admin:provenance_review_add") + f"?claim={founding_claim.pk}",
        {
            "claim": founding_claim.pk,
            "verdict": "unverifiable",
            "rationale": "One anonymous origin.",
            "evidence": "Axios article; no named source.",
        },
    )
    assert response.status_code == 302
    founding_claim.refresh_from_db()
    assert founding_claim.status == "unverifiable"
    review = founding_claim.reviews.latest()
    assert (review.reviewer, review.rationale) == (reviewer, "One anonymous origin.")


def test_a_verdict_cannot_be_edited_or_deleted(as_reviewer, founding_claim, reviewer):
    review = Review.objects.create(
        claim=founding_claim, verdict="true", rationale="r", reviewer=reviewer
    )
    change_url = reverse("admin:provenance_review_change", args=[review.pk])
    as_reviewer.post(change_url, {"claim": founding_claim.pk, "verdict": "false", "rationale": "x"})
    review.refresh_from_db()
    assert review.verdict == "true"
    delete = as_reviewer.post(reverse("admin:provenance_review_delete", args=[review.pk]))
    assert delete.status_code == 403


def test_the_mark_checked_action_records_who_checked(as_editor, editor):
    citations = [CitationFactory(), CitationFactory()]
    response = as_editor.post(
        reverse("admin:provenance_citation_changelist"),
        {"action": "mark_faithful", "_selected_action": [c.pk for c in citations]},
    )
    assert response.status_code == 302
    for citation in citations:
        citation.refresh_from_db()
        assert (citation.fidelity, citation.checked_by) == ("faithful", editor)
        assert citation.history.count() == 2


def test_changing_fidelity_on_the_citation_page_records_the_check(as_editor, editor):
    citation = CitationFactory()
    response = as_editor.post(
        reverse("admin:provenance_citation_change", args=[citation.pk]),
        {
            "citing": citation.citing_id,
            "cited": citation.cited_id,
            "relation": "cites",
            "evidence": "",
            "fidelity": "distorted",
            "note": "Axios said four officials; the rewrite says all officials.",
        },
    )
    assert response.status_code == 302
    citation.refresh_from_db()
    assert (citation.fidelity, citation.checked_by) == ("distorted", editor)
    assert citation.checked_at is not None


def test_a_self_citation_in_the_inline_is_a_form_error(as_editor):
    assertion = AssertionFactory()
    prefix = "citations"
    response = as_editor.post(
        reverse("admin:provenance_assertion_change", args=[assertion.pk]),
        {
            "claim": assertion.claim_id,
            "source": assertion.source_id,
            "quote": "",
            "quote_kind": "",
            "selector_exact": "",
            "selector_prefix": "",
            "selector_suffix": "",
            f"{prefix}-TOTAL_FORMS": 1,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-0-cited": assertion.pk,
            f"{prefix}-0-relation": "cites",
            f"{prefix}-0-evidence": "",
        },
    )
    assert response.status_code == 200
    assert "An assertion cannot cite itself." in response.content.decode()
    assert Citation.objects.count() == 0


def test_merging_duplicate_sources(as_editor):
    keep = SourceFactory(name="Associated Press")
    duplicate = SourceFactory(name="AP")
    assertion = AssertionFactory(source=duplicate)
    url = reverse("admin:provenance_source_changelist")
    selected = {"action": "merge_sources", "_selected_action": [keep.pk, duplicate.pk]}

    confirm = as_editor.post(url, selected)
    assert "Choose the source to keep." in confirm.content.decode()

    done = as_editor.post(url, {**selected, "target": keep.pk, "confirm": "yes"})
    assert done.status_code == 302
    assertion.refresh_from_db()
    assert assertion.source == keep
    assert list(keep.aliases.values_list("name", flat=True)) == ["AP"]


def test_an_editor_adds_a_claim_and_is_recorded_as_its_author(as_editor, editor):
    response = as_editor.post(
        reverse("admin:provenance_claim_add"),
        {
            "text": "Harbour dues will double.",
            "context": "",
            "assertions-TOTAL_FORMS": 0,
            "assertions-INITIAL_FORMS": 0,
            "reviews-TOTAL_FORMS": 0,
            "reviews-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    claim = Claim.objects.get(text="Harbour dues will double.")
    assert claim.created_by == editor
    assert claim.history.get().history_user == editor


def claim_form(claim, **changes):
    data = {
        "text": claim.text,
        "context": claim.context,
        "seen_version": claim.version,
        "assertions-TOTAL_FORMS": 0,
        "assertions-INITIAL_FORMS": 0,
        "reviews-TOTAL_FORMS": 0,
        "reviews-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def test_the_admin_refuses_to_overwrite_a_claim_changed_meanwhile(client, editor):
    from django.test import Client

    from tests.factories import ClaimFactory, UserFactory

    claim = ClaimFactory(text="Original wording.")
    url = reverse("admin:provenance_claim_change", args=[claim.pk])
    alice, bob = client, Client()
    alice.force_login(editor)
    bob.force_login(UserFactory(username="bob", groups=["editor"]))
    opened_by_bob = claim_form(claim)  # both open the form at version 1

    assert alice.post(url, claim_form(claim, text="Alice's wording.")).status_code == 302
    response = bob.post(url, {**opened_by_bob, "text": "Bob's wording."})

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Someone else changed this claim after you opened it (you saw version 1; it is now at "
        "version 2), so your changes were not saved. Open it again to see their changes, then "
        "make yours."
    ]
    claim.refresh_from_db()
    assert (claim.text, claim.version) == ("Alice's wording.", 2)


def test_the_history_page_shows_who_changed_what(as_editor, editor):
    from tests.factories import ClaimFactory

    claim = ClaimFactory(text="Original wording.")
    url = reverse("admin:provenance_claim_change", args=[claim.pk])
    as_editor.post(url, claim_form(claim, text="Better wording."))
    page = as_editor.get(reverse("admin:provenance_claim_history", args=[claim.pk]))
    html = page.content.decode()
    assert "Better wording." in html and "Original wording." in html
    assert claim.history.first().history_user == editor


def test_a_revert_from_the_admin_history_adds_a_revision(as_editor, editor):
    from tests.factories import ClaimFactory

    claim = ClaimFactory(text="Original wording.")
    url = reverse("admin:provenance_claim_change", args=[claim.pk])
    as_editor.post(url, claim_form(claim, text="Better wording."))
    claim.refresh_from_db()
    original = claim.history.order_by("history_id").first()
    revert_url = reverse(
        "admin:provenance_claim_simple_history", args=[claim.pk, original.history_id]
    )
    response = as_editor.post(revert_url, claim_form(claim, text="Original wording."))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.text == "Original wording."
    assert claim.history.count() == 3
