"""Rules added while measuring on PolNeAR (train split): described speakers, reported positions,
whose count or poll it is, and "according to" whatever it names.

Every sentence here is written for the test; the outlets and people are fictional.
"""

from __future__ import annotations

import pytest

from provenance.ingest.extraction import CREDITED, PARTIAL, STANCE


def claims(result) -> list[tuple[str, str]]:
    return [(c.text, c.attributed_to) for c in result.claims]


def sources(result) -> dict[str, str]:
    return {s.name: s.kind for s in result.sources}


@pytest.mark.parametrize(
    ("sentence", "speaker", "claim"),
    [
        (
            "One harbour delegate said the ferry passes went unused.",
            "One harbour delegate",
            "The ferry passes went unused.",
        ),
        (
            "The pier will close in May, her neighbour said.",
            "her neighbour",
            "The pier will close in May.",
        ),
        (
            "People with knowledge of the tender said two bidders had withdrawn.",
            "People with knowledge of the tender",
            "Two bidders had withdrawn.",
        ),
        (
            "That is why critics say the council has failed the port.",
            "critics",
            "That is why critics say the council has failed the port.",
        ),
    ],
    ids=["one-delegate", "her-neighbour", "people-with-knowledge", "why-critics"],
)
def test_a_described_speaker_still_makes_the_statement_a_claim(run, sentence, speaker, claim):
    result = run(sentence)
    assert claims(result) == [(claim, speaker)]
    assert sources(result)[speaker] == "anonymous"


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry passes were unused, the mayor's office said.",  # an organisation, as before
        "It said the ferry passes were unused.",  # a pronoun with nobody before it
        "This time said nothing about the passes.",  # no noun to stand for a speaker
    ],
)
def test_a_phrase_that_describes_no_one_is_not_a_described_speaker(run, sentence):
    assert all(kind != "anonymous" for kind in sources(run(sentence)).values())


def test_the_maker_of_a_tally_is_the_source(run):
    result = run(
        "Varga has won 758 delegates, according to a Tidewater Radio tally, but the race goes on.",
        "Lund leads by 71 votes according to a count by the Coastal Wire.",
    )
    assert claims(result) == [
        ("Varga has won 758 delegates, but the race goes on.", "Tidewater Radio"),
        ("Lund leads by 71 votes.", "Coastal Wire"),
    ]


def test_in_a_poll_by_names_the_pollster(run):
    result = run("In a poll conducted by the Tidewater Radio, 28 percent of voters liked the levy.")
    assert claims(result) == [("28 percent of voters liked the levy.", "Tidewater Radio")]


def test_according_to_cites_what_it_names_even_without_a_lexicon_word(run):
    result = run("The ferry was sold in May, according to the port's own timeline.")
    assert claims(result) == [("The ferry was sold in May.", "port's own timeline")]
    assert sources(result)["port's own timeline"] == "document"


def test_an_according_to_source_ends_at_a_spaced_dash(run):
    result = run("The levy raises $1 million, according to the Tidewater Policy Center - a tenth.")
    assert "Tidewater Policy Center" in sources(result)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Ilka Morrow fears that the fares will double.", "The fares will double."),
        ("Ilka Morrow knew she would lose the vote.", "Ilka Morrow would lose the vote."),
    ],
)
def test_a_position_verb_before_a_clause_is_an_attribution(run, sentence, claim):
    assert claims(run(sentence)) == [(claim, "Ilka Morrow")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The port authority expects clarity about the fares.",
        "Ilka Morrow fears retaliation from the board.",
        "The ferry company declined to comment.",
    ],
)
def test_a_position_verb_with_a_plain_object_or_an_action_is_not(run, sentence):
    assert run(sentence).claims == ()


def speakers(result) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in result.quotes]


def test_a_credit_split_off_by_a_question_mark_still_credits_the_quote(run):
    result = run('"How long will the pier be?" Lund said in reply. "As long as it needs to be."')
    assert speakers(result) == [
        ("Lund", "How long will the pier be?"),
        ("Lund", "As long as it needs to be"),
    ]
    assert result.quotes[0].confidence == CREDITED


def test_the_person_a_sentence_opens_with_says_its_quote_when_no_verb_does(run):
    result = run(
        'Dana Holt, the port lawyer, greeted the plan with "the recognition that the money is not '
        'there."'
    )
    assert speakers(result) == [("Dana Holt", "the recognition that the money is not there")]
    assert result.quotes[0].confidence == CREDITED


def test_a_scare_quote_in_a_sentence_about_someone_is_not_their_speech(run):
    assert run('Piet Lund sailed home with his "green wave" crew.').quotes == ()


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            'Gov. Ada Crane, hoping to win the north, called the mayor a "petulant child."',
            "Ada Crane",
        ),
        (
            'Ivo Brandt, in a statement released by the campaign on Monday, said he "valued the '
            'patient work" of the port staff.',
            "Ivo Brandt",
        ),
        (
            'Closing the season -- complete with a choir -- Varga told the crowd that "the next '
            'chapter starts now."',
            "Varga",
        ),
        ('Piet Lund himself conceded "it will be very hard for us to win."', "Piet Lund"),
        ('"The pier will hold," said the port\'s director, Jan B. Holm, on Monday.', "Jan B. Holm"),
    ],
    ids=["participle-aside", "statement-aside", "typed-dash-aside", "himself", "initial"],
)
def test_an_aside_between_the_speaker_and_the_verb_is_skipped(run, sentence, speaker):
    assert [s for s, _ in speakers(run(sentence))] == [speaker]


