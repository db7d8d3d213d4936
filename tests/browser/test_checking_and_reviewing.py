"""The editors' workbench in a real browser: checking a hop, a reviewer rating the claim from
the queue, rewording it and seeing "needs re-review", a revert, and a stale save refused."""

import pytest

from provenance import services
from provenance.models import Citation, Claim
from tests.browser.test_editor_to_public_page import log_in, log_out
from tests.factories import UserFactory
from tests.workbench.conftest import PASSAGE, make_hop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REWORDED = "US trust in what Israel's government says has collapsed."


def work_count(page, label: str) -> int:
    row = page.locator("#my-work tr", has_text=label)
    return int(row.locator(".my-work-count").inner_text())


def test_check_rate_reword_revert_and_a_stale_save(live_server, page, screenshot):
    base = live_server.url
    editor = UserFactory(username="editor1", groups=["editor"])
    UserFactory(username="reviewer1", groups=["reviewer"])
    hop = make_hop()
    claim = hop.citing.claim
    page.set_viewport_size({"width": 1366, "height": 900})

    # The editor checks the hop from "My work": both sides, the passage marked and in view.
    log_in(page, base, "editor1")
    page.goto(f"{base}/admin/")
    assert work_count(page, "Hops waiting for a check") == 1
    screenshot("20-my-work-editor")
    page.click("#my-work >> text=Hops waiting for a check")
    page.click("text=Caliber.Az → Axios")
    assert page.locator("h1").inner_text() == "Caliber.Az cites Axios"
    assert page.locator("#citing-side blockquote").inner_text().startswith("The Biden")
    mark = page.locator("mark#passage")
    assert mark.inner_text() == PASSAGE
    box = page.locator("#document-text").bounding_box()
    marked = mark.bounding_box()
    assert box["y"] <= marked["y"] and marked["y"] + marked["height"] <= box["y"] + box["height"]
    screenshot("21-check-hop")
    page.fill("#id_note", "Axios says 'grown increasingly distrustful': same sense.")
    page.click("button[value=faithful]")
    assert page.locator(".messagelist .success").inner_text() == (
        "Checked: Caliber.Az cites Axios — faithful."
    )
    hop.refresh_from_db()
    assert (hop.fidelity, hop.checked_by) == ("faithful", editor)
    log_out(page)

    # The reviewer finds the claim in the queue and rates it.
    log_in(page, base, "reviewer1")
    page.goto(f"{base}/admin/")
    assert work_count(page, "Claims waiting for a verdict") == 1
    page.click("#my-work >> text=Claims waiting for a verdict")
    page.click(f"#result_list >> text={claim.text}")
    page.click("text=Record a verdict")
    page.select_option("#id_verdict", "mostly_true")
    page.fill("#id_rationale", "Axios reports it from four officials; the relay is faithful.")
    page.fill("#id_evidence", "The Axios report, checked against Caliber.Az.")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    claim.refresh_from_db()
    assert (claim.status, claim.needs_rereview) == ("mostly_true", False)
    log_out(page)

    # The editor rewords it: the verdict now waits for a reviewer, and says so in public.
    log_in(page, base, "editor1")
    page.goto(f"{base}/admin/provenance/claim/{claim.pk}/change/")
    page.fill("#id_text", REWORDED)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    claim.refresh_from_db()
    assert (claim.text, claim.needs_rereview) == (REWORDED, True)
    page.goto(f"{base}/admin/")
    assert work_count(page, "Rated claims needing re-review") == 1
    page.goto(f"{base}/claims/{claim.pk}/")
    assert page.locator("[data-rereview]").inner_text() == "Needs re-review"
    assert (
        "This verdict was given on an earlier version."
        in page.locator(".verdict-panel").inner_text()
    )
    screenshot("22-public-needs-rereview")

    # A revert from the history brings the first wording back.
    page.goto(f"{base}/admin/provenance/claim/{claim.pk}/history/")
    screenshot("23-history")
    page.locator("#change-history tbody tr").last.locator("a").first.click()
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    claim.refresh_from_db()
    assert claim.text == "US trust in Israel's government has fallen."

    # A save over a change made meanwhile is refused, and nothing is overwritten.
    page.goto(f"{base}/admin/provenance/claim/{claim.pk}/change/")
    services.claim_update(claim=claim, context="A colleague's note.", actor=editor)
    page.fill("#id_text", "My late wording.")
    page.click("input[name=_continue]")
    error = page.locator(".errornote, .errorlist.nonfield").first
    error.wait_for()
    assert "Someone else changed this claim after you opened it" in page.inner_text("#content")
    screenshot("24-stale-save-refused")
    claim.refresh_from_db()
    assert claim.text == "US trust in Israel's government has fallen."
    assert Citation.objects.get(pk=hop.pk).fidelity == "faithful"
    assert Claim.objects.count() == 1
