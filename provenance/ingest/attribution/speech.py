"""The speech rule: a cue verb ("said", "told", "argued", "endorsed", ...) and its speaker,
before the verb or inverted after it, with the receiver of "told", the channel, and "asked by"."""

from __future__ import annotations

import re
from dataclasses import replace

from provenance.ingest.attribution.edges import Attribution, Edge
from provenance.ingest.attribution.lexicon import (
    _ANONYMITY,
    _AUXILIARY,
    _CLAUSE_VERBS,
    _COORDINATED,
    _CUE_VERBS,
    _DOCUMENT_VERBS,
    _ENDS,
    _FINDING_VERBS,
    _INVERTIBLE,
    _MOOD_THEN_NAME,
    _NEGATED,
    _PASSIVE,
    _PEOPLE_SUGGEST,
    _POSITION_VERBS,
    _PROGRESSIVE,
    _REPORTING_VERBS,
    _SAID,
    SPEECH_VERBS,
)
from provenance.ingest.attribution.speakers import (
    _MAKER_BEFORE,
    _common_plural,
    _described,
    _document_subject,
    _may_name,
    _name_after_description,
    _name_after_role,
    _named,
    _same,
    _surname,
    _tail_name,
)
from provenance.ingest.attribution.subjects import _opening_subject, _unlisted_subject
from provenance.ingest.mentions import (
    Mention,
    document_headed,
)
from provenance.ingest.phrases import np_after, np_before
from provenance.ingest.sentences import MASK, Sentence

_BE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been|am)\s+(?:(?:also|now|still|already|increasingly|again|openly|"
    r"publicly|privately|quietly|repeatedly|even|loudly)\s+)?$"
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

_CHANNEL = re.compile(
    r"(?:\s+by\s+(?:(?:tele)?phone|e-?mail|text|video|satellite|letter|fax))?"
    r"(?:\s+(?:in|on|during|at|via|through)\s+(?:a|an|the|his|her|their|its)?\s*"
    r"(?:[\w-]+\s+){0,2}?(?:statement|interview|post|briefing|call|e-?mail|social media|"
    r"conference|hearing|letter|note|video|release|message|speech|podcast|filing)s?)?"
    r"(?:\s+on\s+\w+day)?(?:\s+(?:on condition of anonymity|anonymously))?(?:\s*,?\s*that)?"
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

_RELATIVE_WHO = re.compile(r",\s*who\s*$")

MAX_VERBS = 12

_QUOTE_ENDS = '"\u201d\u00bb'
_TRAILING = re.compile(r"\s*(?:[.!?]?\s*$|that\b|:|,\s*[\"\u201c])")


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


_PLACES_BEFORE = re.compile(
    r"(?:\d|\b(?:dozen|all|other|these|those|many|several|both|key|swing|battleground|early|"
    r"southern|northern|western|eastern|[Uu]nited|member|red|blue|some|most|few|such|in|the|"
    r"more|remaining|primary|caucus|[A-Z][a-z]+ern))\s*$"
)
_RECEIVER = re.compile(
    r"\s+(?:[^\s,.;:\u2591]+\s+){1,4}?(?:that\s+)?(?=(?:he|she|they|it|we|I|there)\s)"
)

_MODAL_END = re.compile(r"\b(?:will|would|could|can|should|may|might|must|which|to)\s*$")

# ", analyst says.": the credit after the statement, its subject set off by a comma.
_CREDIT_AFTER = re.compile(r"\w[^,]{8,},\s+[^,]{1,60}$")


def _asked_by(text: str, match: re.Match, result: Attribution, mention) -> None:
    """ "Lund was asked by host Ada Berg, "...?"": the question is the asker's."""
    phrase, _ = np_after(text, match.end() + 4)
    # "asked by Holt to respond", "asked by Holt whether ...": the asker ends at the question.
    phrase = _ASKED_WHAT.split(phrase, maxsplit=1)[0]
    asker = _surname(_named(mention, phrase)) if phrase else None
    if isinstance(asker, Mention) and asker.kind == "person":
        result.speakers.append((match.end(), asker))
        result.edges.append(Edge(None, asker, "quotes"))
