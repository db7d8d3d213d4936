"""Scores attribution extraction on PolNeAR, a public corpus of hand-annotated political news.

PolNeAR (Newell, Margolin & Ruths, LREC 2018; GitHub networkdynamics/PolNeAR) has 1,008 US news
articles from 7 outlets, each with brat stand-off annotations of attributions: a SOURCE, a CUE
and a CONTENT span tied together by an event line. The data stays outside this repository (the
texts are the publishers' copyright): point POLNEAR_DIR or --data at the folder that holds
`data/metadata.tsv`.

    POLNEAR_DIR=/work/data/PolNeAR .venv/bin/python bench/polnear_eval.py --split dev+test

Figures (tune on `train`; PolNeAR asks that dev and test stay unseen while developing):

- quotes, precision / recall / F1: a gold quote is a quoted passage (double quotes, NYT's ''
  read as ") lying at least half inside an annotated attribution's CONTENT; an extracted quote
  matches a quoted passage when they overlap by at least half of the longer one. An extracted
  quote that matches no gold quote is a false positive.
- speaker accuracy: over gold quotes that were found and whose SOURCE names someone (a proper
  noun, not "he" or "officials", nor a spelled-out count opening a sentence such as "Sixty-six
  percent"), the share whose extracted speaker shares a name word with it
  (titles such as "Rep." do not count as name words).
- named-source recall: the distinct named SOURCEs of an article that appear among its extracted
  sources.
- claims, precision / recall: an annotated CONTENT of at least 4 words matches a draft claim
  whose sentence overlaps it and which shares half the shorter side's words with it.

The first annotator listed in metadata.tsv is gold. Figures are printed overall and per outlet,
with errors counted by kind; --examples N prints N short, truncated examples of each kind
(for local debugging only: never paste corpus text into the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.ingest import extract  # noqa: E402
from provenance.names import normalize_name  # noqa: E402

SPLITS = ("train", "dev", "test")
_WORD = re.compile(r"[\w’'.-]+")
_NUMBER_WORD = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|half|most|many)(?:-[a-z]+)?$"
)
_NAME_STOP = frozenset(
    "he she they it we i you his her their its our my this that these those the a an one some "
    "mr mrs ms dr sen rep gov gen lt col rev president vice sen. rep. gov. mr. mrs. ms. dr. "
    "senator representative governor spokeswoman spokesman spokesperson secretary former "
    "democratic republican democrat republicans democrats candidate nominee chairman director "
    "ceo chief press speaker house leader minority majority mayor attorney general officials "
    "official aides aide sources source people advisers adviser".split()
)


@dataclass
class Attribution:
    source: tuple[int, int] | None
    source_text: str
    contents: list[tuple[int, int]]
    content_text: str


@dataclass
class Article:
    stem: str
    outlet: str
    text: str  # NYT's '' already read as "
    attributions: list[Attribution]


@dataclass
class Tally:
    quotes_gold: int = 0
    quotes_found: int = 0
    quotes_matched_gold: int = 0
    quotes_matched_found: int = 0
    speakers_scored: int = 0
    speakers_right: int = 0
    named_gold: int = 0
    named_found: int = 0
    claims: int = 0
    claims_right: int = 0
    contents: int = 0
    contents_found: int = 0
    articles: int = 0
    errors: Counter = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            if name == "errors":
                self.errors.update(other.errors)
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float | int]:
        precision = _ratio(self.quotes_matched_found, self.quotes_found)
        recall = _ratio(self.quotes_matched_gold, self.quotes_gold)
        return {
            "articles": self.articles,
            "quote_precision": precision,
            "quote_recall": recall,
            "quote_f1": _f1(precision, recall),
            "speaker_accuracy": _ratio(self.speakers_right, self.speakers_scored),
            "speakers_scored": self.speakers_scored,
            "named_source_recall": _ratio(self.named_found, self.named_gold),
            "named_sources": self.named_gold,
            "claim_precision": _ratio(self.claims_right, self.claims),
            "claim_recall": _ratio(self.contents_found, self.contents),
            "claims": self.claims,
            "contents": self.contents,
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


# -- reading the corpus ---------------------------------------------------------------------------


def read_split(data: Path, splits: list[str]) -> list[Article]:
    metadata = data / "data" / "metadata.tsv"
    if not metadata.is_file():
        raise SystemExit(f"{metadata}: not found (set POLNEAR_DIR or --data to PolNeAR's folder)")
    articles = []
    with metadata.open(encoding="utf-8") as rows:
        header = rows.readline().rstrip("\n").split("\t")
        for row in rows:
            record = dict(zip(header, row.rstrip("\n").split("\t"), strict=False))
            if record.get("compartment") not in splits:
                continue
            folder = data / "data" / record["compartment"]
            stem = record["filename"]
            annotator = record["annotators"].split("|")[0]
            raw = (folder / "text" / f"{stem}.txt").read_text(encoding="utf-8")
            ann = (folder / "attributions" / f"{stem}_{annotator}.ann").read_text(encoding="utf-8")
            text, shift = _straighten(raw)
            articles.append(Article(stem, record["publisher"], text, _read_ann(ann, raw, shift)))
    return articles


def _straighten(raw: str) -> tuple[str, list[int]]:
    """NYT's '' as ", and the map from raw offsets to the new ones."""
    shift = []
    out = []
    index = 0
    while index < len(raw):
        shift.append(len(out))
        if raw.startswith("''", index):
            out.append('"')
            shift.append(len(out))
            index += 2
            continue
        out.append(raw[index])
        index += 1
    shift.append(len(out))
    return "".join(out), shift