def test_a_description_with_no_one_to_refer_to_is_the_source_itself(run):
    result = run('"The tide is late," the harbour master said.')
    assert speakers(result) == [("the harbour master", "The tide is late")]


def test_a_described_speaker_after_the_quote(run):
    result = run('"The board does not see how big the port is," said one Varga confidant.')
    assert speakers(result) == [
        ("one Varga confidant", "The board does not see how big the port is")
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"We have to wait," recalled Mr. Rhodes.', "Rhodes"),
        ('"It shows how much the vote matters," Sen. Marta Rubin (R-Ore.) said.', "Marta Rubin"),
        (
            '"The port is overreaching," Matt Santos, legal director for the Harbor Union, said '
            "over the phone.",
            "Matt Santos",
        ),
        (
            '"Watch the tide," said former port executive Carla Fiore during the debate.',
            "Carla Fiore",
        ),
        ('"What sport does he mean?" reacted Piet Lund.', "Piet Lund"),
    ],
    ids=["recalled", "party-and-state", "role-without-article", "during", "reacted"],
)
def test_a_credit_around_the_name(run, sentence, speaker):
    assert [s for s, _ in speakers(run(sentence))] == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        'According to the Harbor Board, one sign read, "Slow down, the tide is coming in."',
        'Here in Salem, the crowd chanted "we want the ferry back now" for an hour.',
        'Speaking to the Courier, the board promised "a ferry for every island by spring."',
    ],
    ids=["according", "here", "participle"],
)
def test_a_word_capitalised_by_its_place_is_no_speaker(run, sentence):
    assert all(
        speaker not in ("According", "Here", "Speaking") for speaker, _ in speakers(run(sentence))
    )


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            'Hours later, Piet Lund returned the favour on the radio, "Ada is a fine mayor and a '
            'friend."',
            "Piet Lund",
        ),
        ('And Mr. Brandt gloated: "I told you the pier would not be ready."', "Brandt"),
        ('When asked, Ms. Sherry smiled and said, "I am waiting for the ferry."', "Sherry"),
    ],
    ids=["after-an-opening-phrase", "after-and", "smiled-and-said"],
)
def test_the_subject_after_an_opening_word(run, sentence, speaker):
    assert [s for s, _ in speakers(run(sentence))] == [speaker]


def test_a_follow_on_quote_keeps_the_quote_s_speaker_not_the_last_name(run):
    result = run(
        '"The leases stand," Ron Liebl told the Courier in July, after Ada Crane asked to end '
        'them. "They are fully binding."'
    )
    assert speakers(result) == [
        ("Ron Liebl", "The leases stand"),
        ("Ron Liebl", "They are fully binding"),
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The plan was backed by Sen. Dina Fenn of Oregon, the ranking Democrat on the Harbor "
            "Committee, who said none of the fees came from the city.",
            "Dina Fenn",
        ),
        (
            "Sen. Rob Portas (R-Ore.), another vulnerable incumbent, said he had not thought "
            "about the ferry.",
            "Rob Portas",
        ),
        (
            "Mr. Varga, a farmer who called himself a devout Lutheran, said he left the hall.",
            "Varga",
        ),
    ],
    ids=["who-said", "another", "role-ending-in-a-name"],
)
def test_the_name_before_an_appositive_role(run, sentence, speaker):
    assert [c.attributed_to for c in run(sentence).claims] == [speaker]


def test_an_opening_phrase_before_a_description_is_no_name(run):
    assert [c.attributed_to for c in run("In Salem, the mayor said the ferry runs.").claims] == [
        "the mayor"
    ]


def test_a_long_credit_after_an_exclamation_credits_the_quote_and_speaks_on(run):
    result = run(
        '"And I am not being paid!" Lund declared, a point he likes to make after a radio show '
        'during which callers asked about money. "I make my own money."'
    )
    assert speakers(result) == [
        ("Lund", "And I am not being paid!"),
        ("Lund", "I make my own money"),
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"Our fair comes at a hard time," said Ada Varga in her speech.', "Ada Varga"),
        ('Harbor Chairman G.K. Butterman of Salem said he was "outraged" by it.', "G.K. Butterman"),
    ],
    ids=["in-her-speech", "two-initials"],
)
def test_a_name_with_initials_or_a_channel_after_it(run, sentence, speaker):
    assert [s for s, _ in speakers(run(sentence))] == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            '"More ferries are not the answer," Ben J. Rhodes, Mr. Varga\'s deputy harbour '
            "adviser, said Sunday.",
            "Ben J. Rhodes",
        ),
        ('"That is a fair worry," Sarandi, 69, told the Harbor Radio on Monday.', "Sarandi"),
        (
            "Varga, the only candidate to campaign in Salem, told delegates their votes could win "
            '"a battle in the port."',
            "Varga",
        ),
        ('"Silly boys," scoffed Aria Gil, 22, who helped found the club.', "Aria Gil"),
    ],
    ids=["owner-role-then-day", "age", "role-ending-in-a-place", "who-helped-found"],
)
def test_a_day_an_age_or_a_verb_is_not_the_speaker(run, sentence, speaker):
    assert [s for s, _ in speakers(run(sentence))] == [speaker]


