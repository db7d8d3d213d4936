"""The rules that find a speaker by position rather than next to a verb: the subject of a
participle (", saying ..."), the subject of a reporting verb the lexicons do not read, and
intentions and stances ("plans to", "called for", "accused ... of")."""

from __future__ import annotations

import re

from provenance.ingest.attribution.edges import Attribution, Edge
from provenance.ingest.attribution.lexicon import (
    _AUXILIARY,
    _COORDINATED,
    _ENDS,
    _NEGATED,
    _PASSIVE,
)
from provenance.ingest.attribution.speakers import (
    _common_plural,
    _described,
    _leading_name,
    _named,
    _surname,
    _tail_name,
)
from provenance.ingest.mentions import (
    Mention,
)
from provenance.ingest.phrases import np_before
from provenance.ingest.sentences import MASK, Sentence

_PARTICIPLE = re.compile(
    r",\s+(?:(?:also|then|later|again|while|even)\s+)?(?:saying|arguing|adding|noting|claiming|"
    r"insisting|warning|explaining|writing|calling|accusing|describing|declaring|asserting|"
    r"suggesting|contending|acknowledging|stressing|predicting|telling|urging|vowing|"
    r"promising|pledging|charging|complaining|lamenting|touting|boasting)\b"
)


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


_CLAUSE_WORDS = re.compile(r"\b\w+\b")
_LAST_PREPOSITION = re.compile(
    r"^.*\b(?:among|from|by|with|for|to|at|on|between|than|like|won|lost|led|trailed)\s+"
)

_BARE_WHO = re.compile(r"[^,\s]\s+who\s+$")

_DASH_ASIDE = re.compile(r"\s*(?:\u2014|\u2013|--)[^\u2014\u2013]{1,100}(?:\u2014|\u2013|--)\s*$")
_OPENING_SUBJECT = re.compile(
    r"^(?:The|A|An)\s+(?:[\w.'\u2019-]+\s+){0,4}?(?=(?:has|have|had|is|are|was|were|will|would|"
    r"also|[a-z]{3,}ed)\b)"
)

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
