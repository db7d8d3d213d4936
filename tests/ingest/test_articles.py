"""The project's own articles (provenance/fixtures/articles/): each extracts to its gold chain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.fixtures import ARTICLES_DIR
from provenance.ingest import Extraction, extract
from provenance.names import normalize_name

GOLD = sorted(ARTICLES_DIR.rglob("*.json"))


def articles_of(gold: Path) -> list[Path]:
    """The article files a gold file annotates: NAME.html and/or NAME.txt."""
    return [
        path for path in (gold.with_suffix(".html"), gold.with_suffix(".txt")) if path.is_file()
    ]


def load(name: str) -> Extraction:
    return extract((ARTICLES_DIR / name).read_bytes())


def pairs(result: Extraction) -> set[tuple[str, str]]:
    """Who relies on whom, by normalised name; links are a separate signal (test below)."""
    return {
        (normalize_name(c.source or ""), normalize_name(c.target))
        for c in result.citations
        if c.relation != "links_to"
    }


def test_every_gold_file_annotates_an_article():
    assert len(GOLD) >= 5
    for gold in GOLD:
        assert articles_of(gold), f"{gold.name} annotates no .html or .txt beside it"


@pytest.mark.parametrize(
    "article",
    [path for gold in GOLD for path in articles_of(gold)],
    ids=lambda path: path.name,
)
def test_the_article_extracts_to_its_gold_chain(article: Path):
    gold = json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))
    result = extract(article.read_bytes())
    assert result.publisher == gold["publisher"]
    assert list(result.authors) == gold["authors"]
    assert result.title == gold["title"]
    for key in ("url", "published_at"):
        if key in gold:
            assert getattr(result, key) == gold[key]
    assert pairs(result) == {
        (normalize_name(c["from"]), normalize_name(c["to"])) for c in gold["citations"]
    }
    assert [(normalize_name(q.speaker or ""), q.text) for q in result.quotes] == [
        (normalize_name(q["speaker"]), q["text"]) for q in gold["quotes"]
    ]
    extracted = {normalize_name(s.name): s.kind for s in result.sources}
    for source in gold["sources"]:
        assert extracted.get(normalize_name(source["name"])) == source["kind"], source["name"]


def test_the_founding_chain_runs_through_axios():
    result = load("founding-chain.html")
    claim = result.claims[0]
    assert (claim.attributed_to, claim.chain) == (
        "four US officials",
        ("Caliber.Az", "Axios", "four US officials"),
    )
    axios = next(s for s in result.sources if s.name == "Axios")
    assert axios.url == "https://www.axios.com/"
    assert ("Caliber.Az", "Axios", "links_to") in {
        (c.source, c.target, c.relation) for c in result.citations
    }


def test_anonymous_sources_keep_their_count_and_reason():
    result = load("harbor-levy.txt")
    executives = next(s for s in result.sources if s.kind == "anonymous")
    assert (executives.count, executives.anonymity_reason) == (2, "because the talks are private")
    memo = next(s for s in result.sources if s.kind == "document")
    assert (memo.name, memo.seen_by) == ("internal memo", "Harbor Gazette")


def test_links_give_cited_sources_their_address():
    result = load("nasal-vaccine.html")
    urls = {s.name: s.url for s in result.sources if s.url}
    assert urls == {
        "national trial registry": "https://registry.example/trials/CT-2291",
        "BioLetter": "https://bioletter.example/corvane-pause",
    }


def test_a_staff_byline_names_no_one():
    assert load("mayor-loop.txt").authors == ()


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("founding-chain.html", "text/html"), ("founding-chain.txt", "text/plain")],
)
def test_the_body_text_holds_every_claim_sentence_verbatim(name, media_type):
    result = load(name)
    assert result.media_type == media_type
    assert result.text.startswith(
        "The Biden administration has become increasingly distrustful of what the Israeli "
        "government says"
    )
    assert "Khagan Isayev" not in result.text  # the byline is metadata, not body
    assert result.claims
    assert all(claim.sentence in result.text for claim in result.claims)
    assert "text" not in result.as_dict()