def test_a_day_is_never_a_source(run):
    result = run('"The pier will hold," the harbour master said Sunday.')
    assert "Sunday" not in sources(result)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"The ferry may be free, but we will see, right?" Ada Crane remarked, alluding to '
            'the film "The Tide."',
            "Ada Crane",
        ),
        ('"Our ideas of success differ," agrees Mila Stone, 30, of Salem.', "Mila Stone"),
        ('Lund was asked by host Bill Marr, "So was the levy fair after all?"', "Bill Marr"),
    ],
    ids=["credit-with-its-own-title", "agrees-inverted", "asked-by"],
)
def test_who_asked_or_agreed(run, text, speaker):
    assert speakers(run(text))[0][0] == speaker


def test_assured_credits_a_quote_but_assuring_someone_of_steps_is_no_statement(run):
    assert speakers(run('"The ferry is safe," Lund assured the crowd.')) == [
        ("Lund", "The ferry is safe")
    ]
    result = run("It came shortly after Premier Ada Crane assured Mayor Lund of steps to a deal.")
    assert result.claims == ()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Republican mayoral candidate Ada Crane quickly took to the radio, writing: "
            '"Another bad week for the harbour. When will we learn?"',
            "Ada Crane",
        ),
        (
            "Harbor Union member Ada Crane, in a long interview, called the plan "
            '"a betrayal of every worker on the pier."',
            "Ada Crane",
        ),
        (
            "Preceded at the lectern by Bo Lund, Ada Crane launched into a lament about "
            '"the ferries that never come on time at all."',
            "Ada Crane",
        ),
    ],
    ids=["party-role-then-name", "organisation-role-then-name", "participle-opener"],
)
def test_the_subject_is_the_name_after_a_role_or_an_opening_participle(run, text, speaker):
    assert speakers(run(text))[0][0] == speaker


def test_an_opening_preposition_is_no_speaker(run):
    result = run(
        'Amid what the Salem Courier called a "rough week for the harbour board and its chair," '
        "Ada Crane left."
    )
    assert speakers(result)[0][0] != "Amid"


@pytest.mark.parametrize(
    "text",
    [
        'A flabbergasted Crane quipped, "It is like a pier with no water under it."',
        '"The ferry will always be back," an angry Crane said.',
    ],
    ids=["mood-before-quote", "mood-after-quote"],
)
def test_a_mood_before_a_surname_leaves_the_surname_the_speaker(run, text):
    assert speakers(run(text))[0][0] == "Crane"


def test_a_capitalised_verb_opening_the_sentence_is_an_inverted_credit(run):
    result = run(
        "Said Crane:", '"I think the stakes are so high for the pier and for all of us here."'
    )
    assert speakers(result) == [
        ("Crane", "I think the stakes are so high for the pier and for all of us here")
    ]
    assert sources(result)["Crane"] == "person"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'As the Salem Courier put it, "The ferry is the town and the town is the ferry."',
            "Salem Courier",
        ),
        (
            'As Ada Crane pointed out in December, "In the week before the vote, the board will '
            'have many chances."',
            "Ada Crane",
        ),
    ],
    ids=["as-outlet-put-it", "as-person-pointed-out"],
)
def test_as_someone_put_it_credits_the_quote(run, text, speaker):
    assert speakers(run(text))[0][0] == speaker


def test_as_it_turned_out_credits_nobody(run):
    assert run('As it turned out, "the ferry" was late.').quotes == ()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Pollsters agree - Ada Crane: "One of the biggest lessons was a simple one: keep on '
            'calling voters."',
            "Ada Crane",
        ),
        (
            'The ferry shift was there all along - More from Crane: "Data from our firm helps '
            'confirm that fares were in play."',
            "Crane",
        ),
    ],
    ids=["digest-name", "digest-more-from"],
)
def test_a_digest_line_credits_the_name_between_dash_and_colon(run, text, speaker):
    result = run(text)
    assert speakers(result)[0][0] == speaker
    assert sources(result)[speaker] == "person"


def test_a_paragraph_ending_in_a_colon_credits_the_quote_that_opens_the_next(run):
    result = run(
        "Ada Crane, 17, echoed:",
        '"He speaks his mind, and I think that might be what the harbour needs."',
    )
    assert speakers(result) == [
        ("Ada Crane", "He speaks his mind, and I think that might be what the harbour needs")
    ]


