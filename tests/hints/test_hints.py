"""Per-hop change hints, case by case (pure: no database)."""

from provenance.hints import HopText, hop_hints, locate, numbers

WIRE = (
    "The Lakeshore city council plans to raise ferry fares by 15 percent next spring, two "
    "officials with direct knowledge of the plan told Northwind Wire."
)


def kinds(hop: HopText) -> list[tuple[str, str, str]]:
    return [(h.kind, h.citing, h.cited) for h in hop_hints(hop)]


def test_a_changed_number_and_a_dropped_hedge_each_show_the_two_spans():
    hop = HopText(
        citing_quote="The Lakeshore city council will raise ferry fares by 50 percent next "
        "spring, Northwind Wire reported.",
        cited_quote=WIRE,
    )
    assert kinds(hop) == [
        ("number_changed", "50 percent", "15 percent"),
        ("hedge_dropped", "will raise", "plans to raise"),
    ]


def test_a_faithful_relay_has_no_hint():
    hop = HopText(
        citing_quote="The Lakeshore city council plans to raise ferry fares by 15 percent next "
        "spring, Northwind Wire reported, citing two officials.",
        cited_quote=WIRE,
    )
    assert kinds(hop) == []


def test_counts_change_without_a_unit():
    hop = HopText(citing_quote="Police arrested 30 people.", cited_quote="Police arrested 3.")
    assert kinds(hop) == [("number_changed", "30 people", "3")]


def test_a_number_the_cited_side_carries_elsewhere_is_no_change():
    hop = HopText(
        citing_quote="Fares rise 15% in 2027.", cited_quote="In 2027 fares rise 15 percent."
    )
    assert kinds(hop) == []


def test_a_quote_not_in_the_cited_document_is_found_missing():
    document = 'The minister said: "We will review every option before the budget."'
    hop = HopText(
        citing_quote="The minister said “we will cut every subsidy before the budget”.",
        cited_document_text=document,
    )
    assert kinds(hop) == [
        ("quote_not_found", "we will cut every subsidy before the budget", document)
    ]
    verbatim = HopText(
        citing_quote="The minister said “We will review every option before the budget”.",
        cited_document_text=document,
    )
    assert kinds(verbatim) == []


def test_short_scare_quotes_are_not_quotes():
    hop = HopText(citing_quote='It cited "a Valley Courier report".', cited_quote="Reyes resigns.")
    assert [k for k, *_ in kinds(hop)] == []


def test_the_selector_locates_the_cited_passage_in_the_document():
    document = "Fares stay flat this year. " + WIRE + " Bluewater Lines declined to comment."
    hop = HopText(
        citing_quote="The council will raise fares by 15 percent, the wire said.",
        cited_exact=WIRE,
        cited_prefix="Fares stay flat this year. ",
        cited_document_text=document,
    )
    assert kinds(hop) == [("hedge_dropped", "will raise", "plans to raise")]


def test_locate_prefers_the_occurrence_its_prefix_and_suffix_describe():
    text = "A said yes. B said no. A said yes. C said maybe."
    assert locate(text, exact="A said yes.", prefix="B said no. ", suffix=" C") == (23, 34)
    assert locate(text, exact="missing") is None


def test_a_named_person_becoming_officials_is_vaguer():
    hop = HopText(
        citing_quote="Fares will rise, officials told the Courier.",
        cited_quote="Fares will rise, finance director Lena Holm said.",
        cited_sources=(("Lena Holm", "person"),),
    )
    assert kinds(hop) == [("attribution_vaguer", "officials", "Lena Holm")]
    named = HopText(
        citing_quote="Fares will rise, Holm told the Courier.",
        cited_quote="Fares will rise, Lena Holm said.",
        cited_sources=(("Lena Holm", "person"),),
    )
    assert kinds(named) == []


def test_a_negation_flipped():
    hop = HopText(
        citing_quote="The council will not raise fares.",
        cited_quote="The council will raise fares.",
    )
    assert kinds(hop) == [
        ("negation_flipped", "The council will not raise fares.", "The council will raise fares.")
    ]


def test_no_words_on_a_side_gives_no_hint():
    assert hop_hints(HopText(citing_quote="Fares rise 50 percent.")) == ()
    assert hop_hints(HopText(cited_quote="Fares rise 15 percent.")) == ()


def test_numbers_read_words_separators_and_units():
    assert [(n.value, n.unit) for n in numbers("two officials, 1,200 crowns, 4.5% and 12")] == [
        (2.0, "official"),
        (1200.0, "crown"),
        (4.5, "percent"),
        (12.0, ""),
    ]
