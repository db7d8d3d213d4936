"""compare: numbers, negation, paraphrase and unrelated claims."""

from decimal import Decimal

import pytest

from provenance.matching import (
    NONE,
    SAME,
    SUGGEST,
    Match,
    claim_numbers,
    compare,
    cosine,
    embed,
    negations,
)


def test_same_wording_is_the_same_claim():
    match = compare("The minister resigned on Monday.", "\u201cMinister resigned on Monday\u201d")
    assert match == Match(1.0, SAME, True, True, ("same wording",))


def test_a_changed_number_is_never_the_same_claim():
    match = compare(
        "Unemployment in Valdoria rose to 4 percent in March.",
        "Unemployment in Valdoria rose to 40 percent in March.",
    )
    assert match.decision == SUGGEST
    assert match.numbers_agree is False
    assert "numbers differ" in match.reasons


def test_a_negation_is_never_the_same_claim():
    match = compare(
        "The mayor of Port Edwin approved the new bridge.",
        "The mayor of Port Edwin did not approve the new bridge.",
    )
    assert match.decision == SUGGEST
    assert match.polarity_agree is False
    assert "negation differs" in match.reasons


def test_a_close_rewording_is_the_same_claim():
    match = compare(
        "Northwind Wire says the Valdorian finance minister resigned on Monday.",
        "The Valdorian finance minister resigned on Monday, Northwind Wire says.",
    )
    assert match.decision == SAME
    assert match.numbers_agree and match.polarity_agree


def test_a_paraphrase_is_suggested_not_merged():
    match = compare(
        "The Valdorian finance minister resigned on Monday.",
        "On Monday Valdoria's finance minister stepped down.",
    )
    assert match.decision == SUGGEST


def test_unrelated_claims_do_not_match():
    match = compare(
        "The Valdorian finance minister resigned on Monday.",
        "Port Edwin's harbour will close for repairs in June.",
    )
    assert match.decision == NONE
    assert match.score < 0.3


def test_stored_vectors_give_the_same_answer_as_computed_ones():
    a, b = "Rents in Lowmarsh doubled last year.", "Lowmarsh rents doubled in a year."
    va, vb = embed([a, b])
    assert compare(a, b, a_vector=va, b_vector=vb) == compare(a, b)
    assert len(va) == 512
    assert cosine(va, va) == pytest.approx(1.0, abs=1e-3)


def test_thresholds_are_parameters():
    a, b = "Rents in Lowmarsh doubled last year.", "Lowmarsh rents doubled in a year."
    score = compare(a, b).score
    assert compare(a, b, suggest_at=score + 0.01, same_at=1.0).decision == NONE
    assert compare(a, b, suggest_at=0.0, same_at=score).decision == SAME


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("four per cent of 1.5 million people", ("4", "1500000")),
        ("twenty four boats and 3bn euros", ("24", "3000000000")),
        ("a 5 m wall", ("5",)),
        ("one hundred and 1,200 votes", ("100", "1200")),
        ("no numbers here", ()),
    ],
)
def test_numbers_in_words_and_digits(text, numbers):
    assert claim_numbers(text) == tuple(Decimal(n) for n in numbers)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The bridge was approved.", 0),
        ("The bridge wasn't approved.", 1),
        ("The bridge was never approved.", 1),
        ("Not only the bridge was approved.", 0),
        ("The council denied that the bridge was not approved.", 2),
    ],
)
def test_negations(text, count):
    assert negations(text) == count
