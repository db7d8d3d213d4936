"""Regression tests for "What was found" (issue 14): revert from the admin, the circular panel,
list columns that read as warnings, history that shows whole values, reasons and no dead links."""

import re

import pytest
from django.urls import reverse

from provenance import services
from provenance.demo import demo_load
from provenance.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

LONG = "The port of Lindmark will levy a fee on steel that is transshipped without landing."
LONGER = "The port of Lindmark will levy a fee on all steel that is transshipped without landing."


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def posted(form, **changes):
    """The rendered admin form's own values, as the browser would post them."""
    data = {name: "" if field.value() is None else field.value() for name, field in form.items()}
    data.update(
        {
            "assertions-TOTAL_FORMS": 0,
            "assertions-INITIAL_FORMS": 0,
            "reviews-TOTAL_FORMS": 0,
            "reviews-INITIAL_FORMS": 0,
        }
    )
    return {**data, **changes}


def fields_of(response):
    form = response.context["adminform"].form
    return {name: form[name] for name in ("text", "context", "seen_version", "assignee")}


def test_revert_from_the_admin_posts_what_its_form_carries_and_succeeds(as_editor, editor):
    claim = ClaimFactory(text=LONG)
    services.claim_update(claim=claim, text=LONGER, actor=editor)
    original = claim.history.order_by("history_id").first()
    url = reverse("admin:provenance_claim_simple_history", args=[claim.pk, original.history_id])

    page = as_editor.get(url)
    assert fields_of(page)["seen_version"].value() == 2  # the claim as it is now, not v1
    response = as_editor.post(url, posted(fields_of(page)))

    assert response.status_code == 302, response.context["adminform"].form.errors
    claim.refresh_from_db()
    assert (claim.text, claim.version) == (LONG, 3)
    newest = claim.history.order_by("-history_id").first()
    assert newest.history_change_reason == "Reverted to an earlier revision in the admin"


def test_a_revert_over_a_change_made_meanwhile_is_refused(as_editor, editor):
    claim = ClaimFactory(text=LONG)
    services.claim_update(claim=claim, text=LONGER, actor=editor)
    original = claim.history.order_by("history_id").first()
    url = reverse("admin:provenance_claim_simple_history", args=[claim.pk, original.history_id])
    page = as_editor.get(url)
    services.claim_update(claim=claim, context="Someone else's note.", actor=editor)

    response = as_editor.post(url, posted(fields_of(page)))

    assert response.status_code == 200
    assert "you saw version 2; it is now at version 3" in str(
        response.context["adminform"].form.non_field_errors()
    )
    claim.refresh_from_db()
    assert claim.text == LONGER


def test_history_shows_whole_values_reasons_verdicts_and_no_user_links(
    as_editor, editor, reviewer, hop
):
    claim = hop.citing.claim
    services.citation_check(citation=hop, fidelity="faithful", checked_by=reviewer)
    services.claim_update(claim=claim, text=LONG, actor=editor)
    services.claim_update(claim=claim, text=LONGER, actor=editor)
    services.review_record(
        claim=claim, verdict="mostly_true", rationale="r", evidence="e", reviewer=reviewer
    )

    html = as_editor.get(reverse("admin:provenance_claim_history", args=[claim.pk])).text

    assert LONG in html and LONGER in html
    assert "chars]" not in html
    assert "Edited: claim" in html
    assert "Verdict recorded: Mostly true" in html
    assert re.search(r"<strong>Verdict:</strong> <del>Unverified|<del>unverified", html)
    assert ">None<" not in html
    assert "/admin/auth/user/" not in html


def test_the_circular_panel_describes_the_loop(as_editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo_load(show_passwords=False)
    claim = Claim.objects.get(circular=True)

    html = as_editor.get(reverse("admin:provenance_claim_change", args=[claim.pk])).text

    assert "No chain recorded yet" not in html
    assert "Circular reporting." in html
    assert "Valley Courier cites Eastside Daily, which cites Valley Courier" in html


def test_loop_and_correction_columns_read_as_warnings_not_ticks(
    as_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demo_load(show_passwords=False)
    html = as_editor.get(reverse("admin:provenance_claim_changelist")).text
    assert "⚠ loop" in html
    assert 'alt="True"' not in html and 'alt="False"' not in html