def test_a_colon_after_no_person_credits_nobody(run):
    result = run("The plan has three parts:", '"Free fares, new piers and more boats."')
    assert speakers(result) == [(None, "Free fares, new piers and more boats")]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("The Harbor Union endorsed Ada Crane for the port board on Monday.", "Harbor Union"),
        ("Piet Lund has railed against the new ferry levy for months.", "Piet Lund"),
        ("Mayor Ilse Varga has championed a second bridge across the bay.", "Ilse Varga"),
    ],
    ids=["endorsed", "railed-against", "championed"],
)
def test_a_stance_verb_makes_its_subject_a_source_with_less_confidence(run, sentence, source):
    result = run(sentence)
    found = {s.name: s for s in result.sources}
    assert found[source].confidence == STANCE
    assert claims(result) == [(sentence, source)]


def test_a_stance_source_named_again_by_a_verb_of_speech_is_as_sure_as_any(run):
    result = run(
        "Piet Lund has railed against the new ferry levy for months.",
        "Piet Lund said the levy would empty the island.",
    )
    assert {s.name: s.confidence for s in result.sources}["Piet Lund"] == 0.9


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry levy was supported by the island council.",  # passive: the council is no subject
        "The new port report backs the case of the commuters.",  # a document holds no stance
    ],
)
def test_a_stance_verb_without_someone_holding_the_stance_is_no_attribution(run, sentence):
    assert run(sentence).claims == ()


@pytest.mark.parametrize(
    ("sentence", "source", "claim"),
    [
        (
            "Dana Holt suggested that the harbour fees would double.",
            "Dana Holt",
            "The harbour fees would double.",
        ),
        (
            "The port auditors concluded that the ferry line had overpaid.",
            "port auditors",
            "The ferry line had overpaid.",
        ),
        (
            # The poll is the source, as a document named after its pollster.
            "A Tidewater Radio poll shows the mayor trailing by nine points.",
            "Tidewater Radio poll",
            "A Tidewater Radio poll shows the mayor trailing by nine points.",
        ),
    ],
    ids=["person-suggested-that", "group-concluded-that", "pollster-shows"],
)
def test_a_finding_verb_credits_a_person_before_a_clause_and_a_pollster(
    run, sentence, source, claim
):
    result = run(sentence)
    assert claims(result) == [(claim, source)]


def test_a_person_showing_something_is_no_finding(run):
    assert run("Dana Holt showed the visitors around the harbour.").claims == ()


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            'Pair the ferry strike with a "mayor who is a lightning rod" and residents get '
            "nervous, said Rosa Demir, director of the Harbor Union.",
            "Rosa Demir",
        ),
        ('"We are relieved" about the ruling, said Piet Lund, a ferry captain.', "Piet Lund"),
    ],
    ids=["clause-before-comma", "phrase-before-comma"],
)
def test_a_person_named_after_said_speaks_rather_than_the_phrase_before_it(run, sentence, speaker):
    result = run(sentence)
    assert [s for s, _ in speakers(result)] == [speaker]


def test_a_place_after_said_is_not_a_speaker(run):
    result = run('"The tide is late," Dana Holt, 66, said on Harbor Hour.')
    assert speakers(result) == [("Dana Holt", "The tide is late")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            'Carla Fiore threw her weight behind Ted Lund on Wednesday, saying the port needs "a '
            'steady hand at the helm."',
            "Carla Fiore",
        ),
        (
            "The Harbor Union has sued the city over the new rules, saying they violate the "
            "rights of dock workers.",
            "Harbor Union",
        ),
    ],
    ids=["person", "organisation"],
)
def test_the_subject_of_a_sentence_says_what_its_participle_reports(run, sentence, speaker):
    result = run(sentence)
    assert [(c.attributed_to) for c in result.claims] == [speaker]
    assert {s.name: s.confidence for s in result.sources}[speaker] == STANCE


def test_a_participle_after_an_opening_phrase_does_not_credit_a_place(run):
    result = run("In North Harbor, the ferries stopped early, saying the tide was too low.")
    assert "North Harbor" not in {s.name for s in result.sources}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"It is going well," Amy Lark, deputy harbour adviser, said on a call.', "Amy Lark"),
        (
            '"It takes years," Bill Fenwick, refugee program director at Harbor Watch, said.',
            "Bill Fenwick",
        ),
        ('"We are winning," Jeff Warder, Ross\' campaign manager, said.', "Jeff Warder"),
        ('"The timing is unrelated," Andrew Levin, of course, said.', "Andrew Levin"),
        ('"I voted for Lund," Salem\'s mayor, Brian Sandor, a Republican, said.', "Brian Sandor"),
        ('"I was elated," Yin Mara Holt, 60, a doctor, said.', "Yin Mara Holt"),
        ('"It holds," said Phil Mossel of consulting firm Imgen.', "Phil Mossel"),
        ('"The vote was fair," Secretary of State Jon F. Karig said.', "Jon F. Karig"),
    ],
    ids=[
        "lowercase-role",
        "long-role-at",
        "plural-owner",
        "of-course",
        "single-word-role",
        "age",
        "of-lowercase-firm",
        "secretary-of-state",
    ],
)
def test_a_speaker_named_around_a_role(run, sentence, speaker):
    assert [s for s, _ in speakers(run(sentence))] == [speaker]


