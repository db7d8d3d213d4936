"""Each attribution rule on its own small sentence, with the exact edges, quotes and sources."""

from __future__ import annotations

import pytest

from provenance.ingest import Source
from tests.ingest.conftest import PUBLISHER, edges

P = PUBLISHER


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        pytest.param(
            "The port will close in May, the Harbor Gazette reports, citing Reuters.",
            [(P, "Harbor Gazette", "cites"), ("Harbor Gazette", "Reuters", "cites")],
            id="x-reports-citing-y",
        ),
        pytest.param(
            "The levy will rise, according to the finance ministry.",
            [(P, "finance ministry", "cites")],
            id="according-to",
        ),
        pytest.param(
            "The plan was approved, Jane Doe told Reuters.",
            [(P, "Reuters", "cites"), ("Reuters", "Jane Doe", "paraphrases")],
            id="told-another-outlet",
        ),
        pytest.param(
            "The plan was approved, Jane Doe told the Daily Planet.",
            [(P, "Jane Doe", "paraphrases")],
            id="told-the-publisher",
        ),
        pytest.param(
            "Mayor Jane Doe added that the budget was balanced.",
            [(P, "Jane Doe", "paraphrases")],
            id="added",
        ),
        pytest.param(
            "City treasurer John Roe noted that revenue had fallen.",
            [(P, "John Roe", "paraphrases")],
            id="noted",
        ),
        pytest.param(
            "The deal was first reported by BioLetter, which cited two people familiar with the "
            "study.",
            [
                ("BioLetter", "two people familiar with the study", "cites"),
                (P, "BioLetter", "cites"),
            ],
            id="first-reported-by-which-cited",
        ),
        pytest.param(
            "The deal was close, as first reported by Politico.",
            [(P, "Politico", "cites")],
            id="as-first-reported-by",
        ),
        pytest.param(
            "The mayor will resign, the Valley Courier has learned.",
            [(P, "Valley Courier", "cites")],
            id="has-learned",
        ),
        pytest.param(
            "Eastside Daily, in turn, attributed the news to \u201ca Valley Courier report\u201d "
            "published on Monday.",
            [("Eastside Daily", "Valley Courier", "cites")],
            id="in-turn-attributed",
        ),
        pytest.param(
            "Unemployment rose to 5%, according to a report by the Harbor Gazette.",
            [(P, "Harbor Gazette", "cites")],
            id="a-report-by",
        ),
        pytest.param(
            "The plant will close, according to an internal memo seen by Reuters.",
            [(P, "Reuters", "cites"), ("Reuters", "internal memo", "cites")],
            id="memo-seen-by",
        ),
        pytest.param(
            "The trial was halted, according to a filing with the securities regulator.",
            [(P, "securities regulator", "cites")],
            id="filing-with",
        ),
        pytest.param(
            "Shares fell 8% in early trading, exchange data showed.",
            [(P, "exchange data", "cites")],
            id="data-showed",
        ),
        pytest.param(
            "The talks stalled, four US officials said.",
            [(P, "four US officials", "paraphrases")],
            id="anonymous-group",
        ),
        pytest.param(
            "The company declined to comment. Reyes's office did not respond to a request for "
            "comment.",
            [],
            id="no-comment-is-no-attribution",
        ),
        pytest.param(
            "The army has grown distrustful of what the government says about the war.",
            [],
            id="embedded-what-x-says",
        ),
        pytest.param(
            "The Wall Street Journal first reported the plan on Wednesday.",
            [(P, "Wall Street Journal", "cites")],
            id="outlet-first-reported",
        ),
        pytest.param(
            "According to a statement from the Ukrainian air force, 40 drones were shot down.",
            [(P, "Ukrainian air force", "cites")],
            id="capitalised-according-to-a-statement-from",
        ),
        pytest.param(
            "Bloomberg News, citing unnamed officials, reported that the EU was considering it.",
            [(P, "Bloomberg News", "cites"), ("Bloomberg News", "unnamed officials", "cites")],
            id="outlet-citing-in-apposition",
        ),
        pytest.param(
            "The New York Times, which first reported the damage, cited satellite images.",
            [(P, "New York Times", "cites"), ("New York Times", "satellite images", "cites")],
            id="x-cited-y",
        ),
        pytest.param(
            "Repairs could take weeks, Ukrainska Pravda reports, citing a ministry source.",
            [(P, "Ukrainska Pravda", "cites"), ("Ukrainska Pravda", "a ministry source", "cites")],
            id="reporting-subject-is-an-outlet-even-if-it-reads-like-a-name",
        ),
        pytest.param(
            "The company denied the report. Acme Corp confirmed the merger on Monday.",
            [(P, "company", "denies"), (P, "Acme Corp", "confirms")],
            id="denies-and-confirms",
        ),
    ],
)
def test_edges(run, paragraph, expected):
    assert edges(run(paragraph)) == expected


@pytest.mark.parametrize(
    ("paragraph", "speaker", "text"),
    [
        pytest.param('"We will win," said Jane Doe.', "Jane Doe", "We will win", id="said-x"),
        pytest.param('"We will win," Jane Doe said.', "Jane Doe", "We will win", id="x-said"),
        pytest.param(
            "\u201cWe acted quickly,\u201d Acme Corp chief executive Dr. Mary Major said in an "
            "emailed statement.",
            "Mary Major",
            "We acted quickly",
            id="curly-emailed-statement",
        ),
        pytest.param(
            "Jane Doe said: \u201cWe will win the vote next week.\u201d",
            "Jane Doe",
            "We will win the vote next week",
            id="said-colon",
        ),
        pytest.param('Jane Doe stated, "We will win."', "Jane Doe", "We will win", id="stated"),
        pytest.param(
            'The ministry of trade said in a statement that "no decision has been taken" on port '
            "charges.",
            "ministry of trade",
            "no decision has been taken",
            id="in-a-statement-partial-quote",
        ),
        pytest.param(
            "Professor Aiko Mori of Kestrel University told the Daily Planet that pauses are "
            "\u201cnot unusual in phase three\u201d.",
            "Aiko Mori",
            "not unusual in phase three",
            id="told-that-partial-quote",
        ),
    ],
)
def test_quote_speaker(run, paragraph, speaker, text):
    result = run(paragraph)
    assert [(q.speaker, q.text) for q in result.quotes] == [(speaker, text)]


