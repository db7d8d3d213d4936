"""What a noun phrase names: an outlet, a person, an organisation, an anonymous source, a document.

`classify` reads one phrase ("Corvane chief medical officer Dr. Tomasz Wierzbicki", "four US
officials", "an internal memo seen by the Harbor Gazette") into a `Mention` with a clean name and
the structured parts: titles and roles stripped from people ("Jake Sullivan", role "National
Security Adviser", affiliation "White House"), count and affiliation of anonymous groups, the outlet
that saw a document. Lexicons here are general newsroom vocabulary, not names from any one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance.names import normalize_name

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "dozens": None,
    "several": None, "some": None, "many": None, "multiple": None, "few": None, "various": None,
}  # fmt: skip
PRONOUNS = frozenset("he she they it we i him her them".split())
KNOWN_OUTLETS = frozenset(
    normalize_name(n)
    for n in (
        "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Bloomberg", "Axios",
        "Politico", "CNN", "BBC", "NBC", "NBC News", "CBS", "CBS News", "ABC", "ABC News", "NPR",
        "Fox News", "MSNBC", "The New York Times", "The Washington Post", "The Wall Street Journal",
        "Financial Times", "The Guardian", "The Times", "The Economist", "Al Jazeera", "Al Arabiya",
        "TASS", "RIA Novosti", "Interfax", "Xinhua", "Kyodo", "Yonhap", "dpa", "ANSA", "EFE",
        "Haaretz", "The Times of Israel", "Ynet", "Semafor", "Punchbowl News", "The Information",
        "CNBC", "Sky News", "Le Monde", "Der Spiegel", "Bild", "El País", "Nikkei", "The Hill",
        "Vox", "BuzzFeed News", "HuffPost", "Business Insider", "Insider", "Newsweek", "Time",
        "The Atlantic", "The New Yorker", "ProPublica", "The Intercept", "Daily Mail", "The Sun",
        "The Telegraph", "The Independent", "Deutsche Welle", "DW", "France 24", "RFI", "Euronews",
        "Kommersant", "Vedomosti", "Meduza", "Anadolu", "IRNA", "Tasnim", "Fars", "Channel 12",
    )
)  # fmt: skip
OUTLET_WORDS = frozenset(
    "gazette herald times post news daily journal tribune courier telegraph guardian observer "
    "chronicle press review letter wire agency reporter star sun mirror express monitor record "
    "bulletin dispatch examiner inquirer sentinel standard mail magazine weekly radio tv "
    "television broadcaster network newsletter blog podcast insider register leader".split()
)
ORG_WORDS = frozenset(
    "ministry department agency office authority company corporation corp inc ltd plc firm "
    "government administration council committee commission court police army military navy "
    "bank university institute association party union group board foundation federation "
    "organization organisation service services secretariat parliament senate congress cabinet "
    "kremlin pentagon embassy consulate municipality city county state regulator exchange "
    "hospital school college centre center laboratory lab institution team club church "
    "campaign coalition alliance fund trust council's registry bureau directorate force forces "
    "guard operator utility".split()
)
ANON_HEADS = frozenset(
    "official officials source sources person people executive executives diplomat diplomats "
    "aide aides insider insiders staffer staffers employee employees officer officers banker "
    "bankers investor investors lawmaker lawmakers negotiator negotiators witness witnesses "
    "individual individuals expert experts analyst analysts adviser advisers advisor advisors "
    "member members resident residents worker workers trader traders engineer engineers "
    "scientist scientists researcher researchers spokesperson spokesman spokeswoman "
    "representative representatives figure figures minister ministers".split()
)
DOC_HEADS = frozenset(
    "memo memorandum memos filing filings document documents data report reports study survey "
    "poll analysis audit assessment transcript transcripts letter letters email emails records "
    "record statistics figures minutes draft dossier cable cables papers complaint lawsuit "
    "indictment affidavit release registry database dataset presentation spreadsheet "
    "recording footage photos images logs log notes brief briefing summary estimate estimates "
    "budget plan proposal contract agreement order ruling judgment decree polls surveys studies "
    "analyses polling video videos article articles".split()
)
TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady rev reverend sen senator rep "
    "representative gov governor gen general lt col colonel sgt capt captain cmdr adm admiral "
    "president vice prime minister secretary chancellor ambassador mayor judge justice chief "
    "director adviser advisor officer spokesperson spokesman spokeswoman chairman chairwoman "
    "chair ceo cfo coo cto founder head leader speaker commissioner deputy assistant attorney "
    "sheriff king queen prince princess pope rabbi imam bishop cardinal councillor councilor "
    "councilman councilwoman lawmaker economist analyst editor correspondent manager executive "
    "coach dean provost inspector superintendent envoy diplomat spokesman mp mep pollster "
    "strategist consultant activist lawyer historian scientist researcher candidate nominee "
    "businessman businesswoman billionaire host anchor columnist commentator writer author "
    "actor actress singer pastor preacher congressman congresswoman delegate organizer".split()
)
ROLE_MODIFIERS = frozenset(
    "national security foreign defense defence finance health interior justice economy economic "
    "trade energy state press executive medical operating financial technology communications "
    "strategic affairs senior deputy assistant vice acting interim general chief principal "
    "managing first second former prime high supreme attorney homeland intelligence "
    "education transport environment agriculture labor labour treasury home public".split()
)
_SKIP_LEADING = re.compile(
    r"^(?:(?:while|although|though|but|and|however|meanwhile|still|yet|also|separately|"
    r"earlier|later|now|so|then|furthermore|moreover|instead|indeed|likewise|similarly|"
    r"in addition|for example|for instance|in a statement|on \w+day|last \w+|this \w+)\b,?\s*)+",
    re.I,
)
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:first|also|earlier|previously|initially|originally|exclusively|separately|"
    r"recently|repeatedly|publicly|privately|later|then|again|too))+$",
    re.I,
)
_WRAPPED_OUTLET = (
    re.compile(
        r"^(?:a|an|the)\s+(?:\w+\s+)?(?:report|story|article|investigation|dispatch|post|"
        r"broadcast|interview)\s+(?:by|from|in|on|published by)\s+(?P<name>.+)$",
        re.I,
    ),
    re.compile(
        r"^(?:a|an|the)\s+(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})\s+"
        r"(?:report|story|article|investigation|broadcast|interview)\b.*$"
    ),
    re.compile(r"^(?P<name>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,4})['’]s?\s+(?:report|story)\b.*$"),
    re.compile(r"^reports?\s+(?:by|from|in)\s+(?P<name>.+)$", re.I),
)
_TALLY = (
    r"(?i:count|tally|poll|polls|survey|study|analysis|estimate|tabulation|calculation|readout|"
    r"account|average|review|audit|projection|forecast|model|index|ranking)"
)
# Words that end a tally's title, never a person's name ("the Harbor Radio Poll").
_TALLY_WORDS = frozenset("poll polls survey surveys study analysis average index tally".split())
# Whose count or poll it is ("a count by the Coastal Wire", "a Tidewater Radio tally", "the
# Ledger's poll"): the one who made it is the source a reader would check.
_WRAPPED_MAKER = (
    re.compile(
        r"^(?:(?:a|an|the|its|their|his|her|recent|new|latest|early|final)\s+)*(?:[\w-]+\s+)?"
        + _TALLY
        + r"(?:\s+results)?\s+(?:(?:conducted|released|published|commissioned|compiled|"
        r"carried out|done|sponsored)\s+)?(?:by|from|of|for)\s+(?P<name>[A-Z].+)$",
        re.I,
    ),
    re.compile(
        r"^(?:(?:a|an|the|recent|new|latest)\s+)?(?P<name>[A-Z][\w.&'’/-]*(?:\s+[A-Z][\w.&'’/-]*)"
        r"{0,4})(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}" + _TALLY + r"\b.*$"
    ),
)
_ISSUED_BY = re.compile(
    r"^(?:a|an|the)\s+(?:\w+\s+)?(?:statement|press release|news release|communiqu\w+|"
    r"announcement|post|posting|tweet|message)\s+(?:from|by|issued by|released by|of)\s+"
    r"(?P<name>.+)$",
    re.I,
)
_SEEN_BY = re.compile(
    r"^(?P<doc>.+?)\s+(?:seen|obtained|reviewed|viewed|read|published|released|cited)\s+by\s+"
    r"(?P<by>.+)$",
    re.I,
)
_FILED_WITH = re.compile(
    r"^(?:a|an|the)\s+(?:\w+\s+)?(?:filing|submission|entry|listing|notice|record|registration)s?"
    r"\s+(?:with|to|in|on)\s+(?P<name>.+)$",
    re.I,
)
_SPOKESPERSON_FOR = re.compile(
    r"^(?:a|an|the)\s+(?:\w+\s+)?(?:spokesperson|spokesman|spokeswoman|representative|"
    r"spokespeople)\s+(?:for|of|from|at)\s+(?P<name>.+)$",
    re.I,
)
_OWNED = re.compile(
    r"^(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+(?:office|spokes\w+|message|"
    r"statement|team|campaign|lawyers?|attorneys?|representatives?|aides?|press office)$"
)
_ANON_TAIL = re.compile(
    r"\s+(?:familiar|close|with knowledge|briefed|involved|knowledgeable|aware|"
    r"with direct knowledge|in|at|from|who|speaking|granted|not authori[sz]ed)\b.*$",
    re.I,
)
_HONORIFICS = frozenset(
    "mr mrs ms miss dr sen senator rep representative gov governor gen general rev reverend "
    "president mayor judge justice secretary ambassador professor prof lt col capt adm "
    "sgt speaker chairman chairwoman commissioner sheriff".split()
)
_DATES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight january "
    "february march april may june july august september october november december".split()
)
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
_PARTY_STATE = re.compile(r"\s*\([^()]{1,12}\)\s*$")
_CAPITAL = re.compile(r"^[A-Z\u00c0-\u00de][\w'’.\-]*$")


@dataclass(frozen=True)
class Mention:
    """A source as named at one place in the text."""

    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    descriptor: str | None = None
    count: int | None = None
    seen_by: Mention | None = None


def clean_phrase(phrase: str) -> str:
    """The phrase without edge punctuation, leading discourse words ("While", "However") and
    trailing adverbs ("The Wall Street Journal first [reported]")."""
    phrase = phrase.strip(" ,;:.\u2014\u2013-")
    phrase = _PARTY_STATE.sub("", phrase)  # "Sen. Ada Crane (R-Ore.)"
    phrase = _SKIP_LEADING.sub("", phrase)
    phrase = _TRAILING_ADVERBS.sub("", phrase)
    return phrase.strip(" ,;:\u2014\u2013-")


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


def outlet_like(name: str, known: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether a name reads as a news outlet: a known one, an outlet word, or a domain name."""
    key = normalize_name(name)
    if key in KNOWN_OUTLETS or key in known:
        return True
    words = key.split()
    if not words or not _CAPITAL.match(strip_article(name).split()[0] if name.split() else ""):
        return False
    return words[-1] in OUTLET_WORDS or bool(re.search(r"\w\.(?:com|az|net|org|ru|io|co)\b", key))