def test_a_speech_verb_coordinated_with_another_verb_has_the_sentence_subject(run):
    result = run(
        "Gary Emmet, a former party chairman, became a delegate and said he leans toward Lund."
    )
    assert [c.attributed_to for c in result.claims] == ["Gary Emmet"]


def test_a_dateline_is_not_the_subject_of_a_coordinated_speech_verb(run):
    result = run("SALEM -- The ferries stopped early and said nothing about the tide.")
    assert "SALEM" not in {s.name for s in result.sources}


@pytest.mark.parametrize(
    "sentence",
    [
        'Asked by Vera Stephan to respond, Carver said, "The pier is safe."',
        'When asked by Vera Stephan on Thursday about the pier, Carver said: "It is safe."',
    ],
    ids=["asked-by-opening", "when-asked-by"],
)
def test_the_interviewer_who_asked_is_a_source_and_the_answer_stays_the_interviewee(run, sentence):
    result = run(sentence)
    assert "Vera Stephan" in sources(result)
    assert [s for s, _ in speakers(result)] == ["Carver"]


def test_what_someone_called_a_quotation_is_their_quotation(run):
    result = run('The plan led to what aide Kai Philo called "the start of a new era" in 1969.')
    assert speakers(result) == [("Kai Philo", "the start of a new era")]


def test_what_someone_said_without_a_quotation_is_no_attribution(run):
    assert run("Nobody knows what Holt said about the pier.").claims == ()


def test_said_by_telephone_is_speech_not_a_passive(run):
    result = run('"The pier should close," Ms. Gao said by telephone.')
    assert speakers(result) == [("Gao", "The pier should close")]
    assert claims(result) == [("The pier should close.", "Gao")]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "Lund leads by 9 points in the PollTracker average of recent Salem polls.",
            "PollTracker",
        ),
        (
            "In a Harbor Radio/Quill International Poll the same month, 38 percent said the pier "
            "was unsafe.",
            "Harbor Radio/Quill International Poll",
        ),
    ],
    ids=["average-of-polls", "capitalised-poll"],
)
def test_a_poll_or_average_names_its_maker_not_the_polls_it_averages(run, sentence, source):
    result = run(sentence)
    assert source in sources(result)
    assert "Salem" not in sources(result)


def test_a_poll_title_is_not_a_persons_name(run):
    result = run("In the Harbor Radio International Poll, Lund led.")
    assert sources(result)["Harbor Radio International"] == "organization"
    assert "International Poll" not in sources(result)


def test_a_verb_after_a_determiner_is_a_noun(run):
    result = run(
        'Holt said during a panel on his show, remarking that "some dockers are still angry."'
    )
    assert sources(result) == {"Daily Planet": "outlet", "Holt": "person"}


def test_a_dateline_in_capitals_is_no_speaker(run):
    result = run(
        "SALEM, Dec. 8 (Coastal Wire) — In reply to the plan, the mayor's deputy rallied "
        'supporters, saying: "We have to be ready."'
    )
    assert "SALEM" not in sources(result)


def test_a_place_and_its_state_before_the_subject_are_skipped(run):
    result = run(
        "At a town hall in Ames, Ohio, on Sunday, Mrs. Holt tried to explain, and the port "
        'should "be rallying its partners."'
    )
    assert [s for s, _ in speakers(result)] == ["Holt"]


def test_a_described_adviser_to_someone_is_an_unnamed_source(run):
    result = run(
        '"His map is 20 years old," said a longtime adviser to Lund, who asked not to be named.'
    )
    assert speakers(result) == [("a longtime adviser to Lund", "His map is 20 years old")]


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        (
            (
                "Lund said the pier was shut.",
                '"Salem will always be Salem," an angry Holm retaliated.',
            ),
            "Holm",
        ),
        (
            ("Lund said the pier was shut.", '"They came for the free stuff," Bennet shot back.'),
            "Bennet",
        ),
        (
            ("Lund said the pier was shut.", '"Leave the guns at home," opined the Harbor Ledger.'),
            "Harbor Ledger",
        ),
    ],
    ids=["retaliated", "shot-back", "opined"],
)
def test_a_quotation_credited_by_any_verb_is_not_carried_from_before(run, paragraphs, speaker):
    result = run(*paragraphs)
    assert [s for s, _ in speakers(result)] == [speaker]
    assert result.quotes[0].confidence == CREDITED


