"""Verdicts follow the wording and the chain ("needs re-review"), and "My work" lists the
claims and hops waiting for someone, each with a count and a link."""

import pytest
from django.urls import reverse

from provenance import services
from provenance.models import Citation, Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(hop, reviewer):
    """The hop's claim, its hop checked and the claim rated mostly true."""
    services.citation_check(citation=hop, fidelity="faithful", checked_by=reviewer)
    services.review_record(
        claim=hop.citing.claim,
        verdict="mostly_true",
        rationale="Axios reports it; the officials are unnamed.",
        evidence="The Axios report.",
        reviewer=reviewer,
    )
    claim = Claim.objects.get(pk=hop.citing.claim_id)
    assert claim.needs_rereview is False
    return claim


def test_rewording_a_rated_claim_through_the_service_needs_re_review(rated, editor):
    services.claim_update(claim=rated, text="US trust in Israel has collapsed.", actor=editor)
    rated.refresh_from_db()
    assert rated.needs_rereview is True
    assert rated.status == "mostly_true"


def test_changing_only_the_notes_keeps_the_verdict_current(rated, editor):
    services.claim_update(claim=rated, context="Scope: autumn 2024.", actor=editor)
    rated.refresh_from_db()
    assert rated.needs_rereview is False


def test_rewording_in_the_admin_needs_re_review(client, rated, editor):
    client.force_login(editor)
    url = reverse("admin:provenance_claim_change", args=[rated.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in ("text", "context", "seen_version")}
    data.update(
        {
            "text": "US trust in Israel has collapsed.",
            "assertions-TOTAL_FORMS": "0",
            "assertions-INITIAL_FORMS": "0",
            "reviews-TOTAL_FORMS": "0",
            "reviews-INITIAL_FORMS": "0",
        }
    )
    # The inline formsets carry the claim's assertions; post them as they are.
    formsets = client.get(url).context["inline_admin_formsets"]
    for inline in formsets:
        management = inline.formset.management_form
        data.update({f"{management.prefix}-{k}": v for k, v in management.initial.items()})
        for subform in inline.formset.forms:
            for field in subform:
                value = field.value()
                data[field.html_name] = "" if value is None else value
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    rated.refresh_from_db()
    assert (rated.text, rated.needs_rereview) == ("US trust in Israel has collapsed.", True)


def test_a_change_upstream_needs_re_review_and_a_new_verdict_clears_it(rated, hop, reviewer):
    services.citation_check(citation=hop, fidelity="distorted", checked_by=reviewer)
    rated.refresh_from_db()
    assert rated.needs_rereview is True

    services.review_record(
        claim=rated,
        verdict="mixed",
        rationale="Distorted on the way.",
        evidence="The Axios report.",
        reviewer=reviewer,
    )
    rated.refresh_from_db()
    assert rated.needs_rereview is False


def test_an_unrated_claim_never_needs_re_review(hop, editor):
    claim = hop.citing.claim
    services.claim_update(claim=claim, text="Reworded before any verdict.", actor=editor)
    claim.refresh_from_db()
    assert claim.needs_rereview is False


def test_the_public_page_says_plainly_that_the_verdict_awaits_re_review(client, rated, editor):
    services.claim_update(claim=rated, text="US trust in Israel has collapsed.", actor=editor)
    page = client.get(reverse("public:claim", args=[rated.pk])).text
    assert "Needs re-review" in page
    assert "This verdict was given on an earlier version." in page
    listing = client.get(reverse("public:claims")).text
    assert '<span class="badge rereview">Needs re-review</span>' in listing


def test_my_work_counts_and_links_each_list(client, rated, hop, editor):
    services.claim_update(claim=rated, text="US trust in Israel has collapsed.", actor=editor)
    ClaimFactory(text="Open claim one.", assignee=editor)
    ClaimFactory(text="Open claim two.")
    draft = ClaimFactory(text="A draft nobody published.", published_at=None)
    unchecked = Citation.objects.create(citing=hop.citing, cited=hop.cited, relation="quotes")
    client.force_login(editor)

    page = client.get(reverse("admin:index"))

    work = {item.label: item for item in page.context["lists"]}
    assert {label: item.count for label, item in work.items()} == {
        "Claims assigned to me": 1,
        "Hops waiting for a check": 1,
        "Claims waiting for a verdict": 3,
        "Rated claims needing re-review": 1,
        "Drafts not yet published": 1,
    }
    for item in work.values():
        assert f'href="{item.url}"' in page.text
    mine = client.get(work["Claims assigned to me"].url).context["cl"].result_list
    assert [c.text for c in mine] == ["Open claim one."]
    rereview = client.get(work["Rated claims needing re-review"].url).context["cl"]
    assert [c.pk for c in rereview.result_list] == [rated.pk]
    hops = client.get(work["Hops waiting for a check"].url).context["cl"].result_list
    assert [c.pk for c in hops] == [unchecked.pk]
    drafts = client.get(work["Drafts not yet published"].url).context["cl"].result_list
    assert [c.pk for c in drafts] == [draft.pk]


def test_my_work_costs_two_queries_however_many_claims(editor, django_assert_num_queries):
    from provenance.selectors_work import my_work

    for n in range(30):
        ClaimFactory(text=f"Claim {n}.", assignee=editor if n % 2 else None)
    with django_assert_num_queries(2):
        lists = my_work(user=editor)
    assert [item.count for item in lists] == [15, 0, 30, 0, 0]
