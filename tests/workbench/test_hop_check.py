"""Checking a hop: both sides' words, the cited text with the passage marked, one button per
finding, titles and messages naming the sources, a stale check refused."""

import pytest
from django.urls import reverse

from provenance.models import Citation
from tests.workbench.conftest import PASSAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def check_url(citation):
    return reverse("admin:provenance_citation_check", args=[citation.pk])


def test_the_page_names_the_sources_and_shows_both_sides_and_the_passage(as_editor, hop):
    response = as_editor.get(check_url(hop))

    assert response.status_code == 200
    assert response.context["title"] == "Caliber.Az cites Axios"
    assert "<title>Caliber.Az cites Axios" in response.text
    assert "The Biden administration has become increasingly distrustful of Israel." in (
        response.text
    )
    assert f'<mark id="passage">{PASSAGE}</mark>' in response.text
    for value in ("faithful", "distorted", "unsupported"):
        assert f'name="fidelity" value="{value}"' in response.text


def test_a_finding_is_recorded_with_its_note_and_the_message_names_the_hop(as_editor, hop, editor):
    response = as_editor.post(
        check_url(hop),
        {"fidelity": "distorted", "note": "Axios says 'grown', not 'become'.", "seen_version": 1},
        follow=True,
    )

    hop.refresh_from_db()
    assert (hop.fidelity, hop.note, hop.checked_by) == (
        "distorted",
        "Axios says 'grown', not 'become'.",
        editor,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Checked: Caliber.Az cites Axios — distorted."
    ]
    assert response.redirect_chain[-1][0] == reverse(
        "admin:provenance_claim_change", args=[hop.citing.claim_id]
    )


def test_a_check_over_a_newer_version_is_refused(as_editor, hop):
    Citation.objects.filter(pk=hop.pk).update(version=2)

    response = as_editor.post(
        check_url(hop), {"fidelity": "faithful", "note": "", "seen_version": 1}
    )

    assert response.status_code == 409
    assert "you saw version 1; it is now at version 2" in response.text
    hop.refresh_from_db()
    assert hop.fidelity == "unchecked"


def test_the_citation_list_links_each_hop_to_its_check_and_filters_by_each_side(as_editor, hop):
    response = as_editor.get(reverse("admin:provenance_citation_changelist"))
    assert f'href="{check_url(hop)}"' in response.text
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert "citing source kind" in filters and "cited source kind" in filters
    assert filters.count("by kind") == 0


def test_the_change_page_is_titled_by_its_sources_and_leads_back_to_the_claim(as_editor, hop):
    response = as_editor.get(reverse("admin:provenance_citation_change", args=[hop.pk]))
    assert response.context["subtitle"] == "Caliber.Az cites Axios"
    assert "Back to the claim" in response.text
    assert f'href="{check_url(hop)}"' in response.text


def test_only_those_who_may_change_citations_may_check(client, hop):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="visitor"))
    assert client.get(check_url(hop)).status_code == 403