def test_a_quotation_and_a_passive_credit_stay_unattributed(run):
    result = run('"The pier is closed," the harbour was told.')
    assert speakers(result) == [(None, "The pier is closed")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            'Carly Vance threw her support behind Ted Lund on Wednesday, saying the port needs "a '
            'steady hand at the helm."',
            "Carly Vance",
        ),
        (
            '"Analysts said no, and she set out to prove them wrong," remembered Roy Verley, the '
            "port's former spokesman.",
            "Roy Verley",
        ),
        (
            'As the Rainmakers sang in the 1980s, "They will turn us all into beggars."',
            "Rainmakers",
        ),
        (
            '"Interviewers feel they get useful information," concluded a 2013 article in the '
            "journal Harbor Studies.",
            "Harbor Studies",
        ),
    ],
    ids=["given-name-in-ly", "inverted-any-verb-with-role", "as-they-sang", "concluded-a-study"],
)
def test_more_credits_around_a_quotation(run, sentence, speaker):
    assert [s for s, _ in speakers(run(sentence))] == [speaker]


def test_an_opening_adverb_is_still_no_name(run):
    result = run('Finally Lund spoke, and the crowd cheered "the longest speech of the year."')
    assert "Finally Lund" not in sources(result)


def test_a_city_and_its_state_in_an_aside_are_not_the_speaker(run):
    result = run(
        'Holt, during a town hall meeting in Dayton, Ohio, said she was "going to close the pier '
        'for good."'
    )
    assert [s for s, _ in speakers(result)] == ["Holt"]


def test_a_pronoun_ending_the_subject_phrase_is_the_subject(run):
    result = run(
        'Carr explained the move, an investment he concludes has been "a head start on the port."'
    )
    assert [s for s, _ in speakers(result)] == ["Carr"]


def test_a_quotation_in_an_according_to_sentence_is_not_carried_from_before(run):
    result = run(
        'Lund said the ferry would run. "It will run all winter," he added.',
        'According to the Harbor Ledger, "the ferry company has already sold two boats."',
    )
    assert speakers(result)[-1] == ("Harbor Ledger", "the ferry company has already sold two boats")
    assert result.quotes[-1].confidence == PARTIAL


def test_an_inverted_credit_with_a_role_before_the_name(run):
    result = run('"Imagine Thor up against Lund on one stage," mused Harbor co-host Stu Berg.')
    assert [s for s, _ in speakers(result)] == ["Stu Berg"]


@pytest.mark.parametrize(
    "sentence",
    [
        "It's the pull of the mayor's \"if you like your pier, you can keep it\" promise.",
        'Containment is what one historian calls "a foundation of our harbour culture."',
        'Do well enough in polls to "be realistically considered among the contenders."',
    ],
    ids=["contraction", "abstract-noun", "imperative"],
)
def test_an_opening_word_that_is_no_name_says_no_quotation(run, sentence):
    result = run(sentence)
    assert {"It's", "Containment", "Do"}.isdisjoint(sources(result))


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Mayor Lara Lynd is telling reporters that the pier will reopen in May.", "Lara Lynd"),
        ("Piet Holm is also asking the board to release its file on the pier.", "Piet Holm"),
    ],
    ids=["is-telling", "is-also-asking"],
)
def test_speech_in_the_progressive_credits_the_subject(run, sentence, source):
    assert [c.attributed_to for c in run(sentence).claims] == [source]


def test_a_progressive_form_without_to_be_is_no_cue(run):
    assert run("Telling the board about the pier took an hour.").claims == ()


@pytest.mark.parametrize(
    ("sentence", "speaker", "claim"),
    [
        (
            "Nearly nine in ten ferry users say the timetable should change.",
            "Nearly nine in ten ferry users",
            "The timetable should change.",
        ),
        (
            "Most of her harbour supporters say the levy is unfair.",
            "Most of her harbour supporters",
            "The levy is unfair.",
        ),
        (
            "Ilka Morrow however said the pier would reopen in May.",
            "Ilka Morrow",
            "The pier would reopen in May.",
        ),
        pytest.param(
            "Ilka Morrow signed the lease on Monday but said the rent was too high.",
            "Ilka Morrow",
            "The rent was too high.",
            # Since the subject-of-a-second-verb rule ("became a delegate and said") credits the
            # speaker, the draft keeps the whole sentence instead of the reported clause.
            marks=pytest.mark.xfail(strict=True, reason="the draft keeps the first clause"),
        ),
        (
            "A court filing dated Tuesday says the ferry company owes 3 million crowns.",
            "A court filing dated Tuesday",
            "The ferry company owes 3 million crowns.",
        ),
    ],
    ids=["a-count", "most-of", "however", "second-verb", "unread-document"],
)
def test_a_reporting_verb_makes_its_subject_the_source_when_no_rule_reads_it(
    run, sentence, speaker, claim
):
    assert claims(run(sentence)) == [(claim, speaker)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Sixty ferry berths are pledged to the port.",  # a verb that is also an adjective
        "The ferry users who say so are few.",  # a relative clause, not a statement
        "Nobody on the pier said anything.",  # a statement with nothing reported
        "Ferry users will say.",  # nothing after the verb
    ],
)
def test_a_reporting_verb_without_a_subject_or_a_statement_is_no_claim(run, sentence):
    assert run(sentence).claims == ()


