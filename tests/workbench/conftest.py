"""A hop worth checking: Caliber.Az cites Axios, whose stored report holds the passage."""

import pytest

from tests.factories import (
    AssertionFactory,
    CitationFactory,
    ClaimFactory,
    DocumentFactory,
    SourceFactory,
)

AXIOS_TEXT = (
    "WASHINGTON — Relations between the two governments have cooled this autumn.\n\n"
    + "Officials describe weekly calls that end without agreement. " * 12
    + "\n\nThe administration has grown increasingly distrustful of what the Israeli "
    "government tells it about its military plans, four US officials said.\n\n"
    + "A spokesperson declined to comment on the talks. "
    * 12
)
PASSAGE = (
    "The administration has grown increasingly distrustful of what the Israeli government "
    "tells it about its military plans"
)


@pytest.fixture
def hop(db):
    return make_hop()


def make_hop():
    """The hop, its claim, both sources and the cited report (used by the browser tests too)."""
    claim = ClaimFactory(text="US trust in Israel's government has fallen.")
    caliber = SourceFactory(name="Caliber.Az")
    axios = SourceFactory(name="Axios")
    report = DocumentFactory(title="Axios report on trust", publisher=axios, text=AXIOS_TEXT)
    citing = AssertionFactory(
        claim=claim,
        source=caliber,
        quote="The Biden administration has become increasingly distrustful of Israel.",
        quote_kind="direct",
    )
    cited = AssertionFactory(
        claim=claim,
        source=axios,
        document=report,
        selector_exact=PASSAGE,
        selector_prefix="\n\n",
        selector_suffix=", four US officials said.",
    )
    return CitationFactory(citing=citing, cited=cited, relation="cites")
