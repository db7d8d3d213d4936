"""From the admin to the public page in a real browser.

An editor records a claim with a two-hop chain (outlet -> outlet -> anonymous source) through
the admin (a draft: a 404 in public), a reviewer gives a verdict and publishes it, and the
public claim page shows the verdict and the drawing, with its origin highlighted.
"""

import re

import pytest

from provenance.models import Citation, Claim
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    # Groups come from a data migration; a transactional test must put them back afterwards.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"
CLAIM = "The harbour will close to cruise ships next summer."


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def log_out(page) -> None:
    page.click("#logout-form button")
    page.wait_for_selector("text=Logged out")


def autocomplete(page, select_id: str, text: str) -> None:
    """Pick `text` in a Django admin autocomplete (select2) field."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-container--open .select2-results__option >> text={text}")


def add_source(page, base: str, name: str, kind: str, **anonymous) -> None:
    page.goto(f"{base}/admin/provenance/source/add/")
    page.fill("#id_name", name)
    page.select_option("#id_kind", kind)
    if anonymous:
        page.fill("#id_descriptor", anonymous["descriptor"])
        page.fill("#id_anonymous_count", str(anonymous["count"]))
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")


def test_editor_records_a_chain_reviewer_rates_it_public_page_draws_it(
    live_server, page, screenshot
):
    base = live_server.url
    UserFactory(username="editor1", groups=["editor"])
    UserFactory(username="reviewer1", groups=["reviewer"])

    # The editor records the sources, the claim with three assertions, then the two citations.
    log_in(page, base, "editor1")
    add_source(page, base, "Port Gazette", "outlet")
    add_source(page, base, "Coast Wire", "outlet")
    add_source(
        page, base, "two harbour officials", "anonymous", descriptor="harbour officials", count=2
    )

    page.goto(f"{base}/admin/provenance/claim/add/")
    page.fill("#id_text", CLAIM)
    for index, source in enumerate(("Port Gazette", "Coast Wire", "two harbour officials")):
        page.click("#assertions-group .add-row a")
        autocomplete(page, f"id_assertions-{index}-source", source)
    screenshot("01-editor-claim-form")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    claim = Claim.objects.get(text=CLAIM)
    assert claim.assertions.count() == 3

    for citing, cited, relation in (
        ("Port Gazette", "Coast Wire", "cites"),
        ("Coast Wire", "two harbour officials", "paraphrases"),
    ):
        assertion = claim.assertions.get(source__name=citing)
        page.goto(f"{base}/admin/provenance/assertion/{assertion.pk}/change/")
        page.click("#citations-group .add-row a")
        autocomplete(page, "id_citations-0-cited", cited)
        page.select_option("#id_citations-0-relation", relation)
        page.click("input[name=_save]")
        page.wait_for_selector(".messagelist .success")
    assert Citation.objects.filter(citing__claim=claim).count() == 2

    # The editor checks the last hop against the officials' words: a rating needs it.
    last_hop = Citation.objects.get(
        citing__claim=claim, cited__source__name="two harbour officials"
    )
    page.goto(f"{base}/admin/provenance/citation/?q=harbour")
    page.check(f"input[name=_selected_action][value='{last_hop.pk}']")
    page.select_option("select[name=action]", "mark_faithful")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")
    last_hop.refresh_from_db()
    assert last_hop.fidelity == "faithful"

    page.goto(f"{base}/admin/provenance/claim/{claim.pk}/change/")
    panel = page.locator(".provenance-panel")
    assert panel.locator("svg.provenance-drawing g.node").count() == 3
    assert "1 independent origin (anonymous: two harbour officials) · 2 hops" in panel.inner_text()
    screenshot("02-admin-claim-with-drawing")
    screenshot("02b-admin-provenance-panel", page.locator("fieldset:has(.provenance-panel)"))
    log_out(page)
    # A draft until an editor publishes it: the public gets a 404.
    assert page.goto(f"{base}/claims/{claim.pk}/").status == 404

    # The reviewer gives a verdict from the claim page's "Record a verdict" link.
    log_in(page, base, "reviewer1")
    page.goto(f"{base}/admin/provenance/claim/{claim.pk}/change/")
    page.click("text=Record a verdict")
    page.wait_for_selector("#review_form")
    page.select_option("#id_verdict", "mostly_false")
    page.fill(
        "#id_rationale", "The port authority denies any closure; two anonymous officials only."
    )
    page.fill("#id_evidence", "Port authority statement of 3 March; Coast Wire report.")
    screenshot("03-reviewer-verdict-form")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    claim.refresh_from_db()
    assert claim.status == "mostly_false"
    # Then publishes it from the claim page's banner.
    page.goto(f"{base}/admin/provenance/claim/{claim.pk}/change/")
    banner = page.locator(".draft-banner")
    assert "Draft: not public until an editor publishes it." in banner.inner_text()
    screenshot("03b-draft-banner-with-publish")
    banner.locator("input[type=submit]").click()
    page.wait_for_selector(".messagelist .success")
    claim.refresh_from_db()
    assert claim.published_at is not None
    log_out(page)

    # Anyone: the public page shows the verdict and the drawing with its origin.
    page.goto(f"{base}/claims/{claim.pk}/")
    assert page.locator("h1").inner_text() == CLAIM
    assert page.locator("[data-verdict]").inner_text() == "Mostly false"
    assert "two anonymous officials only" in page.locator(".verdict-panel").inner_text()
    drawing = page.locator("figure.drawing svg.provenance-drawing")
    assert drawing.locator("g.node").count() == 3
    assert drawing.locator("g.edge").count() == 2
    origin = drawing.locator("g.node.origin")
    assert origin.count() == 1
    assert origin.locator(".flag-origin").text_content() == "ORIGIN"
    assert drawing.get_attribute("aria-label").startswith("1 independent origin")
    box = drawing.bounding_box()
    assert box["width"] > 600 and box["height"] > 60
    jsonld = page.locator('script[type="application/ld+json"]').text_content()
    assert re.search(r'"alternateName": "Mostly false"', jsonld)
    screenshot("04-public-claim-page")

    page.goto(f"{base}/claims/?status=mostly_false")
    assert page.locator(".claim-list li").count() == 1
    screenshot("05-public-index")
