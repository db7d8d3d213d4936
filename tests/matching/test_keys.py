"""claim_key: equal keys for the same wording, different keys for anything that says more."""

import pytest

from provenance.matching import claim_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The minister resigned.", "minister resigned"),
        ("Prices  ROSE\tsharply", "prices rose sharply"),
        ("\u201cWe will win,\u201d she said.", '"We will win," she said'),
        ("It\u2019s over", "It's over"),
        ("The U.S. army left", "the US army left!"),
        ("Costs rose 4%", "Costs rose 4 percent"),
        ("Costs rose 4 per cent", "costs rose 4 percent."),
        ("1,500 jobs went", "1500 jobs went"),
        ("well-known facts", "well known facts"),
    ],
)
def test_same_key_for_the_same_wording(a, b):
    assert claim_key(a) == claim_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Costs rose 4.5 percent", "Costs rose 45 percent"),
        ("Costs rose 4 percent", "Costs rose 40 percent"),
        ("The minister resigned", "The minister did not resign"),
        ("Theory holds", "ory holds"),
        ("They paid $5", "They paid 5"),
        ("The plan: 1,50 euros", "The plan: 150 euros"),
    ],
)
def test_different_key_when_the_claim_differs(a, b):
    assert claim_key(a) != claim_key(b)


def test_key_value():
    assert claim_key("  The \u201cSmart\u201d U.S. plan costs 1,200.5 (4%)!  ") == (
        "smart us plan costs 1200.5 4 percent"
    )
    assert claim_key("The") == "the"
    assert claim_key("") == ""


def test_links_are_no_words_of_a_claim():
    from provenance.matching.keys import without_links

    text = "Port closes in June https://t.co/x1Y pic.twitter.com/AbC www.example.org/a?b=2"
    assert without_links(text).split() == ["Port", "closes", "in", "June"]
    assert without_links("Prices rose 4.5 percent.") == "Prices rose 4.5 percent."


def test_a_link_does_not_change_the_score():
    from provenance.matching import compare

    plain = compare("Lowmarsh port closes in June.", "The port of Lowmarsh closes in June.")
    linked = compare(
        "Lowmarsh port closes in June. https://t.co/x1Y", "The port of Lowmarsh closes in June."
    )
    assert linked.score == pytest.approx(plain.score, abs=0.05)
