"""Quotations credited without a speech verb: a transcript label, a colon after the subject,
"As X put it", a credit or a dash after the quotation, a paragraph ending in a colon."""

from __future__ import annotations

import re

from provenance.ingest.attribution.edges import Attribution, Edge
from provenance.ingest.attribution.lexicon import _MOOD_THEN_NAME
from provenance.ingest.attribution.speakers import _fragment, _leading_name, _named, _surname
from provenance.ingest.mentions import (
    Mention,
)
from provenance.ingest.phrases import np_after
from provenance.ingest.sentences import Sentence

_CREDIT_NAME = (
    r"(?P<who>(?:(?:an?|the)\s+(?:[a-z][\w-]*\s+)?)?"
    r"[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|[a-z-]+(?=\s+[A-Z]))){0,4})"
)
_CREDIT_TAIL = (
    r"(?:\s+(?:back|up|out|in))?(?:\s+[a-z]+ly)?"
    r"(?:\s+(?:with|at|to|in|on)\s+[^,.;]{1,30})?\s*[.!]?\s*$"
)
_QUOTE_THEN_CREDIT = re.compile(
    r"[\"\u201d]?\s*[,!?]?[\"\u201d]?\s+"
    + _CREDIT_NAME
    + r"\s+(?P<verb>[a-z]{3,}ed|shot|fired|shouted)"
    + _CREDIT_TAIL
)
_QUOTE_THEN_VERB_NAME = re.compile(
    r"[\"\u201d]?\s*[,!?]?[\"\u201d]?\s+(?P<verb>[a-z]{3,}ed)\s+"
    + _CREDIT_NAME
    + r"(?:,\s+[^\"\u201c\u201d,;]{1,80})?\s*[.!]?\s*$"
)

_TRANSCRIPT = re.compile(r"^(?P<name>[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){0,2}):\s+")
_NOT_A_SPEAKER_LABEL = frozenset(
    "update updated breaking exclusive note editor's note watch correction clarification "
    "live video photos analysis opinion related read more see also warning disclaimer "
    "source sources".split()
)

_AS_PUT = re.compile(
    r"(?:As|as)\s+(?P<who>[^,\s][^,]{1,80}?)\s+(?:has\s+|have\s+)?(?:put it|puts it|pointed out|"
    r"points out|observed|observes|wrote|writes|explained|explains|noted|notes|said|says|sang|"
    r"sings|declared|warned|argued|tweeted|quipped|joked|remarked)\b[^,]{0,40},$"
)
_DIGEST_CREDIT = re.compile(
    r"\s(?:-|--|\u2014|\u2013)\s*(?:More from\s+)?(?P<who>[A-Z][\w.'\u2019-]*"
    r"(?:\s+[A-Z][\w.'\u2019-]*){0,3}):$"
)
_DASH_CREDIT = re.compile(r"[,.]?\s*(?:\u2014|\u2013|--)\s*(?=[A-Z])")


def _credits(sentence: Sentence, result: Attribution, mention) -> None:
    """Quotes credited without a speech verb: a transcript line ("HOLT: ..."), a quote after a
    colon that follows the sentence's subject ("Holt put it bluntly: "..."") and a credit after
    a dash (""..." — Dana Holt")."""
    text, masked = sentence.text, sentence.masked
    if result.speakers:
        return
    transcript = _TRANSCRIPT.match(text)
    if (
        transcript
        and sentence.starts_paragraph
        and not set(transcript.group("name").casefold().split()) & _NOT_A_SPEAKER_LABEL
    ):
        # A speaker label in capitals is a person even as a lone surname ("HOLLIS:").
        who = Mention(transcript.group("name").title(), "person")
        if not _fragment(who):
            result.speakers.append((0, who))
            result.credited.add(0)
            result.edges.append(Edge(None, who, "quotes"))
            result.strip.append((0, transcript.end()))
            return
    for quote in sentence.quotes:
        lead = masked[: quote.start].rstrip()
        as_put = _AS_PUT.match(lead)
        if as_put:  # "As Holt put it last week, "..."": Holt's words
            who = _surname(_named(mention, as_put.group("who")))
            if isinstance(who, Mention) and who.kind in ("person", "organization", "outlet"):
                result.speakers.append((quote.start, who))
                result.credited.add(quote.start)
                result.edges.append(Edge(None, who, "quotes"))
                result.strip.append((0, as_put.end()))
                return
        if lead.endswith(":") and quote.start > 0:
            subject = _leading_name(text)
            digest = _DIGEST_CREDIT.search(lead)
            if digest:  # "POLLSTERS AGREE - Dana Holt: "..."": the name after the dash
                subject = (digest.group("who"), digest.start("who"))
            who = _named(mention, subject[0]) if subject else None
            if digest:
                who = _surname(who)
            if isinstance(who, Mention) and who.kind in ("person", "organization", "outlet"):
                result.speakers.append((quote.start, who))
                result.credited.add(quote.start)
                result.edges.append(Edge(None, who, "quotes"))
                return
        tail = _QUOTE_THEN_CREDIT.match(text, quote.end) or _QUOTE_THEN_VERB_NAME.match(
            text, quote.end
        )
        if tail and quote.start <= 1:
            # '"...," Holt shot back.' / '"...," opined the Harbor Ledger.': a sentence that is a
            # quotation and a credit, whatever the verb.
            phrase = tail.group("who")
            moody = _MOOD_THEN_NAME.match(phrase)
            who = _surname(_named(mention, moody.group("name") if moody else phrase))
            if isinstance(who, Mention) and who.kind in ("person", "organization", "outlet"):
                result.speakers.append((quote.end, who))
                result.credited.add(quote.end)
                result.edges.append(Edge(None, who, "quotes"))
                return
        dash = _DASH_CREDIT.match(text, quote.end)
        if dash:
            name, _ = np_after(text, dash.end())
            who = _named(mention, name) if name else None
            if isinstance(who, Mention) and who.kind == "person":
                result.speakers.append((quote.end, who))
                result.credited.add(quote.end)
                result.edges.append(Edge(None, who, "quotes"))
                return
    if not sentence.quotes and text.rstrip().endswith(":"):
        # "Ada Crane, 17, echoed:" / "Holt released the following statement:": the person
        # named first speaks the quotation that the next paragraph opens with.
        subject = _leading_name(text)
        who = _surname(_named(mention, subject[0])) if subject else None
        if isinstance(who, Mention) and who.kind == "person":
            result.speakers.append((len(text), who))
            result.credited.add(len(text))
        return
    # The person the sentence is about, named first, says the quotation in it when no verb
    # says so ("Dana Holt, the port's lawyer, welcomed "..."", "Holt reacted coolly: ...").
    # Short quotations stay out: a scare quote in a sentence about someone is not their speech.
    subject = _leading_name(text)
    if subject is None or not re.match(r",|\s+[a-z]", text[subject[1] : subject[1] + 2]):
        return
    spoken = [q for q in sentence.quotes if q.start > subject[1] and len(q.text.split()) >= 4]
    if not spoken:
        return
    who = _surname(_named(mention, subject[0]))
    if isinstance(who, Mention) and who.kind == "person":
        result.speakers.append((spoken[0].start, who))
        result.credited.add(spoken[0].start)
        result.edges.append(Edge(None, who, "quotes"))
