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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from provenance.ingest.mentions import (
    ANON_HEADS,
    ORG_WORDS,
    TITLES,
    Mention,
    classify,
    clean_phrase,
    document_headed,
    strip_article,
)
from provenance.ingest.phrases import LOOK, np_after, np_before
from provenance.ingest.sentences import MASK, Sentence
from provenance.names import normalize_name

SPEECH_VERBS = frozenset(
    """
    said says say told tells stated states added adds noted notes explained explains wrote writes
    acknowledged acknowledges conveyed conveys emphasized emphasised emphasizes stressed stresses
    warned warns insisted insists claimed claims argued argues announced announces confirmed
    confirms denied denies reported reports posted tweeted tweets testified cautioned disclosed
    admitted admits recalled replied responded commented remarked asserted asserts maintained
    maintains contended contends declared declares highlighted expressed showed shows show
    indicated indicates suggested suggests found estimated estimates revealed reveals concluded
    concludes asked asks called urged urges vowed pledged predicted predicts questioned charged
    complained complains joked quipped boasted boasts bragged lamented conceded concedes
    countered retorted demanded proclaimed mocked touted rejected rejects dismissed dismisses
    defended defends accused accuses blamed blames praised criticized criticised criticizes
    described describes dubbed labeled labelled branded slammed blasted ripped hammered attacked
    condemned condemns denounced denounces decried decries lambasted upbraided scolded chided
    ridiculed derided hailed lauded applauded welcomed alleged alleges threatened threatens
    pleaded observed observes wondered mused reiterated reiterates recounted recounts signaled
    signalled hinted believes believed thinks feels hoped fears feared worried agreed agrees
    disagreed disagrees answered proposed proposes repeated shouted yelled thanked apologized
    clarified summarized characterized characterizes continued continues assured assures
    reassured responds replies related offered insisted reacted reacts gloated emailed scoffed
    finds
    """.split()
) | frozenset(
    # Reported positions are attributions as much as speech is ("the campaign believes that",
    # "critics argue", "she knew it"); see `_POSITION_VERBS` for when they count.
    """
    argue believe believes think thought feel felt hope hoping fear fears expect expects
    expected insist suggest claim agree note warn worry worries worried predict contend maintain
    acknowledge admit deny recall allege assert doubt doubts doubted reckons figured assumes
    assumed knows knew understands understood recognized recognizes tweet write announce
    """.split()
)
# Verbs of stance ("the union endorsed Lund", "Holt has railed against the levy"): a position
# the subject holds, which news attributes as it does speech, though it quotes no words. A
# weaker cue than speech: the speakers they find carry `STANCE` confidence. Intentions ("plans
# to", "declined to") stay no attribution: they report what someone will do, not a statement.
STANCE_VERBS = frozenset(
    """
    endorsed endorses endorse backed backs supported supports opposed opposes championed
    champions advocated advocates promised promises voiced voices railed rails repudiated
    repudiates disparaged disparages demonized intimated knocked demeaned favored favors
    favours embraced embraces
    """.split()
)
# Verbs of belief and expectation also take a plain object ("the US expects clarity", "fears
# retaliation"), which reports no statement: they count only before a clause ("that ...", a
# pronoun subject).
_POSITION_VERBS = frozenset(
    """
    hope hoping hopes hoped fear fears feared expect expects expected worry worries worried
    doubt doubts doubted knows knew understands understood recognized recognizes feel feels felt
    figured assumes assumed reckons agree agrees agreed assured assures reassured
    """.split()
)
# Speech in the progressive ("is telling reporters", "was asking the board"), only after a
# form of "to be".
_PROGRESSIVE = frozenset(
    "saying telling arguing asking urging calling warning claiming insisting promising "
    "suggesting predicting touting blaming accusing criticizing praising demanding vowing "
    "pledging signaling hinting stressing reaffirming".split()
)
_BE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been|am)\s+(?:(?:also|now|still|already|increasingly|again|openly|"
    r"publicly|privately|quietly|repeatedly|even|loudly)\s+)?$"
)
_CUE_VERBS = SPEECH_VERBS | STANCE_VERBS | _PROGRESSIVE
_PARTICIPLE = re.compile(
    r",\s+(?:(?:also|then|later|again|while|even)\s+)?(?:saying|arguing|adding|noting|claiming|"
    r"insisting|warning|explaining|writing|calling|accusing|describing|declaring|asserting|"
    r"suggesting|contending|acknowledging|stressing|predicting|telling|urging|vowing|"
    r"promising|pledging|charging|complaining|lamenting|touting|boasting)\b"
)
_QUOTE_THEN_NAME = re.compile(
    r"[\"\u201d\u2591],?\s+(?:[A-Z][\w.'\u2019-]*\s+){1,4}$"
)  # '"...," Lund assured': the quotation before the speaker
_CLAUSE_FOLLOWS = re.compile(
    r"\s*,?\s*(?:that\b|(?:he|she|they|it|we|I|there|his|her|their|its)\s)"
)
_WORD = re.compile(r"\b(?P<verb>[a-z]+)\b")
# One scan over the words and a set look-up: a regex alternation of every verb tries each one
# at every position and made extraction three times slower.
_DOCUMENT_VERBS = frozenset(
    "showed shows show indicated indicates suggested suggests found estimated estimates "
    "revealed reveals concluded concludes finds".split()
)
# A finding reported by someone, not only by a document, when a clause follows ("Holt
# suggested that ...", "the auditors concluded the port had overpaid").
_FINDING_VERBS = frozenset(
    "suggested suggests indicated indicates revealed reveals estimated estimates concluded "
    "concludes found finds".split()
)
_CLAUSE_VERBS = frozenset(
    "said says stated states added adds noted notes acknowledged warned warns claimed claims "
    "argued argues insisted insists told tells wrote writes believes believed thinks feels "
    "hoped fears feared predicted predicts suggested suggests explained announced conceded "
    "concedes admitted admits acknowledges alleged alleges contended contends maintained "
    "asserted declared reiterated recalled promised vowed pledged think thought knew knows "
    "doubts doubted expects expected hopes worries worried argue believe insist".split()
)
_INVERTIBLE = frozenset(
    "said says added told wrote noted explained stated asked continued argued insisted warned "
    "recalled tweeted replied responded countered quipped joked observed remarked cautioned "
    "reacted scoffed agrees agreed adds explains notes argues writes recalls continues insists "
    "warns asks admits admitted conceded concedes offered remarks "
    "concluded declared announced recounted".split()
)
# Inverted after a comma ("..., said Dana Holt"), unlike "told" or "asked", whose object
# follows them.
_SAID = frozenset(
    "said says added adds wrote writes noted notes explained explains continued continues "
    "recalled stated argued argues insisted insists observed remarked concluded".split()
)
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
_ANONYMITY = re.compile(
    r"\b(?:on\s+(?:the\s+)?condition\s+of\s+anonymity|anonymously|on\s+condition\s+that\s+"
    r"(?:they|he|she)\s+not\s+be\s+(?:named|identified))"
    r"(?:\s*,?\s*(?P<reason>(?:because|as|since|to)\s+[^,.;\u2591]{3,160}))?"
)
_CHANNEL = re.compile(
    r"(?:\s+by\s+(?:(?:tele)?phone|e-?mail|text|video|satellite|letter|fax))?"
    r"(?:\s+(?:in|on|during|at|via|through)\s+(?:a|an|the|his|her|their|its)?\s*"
    r"(?:[\w-]+\s+){0,2}?(?:statement|interview|post|briefing|call|e-?mail|social media|"
    r"conference|hearing|letter|note|video|release|message|speech|podcast|filing)s?)?"
    r"(?:\s+on\s+\w+day)?(?:\s+(?:on condition of anonymity|anonymously))?(?:\s*,?\s*that)?"
)
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bdeclined to|\brefused to|\bwould)\s+$")
_AUXILIARY = re.compile(
    r"(?:\s+(?:has|have|had|also|later|then|again|repeatedly|previously|often|once|long|"
    r"publicly|privately|recently|further|reportedly|frequently|initially|first|just|"
    r"already|even|similarly|likewise|quickly|simply|flatly|angrily|bluntly|sharply|"
    r"openly|strongly|firmly|bitterly|falsely|famously|memorably|pointedly|still|now|"
    r"himself|herself|themselves|itself|personally|ultimately|eventually|later|since|"
    r"privately|last\s+\w+|on\s+\w+day|this\s+week|on\s+\w+|[a-z]+ed\s+and))+\s*$"
)
_ASKED_WHAT = re.compile(r"\s+(?:to|about|if|whether|why|how|what|for|during|in)\s")
_WHAT_THEN_NAME = re.compile(
    r"\bwhat\s+(?P<who>(?:the\s+)?(?:[a-z]+\s+){0,2}[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})"
    r"\s+(?:(?:has|had|have|once|later|then|each|both|also)\s+)?$"
)
_QUOTE_NEXT = re.compile(r"\s*,?\s*[\u2591\"\u201c]")
_BY_CHANNEL = re.compile(
    r" by (?:tele)?phone| by e-?mail| by text| by video| by satellite| by letter| by fax"
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|our|my|your)\s+$", re.I)
_DATELINE = re.compile(r"[A-Z][A-Z.'\u2019 -]+(?:,|\s+\(|\s*(?:--|\u2014|\u2013))")
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
_CONTRACTIONS = frozenset(
    "it's i'm i've i'd we've we're we'd they're they've you're you've he's she's that's there's "
    "here's what's let's".split()
)
_ABSTRACT_NOUN = re.compile(r"(?:ment|tion|sion|ness|ity|ance|ence|ism|ship)$")
_COORDINATED = re.compile(r"\s(?:and|but)\s+$")
_RELATIVE_WHO = re.compile(r",\s*who\s*$")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|to)\s+$")
MAX_VERBS = 12
_ONE_OF = re.compile(
    r"^(?:one|two|some|several|many|most|all|both|each|none)\s+of\s+(?:the|those|these)\s+"
    r"(?:[\w-]+\s+){0,2}(?:people|officials|sources|aides|diplomats|executives|insiders)\b",
    re.I,
)
_DEFINITE = re.compile(r"^the\s+(?:[\w.'\u2019-]+\s+){0,4}(?P<head>[a-z-]+)$", re.I)
_PERSON_NOUNS = (
    TITLES
    | {head for head in ANON_HEADS if not head.endswith("s")}
    | frozenset(
        "candidate nominee governor senator congressman congresswoman businessman "
        "businesswoman billionaire mogul front-runner frontrunner man woman veteran actor "
        "actress host author writer pastor preacher activist lawyer strategist pollster "
        "consultant professor historian scientist economist governor-elect incumbent "
        "challenger contender hopeful candidate-elect congressman-elect".split()
    )
)
_PEOPLE_AT_LARGE = frozenset(
    "Commuters Residents Voters Critics Supporters Opponents Protesters Parents Students "
    "Readers Viewers Users Customers Consumers Passengers Locals Citizens Shoppers Fans "
    "Drivers Tenants Homeowners Farmers Patients Workers Travelers Travellers Observers".split()
)
_FUNCTION_WORDS = frozenset(
    "of for at in on to with by from his her their its our my your even only just also at one "
    "but and or as if so this that these those it some all both each any".split()
)
_DESCRIPTION = re.compile(r"^(?:a|an|the)\s+\S", re.I)
_TRANSCRIPT = re.compile(r"^(?P<name>[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){0,2}):\s+")
_NOT_A_SPEAKER_LABEL = frozenset(
    "update updated breaking exclusive note editor's note watch correction clarification "
    "live video photos analysis opinion related read more see also warning disclaimer "
    "source sources".split()
)
_LEADING_NAME = re.compile(
    r"^(?:(?:[A-Z][\w.'\u2019-]*|of|the|for)\s+){0,5}[A-Z][\w'\u2019-]*(?=[\s,:])"
)
_MOOD_THEN_NAME = re.compile(
    r"^(?:[Aa]n?|[Tt]he)\s+(?:[a-z][a-z-]+\s+){1,2}(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)$"
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
_QUOTE_ENDS = '"\u201d\u00bb'
_TRAILING = re.compile(r"\s*(?:[.!?]?\s*$|that\b|:|,\s*[\"\u201c])")


@dataclass(frozen=True)
class Edge:
    """`source` relies on `target`; a None source means the sentence's voice."""

    source: Mention | None
    target: Mention
    relation: str
    weak: bool = False  # found by a stance verb or a participle, not by a verb of speech


@dataclass
class Attribution:
    """What one sentence attributes, for `provenance.ingest.extraction` to resolve."""

    edges: list[Edge] = field(default_factory=list)
    speakers: list[tuple[int, Mention]] = field(default_factory=list)  # (verb offset, who)
    voice: Mention | None = None  # the outlet this sentence speaks for, if it names one
    publisher_voice: bool = False  # the publisher reports this in its own name
    strip: list[tuple[int, int]] = field(default_factory=list)  # attribution text, for claims
    not_speech: set[int] = field(default_factory=set)  # quote indices that are titles/objects
    anonymity_reason: str | None = None
    via: Mention | None = None  # "citing Y": the sentence's other statements reach us through Y
    citer: Mention | None = None  # the X of "X, citing Y"
    credited: set[int] = field(default_factory=set)  # speaker offsets found without a verb
    weak: set[int] = field(default_factory=set)  # speakers found by a stance verb or participle


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


def _comma_before(text: str, index: int) -> int:
    window = text[max(0, index - 10) : index]
    lead = re.search(r",\s*$", window)
    return index - len(window) + lead.start() if lead else index


def _speech(sentence: Sentence, result: Attribution, mention, is_publisher) -> None:
    text, masked = sentence.text, sentence.masked
    opening = _WORD.match(masked[:1].lower() + masked[1:40])
    if (
        opening is not None
        and opening.group("verb") in _INVERTIBLE
        and masked[:1].isupper()
        and re.match(
            r"\s+(?:(?:[Tt]he\s+)?[A-Z]|by\s)", masked[opening.end() :]
        )  # not "Asked about"
    ):
        # "Said Holt: ..." / "Added Lund, ...": the verb opens the sentence, capitalised.
        masked = masked[:1].lower() + masked[1:]
    verbs = (m for m in _WORD.finditer(masked) if m.group("verb") in _CUE_VERBS)
    for count, match in enumerate(verbs):
        if count >= MAX_VERBS:
            break  # no real sentence has more; bounds the work on pathological input
        verb = match.group("verb")
        before = masked[max(0, match.start() - 40) : match.start()]
        if verb in ("asked", "questioned") and masked[match.end() : match.end() + 4] == " by ":
            _asked_by(text, match, result, mention)
            continue
        verb_start = match.start()
        if verb in _PROGRESSIVE:
            # "Holt is telling reporters that ...": the subject comes before "is".
            be = _BE_BEFORE.search(before)
            if be is None:
                continue
            verb_start = match.start() - len(before) + be.start()
        elif _NEGATED.search(before) or _PASSIVE.search(before):
            continue
        if verb.startswith("report") and re.match(r",?\s*citing\b", masked[match.end() :]):
            continue  # handled by the citing rule
        if masked[match.start() - 1 : match.start()] == "-":
            continue  # "so-called", "long-awaited"
        if verb == "states" and _PLACES_BEFORE.search(before):
            continue  # "in two dozen states", "all 50 states": the noun
        if _DETERMINER_BEFORE.search(before):
            continue  # "on his show", "the claims", "her notes": a noun, not a verb
        if masked[match.end() : match.end() + 4] == " by " and not _BY_CHANNEL.match(
            masked, match.end()
        ):
            continue  # "reported by", "found by": passive; not "said by telephone"
        stance = verb not in SPEECH_VERBS and verb not in _PROGRESSIVE
        if (
            verb in _POSITION_VERBS
            and not _CLAUSE_FOLLOWS.match(masked, match.end())
            and before.rstrip()[-2:].rstrip(",")[-1:] not in _QUOTE_ENDS + MASK
            and not _QUOTE_THEN_NAME.search(before)
        ):
            continue  # no clause and no quotation before it to credit
        speaker: Mention | None = None
        phrase = ""
        start = match.start()
        end = match.end()
        role = None
        hint = "document" if verb in _DOCUMENT_VERBS else None
        if verb.startswith("report"):
            hint = "reporter"
        auxiliary = _AUXILIARY.search(masked, max(0, verb_start - 60), verb_start)
        subject_end = auxiliary.start() if auxiliary else verb_start
        found = np_before(masked, subject_end)
        relative_who = _RELATIVE_WHO.search(masked, max(0, subject_end - 30), subject_end)
        if relative_who:
            # "Dana Holt of Salem, the port's lawyer, who said ...": the phrase "who" stands for.
            found = np_before(masked, relative_who.start() + 1)
        if found is not None:
            phrase, start, relative, role = found
            moody = _MOOD_THEN_NAME.match(phrase)
            if moody:  # "an angry Holt retaliated": Holt, whatever the mood
                phrase = moody.group("name")
            speaker = _surname(_named(mention, phrase, hint)) or _described(phrase)
            if relative and speaker is not None and speaker.kind == "anonymous":
                reason = _ANONYMITY.search(relative)
                if reason and reason.group("reason"):
                    result.anonymity_reason = reason.group("reason").strip()
        what = None if found is not None else _WHAT_THEN_NAME.search(masked, 0, subject_end)
        if what is not None and _QUOTE_NEXT.match(masked, match.end()):
            # 'what Holt called "a new era"': the quotation is Holt's, though the clause is
            # not her statement.
            phrase = what.group("who")
            speaker = _surname(_named(mention, phrase))
        elif found is None and _COORDINATED.search(masked, max(0, subject_end - 12), subject_end):
            # "Gary Emmet, a former chairman, became a delegate and said ...": the subject
            # that opens the sentence, when no name comes between it and the verb.
            subject = _opening_subject(text)
            if subject is not None:
                phrase = subject[0]
                speaker = _surname(_named(mention, phrase))
        stripped = before.rstrip()
        after_quote = stripped[-1:] in _QUOTE_ENDS or stripped[-2:-1] in _QUOTE_ENDS
        if speaker is not None and verb in _SAID and stripped[-1:] == ",":
            # "Fares will rise, said Dana Holt, ...": a person named right after the verb
            # speaks; what ends before the comma is the statement, not its speaker.
            phrase_after, after = np_after(text, match.end() + 1)
            named = (
                _named(mention, phrase_after)
                if phrase_after[:1].isupper() and _may_name(phrase_after)
                else None
            )
            if isinstance(named, Mention) and named.kind == "person":
                speaker, start, end = named, match.start(), after
        if (
            speaker is None
            and verb in _INVERTIBLE
            and (not stripped or after_quote or stripped[-1] == ",")
        ):
            phrase, after = np_after(text, match.end() + 1)
            speaker = (_surname(_named(mention, phrase)) or _described(phrase)) if phrase else None
            start, end = match.start(), after
            if speaker is not None and speaker.kind == "document" and verb not in _DOCUMENT_VERBS:
                speaker = None  # "added the memo": no speaker; "concluded a 2013 study": one
            named_after = _name_after_description(text, phrase, after, mention)
            if named_after is not None:
                speaker, end = named_after
            elif speaker is None and phrase and after_quote:
                # '"...," said former governor Dana Holt (D)' / 'said Holt's deputy, Ada Lund'
                speaker = _tail_name(phrase, mention) or _name_after_role(text, after, mention)
        if (
            speaker is None
            and verb in _REPORTING_VERBS
            and (
                not _ENDS.match(masked, match.end()) or _CREDIT_AFTER.search(masked, 0, subject_end)
            )
            and not _MODAL_END.search(masked, 0, subject_end)
        ):
            fallback = _unlisted_subject(text, masked, subject_end, found, mention)
            if fallback is not None:
                (speaker, start), end = fallback, match.end()
        if speaker is not None and _common_plural(speaker, start):
            speaker = None  # "Commuters have complained": people in general, not a source
        if speaker is not None and role and speaker.kind == "person" and speaker.role is None:
            speaker = replace(speaker, role=role)
        if (
            verb in _DOCUMENT_VERBS
            and found is not None
            and getattr(speaker, "kind", "") != "document"
        ):
            # "The poll shows", "a 2009 report by the Harbor Institute found": the document.
            maker = _MAKER_BEFORE.search(masked, max(0, found[1] - 12), found[1])
            whole = np_before(masked, maker.start()) if maker else None
            phrase = f"{whole[0]} {maker.group().strip()} {found[0]}" if whole else found[0]
            document = _document_subject(phrase)
            if document is not None:
                speaker, start = document, whole[1] if whole else found[1]
        if speaker is None:
            continue
        if (
            verb in _DOCUMENT_VERBS
            and speaker.kind != "document"
            and not (speaker.kind != "pronoun" and document_headed(phrase))
            and not (verb in _FINDING_VERBS and _CLAUSE_FOLLOWS.match(masked, match.end()))
            and (verb not in _PEOPLE_SUGGEST or _ENDS.match(masked, match.end()))
        ):
            # "the harbour showed signs of strain" is no report; "a Harbor Radio poll shows"
            # is the pollster's, "Holt suggested that ..." is Holt's.
            continue
        if stance and speaker.kind == "document":
            continue  # "the plan backs ...": a stance is someone's
        channel = _CHANNEL.match(text, end)
        if channel:
            end = channel.end()
        source = None
        if verb in ("told", "tells"):
            phrase, after = np_after(text, match.end() + 1)
            receiver = mention(phrase, "outlet") if phrase else None
            if isinstance(receiver, Mention) and (
                receiver.kind == "outlet" or is_publisher(receiver)
            ):
                if is_publisher(receiver):
                    result.publisher_voice = True
                else:
                    source = receiver
                end = max(end, after)
                channel = _CHANNEL.match(text, end)
                end = channel.end() if channel else end
            else:
                # "Holt told the committee she would resign": the receiver goes with the verb.
                receiver_end = _RECEIVER.match(masked, match.end())
                if receiver_end is not None:
                    end = max(end, receiver_end.end())
        if isinstance(speaker, Mention) and is_publisher(speaker):
            result.publisher_voice = True
            continue
        relation = "cites" if speaker.kind in ("document", "outlet") else "paraphrases"
        if verb.startswith("confirm"):
            relation = "confirms"
        elif verb.startswith("den"):
            relation = "denies"
        result.speakers.append((match.start(), speaker))
        if stance:
            result.weak.add(match.start())
        if source is not None:
            result.edges.append(Edge(None, source, "cites"))
        via = result.via
        if via is not None and _same(speaker, via):
            continue  # "..., citing X, ... X said": already the citation
        if result.citer is not None and _same(speaker, result.citer):
            via = None  # "Bloomberg, citing officials, reported": the citing outlet speaks
        result.edges.append(Edge(source or via, speaker, relation, weak=stance))
        # "X said the talks stalled", "Most voters say the levy is unfair"
        clause = start == 0 and verb in _CLAUSE_VERBS | {"say", "suggest", "reported", "reports"}
        if clause or text[:end].endswith("that") or _TRAILING.match(text, end):
            # Only a clause that opens or closes the sentence can go without breaking it.
            result.strip.append((_comma_before(text, start), end))


def _participle(sentence: Sentence, result: Attribution, mention) -> None:
    """ "Holt endorsed Lund on Monday, saying the port needs him": the sentence's subject says
    what the participle reports, when no verb before it names a speaker. The subject is found
    by position, not by a verb, so the speaker carries `STANCE` confidence."""
    text, masked = sentence.text, sentence.masked
    for match in _PARTICIPLE.finditer(masked):
        if any(offset < match.start() for offset, _ in result.speakers):
            return
        subject = _opening_subject(text)
        if subject is None or subject[1] > match.start():
            return
        who = _surname(_named(mention, subject[0]))
        if not isinstance(who, Mention) or who.kind not in ("person", "organization", "outlet"):
            return
        result.speakers.append((match.start(), who))
        result.weak.add(match.start())
        result.edges.append(Edge(None, who, "paraphrases", weak=True))
        return


def _opening_subject(text: str) -> tuple[str, int] | None:
    """The name that opens a sentence as its subject ("Holt ...", "The Harbor Union ..."):
    not one after an opening phrase ("In Salem, ..."), which may be a place, nor a dateline
    in capitals ("SALEM -- ..."), and followed by a verb or an appositive."""
    subject = _leading_name(text)
    article = re.match(r"The\s+(?=[A-Z])", text)
    if subject is None and article is not None:
        found = _leading_name(text[article.end() :])
        subject = (found[0], article.end() + found[1]) if found else None
    if subject is None or "," in text[: subject[1]] or subject[0].isupper():
        return None
    if not re.match(r",|\s+[a-z]", text[subject[1] : subject[1] + 2]):
        return None
    return subject


# Verbs that report a statement whoever their subject is: when the subject is no name or
# description the lexicons read ("Nearly nine in ten say", "Holt however said", "Holt signed the
# bill but said"), it is still the source.
_PLACES_BEFORE = re.compile(
    r"(?:\d|\b(?:dozen|all|other|these|those|many|several|both|key|swing|battleground|early|"
    r"southern|northern|western|eastern|[Uu]nited|member|red|blue|some|most|few|such|in|the|"
    r"more|remaining|primary|caucus|[A-Z][a-z]+ern))\s*$"
)
_RECEIVER = re.compile(
    r"\s+(?:[^\s,.;:\u2591]+\s+){1,4}?(?:that\s+)?(?=(?:he|she|they|it|we|I|there)\s)"
)
_REPORTING_VERBS = frozenset(
    # Not the verbs that double as nouns or adjectives ("states", "claims", "pledged",
    # "expected", "hopes"): without a known subject nothing else says they are verbs.
    "said says say told suggested suggests suggest argued argues argue insisted insists "
    "believe believes believed think thinks warned warns acknowledged acknowledges admitted "
    "admits conceded concedes predicted predicts contended contends asserted declared "
    "reiterated recalled vowed explained announced added wrote accused criticized urged "
    "praised denied denies complained questioned revealed concluded indicated stressed "
    "emphasized alleged alleges agreed".split()
)
_ENDS = re.compile(r"\s*[.!?]?\s*$")
_MODAL_END = re.compile(r"\b(?:will|would|could|can|should|may|might|must|which|to)\s*$")
_CLAUSE_WORDS = re.compile(r"\b\w+\b")
_LAST_PREPOSITION = re.compile(
    r"^.*\b(?:among|from|by|with|for|to|at|on|between|than|like|won|lost|led|trailed)\s+"
)
# ", analyst says.": the credit after the statement, its subject set off by a comma.
_CREDIT_AFTER = re.compile(r"\w[^,]{8,},\s+[^,]{1,60}$")
_BARE_WHO = re.compile(r"[^,\s]\s+who\s+$")
# Document verbs that people use too ("Lund suggested the port should ..."); "found" and
# "showed" with a person ("Lund found the gates open") report no statement.
_PEOPLE_SUGGEST = frozenset(
    "suggested suggests indicated indicates revealed reveals concluded estimated estimates".split()
)
_DASH_ASIDE = re.compile(r"\s*(?:\u2014|\u2013|--)[^\u2014\u2013]{1,100}(?:\u2014|\u2013|--)\s*$")
_OPENING_SUBJECT = re.compile(
    r"^(?:The|A|An)\s+(?:[\w.'\u2019-]+\s+){0,4}?(?=(?:has|have|had|is|are|was|were|will|would|"
    r"also|[a-z]{3,}ed)\b)"
)
_COORDINATED = re.compile(r"\b(?:and|but)\s*$")
_ASIDE = re.compile(
    r",\s*(?:of course|for (?:now|example|instance|its part|his part|her part|their part)|"
    r"(?:at|of|from|with|in|on|during|after|like)\s+[^,]{1,60}|[a-z]+ly)\s*,\s*$"
)
_TRAILING_ADVERB = re.compile(
    r"\s+(?:however|though|too|also|meanwhile|instead|earlier|later|now|today|yesterday|"
    r"(?:earlier|later|on|last)\s+(?:[A-Z][a-z]+day|this\s+week|week|month|year))$"
)
_OPENING_PRONOUN = re.compile(r"^(?:(?:And|But|So|Yet|Still),?\s+)?(He|She|They|We|I)\s")
_NOT_A_SUBJECT = re.compile(
    r"^(?:(?!nearly|roughly|only)[a-z]+ly|of|for|at|in|on|to|with|by|from|as|than|if|when|what|"
    r"how|who|which|that|this|it|there|here|all|everything|nothing|something|anything|anyone|"
    r"everyone|nobody|someone|one(?!\s+(?:in|out|of)\b)|you|people|we|i)\b",
    re.I,
)


def _unlisted_subject(
    text: str, masked: str, subject_end: int, found, mention
) -> tuple[Mention, int] | None:
    """The source of a reporting verb whose subject the rules above did not read: the sentence's
    subject for a second verb ("Holt signed the bill but said ..."), a name before an aside or an
    adverb ("Holt, of course, said", "Holt however said"), else the subject phrase as it stands
    ("Most of her supporters say", "Nearly nine in ten say"), as a described source."""
    before = masked[:subject_end]
    if _COORDINATED.search(before):
        subject = _leading_name(text)
        if subject is not None:
            who = _surname(_named(mention, subject[0]))
            if who is not None and who.kind != "document":
                return who, 0
        pronoun = _OPENING_PRONOUN.match(text)
        if pronoun is not None:
            return Mention(pronoun.group(1).casefold(), "pronoun"), 0
        opening = _OPENING_SUBJECT.match(masked)
        if opening is not None:  # "The port authority closed the pier and said ..."
            who = _surname(_named(mention, opening.group())) or _described(opening.group())
            if who is not None and who.kind != "document":
                return who, 0
        return None
    aside = _ASIDE.search(before) or _DASH_ASIDE.search(before)
    who_said = _BARE_WHO.search(before)
    if aside is not None:
        found = np_before(masked, aside.start() + 1)
    elif who_said is not None:  # "won among the 30 percent of voters who said ..."
        if len(_CLAUSE_WORDS.findall(masked, subject_end)) < 5:
            return None  # "users who say so are few": no statement follows
        found = np_before(masked, who_said.start() + 1)
        if found is not None:
            inner = _LAST_PREPOSITION.search(found[0])
            if inner is not None:
                found = (found[0][inner.end() :], found[1] + inner.end())
    if found is None:
        return None
    phrase, start = found[0], found[1]
    phrase = _TRAILING_ADVERB.sub("", phrase.strip())
    who = _surname(_named(mention, phrase))
    if who is not None:
        return who, start
    words = phrase.split()
    if len(words) > 3 and (tail := _tail_name(phrase, mention)) is not None:
        return tail, start  # "Saturday at the convention Sen. Ada Crane said"
    if not 1 <= len(words) <= 10 or _NOT_A_SUBJECT.match(phrase) or MASK in phrase:
        return None
    return Mention(phrase, "anonymous", descriptor=phrase), start


_INTENTION = re.compile(
    # Not "plan", "hope" or a bare "-ing" form: "his plan to", "people seeking to leave".
    r"(?:\b(?:wants?|wanted|plans|planned|declined|declines|refused|refuses|seeks?|sought|"
    r"promised|promises|vowed|vows|pledged|pledges|intends?|intended|hopes|hoped|decided|"
    r"decides|agreed)|\b(?:is|are|was|were|been)\s+(?:seeking|planning|hoping|promising|"
    r"vowing|intending))\s+to\s+(?!(?:comment|say|speak|discuss|elaborate|answer|respond|reply|"
    r"speculate|confirm|be\s+(?:named|identified|interviewed|quoted))\b)(?:\w+\s+){2}\w"
    r"|\b(?:called|calls|calling)\s+(?:on|for)\s+(?:\w+\s+){2}\w"
)


# A stance is a position too: "Holt calls it a mistake", "Lund sees the levy as a tax",
# "Holt pointed out that ...", "Lund accused the board of lying", "Holt praised the pilots".
_STANCE = re.compile(
    r"\b(?:calls?|called)\s+(?:it|him|her|them|this|that|himself|herself|themselves|the)\s+"
    r"(?:\S+\s+){0,3}?(?:a|an|the|\u2591)\b"
    r"|\b(?:sees?|saw|viewed|views)\s+(?:\S+\s+){1,6}?as\s"
    r"|\b(?:pointed|points)\s+(?:out|to)\b"
    r"|\b(?:cited|cites)\s+(?:\S+\s+){1,10}?as\s"
    r"|\b(?:accused|accuses)\s+\S+(?:\s+\S+){0,4}?\s+of\b"
    r"|\b(?:blamed|blames|praised|praises|criticized|criticizes|denounced|denounces)\s+\S+\s+\S"
)


def _intention(sentence: Sentence, result: Attribution, mention, is_publisher) -> None:
    """An intention or a demand of someone's ("the union plans to strike in May", "Holt
    declined to release the letters", "Lund called for an inquiry") is their stated position,
    as checkable as what they said: its holder is the source, and the sentence is the claim."""
    masked = sentence.masked
    match = _INTENTION.search(masked) or _STANCE.search(masked)
    if match is None or _NEGATED.search(masked, max(0, match.start() - 20), match.start()):
        return
    auxiliary = _AUXILIARY.search(masked, max(0, match.start() - 60), match.start())
    subject_end = auxiliary.start() if auxiliary else match.start()
    if _PASSIVE.search(masked, 0, subject_end):
        return
    found = np_before(masked, subject_end)
    if found is None:
        return
    holder = _surname(_named(mention, found[0])) or _described(found[0])
    if holder is None or holder.kind == "document" or is_publisher(holder):
        return
    if _common_plural(holder, found[1]):
        return
    result.speakers.append((match.start(), holder))
    result.edges.append(Edge(None, holder, "paraphrases"))


_SAYING = re.compile(
    r"(?:,|\bby)\s+(?:saying|arguing|suggesting|noting|insisting|warning|adding|claiming|"
    r"explaining|contending|predicting|asserting|declaring|acknowledging|conceding|telling|"
    r"calling|pointing\s+(?:out|to)|accusing|blaming|criticizing|praising|urging)\b"
)


def _participle_clause(sentence: Sentence, result: Attribution, mention, is_publisher) -> None:
    """ "Holt struck a measured tone, saying the port would recover": what the participle
    reports is said by the sentence's subject, when that is a name or a pronoun."""
    text, masked = sentence.text, sentence.masked
    match = _SAYING.search(masked)
    if match is None or _ENDS.match(masked, match.end()):
        return
    subject = _leading_name(text)
    who = _surname(_named(mention, subject[0])) if subject is not None else None
    if who is None:
        pronoun = _OPENING_PRONOUN.match(text)
        who = Mention(pronoun.group(1).casefold(), "pronoun") if pronoun else None
    if who is None or who.kind == "document" or is_publisher(who):
        return
    if who.kind != "pronoun" and subject is not None and subject[1] > match.start():
        return
    result.speakers.append((match.start(), who))
    result.edges.append(Edge(None, who, "paraphrases"))


_FINDINGS = frozenset(
    "poll polls polling survey surveys study studies report reports analysis review "
    "examination investigation audit data results research figures records emails documents "
    "video footage picture photo tally count estimate estimates".split()
)
_MAKER_BEFORE = re.compile(r"\b(?:by|from|of)\s+$")
_MADE_BY = re.compile(
    r"\s+(?:by|from|of|for|conducted|released|published|commissioned|out|in|on|last|this)\b.*$"
)


def _document_subject(phrase: str) -> Mention | None:
    """A poll, study or report named by its description ("the poll", "exit polling", "a 2009
    report by the Harbor Institute"), as the document that shows or finds something."""
    phrase = clean_phrase(phrase)
    core = _MADE_BY.sub("", phrase).split()
    if not core or len(phrase.split()) > 14 or core[-1].casefold() not in _FINDINGS:
        return None
    return Mention(strip_article(phrase), "document")


_TAIL_NAME = re.compile(
    r"(?:[A-Z][\w.'\u2019-]*\s+){1,3}[A-Z][\w'\u2019-]*(?=(?:\s+of\s+[A-Z][\w.'\u2019\s-]*)?$)"
)


def _tail_name(phrase: str, mention) -> Mention | None:
    """The name that ends a longer phrase ("former Vermont governor Dana Holt"), when the
    phrase as a whole is no name the lexicons read."""
    match = _TAIL_NAME.search(phrase.strip())
    if match is None or not _may_name(match.group()):
        return None
    who = _surname(_named(mention, match.group()))
    return who if who is not None and who.kind not in ("document", "pronoun") else None


def _name_after_role(text: str, at: int, mention) -> Mention | None:
    """ "said Holt's deputy campaign manager, Ada Lund": the name after the role."""
    if text[at : at + 1] != ",":
        return None
    name, _ = np_after(text, at + 2)
    return _tail_name(name, mention) if name else None


def _asked_by(text: str, match: re.Match, result: Attribution, mention) -> None:
    """ "Lund was asked by host Ada Berg, "...?"": the question is the asker's."""
    phrase, _ = np_after(text, match.end() + 4)
    # "asked by Holt to respond", "asked by Holt whether ...": the asker ends at the question.
    phrase = _ASKED_WHAT.split(phrase, maxsplit=1)[0]
    asker = _surname(_named(mention, phrase)) if phrase else None
    if isinstance(asker, Mention) and asker.kind == "person":
        result.speakers.append((match.end(), asker))
        result.edges.append(Edge(None, asker, "quotes"))


def _name_after_description(text: str, phrase: str, at: int, mention):
    """ "said a spokeswoman for the chain, Dana Holt": the person named after the description,
    with the description as role, and where the name ends."""
    if not _DESCRIPTION.match(phrase) or text[at : at + 1] != ",":
        return None
    name, end = np_after(text, at + 1 + (len(text[at + 1 :]) - len(text[at + 1 :].lstrip())))
    person = mention(name) if name else None
    if not isinstance(person, Mention) or person.kind != "person":
        return None
    return replace(person, role=person.role or _strip_article(phrase)), end


def _strip_article(phrase: str) -> str:
    return re.sub(r"^(?:a|an|the)\s+", "", phrase.strip(), flags=re.I)


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


_OPENING_WORDS = frozenset(
    "according here there when where while as after before since for most another hours days "
    "weeks months years the a an this that these those it in on at by with from during if but "
    "and or so yet also still then now later some many several all both each every one other "
    "others what why how who asked like unlike despite among under over until once even "
    "meanwhile however instead amid amidst following without within through throughout toward "
    "towards against beyond upon across behind around near alongside because last next early "
    "lately do does did".split()
)


_ROLE_NOUNS = (
    "candidate nominee front-runner frontrunner hopeful contender rival challenger senator "
    "governor mayor sheriff congressman congresswoman lawmaker legislator representative "
    "delegate member host anchor commentator columnist pundit analyst strategist pollster "
    "consultant adviser advisor aide spokesman spokeswoman spokesperson manager director chair "
    "chairman chairwoman leader official president secretary activist operative donor attorney "
    "lawyer economist founder executive businessman billionaire mogul star writer author "
    "reporter correspondent"
).split()
_ROLE_THEN_NAME = re.compile(
    r"\s+(?:[a-z][a-z-]*\s+){0,3}(?:" + "|".join(_ROLE_NOUNS) + r")\s+(?=[A-Z])"
)
_OPENING_PARTICIPLE = re.compile(
    r"[A-Z][a-z]{3,}ed\s+(?:at|by|in|on|with|to|from|for|as|after|before|over|under)\b"
)
_CONJUNCTION = re.compile(r"(?:And|But|So|Yet|Then|Still)\s+(?=[A-Z])")


def _leading_name(text: str) -> tuple[str, int] | None:
    """The capitalised words opening a sentence, when they can be its subject's name: not an
    opening word capitalised by position ("According", "Here", "When", "The"), an adverb or a
    participle ("Speaking to the radio, ...")."""
    if _DATELINE.match(text):
        return None  # "SALEM, May 2 (Wire) -- ...": the dateline names a place
    conjunction = _CONJUNCTION.match(text)
    if conjunction:  # "And Holt gloated: ..."
        found = _leading_name(text[conjunction.end() :])
        return (found[0], conjunction.end() + found[1]) if found else None
    subject = _LEADING_NAME.match(text)
    if subject is not None and _OPENING_PARTICIPLE.match(text):
        subject = None  # "Preceded at the lectern by ...": no name, the subject comes later
    if subject is not None and _may_name(subject.group()):
        # "Republican presidential nominee Dana Holt ...", "Harbor Union member Holt ...": the
        # capitalised words open a role, and the name after it is the subject.
        role = _ROLE_THEN_NAME.match(text, subject.end())
        if role is not None:
            named = _LEADING_NAME.match(text[role.end() :])
            if named is not None and _may_name(named.group()):
                return named.group().strip(), role.end() + named.end()
        return subject.group().strip(), subject.end()
    # "Hours later, Holt ...", "Here in Salem, Holt ...": the subject after an opening phrase.
    comma = text.find(", ", 0, 80)
    after_place = False
    while comma >= 0:
        subject = _LEADING_NAME.match(text[comma + 2 :])
        if subject is None or not _may_name(subject.group()):
            if not after_place:
                return None
            after_place = False  # "in Ames, Iowa, on Sunday, Holt ...": one phrase more
            comma = text.find(", ", comma + 2, 100)
            continue
        end = comma + 2 + subject.end()
        if not (text[end : end + 1] == "," and re.search(r"[A-Z][\w.]*$", text[:comma])):
            return subject.group().strip(), end
        after_place = True  # "in Ames, Iowa, ...": a place and its state
        comma = text.find(", ", end, 100)
    return None


leading_name = _leading_name  # public for extraction, which notes people named in passing


def _may_name(words: str) -> bool:
    parts = words.split()
    first = parts[0].casefold()
    if first in _OPENING_WORDS or first.endswith("ing"):
        return False
    if len(parts) == 1 and (
        _ABSTRACT_NOUN.search(first) or first.replace("\u2019", "'") in _CONTRACTIONS
    ):
        return False  # "Containment is ...", "It's ...": a noun or a contraction, not a name
    # "Finally", "Apparently" open sentences as adverbs; "Carly Holt", "Kelly Varga" are
    # short given names followed by a surname.
    return not first.endswith("ly") or (
        len(first) <= 6 and len(parts) > 1 and parts[1][:1].isupper()
    )


def _common_plural(speaker: Mention, start: int) -> bool:
    return speaker.kind == "organization" and start == 0 and speaker.name in _PEOPLE_AT_LARGE


def _same(one: Mention, other: Mention) -> bool:
    return normalize_name(one.name) == normalize_name(other.name)


def _named(mention, phrase: str, hint: str | None = None) -> Mention | None:
    """`mention` with pronouns kept as kind "pronoun" for the caller to resolve."""
    reference = _reference(clean_phrase(phrase))
    if reference is not None:
        return reference
    found = mention(phrase, hint)
    if found == "pronoun":
        return Mention(clean_phrase(phrase).casefold(), "pronoun")
    if not isinstance(found, Mention) or _fragment(found):
        return None
    return found


_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|could|should|can|did|does)\b")
_DESCRIBED_TAIL = re.compile(
    r"\s+(?:of|with|from|at|in|on|for|to|close|familiar|who|involved|inside|outside|across)\b.*$",
    re.I,
)
_QUANTIFIERS = frozenset(
    "a an one some many several most few other others another her his their its our my two "
    "three four five six seven eight nine ten dozens hundreds thousands the".split()
)
_NOT_A_HEAD = frozenset(
    "it this that these those which what who whom all each both any none nothing everything "
    "something anything one ones way time times day days week year years thing things fact "
    "idea point case part rest side end lot number".split()
)


