"""Noun phrases around a verb: the subject before it, the object after it.

Both scans are bounded (`LOOK` characters) and work on the sentence with quotations masked, so
their cost stays linear in the text whatever the input.
"""

from __future__ import annotations

import re

from provenance.ingest.sentences import MASK

LOOK = 300

_ABBREVIATED = (
    "Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Sgt Capt Cmdr Adm Rev Prof St Jr Sr Hon Mt".split()
)
_NOT_AN_ABBREVIATION = "".join(f"(?<!\\b{word})" for word in _ABBREVIATED) + r"(?<!\b[A-Z])"
_NP_END = re.compile(
    r"[,;:!?()\u201c\u201d\"\u2014\u2013]|\s--?\s|--|"
    + _NOT_AN_ABBREVIATION
    + r"\.(?:\s|$)|\s(?:that|who|which|whom|because|after|before|"
    r"when|while|on condition|in an?|in (?:his|her|their|its)|on \w+day|last|earlier|said|"
    r"says|told|published|during|reported|and said|to say|as saying|saying)\b"
)
_STOP = frozenset(
    "that what which who whom whose when where while because although though if as since "
    "after before but so than how whether said says told is are was were has have had be been "
    "being will would could should may might can do does did not to also by about into over "
    "and or nor why".split()
)
_SUBJECT_PRONOUNS = frozenset("he she they we i".split())
_DETERMINED = re.compile(r"(?:a|an|the|another)\s+\S+(?:\s|$)", re.I)
_NAME_PART = re.compile(
    r"(?:[A-Z][\w.'\u2019-]*\s+){0,4}[A-Z][\w.'\u2019-]*(?:\s+(?:of|from)\s+[A-Z][\w.'\u2019-]*)?$"
)
_NAME_TAIL = re.compile(
    r"(?<=\sby\s)(?:[A-Z][\w.'\u2019-]*\s+){1,4}[A-Z][\w.'\u2019-]*(?:\s+(?:of|from)\s+[A-Z][\w.'\u2019-]*)?$"
)
_NOT_NAME_START = frozenset(
    "in on at after before during for with by from under since when while as if according "
    "last this next the a an but and so yet meanwhile however earlier later yesterday today "
    "tonight now here there still instead indeed also separately overall similarly again "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_OWNER_ROLE = re.compile(
    r"(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.-]*(?:['\u2019]s|s['\u2019])\s+(?:[a-z-]+\s+){0,4}[a-z-]+$"
)
_BARE_ROLE = re.compile(r"(?:[a-z-]+\s+){1,5}(?:of|for|at|with)\s")
# A role without an article between commas after a name ("Amy Lark, deputy harbour adviser,
# said"): lowercase words, perhaps ending in a capitalised organisation.
_LOWER_ROLE = re.compile(r"^[a-z][a-z-]*(?:\s+[\w.&'\u2019-]+){0,7}$")
_AGE = re.compile(r"^\d{1,3}$")
# "during a meeting in Columbus, Ohio, said": the state after a city is part of the aside.
_STATE = re.compile(r"^[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+\.?)?$")
_IN_CITY = re.compile(r"\b(?:in|at|from|near)\s+(?:[A-Z][\w.'-]*\s+){0,2}[A-Z][\w.'-]*\s*$")
_PARENTHESIS = re.compile(r"\([^()\u2591]{1,12}\)")
_CLOSE_TO = frozenset("close closer near loyal linked connected allied".split())
_EMBEDDING = frozenset("what how whether if".split())
_RELATIVE = re.compile(
    r"^(?:who|which|whose|speaking|granted|asking|requesting|citing|quoting|according|"
    r"[a-z]+ed\b|[a-z]{2,}ing\b|seen|written)\b"
)
_DISCOURSE = re.compile(
    r"^(?:in turn|however|meanwhile|too|though|also|for (?:its|his|her|their) part|"
    r"in a statement|separately|on \w+day|earlier|later|in response|in reply|\d{1,3}|"
    r"of course|in fact|in other words|for example|for instance|now|"
    r"(?:in|on|during|at)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?(?:statement|"
    r"interview|e-?mail|post|call|briefing|speech|letter|appearance|debate|rally|hearing|"
    r"meeting|event|forum|conference|visit|stop|dinner|luncheon|breakfast)\b.*)$",
    re.I,
)


def np_after(text: str, start: int) -> tuple[str, int]:
    """The noun phrase starting at `start` (a quotation counts as one phrase) and its end."""
    rest = text[start : start + LOOK]
    if rest[:1] in '\u201c"\u00ab':
        close = re.search('[\u201d"\u00bb]', rest[1:])
        if close:
            return rest[1 : close.start() + 1], start + close.end() + 1
    end = _NP_END.search(rest)
    phrase = rest[: end.start()] if end else rest
    return phrase.strip(), start + len(phrase.rstrip())


def np_before(masked: str, end: int) -> tuple[str, int, str | None, str | None] | None:
    """The subject phrase ending at `end`: (phrase, start of the whole subject, relative clause,
    role given in an appositive).

    Handles appositives ("A city council member, Dana Holt, said"; "Dana Holt, a council
    member, said"), relative clauses ("Two executives, who spoke on condition of anonymity,
    said") and discourse markers ("Eastside Daily, in turn, attributed"). None when the verb
    follows an embedding word ("what X says").
    """
    begin = max(0, end - LOOK)
    # A short parenthesis ("Sen. Ada Crane (R-Ore.) said") is part of the name, not a break.
    window = _PARENTHESIS.sub(lambda m: " " * len(m.group()), masked[begin:end])
    cut = max(window.rfind(c) for c in ";:()\u2014\u2013" + MASK + '"\u201c\u201d')
    dashes = window.rfind(" -- ")  # a typed dash sets off an aside, as the long dash does
    if dashes > cut:
        cut = dashes + 3
    base = begin + cut + 1
    segment = masked[base:end]
    relative = None
    if segment.rstrip().endswith(","):
        parts = segment.rstrip()[:-1].split(",")
        offsets = []
        position = base
        for part in parts:
            offsets.append(position + len(part) - len(part.lstrip()))
            position += len(part) + 1
        for index in range(len(parts) - 2, 0, -1):
            if _AGE.match(parts[index].strip()):  # "Yin May, 60, a doctor, said"
                del parts[index], offsets[index]
        while len(parts) > 1 and (
            _RELATIVE.match(parts[-1].strip())
            or _DISCOURSE.match(parts[-1].strip())
            or (_STATE.match(parts[-1].strip()) and _IN_CITY.search(parts[-2]))
        ):
            if _RELATIVE.match(parts[-1].strip()):
                relative = parts[-1].strip()
            parts.pop()
            offsets.pop()
        last = parts[-1].strip()
        tail = _NAME_TAIL.search(parts[-2]) if len(parts) > 1 else None
        if (
            tail
            and _DETERMINED.match(last)
            and not _is_name(parts[-2].strip())
            and _is_name(tail.group())
        ):
            # "... backed by Sen. Dina Fenn, the ranking Democrat, who said": the name that ends
            # the clause before the role.
            return (
                tail.group(),
                offsets[-2] + tail.start() - _lead(parts[-2]),
                relative,
                _role(last),
            )
        if len(parts) > 1 and (
            _looks_like_role(last)
            or (
                (_DETERMINED.match(last) or _LOWER_ROLE.match(last)) and _is_name(parts[-2].strip())
            )
        ):
            # "Dana Holt, a city council member, said": the name comes before the role.
            return parts[-2].strip(), offsets[-2], relative, _role(last)
        lead = _trailing_np(parts[-1])
        if lead is None:
            return None
        phrase, offset = lead
        if len(parts) > 1 and _looks_like_role(parts[-2].strip()):
            return phrase, offsets[-2], relative, _role(parts[-2].strip())
        return (
            phrase,
            offsets[-1] - (len(parts[-1]) - len(parts[-1].lstrip())) + offset,
            relative,
            None,
        )
    comma = segment.rfind(",") + 1
    lead = _trailing_np(segment[comma:])
    if lead is None:
        return None
    phrase, offset = lead
    return phrase, base + comma + offset, relative, None


def _role(phrase: str) -> str:
    return re.sub(r"^(?:a|an|the|its|his|her|their)\s+", "", phrase, flags=re.I)


def _lead(part: str) -> int:
    return len(part) - len(part.lstrip())


def _is_name(phrase: str) -> bool:
    """Capitalised words that can be a name ("Sen. Dina Fenn of Oregon"), not an opening
    phrase ("In Salem", "On Tuesday")."""
    match = _NAME_PART.match(phrase)
    return bool(match) and phrase.split()[0].casefold() not in _NOT_NAME_START


def _looks_like_role(phrase: str) -> bool:
    words = phrase.split()
    if len(words) > 1 and words[0].islower() and _BARE_ROLE.match(phrase):
        return True  # "legal director for the Harbor Union", "president of the union"
    if _OWNER_ROLE.match(phrase):
        return True  # "Mr. Varga's deputy harbour adviser"
    return (
        len(words) > 1
        and words[0].lower() in ("a", "an", "the", "its", "his", "her", "their", "another")
        and words[-1].islower()
        and words[-1] not in ("officials", "sources", "people")
    )


def _trailing_np(segment: str) -> tuple[str, int] | None:
    tokens = list(re.finditer(r"\S+", segment))
    start = len(tokens)
    while start > 0:
        word = tokens[start - 1].group().strip(",").casefold()
        previous = tokens[start - 2].group().casefold() if start > 1 else ""
        if word == "to" and previous in _CLOSE_TO:
            start -= 1  # "sources close to the Kremlin" is one phrase
            continue
        if word in _STOP:
            if word in _EMBEDDING:
                return None
            break
        start -= 1
        if word in _SUBJECT_PRONOUNS:
            break  # "an investment he concludes": the pronoun is the subject
    if start == len(tokens):
        return None
    return segment[tokens[start].start() : tokens[-1].end()], tokens[start].start()