def test_pronoun_speaker_is_the_last_person_named(run):
    result = run('"We will win," Jane Doe said. "And we will keep going after that," she added.')
    assert [(q.speaker, q.text) for q in result.quotes] == [
        ("Jane Doe", "We will win"),
        ("Jane Doe", "And we will keep going after that"),
    ]


def test_quoted_report_title_is_not_speech(run):
    result = run('Eastside Daily attributed the news to "a Valley Courier report" on Monday.')
    assert result.quotes == ()


def test_anonymity_reason_count_and_descriptor(run):
    result = run(
        "Two diplomats, who spoke on condition of anonymity because the talks are secret, said "
        "the deal was close."
    )
    assert result.sources[1] == Source(
        name="two diplomats",
        kind="anonymous",
        descriptor="diplomats",
        count=2,
        anonymity_reason="because the talks are secret",
        confidence=0.8,
    )
    assert edges(result) == [(P, "two diplomats", "paraphrases")]


@pytest.mark.parametrize(
    ("paragraph", "name", "count", "affiliation"),
    [
        ("The talks stalled, four US officials said.", "four US officials", 4, "US"),
        ("The talks stalled, a senior official said.", "a senior official", 1, None),
        (
            "Sources close to the Kremlin said the talks stalled.",
            "Sources close to the Kremlin",
            None,
            "Kremlin",
        ),
        (
            "The study was paused, two people familiar with the study said.",
            "two people familiar with the study",
            2,
            None,
        ),
    ],
)
def test_anonymous_groups(run, paragraph, name, count, affiliation):
    source = run(paragraph).sources[1]
    assert (source.name, source.kind, source.count, source.affiliation) == (
        name,
        "anonymous",
        count,
        affiliation,
    )


@pytest.mark.parametrize(
    ("paragraph", "name", "role", "affiliation"),
    [
        (
            "White House National Security Adviser Jake Sullivan said the US expects clarity.",
            "Jake Sullivan",
            "National Security Adviser",
            "White House",
        ),
        (
            '"We paused," Corvane chief medical officer Dr. Tomasz Wierzbicki said.',
            "Tomasz Wierzbicki",
            "chief medical officer",
            "Corvane",
        ),
        (
            "Professor Aiko Mori of Kestrel University said pauses are common.",
            "Aiko Mori",
            None,
            "Kestrel University",
        ),
        (
            "A city council member, Dana Holt, said the rumours were old.",
            "Dana Holt",
            "city council member",
            None,
        ),
        (
            "John Roe, a spokesman for the ministry, said the plan was dead.",
            "John Roe",
            "spokesman for the ministry",
            None,
        ),
    ],
)
def test_speaker_names_lose_titles_and_roles(run, paragraph, name, role, affiliation):
    source = run(paragraph).sources[1]
    assert (source.name, source.kind, source.role, source.affiliation) == (
        name,
        "person",
        role,
        affiliation,
    )


def test_short_reference_resolves_to_full_name(run):
    result = run(
        "White House National Security Adviser Jake Sullivan said the US expects clarity.",
        "Sullivan's message said the US would not help.",
    )
    assert edges(result) == [(P, "Jake Sullivan", "paraphrases")]
    assert [c.attributed_to for c in result.claims] == ["Jake Sullivan", "Jake Sullivan"]


def test_headline_prefix_names_the_rewritten_outlet(run):
    result = run("Some text, Reuters reported.", title="Axios: Something happened | Daily Planet")
    assert result.title == "Axios: Something happened"
    assert edges(result) == [(P, "Axios", "cites"), ("Axios", "Reuters", "cites")]
    assert result.citations[0].evidence == "Axios: Something happened"


def test_headline_prefix_naming_the_publisher_is_no_citation(run):
    result = run("The mayor will resign.", title="Daily Planet: Mayor to resign")
    assert edges(result) == []


def test_unattributed_sentences_inherit_the_rewritten_outlet(run):
    result = run(
        "The talks stalled.", "Four US officials said the talks stalled.", title="Axios: Talks"
    )
    assert edges(result) == [(P, "Axios", "cites"), ("Axios", "four US officials", "paraphrases")]
    assert [(c.text, c.attributed_to, c.chain, c.explicit) for c in result.claims] == [
        ("The talks stalled.", "Axios", (P, "Axios"), False),
        ("The talks stalled.", "four US officials", (P, "Axios", "four US officials"), True),
    ]


def test_publisher_reports_citing_makes_a_rewrite(run):
    result = run(
        "The talks stalled, a senior official said.",
        "The deal is off, Daily Planet reports, citing Axios.",
    )
    assert edges(result) == [
        ("Axios", "a senior official", "paraphrases"),
        (P, "Axios", "cites"),
    ]


def test_claim_text_drops_the_attribution_clause(run):
    result = run("The talks stalled in Vienna, four US officials said.")
    claim = result.claims[0]
    assert claim.as_dict() == {
        "text": "The talks stalled in Vienna.",
        "attributed_to": "four US officials",
        "chain": [P, "four US officials"],
        "sentence": "The talks stalled in Vienna, four US officials said.",
        "relation": "paraphrases",
        "explicit": True,
    }
