"""The words the attribution rules read: the verb sets (speech, stance, position, findings,
inversion, reporting) and the regexes that more than one rule family uses."""

from __future__ import annotations

import re

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
_CUE_VERBS = SPEECH_VERBS | STANCE_VERBS | _PROGRESSIVE
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
# Verbs that report a statement whoever their subject is: when the subject is no name or
# description the lexicons read ("Nearly nine in ten say", "Holt however said", "Holt signed the
# bill but said"), it is still the source.
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
# Document verbs that people use too ("Lund suggested the port should ..."); "found" and
# "showed" with a person ("Lund found the gates open") report no statement.
_PEOPLE_SUGGEST = frozenset(
    "suggested suggests indicated indicates revealed reveals concluded estimated estimates".split()
)

_ANONYMITY = re.compile(
    r"\b(?:on\s+(?:the\s+)?condition\s+of\s+anonymity|anonymously|on\s+condition\s+that\s+"
    r"(?:they|he|she)\s+not\s+be\s+(?:named|identified))"
    r"(?:\s*,?\s*(?P<reason>(?:because|as|since|to)\s+[^,.;\u2591]{3,160}))?"
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
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|to)\s+$")
_MOOD_THEN_NAME = re.compile(
    r"^(?:[Aa]n?|[Tt]he)\s+(?:[a-z][a-z-]+\s+){1,2}(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)$"
)
_ENDS = re.compile(r"\s*[.!?]?\s*$")
_COORDINATED = re.compile(r"\b(?:and|but)\s*$")