def test_she_said_refers_to_the_person_a_sentence_named_without_citing(run):
    result = run(
        "Ada Holt, a ferry pilot from Salem, has crossed the strait for 30 years.",
        '"The timetable is a joke," she said.',
    )
    assert speakers(result) == [("Ada Holt", "The timetable is a joke")]
    assert claims(result) == [("The timetable is a joke.", "Ada Holt")]


def test_the_person_named_last_in_passing_is_the_one_she_refers_to(run):
    result = run(
        "Dana Lund said the pier was closed.",
        "Ada Holt, a ferry pilot from Salem, has crossed the strait for 30 years.",
        "She said the timetable was a joke.",
    )
    assert claims(result)[-1] == ("The timetable was a joke.", "Ada Holt")


def test_it_said_refers_to_the_organisation_named_last(run):
    result = run(
        "The Harbor Union said the fares had doubled since May.",
        "It said the pier would stay shut until the autumn.",
    )
    assert claims(result) == [
        ("The fares had doubled since May.", "Harbor Union"),
        ("The pier would stay shut until the autumn.", "Harbor Union"),
    ]


@pytest.mark.parametrize(
    ("sentence", "holder"),
    [
        # An intention or a demand attributed to a named actor is a position an editor may
        # want to check as much as a statement (it used to be left out as an action).
        ("The city council plans to raise the ferry fares in May.", "city council"),
        ("Ilka Morrow declined to release the harbour letters.", "Ilka Morrow"),
        ("The Harbor Union is seeking to block the pier sale.", "Harbor Union"),
        ("Ilka Morrow called for an inquiry into the fares.", "Ilka Morrow"),
    ],
    ids=["plans-to", "declined-to", "is-seeking-to", "called-for"],
)
def test_an_intention_of_a_named_actor_is_their_claim(run, sentence, holder):
    assert claims(run(sentence)) == [(sentence, holder)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ilka Morrow declined to comment on the fares.",  # no position, a refusal to give one
        "Her plan to raise the ferry fares failed.",  # "plan" the noun
        "Commuters seeking to leave the pier queued for hours.",  # no holder, a participle
        "The fares are expected to rise in May.",  # nobody expects it by name
    ],
)
def test_a_refusal_to_comment_a_noun_or_a_participle_is_no_intention(run, sentence):
    assert run(sentence).claims == ()


@pytest.mark.parametrize(
    ("sentence", "speaker", "claim"),
    [
        (
            "Ilka Morrow struck a measured tone, saying the port would recover by spring.",
            "Ilka Morrow",
            "Ilka Morrow struck a measured tone, saying the port would recover by spring.",
        ),
        (
            "Dana Lund opened the meeting by arguing that the levy had failed.",
            "Dana Lund",
            "Dana Lund opened the meeting by arguing that the levy had failed.",
        ),
    ],
    ids=["comma-saying", "by-arguing"],
)
def test_a_reporting_participle_is_said_by_the_sentence_subject(run, sentence, speaker, claim):
    assert claims(run(sentence)) == [(claim, speaker)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The proportion of ferry users saying the fares are fair has fallen.",  # no comma, no "by"
        "After the vote, the levy stood, saying nothing.",  # no name or pronoun as subject
    ],
)
def test_a_participle_without_a_named_subject_is_no_claim(run, sentence):
    assert run(sentence).claims == ()


def test_a_sentence_about_the_chain_itself_is_no_claim(run):
    result = run(
        "The Harbor Gazette reported the pier had been sold.",
        "Eastside Daily, in turn, attributed the news to \u201ca Valley Courier report\u201d "
        "published on Monday.",
        "Dana Lund said so.",
    )
    assert claims(result) == [("The pier had been sold.", "Harbor Gazette")]


@pytest.mark.parametrize(
    ("sentence", "document", "claim"),
    [
        (
            "The poll shows that Lund would win the harbour ward.",
            "poll",
            "Lund would win the harbour ward.",
        ),
        (
            "A 2019 report by the Tidewater Institute found that the levy raised 9 million crowns.",
            "2019 report by the Tidewater Institute",
            "The levy raised 9 million crowns.",
        ),
        (
            "Exit polling showed that Lund won every ward but one.",
            "Exit polling",
            "Lund won every ward but one.",
        ),
    ],
    ids=["the-poll", "report-by", "exit-polling"],
)
def test_a_poll_or_report_that_shows_or_finds_is_the_source(run, sentence, document, claim):
    result = run(sentence)
    assert claims(result) == [(claim, document)]
    assert sources(result)[document] == "document"


def test_a_person_who_found_something_is_not_a_document(run):
    assert run("Dana Lund found the harbour gates open.").claims == ()