def _described(phrase: str) -> Mention | None:
    """A speaker described rather than named ("one California delegate", "her friend",
    "critics", "people with knowledge of the talks"): an unnamed source under its description,
    so the statement still becomes an attributed claim."""
    phrase = clean_phrase(phrase)
    words = phrase.split()
    if not 1 <= len(words) <= 8:
        return None
    core = _DESCRIBED_TAIL.sub("", phrase).split()
    if not core:
        return None
    head = core[-1]
    first = core[0].casefold()
    if _FINITE.search(" ".join(core)):
        return None  # "the ruling was not obvious": a clause, not a description
    if (
        not head.isalpha()
        or not head.islower()
        or len(head) < 3
        or head in _NOT_A_HEAD
        or head.endswith("ly")
        or head in SPEECH_VERBS
    ):
        return None
    if first not in _QUANTIFIERS and not (head.endswith("s") and len(core) <= 3):
        return None
    if len(core) == 1 and first in _QUANTIFIERS:
        return None
    count = 1 if first in ("a", "an", "one") else None
    return Mention(phrase, "anonymous", descriptor=phrase, count=count)


def _described_object(phrase: str) -> Mention | None:
    """The object of "according to" that no lexicon reads: a document or account under its
    own words, if it is a short noun phrase."""
    phrase = clean_phrase(phrase)
    words = phrase.split()
    opening = _FUNCTION_WORDS - {"the", "some"}
    if len(words) > 1:  # "according to his biography", "... to one global index"
        opening = opening - {"his", "her", "their", "its", "our", "my", "one"}
    if not 1 <= len(words) <= 10 or words[0].casefold() in opening:
        return None
    if not any(w[:1].isalpha() for w in words):
        return None
    return Mention(strip_article(phrase), "document")


