"""Attribution as real news writes it: cue verbs beyond "said", credits without a verb, follow-on
and partial quotes, titles, descriptions and references back, each with a confidence.

Every sentence here is written for the test; the outlets and people are fictional.
"""

from __future__ import annotations

import pytest

from provenance.ingest import extract
from provenance.ingest.extraction import CARRIED, CREDITED, PARTIAL, SAID
from tests.ingest.conftest import PUBLISHER


def speakers(result) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in result.quotes]


def claims(result) -> list[tuple[str, str]]:
    return [(c.text, c.attributed_to) for c in result.claims]


def test_a_follow_on_quote_keeps_the_speaker_of_the_sentence_before(run):
    result = run(
        '"The levy will sink the harbour," said Ryan Ellery, a tax consultant. '
        '"Nobody in the port can pay it twice."'
    )
    assert speakers(result) == [
        ("Ryan Ellery", "The levy will sink the harbour"),
        ("Ryan Ellery", "Nobody in the port can pay it twice"),
    ]
    assert [q.confidence for q in result.quotes] == [SAID, CARRIED]
    assert ("Nobody in the port can pay it twice.", "Ryan Ellery") in claims(result)


def test_a_quote_with_its_own_speaker_is_not_taken_by_the_last_one(run):
    result = run(
        '"The tolls stay," said Ana Varga.',
        '"The tolls must go," Bo Lindqvist countered.',
    )
    assert speakers(result) == [
        ("Ana Varga", "The tolls stay"),
        ("Bo Lindqvist", "The tolls must go"),
    ]


def test_a_short_partial_quote_with_a_speaker_is_kept(run):
    result = run('Mayor Tomas Reyl called the ferry plan "a mirage" on Tuesday.')
    assert speakers(result) == [("Tomas Reyl", "a mirage")]


def test_a_scare_quote_with_no_speaker_is_not_speech(run):
    assert run('The so-called "green wave" reached the coast last spring.').quotes == ()


def test_a_partial_quote_in_an_according_to_sentence_goes_to_that_source(run):
    result = run('The pier is "beyond repair," according to the Harbour Board.')
    assert speakers(result) == [("Harbour Board", "beyond repair")]
    assert result.quotes[0].confidence == PARTIAL


@pytest.mark.parametrize(
    ("sentence", "speaker", "claim"),
    [
        (
            "Ilka Morrow has argued that the fares are too high.",
            "Ilka Morrow",
            "The fares are too high.",
        ),
        ("Ilka Morrow also said the fares are too high.", "Ilka Morrow", "The fares are too high."),
        ("Ilka Morrow believes the fares are too high.", "Ilka Morrow", "The fares are too high."),
        (
            "Ilka Morrow upbraided the board for raising the fares twice.",
            "Ilka Morrow",
            "Ilka Morrow upbraided the board for raising the fares twice.",
        ),
    ],
    ids=["has-argued", "also-said", "believes", "upbraided"],
)
def test_cue_verbs_beyond_said(run, sentence, speaker, claim):
    assert claims(run(sentence)) == [(claim, speaker)]


def test_a_credit_after_a_dash(run):
    result = run('"We will rebuild the pier before winter." \u2014 Anselm Vry, harbour master')
    assert speakers(result) == [("Anselm Vry", "We will rebuild the pier before winter")]
    assert result.quotes[0].confidence == CREDITED


def test_a_quote_after_a_colon_is_the_subject_s(run):
    result = run('Mayor Ines Darrow put it bluntly: "The old ferry is finished."')
    assert speakers(result) == [("Ines Darrow", "The old ferry is finished")]


def test_a_transcript_line_is_its_speaker_s(run):
    result = run("HOLLIS: The budget is balanced and the pier will open in May.")
    assert claims(result) == [("The budget is balanced and the pier will open in May.", "Hollis")]
    assert result.sources[1].kind == "person"


def test_a_label_in_capitals_that_names_no_one_is_not_a_speaker(run):
    assert run("UPDATE: The pier will open in May.").claims == ()


def test_a_description_before_the_name(run):
    result = run("The hotel will close, said a spokeswoman for the chain, Jenna Rodd.")
    source = next(s for s in result.sources if s.name == "Jenna Rodd")
    assert source.kind == "person"
    assert source.role == "spokeswoman for the chain"
    assert claims(result) == [("The hotel will close.", "Jenna Rodd")]


@pytest.mark.parametrize(
    ("credit", "name"),
    [
        ("said Rep. Jerrold Pask", "Jerrold Pask"),
        ("said the Rev. Amos Kellerman", "Amos Kellerman"),
        ("said Sen. Ana Varga", "Ana Varga"),
    ],
)
def test_a_title_is_not_the_name(run, credit, name):
    result = run(f'"The levy is unfair," {credit}.')
    assert speakers(result) == [(name, "The levy is unfair")]