def classify(phrase: str, hint: str | None = None, known_outlets: frozenset[str] = frozenset()):
    """Read a phrase into a `Mention`, "pronoun" for he/she/they/it, or None if it names no source.

    `hint` is what the context implies: "reporter" for the subject of "reports, citing" or "has
    learned" (an outlet even if it reads like a person's name), "outlet" where an outlet is likely
    but a person possible ("told X"), "document" before "showed". It decides between readings;
    it never turns a non-source into one.
    """
    phrase = clean_phrase(phrase)
    if not phrase or len(phrase) > 160 or len(phrase.split()) > 14:
        return None
    if phrase.casefold() in _DATES:
        return None  # "said Sunday", "told the radio Monday": when, not who
    lower = phrase.casefold()
    if lower in PRONOUNS:
        return "pronoun"
    for pattern in _WRAPPED_OUTLET:
        match = pattern.match(phrase)
        if match:
            inner = classify(match.group("name"), "outlet", known_outlets)
            if isinstance(inner, Mention):
                return inner
    for pattern in _WRAPPED_MAKER:
        match = pattern.match(phrase)
        if match and match.group("name").split()[-1].casefold() in _TALLY_WORDS:
            continue  # "the PollTracker average of Salem polls": the polls are not its maker
        if match:
            inner = classify(match.group("name"), None, known_outlets)
            if isinstance(inner, Mention) and inner.kind != "pronoun":
                return inner
    match = _ISSUED_BY.match(phrase)
    if match:
        return classify(match.group("name"), hint, known_outlets)
    match = _FILED_WITH.match(phrase)
    if match:
        return Mention(strip_article(clean_phrase(match.group("name"))), "document")
    match = _SEEN_BY.match(phrase)
    if match and _head(match.group("doc")) in DOC_HEADS:
        seer = classify(match.group("by"), "outlet", known_outlets)
        return Mention(
            _document_name(match.group("doc")),
            "document",
            seen_by=seer if isinstance(seer, Mention) else None,
        )
    match = _OWNED.match(phrase)
    if match:
        return classify(match.group("owner"), "organization", known_outlets)
    match = _SPOKESPERSON_FOR.match(phrase)
    if match:
        org = classify(match.group("name"), "organization", known_outlets)
        if isinstance(org, Mention):
            return org
    if outlet_like(phrase, known_outlets):
        return Mention(strip_article(phrase), "outlet")
    head = _head(phrase)
    words = lower.split()
    if head in DOC_HEADS and not _proper_person(phrase):
        if hint == "outlet" and head in ("report", "reports"):
            return None
        return Mention(_document_name(phrase), "document")
    anonymous = _anonymous(phrase)
    if anonymous is not None:
        return anonymous
    if hint == "reporter" and _proper(phrase) and len(words) <= 5:
        # Subject of "reports, citing" / "has learned" / "first reported": an outlet, even when
        # its name reads like a person's ("Ukrainska Pravda").
        return Mention(strip_article(phrase), "outlet")
    person = _person(phrase)
    if person is not None:
        return person
    if hint in ("outlet", "reporter") and _proper(phrase):
        return Mention(strip_article(phrase), "outlet")
    if head in ORG_WORDS or words[-1] in ORG_WORDS or (_proper(phrase) and len(words) <= 5):
        return Mention(strip_article(phrase), "organization")
    if hint == "document" and len(words) <= 5 and not words[-1].endswith(("ed", "ing", "ly")):
        return Mention(_document_name(phrase), "document")  # not "who helped [found]"
    return None