def _surname(found: Mention | None) -> Mention | None:
    """The lone capitalised word before a speech verb ("Sexton said") is a surname far more
    often than an organisation; acronyms ("FBI") and organisation words ("Congress") are not."""
    if (
        found is not None
        and found.kind == "organization"
        and " " not in found.name
        and found.name[:1].isupper()
        and not found.name.isupper()
        and found.name.casefold() not in ORG_WORDS
        and found.name not in _PEOPLE_AT_LARGE
    ):
        return replace(found, kind="person")
    return found


def _reference(phrase: str) -> Mention | None:
    """A phrase that refers back rather than names: "the Ohio governor", "the spokeswoman",
    "the candidate" stand for the last person named (as "he"/"she" do); "one of the people"
    for the last group of sources ("three people familiar with the matter")."""
    if _ONE_OF.match(phrase):
        return Mention("they", "pronoun")
    definite = _DEFINITE.match(phrase)
    if definite and definite.group("head").casefold() in _PERSON_NOUNS:
        # The description is kept for when no one has been named yet to refer back to.
        return Mention("he", "pronoun", descriptor=phrase)
    return None


def _fragment(found: Mention) -> bool:
    """A phrase cut out of a clause rather than a name ("of the campaign", "his top",
    "necessarily", "At"): it starts with a function word, an adverb or a participle."""
    if found.kind == "anonymous":
        return False
    first = found.name.split()[0]
    lower = first.casefold()
    if lower in _FUNCTION_WORDS and (first.islower() or " " not in found.name):
        return True
    return (
        found.kind != "document"
        and first.islower()
        and (lower.endswith("ly") or lower.endswith("ing"))
    )