def test_a_title_and_surname_is_the_person_named_before(run):
    result = run(
        '"The levy is unfair," said Sen. Ana Varga.', '"It will not pass," said Ms. Varga.'
    )
    assert speakers(result) == [
        ("Ana Varga", "The levy is unfair"),
        ("Ana Varga", "It will not pass"),
    ]


def test_the_speaker_not_the_listener(run):
    result = run(
        'Pollster Wim Hart told the Coastline Herald that "voters are tired of the fight."'
    )
    assert speakers(result) == [("Wim Hart", "voters are tired of the fight")]


def test_a_definite_description_refers_to_the_last_person(run):
    result = run(
        "Dana Holt, the Valemont governor, said taxes would fall.",
        "The Valemont governor said the border needs more guards.",
    )
    assert claims(result)[1] == ("The border needs more guards.", "Dana Holt")


def test_one_of_the_people_is_the_group_named_before(run):
    result = run(
        "Three people familiar with the talks said a deal was near.",
        "One of the people said it could still slip.",
    )
    assert [s.name for s in result.sources] == [PUBLISHER, "three people familiar with the talks"]
    assert claims(result)[1] == ("It could still slip.", "three people familiar with the talks")


def test_a_quotation_left_open_runs_to_the_end_of_its_paragraph(run):
    result = run(
        'Ana Varga said: "The pier is unsafe and it must close before the storms.',
        '"We have no other choice," she said.',
    )
    assert speakers(result) == [
        ("Ana Varga", "The pier is unsafe and it must close before the storms"),
        ("Ana Varga", "We have no other choice"),
    ]


def test_people_at_large_are_not_sources(run):
    result = run("Commuters have complained about the delays all winter.")
    assert [s.name for s in result.sources] == [PUBLISHER]
    assert result.claims == ()


def test_a_clause_fragment_is_not_a_speaker(run):
    result = run('Asked about the fares, the board chair, "we will see," of the plan said.')
    assert all(not (q.speaker or "").startswith("of ") for q in result.quotes)
    assert [s.name for s in result.sources] == [PUBLISHER]


def test_sources_carry_a_confidence_from_the_shape_of_their_name(run):
    result = run(
        "Ana Varga said the pier was safe.",
        "Kessler said the pier was old.",
        "The VPHA said the pier was sound.",
    )
    confidence = {s.name: (s.kind, s.confidence) for s in result.sources}
    assert confidence == {
        PUBLISHER: ("outlet", 1.0),
        "Ana Varga": ("person", 0.9),
        "Kessler": ("person", 0.75),  # a lone surname before "said"
        "VPHA": ("organization", 0.6),
    }


def test_plain_text_quotes_carry_confidences_too():
    result = extract(
        'Ferry fares\n\n"Fares will rise," said Ana Varga. "Nobody likes it, but they will."',
        content_type="text/plain",
    )
    assert [q.as_dict()["confidence"] for q in result.quotes] == [SAID, CARRIED]


def test_a_wire_dateline_names_the_publisher_of_plain_text():
    result = extract(
        "Ferry fares rise\n\n"
        "PORT ELLEN (Meridian Wire) \u2014 Fares will rise, "
        "a harbour official told Meridian Wire.\n\n"
        "By Ana Varga",
        content_type="text/plain",
    )
    assert result.publisher == "Meridian Wire"
    assert result.authors == ("Ana Varga",)
    assert [c.chain for c in result.claims] == [("Meridian Wire", "a harbour official")]


def test_a_parenthesis_that_is_no_outlet_is_no_dateline():
    result = extract(
        "Ferry fares rise\n\nPORT ELLEN (Islay) \u2014 Fares will rise in May.",
        content_type="text/plain",
    )
    assert result.publisher is None


def test_an_outlet_under_a_shorter_name_is_the_same_outlet(run):
    result = run(
        "The levy will rise, the Coastline Evening Journal reported.",
        "The tolls will fall too, the Journal reported.",
    )
    outlets = [s.name for s in result.sources if s.kind == "outlet"]
    assert outlets == [PUBLISHER, "Coastline Evening Journal"]
    assert [c.attributed_to for c in result.claims] == ["Coastline Evening Journal"] * 2


def test_a_shorter_name_that_fits_two_outlets_stays_apart(run):
    result = run(
        "The levy will rise, the Coastline Evening Journal reported.",
        "The tolls will fall, the Harbour Morning Journal reported.",
        "The fares will hold, the Journal reported.",
    )
    assert "Journal" in [s.name for s in result.sources]


def test_a_reported_pronoun_subject_is_named_in_the_claim(run):
    result = run(
        "Ana Varga said she would resign in May.",
        '"He is wrong about the pier," she said.',
    )
    assert claims(result) == [
        ("Ana Varga would resign in May.", "Ana Varga"),
        ("He is wrong about the pier.", "Ana Varga"),  # quoted words: "he" is someone else
    ]