def _read_ann(ann: str, raw: str, shift: list[int]) -> list[Attribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, where = parts[1].partition(" ")
            pieces = []
            for piece in where.split(";"):
                start, end = piece.split()
                pieces.append((shift[int(start)], shift[int(end)]))
            spans[parts[0]] = (label, pieces)
        elif parts[0].startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    attributions = []
    for event in events:
        source = spans.get(event.get("Source", ""))
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        source_span = (source[1][0][0], source[1][-1][1]) if source else None
        attributions.append(
            Attribution(
                source=source_span,
                source_text="",
                contents=content[1],
                content_text="",
            )
        )
    return attributions


def _fill(article: Article) -> None:
    for attribution in article.attributions:
        if attribution.source:
            attribution.source_text = article.text[slice(*attribution.source)]
        attribution.content_text = " ".join(article.text[s:e] for s, e in attribution.contents)


# -- quoted passages ------------------------------------------------------------------------------


def quoted_passages(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotes, paired per paragraph; an opener left open runs to the end of
    its paragraph (the news convention for a quote that continues in the next one)."""
    passages = []
    offset = 0
    for paragraph in text.split("\n"):
        start = None
        for match in re.finditer('[\u201c\u201d"]', paragraph):
            mark, at = match.group(), match.start()
            if start is None:
                if mark != "\u201d":
                    start = at + 1
            elif mark != "\u201c":
                if at > start:
                    passages.append((offset + start, offset + at))
                start = None
        if start is not None and len(paragraph) - start > 1:
            passages.append((offset + start, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return passages


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _locate(text: str, needle: str, cursor: int) -> tuple[int, int] | None:
    """Where the extractor's text lies in the article; its white space may be squashed (a
    no-break space read as a space, lines joined), so a plain search falls back to one that
    lets any run of white space stand for any other."""
    needle = needle.strip()
    if not needle:
        return None
    at = text.find(needle, cursor)
    if at < 0:
        at = text.find(needle)
    if at >= 0:
        return at, at + len(needle)
    pattern = re.compile(r"\s+".join(re.escape(word) for word in needle.split()))
    found = pattern.search(text, cursor) or pattern.search(text)
    return found.span() if found else None


# -- names ----------------------------------------------------------------------------------------


def name_words(phrase: str, lowercase_words: set[str]) -> set[str]:
    """The proper-name words of a phrase: capitalised, not a title, pronoun or determiner, and
    (for the phrase's first word) not a common word capitalised by the sentence start."""
    words = set()
    for index, match in enumerate(_WORD.finditer(phrase)):
        token = match.group().strip(".-’'")
        token = re.sub(r"[’']s$", "", token)
        if not token or not token[0].isupper():
            continue
        key = normalize_name(token)
        if key in _NAME_STOP or key.rstrip(".") in _NAME_STOP:
            continue
        if index == 0 and key in lowercase_words:
            continue
        if _NUMBER_WORD.match(key):
            continue  # "Sixty-six percent said": a count opening the sentence, not a name
        words.add(key)
    return words


def _same_source(gold: set[str], found: str) -> bool:
    predicted = {
        normalize_name(re.sub(r"[’']s$", "", w.strip(".-’'"))) for w in _WORD.findall(found or "")
    }
    predicted -= _NAME_STOP
    return bool(gold & predicted)


# -- scoring --------------------------------------------------------------------------------------


def score(article: Article, result, examples: dict[str, list[str]], keep: int) -> Tally:
    tally = Tally(articles=1)
    text = article.text
    lowercase_words = {w for w in re.findall(r"\b[a-z][a-z’'-]+\b", text)}

    def note(kind: str, detail: str) -> None:
        tally.errors[kind] += 1
        if len(examples[kind]) < keep:
            examples[kind].append(f"{article.stem}: {detail[:90]}")

    # gold quotes: passages at least half inside one attribution's content
    gold_quotes: list[tuple[tuple[int, int], Attribution]] = []
    for passage in quoted_passages(text):
        length = passage[1] - passage[0]
        for attribution in article.attributions:
            inside = sum(_overlap(passage, c) for c in attribution.contents)
            if inside * 2 >= length:
                gold_quotes.append((passage, attribution))
                break
    found_quotes = []
    cursor = 0
    for quote in result.quotes:
        span = _locate(text, quote.text, cursor)
        if span is not None:
            cursor = span[0]
            found_quotes.append((span, quote))
    tally.quotes_gold = len(gold_quotes)
    tally.quotes_found = len(found_quotes)
    matched_found = set()
    for passage, attribution in gold_quotes:
        match = None
        for index, (span, quote) in enumerate(found_quotes):
            if _overlap(passage, span) * 2 >= max(passage[1] - passage[0], span[1] - span[0]):
                match = (index, quote)
                break
        if match is None:
            note("quote missed", text[slice(*passage)])
            continue
        tally.quotes_matched_gold += 1
        matched_found.add(match[0])
        gold_names = name_words(attribution.source_text, lowercase_words)
        if not gold_names:
            continue
        tally.speakers_scored += 1
        speaker = match[1].speaker
        if speaker and _same_source(gold_names, speaker):
            tally.speakers_right += 1
        elif speaker is None:
            note("speaker missing", f"{attribution.source_text!r} <- {match[1].text}")
        else:
            note("speaker wrong", f"{speaker!r} for {attribution.source_text!r}: {match[1].text}")
    tally.quotes_matched_found = len(matched_found)
    for index, (_, quote) in enumerate(found_quotes):
        if index not in matched_found:
            note("quote spurious", f"{quote.speaker!r}: {quote.text}")

    # named sources
    named: dict[str, set[str]] = {}
    for attribution in article.attributions:
        words = name_words(attribution.source_text, lowercase_words)
        if words:
            named.setdefault(min(words), words)
    merged: list[set[str]] = []
    for words in named.values():
        for group in merged:
            if group & words:
                group |= words
                break
        else:
            merged.append(set(words))
    tally.named_gold = len(merged)
    sources = [s.name for s in result.sources]
    for group in merged:
        if any(_same_source(group, name) for name in sources):
            tally.named_found += 1
        else:
            note("named source missed", " / ".join(sorted(group)))

    # claims
    contents = [a for a in article.attributions if len(a.content_text.split()) >= 4 and a.contents]
    tally.contents = len(contents)
    claim_spans = []
    cursor = 0
    for claim in result.claims:
        span = _locate(text, claim.sentence, cursor)
        if span is not None:
            cursor = span[0]
        claim_spans.append((span, claim))
    tally.claims = len(claim_spans)
    content_found = set()
    for span, claim in claim_spans:
        right = False
        claim_words = set(re.findall(r"\w+", claim.text.casefold()))
        for index, attribution in enumerate(contents):
            if span is None or not any(_overlap(span, c) for c in attribution.contents):
                continue
            content_words = set(re.findall(r"\w+", attribution.content_text.casefold()))
            shorter = min(len(claim_words), len(content_words))
            if shorter and len(claim_words & content_words) * 2 >= shorter:
                right = True
                content_found.add(index)
        if right:
            tally.claims_right += 1
        else:
            note("claim spurious", claim.text)
    tally.contents_found = len(content_found)
    for index, attribution in enumerate(contents):
        if index not in content_found:
            note("claim missed", attribution.content_text)
    return tally


def run(articles: list[Article], keep: int) -> tuple[Tally, dict[str, Tally], dict, float]:
    overall = Tally()
    outlets: dict[str, Tally] = defaultdict(Tally)
    examples: dict[str, list[str]] = defaultdict(list)
    spent = 0.0
    for article in articles:
        _fill(article)
        started = time.process_time()  # CPU time: the machine's load does not move it
        result = extract(article.text, content_type="text/plain")
        spent += time.process_time() - started
        tally = score(article, result, examples, keep)
        overall.add(tally)
        outlets[article.outlet].add(tally)
    return overall, dict(sorted(outlets.items())), examples, spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.environ.get("POLNEAR_DIR"), help="PolNeAR folder")
    parser.add_argument(
        "--split", default="train", help="train, dev, test or a '+' list (default train)"
    )
    parser.add_argument("--examples", type=int, default=0, help="examples printed per error")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.data:
        parser.error("set POLNEAR_DIR or --data to the PolNeAR folder")
    splits = args.split.split("+")
    if not set(splits) <= set(SPLITS):
        parser.error(f"--split: choose from {', '.join(SPLITS)} (joined with '+')")
    articles = read_split(Path(args.data), splits)
    overall, outlets, examples, spent = run(articles, args.examples)
    figures = overall.figures()
    figures["articles_per_second"] = round(len(articles) / spent, 1) if spent else 0.0
    command = f"POLNEAR_DIR={args.data} .venv/bin/python bench/polnear_eval.py --split {args.split}"
    if args.json:
        print(
            json.dumps(
                {
                    "split": args.split,
                    "command": command,
                    "overall": figures,
                    "outlets": {name: t.figures() for name, t in outlets.items()},
                    "errors": dict(overall.errors.most_common()),
                },
                indent=2,
            )
        )
        return 0
    print(f"PolNeAR {args.split}: {len(articles)} articles")
    header = f"{'outlet':<14}{'n':>5}{'quote P':>9}{'R':>7}{'F1':>7}{'speaker':>9}"
    header += f"{'named R':>9}{'claim P':>9}{'claim R':>9}"
    print(header)
    for name, tally in [*outlets.items(), ("ALL", overall)]:
        f = tally.figures()
        print(
            f"{name:<14}{f['articles']:>5}{f['quote_precision']:>9.3f}{f['quote_recall']:>7.3f}"
            f"{f['quote_f1']:>7.3f}{f['speaker_accuracy']:>9.3f}{f['named_source_recall']:>9.3f}"
            f"{f['claim_precision']:>9.3f}{f['claim_recall']:>9.3f}"
        )
    print(
        f"speakers scored {figures['speakers_scored']}, named sources {figures['named_sources']},"
        f" claims {figures['claims']}, contents {figures['contents']}"
    )
    print(f"extraction: {figures['articles_per_second']} articles per CPU-second (one core)")
    print("errors by kind:")
    for kind, count in overall.errors.most_common():
        print(f"  {kind:<22}{count:>6}")
        for example in examples.get(kind, []):
            print(f"      {example}")
    print(f"reproduce: {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