@pytest.mark.parametrize(
    ("sentence", "speaker", "claim"),
    [
        (
            "Ilka Morrow suggested the port should buy two more ferries.",
            "Ilka Morrow",
            "The port should buy two more ferries.",
        ),
        (
            "Dana Lund \u2014 a pilot from Salem \u2014 says she will vote for the levy.",
            "Dana Lund",
            "Dana Lund will vote for the levy.",
        ),
        (
            "The port authority has closed the pier and says it will reopen in May.",
            "port authority",
            "Port authority will reopen in May.",
        ),
    ],
    ids=["person-suggested", "dash-aside", "second-verb-of-a-described-subject"],
)
def test_a_person_who_suggests_or_speaks_after_an_aside_or_a_first_verb(
    run, sentence, speaker, claim
):
    assert claims(run(sentence)) == [(claim, speaker)]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            '"The pier is failing," said former harbour master Dana Holt (I), a ferry pilot.',
            "Dana Holt",
        ),
        (
            '"The pier is failing," said the port\'s deputy manager, Ada Lund, who runs the docks.',
            "Ada Lund",
        ),
        ("Judge Ada Lund, in her dissent, said the levy was never lawful.", "Ada Lund"),
    ],
    ids=["role-before-name", "name-after-a-possessive-role", "aside-before-the-verb"],
)
def test_the_name_inside_a_longer_credit_is_the_speaker(run, sentence, speaker):
    assert [c.attributed_to for c in run(sentence).claims] == [speaker]


def test_a_clause_after_said_is_never_the_speaker(run):
    result = run("Ilka Morrow, in her reply, said the levy was not lawful.")
    assert "the levy was not lawful" not in sources(result)


@pytest.mark.parametrize(
    ("sentence", "holder"),
    [
        ("Ilka Morrow calls the levy a tax on ferry users.", "Ilka Morrow"),
        ("The Harbor Union sees the pier sale as a betrayal of the port.", "Harbor Union"),
        ("Dana Lund pointed out that the ferries run empty in winter.", "Dana Lund"),
        ("Ilka Morrow accused the port board of hiding the accounts.", "Ilka Morrow"),
        ("Dana Lund went after the board, calling its plan a disaster.", "Dana Lund"),
    ],
    ids=["calls-it", "sees-as", "pointed-out", "accused-of", "comma-calling"],
)
def test_a_stance_of_a_named_actor_is_their_claim(run, sentence, holder):
    assert [c.attributed_to for c in run(sentence).claims] == [holder]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry they named the Grey Heron sank in May.",  # a name, not a stance
        "The pilots saw the pier from the deck.",  # seeing, not viewing as
    ],
)
def test_naming_or_seeing_is_no_stance(run, sentence):
    assert run(sentence).claims == ()


def test_i_in_the_paragraph_after_a_quote_is_the_quoted_speaker(run):
    result = run(
        '"The pier is failing," Dana Holt said.',
        "I think the port should sell the old ferry before the winter.",
    )
    assert claims(result)[-1] == (
        "The port should sell the old ferry before the winter.",
        "Dana Holt",
    )


def test_i_with_no_speaker_before_it_is_nobody(run):
    assert run("I think the port should sell the old ferry before the winter.").claims == ()


def test_states_the_noun_is_no_speech_verb(run):
    assert run("There are 60 ferry berths at stake in 11 states this spring.").claims == ()


def test_a_warning_to_us_keeps_its_subject(run):
    result = run("Dana Holt has warned us about the pier for years.")
    assert claims(result) == [("Dana Holt has warned us about the pier for years.", "Dana Holt")]


def test_the_people_who_said_something_are_its_source(run):
    result = run("Lund won among the 30 percent of ferry users who said the levy was fair.")
    assert [c.attributed_to for c in result.claims] == ["the 30 percent of ferry users"]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("The Harbor Union said it would strike in May.", "Harbor Union would strike in May."),
        (
            "Three port officials said they expected the pier to close.",
            "Three port officials expected the pier to close.",
        ),
        (
            "The port board said it was a sad day for the harbour.",
            "It was a sad day for the harbour.",  # "it" standing for no one stays
        ),
    ],
    ids=["it-the-organisation", "they-the-group", "dummy-it"],
)
def test_a_claim_opening_with_it_or_they_names_its_source(run, sentence, claim):
    assert [c.text for c in run(sentence).claims] == [claim]


@pytest.mark.parametrize(
    "sentence",
    [
        "Marta Quell told the committee she had heard the same rumours for a year.",
        "Marta Quell told reporters that she had heard the same rumours for a year.",
    ],
)
def test_told_someone_she_drafts_a_claim_that_names_her(run, sentence):
    assert claims(run(sentence)) == [
        ("Marta Quell had heard the same rumours for a year.", "Marta Quell")
    ]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "The pilot has flown for Harbor Air since 2004, according to his staff profile.",
            "his staff profile",
        ),
        (
            "Salem had the busiest port in 2019, according to one shipping index.",
            "one shipping index",
        ),
    ],
    ids=["his-profile", "one-index"],
)
def test_according_to_a_possessive_or_counted_document(run, sentence, source):
    assert [c.attributed_to for c in run(sentence).claims] == [source]


def test_according_to_his_alone_is_no_document(run):
    assert "his" not in sources(run("The pier was sold, according to his."))


def test_a_bare_credit_after_the_statement_is_its_source(run):
    result = run("The levy will sink the mayor in November, harbour analyst says.")
    assert claims(result) == [("The levy will sink the mayor in November.", "harbour analyst")]
