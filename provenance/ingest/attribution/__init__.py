"""Sentence-level attribution rules: who, according to the sentence, said or supplied what.

`attribute` reads one sentence and returns its edges. An edge whose `source` is None starts at the
sentence's *voice*, which the caller decides (the publisher, or the article's main cited outlet
in a rewrite). Rules, each general newsroom phrasing:

- "X reports, citing Y" / "X has learned, citing a report by Y" / ", citing Y": X (or voice) -> Y
- "X, which cited Y": X -> Y;  "X, in turn, attributed the news to Y": X -> Y
- "according to Y" / "(as) first reported by Y": voice -> Y; a document "seen by Z": Z -> document
- "Y said / told Z / stated / added / noted / ...", quote-before ("...," Y said / said Y) and
  quote-after (Y said: "..." / Y stated, "..."); "told Z" where Z is an outlet makes Z the voice
- "data showed", "a filing with the registry": documents; "on condition of anonymity because R"
- "X has learned" / "X reports" where X is the publisher: the sentence is in the publisher's voice

All matching runs on the sentence with quotations masked (words inside quotes never trigger a
rule), with bounded look-behind and look-ahead, so the cost stays linear in the text.

The rules live by family: `speech` (cue verbs), `subjects` (participles, intentions, subjects
found by position), `credits` (quotations credited without a verb), `speakers` (who a phrase
names), `lexicon` (verb sets and shared regexes), `edges` (`Edge`, `Attribution`); the citation
rules ("citing", "according to", "reported by", "which cited", "attributed to", "has learned")
are `attribute`'s own.
"""

from __future__ import annotations

import re

from provenance.ingest.attribution.credits import _credits
from provenance.ingest.attribution.edges import Attribution, Edge
from provenance.ingest.attribution.lexicon import _ANONYMITY, _PASSIVE, SPEECH_VERBS, STANCE_VERBS
from provenance.ingest.attribution.speakers import _described_object, leading_name
from provenance.ingest.attribution.speech import _comma_before, _speech
from provenance.ingest.attribution.subjects import _intention, _participle, _participle_clause
from provenance.ingest.mentions import Mention, classify, clean_phrase
from provenance.ingest.phrases import LOOK, np_after, np_before
from provenance.ingest.sentences import Sentence

__all__ = ["SPEECH_VERBS", "STANCE_VERBS", "Attribution", "Edge", "attribute", "leading_name"]

_CITING = re.compile(r"\bciting\s+")
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.I)
_IN_SURVEY = re.compile(
    r"\b(?:[Ii]n|[Ff]rom)\s+(?=(?:a|an|the|its|their|recent|new|latest|[A-Z][\w.&'\u2019/-]*)\s+"
    r"(?:[\w.&'\u2019/-]+\s+){0,5}?(?i:polls?|surveys?|study|reports?|analysis|tally|count|"
    r"audit|average)\b)"
)
_SURVEY_TAIL = re.compile(r"\s+(?:the same|last|this|earlier)\b")
_REPORTED_BY = re.compile(
    r"\b(?:(?:first|initially|originally|earlier|previously)\s+)?reported\s+"
    r"(?:(?:first|earlier|previously)\s+)?by\s+",
    re.I,
)
_CITED = re.compile(r"\b(?:cited|cites|quoted|quotes)\s+(?!as\b)")
_WHICH_CITED = re.compile(r",\s*which\s+(?:cited|quoted|cites|quotes|was citing|is citing)\s+")
_ATTRIBUTED = re.compile(
    r"\battributed\s+(?:(?:the|this|that|its|their|his|her)\s+\w+\s+|it\s+|them\s+)?to\s+"
)
_HAS_LEARNED = re.compile(r"\b(?:has|have|had)\s+learned\b|\blearned\b(?=,)")
_REPORT_VERB_END = re.compile(
    r"(?P<verb>\b(?:reports|reported|has reported|had reported|has learned|learned|said|says|"
    r"wrote|writes|added|notes|noted))(?:\s+on\s+\w+)?\s*,?\s*$"
)


