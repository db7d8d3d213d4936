"""Paragraphs to sentences, with the quotations in each found first.

Quotation marks are paired within one paragraph by a single left-to-right scan: a quotation
longer than `MAX_QUOTE` characters, or still open at the end of the paragraph, is treated as a
stray mark, so a lone opening quote never swallows the rest of the article and the work stays
linear. Sentence ends inside a quotation do not split the sentence ("...comes first. We
paused...," she said is one sentence). A "sentence" longer than `MAX_SENTENCE` characters is cut
into pieces of that size so that every later rule works on bounded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance.ingest.document import Anchor, Paragraph

MAX_QUOTE = 2000
MAX_SENTENCE = 1000
MASK = "\u2591"  # stands in for every character inside a quotation in `Sentence.masked`

_OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", '"': '"'}
_CLOSERS = {"\u201d", "\u00bb", '"', "\u201c"}
_MARKS = re.compile('["\u201c\u201d\u00ab\u00bb\u201e]')
_BOUNDARY = re.compile(
    r"(?:[.!?]+[)\]\u2019'\"\u201d\u00bb]*|[\"\u201d\u00bb])\s+(?=[A-Z0-9\"\u201c\u2018\u00ab(\[])"
)
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Jr|Sr|Inc|Corp|Co|"
    r"Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Rev|Hon|Pres|approx|"
    r"est|e\.g|i\.e|a\.m|p\.m|U\.S|U\.K|U\.N|E\.U)|\b[A-Z])\.$"
)


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: `start`/`end` include the marks, `text` is what is inside them."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    text: str
    masked: str  # `text` with the inside of each quotation replaced by MASK characters
    quotes: tuple[QuoteSpan, ...]
    anchors: tuple[Anchor, ...]
    paragraph: int
    starts_paragraph: bool


def quote_spans(text: str) -> list[QuoteSpan]:
    """The balanced quotations of one paragraph, in order."""
    spans: list[QuoteSpan] = []
    start = -1
    closer = ""
    for match in _MARKS.finditer(text):
        mark, pos = match.group(), match.start()
        if start >= 0 and pos - start > MAX_QUOTE:
            start = -1  # too long to be a quotation: the opener was a stray mark
        if start >= 0:
            if mark == closer or (mark in _CLOSERS and mark != "\u201c" and closer != "\u00bb"):
                inner = text[start + 1 : pos]
                if inner.strip():
                    spans.append(QuoteSpan(start, pos + 1, inner))
                start = -1
                continue
            if mark == '"' or mark not in _OPENERS:
                continue
        if mark in _OPENERS and _opens(text, pos, mark):
            start, closer = pos, _OPENERS[mark]
    if start >= 0 and len(text) - start <= MAX_QUOTE and _continues(text, start):
        # News style leaves a quotation open at the end of a paragraph when the next paragraph
        # goes on quoting: the open quotation runs to the end of its paragraph.
        spans.append(QuoteSpan(start, len(text), text[start + 1 :]))
    return spans


def _continues(text: str, start: int) -> bool:
    """Whether an unclosed opener starts a multi-paragraph quotation: it opens the paragraph or
    follows a colon or comma, and what follows is a few words of sentence."""
    lead = text[:start].rstrip()
    return (not lead or lead[-1] in ":,") and len(text[start + 1 :].split()) >= 4


def _opens(text: str, pos: int, mark: str) -> bool:
    if mark != '"':
        return True
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014\u2013-/:") and not after.isspace()


def mask_quotes(text: str, spans: list[QuoteSpan]) -> str:
    parts = []
    last = 0
    for span in spans:
        parts.append(text[last : span.start + 1])
        parts.append(MASK * (span.end - span.start - 2))
        last = span.end - 1
    parts.append(text[last:])
    return "".join(parts)


def split_sentences(paragraph: Paragraph, index: int) -> list[Sentence]:
    """The sentences of one paragraph, each with its quotations and links."""
    text = paragraph.text
    spans = quote_spans(text)
    masked = mask_quotes(text, spans)
    cuts = [0]
    for match in _BOUNDARY.finditer(masked):
        end = match.end()
        head = masked[match.start() : end].rstrip()
        if head[0] in '"\u201d\u00bb' and text[match.start() - 1 : match.start()] not in ".!?":
            continue  # a quotation ended, not a sentence
        if _ABBREVIATION.search(masked[max(0, match.start() - 6) : match.start() + 1]):
            continue
        cuts.append(end)
    cuts.append(len(text))
    bounds = []
    for begin, end in zip(cuts, cuts[1:], strict=False):
        while end - begin > MAX_SENTENCE:
            cut = masked.rfind(" ", begin, begin + MAX_SENTENCE)
            cut = cut if cut > begin else begin + MAX_SENTENCE
            bounds.append((begin, cut))
            begin = cut
        bounds.append((begin, end))
    sentences = []
    for begin, end in bounds:
        raw = text[begin:end]
        lead = len(raw) - len(raw.lstrip())
        begin += lead
        end = begin + len(raw.strip())
        if end <= begin:
            continue
        sentences.append(
            Sentence(
                text=text[begin:end],
                masked=masked[begin:end],
                quotes=tuple(
                    QuoteSpan(s.start - begin, s.end - begin, s.text)
                    for s in spans
                    if s.start >= begin and s.end <= end
                ),
                anchors=tuple(
                    Anchor(a.start - begin, a.end - begin, a.url, a.text)
                    for a in paragraph.anchors
                    if a.start >= begin and a.end <= end
                ),
                paragraph=index,
                starts_paragraph=begin == 0,
            )
        )
    return sentences
