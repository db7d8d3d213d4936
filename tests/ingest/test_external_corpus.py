"""An external article corpus (PROVENANCE_CORPUS, default ../shared/corpus): edges, quotes and
metadata of its articles, as an extra check where it exists. Every test here is skipped, with one
line saying why, when it does not; the project's own articles are tested in test_articles.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from provenance.ingest import Extraction, extract

CORPUS = Path(settings.CORPUS_DIR)
if not CORPUS.is_dir():
    pytest.skip(
        f"external corpus not found at {CORPUS} (set PROVENANCE_CORPUS to use one)",
        allow_module_level=True,
    )


@pytest.fixture
def load():
    def load(name: str) -> Extraction:
        return extract((CORPUS / name).read_bytes())

    return load


def pairs(result: Extraction) -> set[tuple[str | None, str]]:
    return {(c.source, c.target) for c in result.citations}


def speakers(result: Extraction) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in result.quotes]


FOUNDING_EDGES = {
    ("Caliber.Az", "Axios"),
    ("Axios", "four US officials"),
    ("Axios", "a US official"),
    ("Axios", "Jake Sullivan"),
    ("Axios", "US officials"),
}
FOUNDING_QUOTES = [
    ("a US official", "Our trust of the Israelis is very low right now and for a good reason"),
    ("Jake Sullivan", "clarity and transparency"),
]


@pytest.mark.parametrize("name", ["caliber-axios-us-trust.html", "caliber-axios-us-trust.txt"])
def test_founding_article(name, load):
    result = load(name)
    assert result.publisher == "Caliber.Az"
    assert result.authors == ("Khagan Isayev",)
    assert result.title == "Axios: US losing trust in Israel amid uncoordinated military actions"
    assert pairs(result) == FOUNDING_EDGES
    assert speakers(result) == FOUNDING_QUOTES
    claim = result.claims[0]
    assert (claim.attributed_to, claim.chain) == (
        "four US officials",
        ("Caliber.Az", "Axios", "four US officials"),
    )


def test_founding_html_links_axios(load):
    result = load("caliber-axios-us-trust.html")
    axios = next(s for s in result.sources if s.name == "Axios")
    assert axios.url == "https://www.axios.com/"
    assert ("Caliber.Az", "Axios", "links_to") in {
        (c.source, c.target, c.relation) for c in result.citations
    }


def test_harbor_tariffs(load):
    result = load("01-harbor-tariffs.txt")
    assert (result.publisher, result.authors) == ("Northport Herald", ("Jonas Brekke",))
    assert pairs(result) == {
        ("Northport Herald", "Harbor Gazette"),
        ("Harbor Gazette", "internal memo"),
        ("Harbor Gazette", "Elin Sørvik"),
        ("Harbor Gazette", "two shipping executives"),
        ("Harbor Gazette", "ministry of trade"),
    }
    assert speakers(result) == [
        ("Elin Sørvik", "We are looking at every option to fund the dredging programme"),
        ("ministry of trade", "no decision has been taken"),
    ]
    executives = next(s for s in result.sources if s.kind == "anonymous")
    assert (executives.count, executives.anonymity_reason) == (2, "because the talks are private")
    memo = next(s for s in result.sources if s.kind == "document")
    assert (memo.name, memo.seen_by) == ("internal memo", "Harbor Gazette")


def test_vaccine_trial(load):
    result = load("02-vaccine-trial.html")
    assert result.publisher == "Meridian News Agency"
    assert result.authors == ("Priya Natarajan",)
    assert result.url == "https://meridian.example/health/nasal-flu-trial-halted"
    assert result.published_at == "2026-02-11T09:30:00+00:00"
    assert result.title == "Trial of nasal flu vaccine halted after safety signal"
    assert pairs(result) == {
        ("Meridian News Agency", "national trial registry"),
        ("Meridian News Agency", "BioLetter"),
        ("BioLetter", "two people familiar with the study"),
        ("Meridian News Agency", "Tomasz Wierzbicki"),
        ("Meridian News Agency", "Aiko Mori"),
        ("Meridian News Agency", "exchange data"),
    }
    assert speakers(result) == [
        (
            "Tomasz Wierzbicki",
            "Patient safety comes first, and we paused dosing as soon as the data monitoring "
            "committee asked us to",
        ),
        ("Aiko Mori", "not unusual in phase three"),
    ]
    urls = {s.name: s.url for s in result.sources if s.url}
    assert urls == {
        "national trial registry": "https://registry.example/trials/CT-2291",
        "BioLetter": "https://bioletter.example/corvane-pause",
    }


def test_circular_reporting_keeps_both_edges(load):
    result = load("03-circular.txt")
    assert result.publisher == "Valley Courier"
    assert result.authors == ()  # "By Staff Reporter" names no person
    assert pairs(result) == {
        ("Valley Courier", "Eastside Daily"),
        ("Eastside Daily", "Valley Courier"),
        ("Valley Courier", "Dana Holt"),
    }
    assert speakers(result) == [("Dana Holt", "heard the same rumours for a year")]


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("caliber-axios-us-trust.html", "text/html"), ("caliber-axios-us-trust.txt", "text/plain")],
)
def test_the_body_text_holds_every_claim_sentence_verbatim(name, media_type, load):
    result = load(name)
    assert result.media_type == media_type
    assert result.text.startswith(
        "The Biden administration has become increasingly distrustful of what the Israeli "
        "government says"
    )
    assert "Khagan Isayev" not in result.text  # the byline is metadata, not body
    assert [claim.sentence in result.text for claim in result.claims] == [True] * 10
    assert "text" not in result.as_dict()
