"""Who a phrase names, for every rule family: the name opening a sentence, a named, described
or referring speaker, a surname, a poll or report by its description, and the name after a role
or a description."""

from __future__ import annotations

import re
from dataclasses import replace

from provenance.ingest.attribution.lexicon import SPEECH_VERBS
from provenance.ingest.mentions import (
    ANON_HEADS,
    ORG_WORDS,
    TITLES,
    Mention,
    clean_phrase,
    strip_article,
)
from provenance.ingest.phrases import np_after
from provenance.names import normalize_name

_DATELINE = re.compile(r"[A-Z][A-Z.'\u2019 -]+(?:,|\s+\(|\s*(?:--|\u2014|\u2013))")

_CONTRACTIONS = frozenset(
    "it's i'm i've i'd we've we're we'd they're they've you're you've he's she's that's there's "
    "here's what's let's".split()
)
_ABSTRACT_NOUN = re.compile(r"(?:ment|tion|sion|ness|ity|ance|ence|ism|ship)$")

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

_LEADING_NAME = re.compile(
    r"^(?:(?:[A-Z][\w.'\u2019-]*|of|the|for)\s+){0,5}[A-Z][\w'\u2019-]*(?=[\s,:])"
)

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