def document_headed(phrase: str) -> bool:
    """Whether a phrase's head noun is a document's ("a Harbor Radio poll", "the city's
    audit of the port"), whoever it names as its maker."""
    return _head(clean_phrase(phrase)) in DOC_HEADS


def _head(phrase: str) -> str:
    core = re.split(
        r"\s+(?:of|from|by|with|on|in|for|seen|obtained|who|that|taken|conducted|released|"
        r"published)\s+",
        phrase,
        maxsplit=1,
    )[0]
    words = core.casefold().split()
    return words[-1].strip(".,'’") if words else ""


def _document_name(phrase: str) -> str:
    return strip_article(clean_phrase(phrase))


def _proper(phrase: str) -> bool:
    tokens = strip_article(phrase).split()
    return bool(tokens) and all(
        _CAPITAL.match(t) or t.lower() in ("of", "and", "for", "the", "&", "de") for t in tokens
    )


def _proper_person(phrase: str) -> bool:
    return _person(phrase) is not None


def _anonymous(phrase: str) -> Mention | None:
    words = phrase.split()
    first = words[0].casefold()
    count = NUMBERS.get(first)
    quantified = first in NUMBERS or first.isdigit()
    if first.isdigit():
        count = int(first)
    core = _ANON_TAIL.sub("", phrase)
    core_words = core.split()
    if quantified:
        core_words = core_words[1:]
    if not core_words or core_words[-1].casefold() not in ANON_HEADS:
        return None
    modifiers = core_words[:-1]
    plural = core_words[-1].endswith("s") or core_words[-1].casefold() == "people"
    if not quantified and first not in ("the",) and not plural:
        return None  # a bare singular head ("official") is not a descriptor
    if first == "the" and not plural:
        return None  # "the spokesman" refers back to someone already named
    caps = [w for w in modifiers if _CAPITAL.match(w) and w.casefold() not in ("the",)]
    close = re.search(r"\bclose to\s+(?:the\s+)?(?P<aff>.+)$", phrase, re.I)
    affiliation = " ".join(caps) or (close.group("aff") if close else None)
    descriptor = " ".join(w for w in words[1:] if w) if quantified else phrase
    name = phrase[0].lower() + phrase[1:] if quantified and not first.isdigit() else phrase
    return Mention(
        name, "anonymous", affiliation=affiliation, descriptor=descriptor or None, count=count
    )