def attribute(
    sentence: Sentence,
    *,
    known_outlets: frozenset[str],
    is_publisher,
) -> Attribution:
    """Apply every rule to one sentence."""
    text, masked = sentence.text, sentence.masked
    result = Attribution()

    def mention(phrase: str, hint: str | None = None) -> Mention | str | None:
        return classify(phrase, hint, known_outlets)

    for match in _HAS_LEARNED.finditer(masked):
        found = np_before(masked, match.start())
        if found and isinstance(who := mention(found[0], "reporter"), Mention):
            if is_publisher(who):
                result.publisher_voice = True
            else:
                result.voice = who
            result.strip.append((found[1], match.end()))

    for match in _CITING.finditer(masked):
        phrase, end = np_after(text, match.end())
        target = mention(phrase, "outlet")
        if not isinstance(target, Mention):
            continue
        prefix = masked[max(0, match.start() - LOOK) : match.start()]
        verb = _REPORT_VERB_END.search(prefix)
        source = None
        strip_from = match.start()
        if verb:
            at = match.start() - len(prefix) + verb.start()
            found = np_before(masked, at)
            who = mention(found[0], "reporter") if found else None
            if isinstance(who, Mention):
                source = who
                strip_from = found[1]
                if is_publisher(who):
                    result.publisher_voice = True
                else:
                    result.edges.append(Edge(None, who, "cites"))
        else:
            # "Bloomberg, citing unnamed officials, reported ...": an outlet in apposition.
            found = np_before(masked, match.start())
            who = mention(found[0]) if found else None
            if isinstance(who, Mention) and who.kind == "outlet" and not is_publisher(who):
                source = who
                result.edges.append(Edge(None, who, "cites"))
        strip_from = _comma_before(text, strip_from)
        if target.kind == "document" and target.seen_by is not None:
            result.edges.append(Edge(source, target.seen_by, "cites"))
            result.edges.append(Edge(target.seen_by, target, "cites"))
        else:
            result.edges.append(Edge(source, target, "cites"))
        result.via = result.via or target
        result.citer = result.citer or source
        result.strip.append((strip_from, end))

    for match in _WHICH_CITED.finditer(masked):
        found = np_before(masked, match.start())
        phrase, end = np_after(text, match.end())
        who = mention(found[0], "outlet") if found else None
        target = mention(phrase)
        if isinstance(who, Mention) and isinstance(target, Mention):
            result.edges.append(Edge(who, target, "cites"))
            result.strip.append((match.start(), end))

    for match in _CITED.finditer(masked):
        phrase, end = np_after(text, match.end())
        target = mention(phrase)
        found = np_before(masked, match.start())
        who = mention(found[0], "reporter") if found else None
        if not isinstance(target, Mention) or not isinstance(who, Mention):
            continue
        if who.kind == "outlet" and not is_publisher(who):
            result.edges.append(Edge(None, who, "cites"))
        result.edges.append(Edge(None if is_publisher(who) else who, target, "cites"))
        result.strip.append((found[1], end))

    for pattern in (_ACCORDING, _REPORTED_BY, _IN_SURVEY):
        for match in pattern.finditer(masked):
            phrase, end = np_after(text, match.end())
            if pattern is _IN_SURVEY:  # "in a Harbor Radio poll the same month": the poll
                phrase = _SURVEY_TAIL.split(phrase, maxsplit=1)[0]
            target = mention(phrase, "reporter" if pattern is _REPORTED_BY else None)
            if target == "pronoun" and pattern is _ACCORDING:
                target = Mention(clean_phrase(phrase).casefold(), "pronoun")
            elif not isinstance(target, Mention) and pattern is _ACCORDING:
                # Whatever "according to" names is the sentence's source, even a description
                # no lexicon knows ("according to the timeline", "according to some on Twitter").
                target = _described_object(phrase)
            if not isinstance(target, Mention):
                continue
            if target.seen_by is not None:
                result.edges.append(Edge(None, target.seen_by, "cites"))
                result.edges.append(Edge(target.seen_by, target, "cites"))
            else:
                result.edges.append(Edge(None, target, "cites"))
            start = match.start()
            window = masked[max(0, start - 20) : start]
            lead = re.search(r"(?:,\s*)?(?:(?:as|was|were|has been|had been)\s+)?$", window)
            lead_start = start - len(window) + lead.start() if lead else start
            result.strip.append((lead_start, end))

    for match in _ATTRIBUTED.finditer(masked):
        phrase, end = np_after(text, match.end())
        target = mention(phrase, "outlet")
        if not isinstance(target, Mention):
            continue
        for index, quote in enumerate(sentence.quotes):
            if quote.start >= match.end() - 1 and quote.start <= match.end() + 1:
                result.not_speech.add(index)
        source = None
        strip_from = match.start()
        if not _PASSIVE.search(masked[: match.start()]):
            found = np_before(masked, match.start())
            who = mention(found[0], "outlet") if found else None
            source = who if isinstance(who, Mention) else None
            strip_from = found[1] if source is not None else strip_from
        result.edges.append(Edge(source, target, "cites"))
        result.strip.append((_comma_before(text, strip_from), end))

    _speech(sentence, result, mention, is_publisher)
    _participle(sentence, result, mention)
    _credits(sentence, result, mention)
    if not result.edges:
        _intention(sentence, result, mention, is_publisher)
    if not result.edges:
        _participle_clause(sentence, result, mention, is_publisher)

    anonymity = _ANONYMITY.search(masked)
    if anonymity and anonymity.group("reason"):
        result.anonymity_reason = anonymity.group("reason").strip()
    return result
