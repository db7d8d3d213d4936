"""An editor records the founding chain in one screen, counting every click.

Clicks are counted as a person makes them: one to put the cursor in each field typed into,
two for each drop-down (open it, pick the option), one per button. Typing costs no click.
The target (issue 14): at most 15 clicks and one save.
"""

import pytest

from provenance.fixtures import ARTICLES_DIR
from provenance.models import Citation, Claim
from tests.browser.test_editor_to_public_page import log_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDING = (
    "The Biden administration has become increasingly distrustful of what the Israeli "
    "government says about its military and diplomatic plans."
)
QUOTE = (
    "The Biden administration has become increasingly distrustful of what the Israeli "
    "government says about its military and diplomatic plans, four US officials said."
)


class Clicks:
    """Drives the page by clicks and typing, and counts the clicks."""

    def __init__(self, page):
        self.page = page
        self.count = 0
        self.saves = 0

    def click(self, selector: str) -> None:
        self.page.click(selector)
        self.count += 1

    def type(self, selector: str, text: str) -> None:
        self.click(selector)
        self.page.keyboard.type(text)

    def choose(self, selector: str, value: str) -> None:
        self.page.select_option(selector, value)
        self.count += 2


def test_founding_chain_in_one_screen_within_fifteen_clicks(live_server, page, screenshot):
    UserFactory(username="editor1", groups=["editor"])
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, "editor1")
    page.goto(f"{live_server.url}/admin/")
    me = Clicks(page)

    me.click("text=Record a chain")
    me.type("#id_claim_text", WORDING)
    me.type("[name=hop-0-source_name]", "Caliber.Az")
    me.type("[name=hop-0-quote]", QUOTE)
    me.type("[name=hop-1-source_name]", "Axios")
    me.click("#add-hop")
    # The new hop's source field has the cursor already.
    page.keyboard.type("four US officials")
    me.choose("[name=hop-2-source_kind]", "anonymous")
    me.type("[name=hop-2-descriptor]", "US officials")
    me.type("[name=hop-2-anonymous_count]", "4")

    preview = page.locator("#chain-preview")
    # The drawing follows the typing; the last answer is the whole chain (a loaded machine
    # answers slowly: wait for that text, not for the first drawing).
    summary = "1 independent origin (anonymous: four US officials) · 2 hops"
    preview.locator(".provenance-summary", has_text=summary).wait_for(timeout=45_000)
    assert preview.locator("svg g.node").count() == 3
    # The last hop cites nothing: no relation to choose there.
    assert not page.locator("[name=hop-2-relation]").is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot("10-record-chain-form")

    me.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    screenshot("11-record-chain-saved")
    # The claim page, its assertion table included, fits the screen: nothing clipped.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    assert me.count <= 15, f"{me.count} clicks"
    claim = Claim.objects.get(text=WORDING)
    links = Citation.objects.filter(citing__claim=claim).order_by("id")
    assert [(c.citing.source.name, c.cited.source.name) for c in links] == [
        ("Caliber.Az", "Axios"),
        ("Axios", "four US officials"),
    ]
    assert claim.assertions.get(source__name="Caliber.Az").quote == QUOTE
    assert (
        page.locator(".messagelist .success")
        .inner_text()
        .startswith("Recorded the chain: Caliber.Az cites Axios, which cites four US officials.")
    )
    print(f"Founding chain recorded in {me.count} clicks and one save.")


def test_ingest_preview_fits_the_screen_and_draws_the_chains(live_server, page, screenshot):
    UserFactory(username="editor1", groups=["editor"])
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, "editor1")
    page.goto(f"{live_server.url}/admin/provenance/document/ingest/")
    page.set_input_files("input[type=file]", str(ARTICLES_DIR / "founding-chain.html"))
    page.click("input[type=submit]")
    page.wait_for_selector("#ingest-chains")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert page.locator("#ingest-chains svg.provenance-drawing").count() >= 2
    name = page.locator("#ingest-sources input[name$='-name']").first
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "a source name is cut off"
    assert page.locator("input[name=_confirm]").is_enabled()
    screenshot("12-ingest-preview")