def _person(phrase: str) -> Mention | None:
    """A named person: "Corvane medical officer Dr. Tomasz Wierzbicki" -> Tomasz Wierzbicki;
    "Ada Crane of the port union", "Ada Crane of consulting firm Tidewell" -> Ada Crane, with
    the affiliation; "Secretary of State Ada Crane" -> Ada Crane."""
    of = re.match(r"^(?P<who>.+?)\s+(?:of|at|from)\s+(?:the\s+)?(?P<aff>[A-Z].*)$", phrase)
    if of:
        found = _person_named(of.group("who"), of.group("aff"))
        if found is not None:
            return found
    described = re.match(r"^(?P<who>[A-Z].+?)\s+(?:of|at|from|with)\s+(?P<aff>[a-z].*)$", phrase)
    if described:
        found = _person_named(described.group("who"), strip_article(described.group("aff")))
        if found is not None:
            return found
    return _person_named(phrase, None)


def _person_named(phrase: str, affiliation: str | None) -> Mention | None:
    possessive = re.match(r"^(?P<aff>[A-Z][\w.\s]*?)['’]s\s+(?P<rest>.+)$", phrase)
    if possessive:
        affiliation, phrase = possessive.group("aff"), possessive.group("rest")
    tokens = phrase.split()
    name: list[str] = []
    while tokens:
        token = tokens[-1]
        bare = token.casefold().strip(".")
        if not _CAPITAL.match(token) or bare in TITLES or bare in ORG_WORDS or bare in OUTLET_WORDS:
            break
        if bare in _TALLY_WORDS:
            return None  # "Harbor Radio International Poll": a poll's title, not a name
        if bare in ROLE_MODIFIERS:
            break
        name.insert(0, tokens.pop())
    if len(name) > 4:
        return None
    titled = bool(tokens) and tokens[-1].casefold().strip(".") in _HONORIFICS
    if len(name) < 2 and not (titled and name and len(name[0]) > 1 and not name[0].isupper()):
        return None  # one word is a name only after a title: "Mr. Holt", "Sen. Varga"
    if any(t.isupper() and len(t.rstrip(".")) > 1 and not _INITIALS.match(t) for t in name):
        return None  # acronyms: "US", "NATO" are not given names; initials ("B.", "G.K.") are
    # Titles directly before the name ("Dr.", "Professor") are dropped, not kept as a role.
    while tokens and tokens[-1].casefold().strip(".") in TITLES - {"chief", "head", "deputy"}:
        if tokens[-1][0].isupper() and tokens[-1].casefold().strip(".") in (
            "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "rev",
        ):  # fmt: skip
            tokens.pop()
            continue
        break
    role_tokens: list[str] = []
    while tokens:
        bare = tokens[-1].casefold().strip(".,")
        if (
            bare in TITLES
            or bare in ROLE_MODIFIERS
            or tokens[-1].islower()
            or bare in ("for", "of", "and")
        ):
            role_tokens.insert(0, tokens.pop())
        else:
            break
    while role_tokens and role_tokens[0].casefold() in ("a", "an", "the", "and", "for", "of"):
        role_tokens.pop(0)
    rest = " ".join(tokens).strip(" ,")
    if rest and rest.casefold() not in ("the", "a", "an"):
        affiliation = affiliation or strip_article(rest)
    return Mention(
        " ".join(name),
        "person",
        role=" ".join(role_tokens) or None,
        affiliation=affiliation,
    )
