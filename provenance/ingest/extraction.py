"""The entry point: an article in, publisher, authors, sources, citations, quotes and claims out.

Voices. Every sentence speaks for someone: the publisher, or in a rewrite the outlet the article
rewrites. An article is a rewrite of outlet M when its title starts "M: ..." (M an outlet other
than the publisher) or when it says "PUBLISHER reports, citing M". In a rewrite every sentence
without a voice of its own is M's (so "four US officials said" gives M -> officials), while a
sentence where the publisher speaks for itself ("PUBLISHER reports", "told PUBLISHER",
"PUBLISHER has learned") stays the publisher's.

Publisher of plain text (no metadata): the subject of "X has learned" or "X reports, citing Y"
(the self-references of an outlet that rewrites others), else the host of `url`, else None.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from provenance.ingest.attribution import (
    SPEECH_VERBS,
    Attribution,
    Edge,
    attribute,
    leading_name,
)
from provenance.ingest.claims import build_claim
from provenance.ingest.decoding import decode
from provenance.ingest.document import Document, document_from_text
from provenance.ingest.errors import MalformedContent
from provenance.ingest.markup import document_from_html
from provenance.ingest.mentions import Mention, classify, outlet_like
from provenance.ingest.phrases import np_before
from provenance.ingest.results import Citation, Claim, Extraction, Link, Quote, Source
from provenance.ingest.sentences import Sentence, split_sentences
from provenance.names import normalize_name

_SELF_REFERENCE = re.compile(r"\s+(?:has learned|reports,?\s*citing|reported,?\s*citing)\b")
_REWRITE = re.compile(r"\b(?:reports|reported|writes|wrote)\s*,\s*citing\b")
_TITLE_PREFIX = re.compile(r"^(?P<name>[A-Z][^:]{1,40}):\s+\S")
_NOT_A_SOURCE_PREFIX = re.compile(
    r"^(?:exclusive|analysis|breaking|update[d]?|watch|opinion|live|explainer|video|photos?|"
    r"editorial|review|interview|comment|factbox|timeline|q&a|fact ?check|podcast|first on|"
    r"watch live|just in|correction|report|in pictures|graphic|poll|quiz)$",
    re.I,
)
_PRONOUN_SUBJECT = re.compile(r"^(He|She|It|They)\s")
_VERB_THEN_PRONOUN = re.compile(r"\b([a-z]+)\s+(?:that\s+)?(he|she|it|they)\b")
# "told the committee she", "told reporters that they": the receiver between verb and subject.
_TOLD_THEN_PRONOUN = re.compile(
    r"\b(told|tells)\s+(?:[^\s,.;:]+\s+){1,4}?(?:that\s+)?(he|she|it|they)\b"
)
_DUMMY_IT = re.compile(
    r"It\s+(?:is|was|'s|\u2019s|would be|will be|could be|might be|has been|had been|seems|"
    r"seemed|appears|appeared|remains|makes|made|takes|took)\b"
)
# The kinds of source a pronoun can stand for: "it" an organisation, outlet or document,
# "they" a group.
_PRONOUN_KINDS = {
    "He": ("person",),
    "She": ("person",),
    "It": ("organization", "outlet", "document"),
    "They": ("anonymous", "organization"),
}
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z.,'\u2019 -]{1,40}?\s*\((?P<outlet>[A-Z][\w.&' -]{1,30})\)\s*[-\u2013\u2014]"
)
_QUOTE_CLOSERS = frozenset('"\u201d\u00bb')
MAX_SENTENCES = 3000
"""Sentences read for attribution; a long-form article has a few hundred, so the cap only bounds
the work on pathological input (10 MB of text)."""
# Confidence in a quote's speaker, by how it was found: most sure when a speech verb in the same
# sentence names the speaker; less through a pronoun or a credit without a verb (colon, dash,
# transcript); least when carried from an earlier sentence or given to a partial quote.
SAID = 0.9
RESOLVED_PRONOUN = 0.75
CREDITED = 0.75
PARTIAL = 0.7
STANCE = 0.7  # a stance or intention verb ("endorsed", "plans to"), not a verb of speech
CARRIED = 0.6
PARTIAL_CARRIED = 0.5
_GENERIC_OUTLET_WORDS = frozenset("news agency media group online network service wire".split())


def extract(
    content: bytes | str, *, url: str | None = None, content_type: str | None = None
) -> Extraction:
    """Extract the provenance of one article (HTML or plain text, bytes or text).

    Raises an `ExtractionError` subclass for empty, binary, oversized or unreadable input.
    """
    text, is_html = decode(content, content_type)
    try:
        document = (
            document_from_html(text, url=url) if is_html else document_from_text(text, url=url)
        )
    except (RecursionError, ValueError, AssertionError) as error:
        raise MalformedContent(f"The HTML could not be parsed ({type(error).__name__}).") from None
    return replace(
        _Extractor(document, url).run(),
        text="\n\n".join(paragraph.text for paragraph in document.paragraphs),
        media_type="text/html" if is_html else "text/plain",
    )


def publisher_aliases(name: str) -> frozenset[str]:
    """Normalised names an article may use for its publisher: "Meridian" for "Meridian News
    Agency", "Caliber" for "Caliber.Az"."""
    key = normalize_name(name)
    aliases = {key}
    words = key.split()
    while len(words) > 1 and words[-1] in _GENERIC_OUTLET_WORDS:
        words = words[:-1]
        aliases.add(" ".join(words))
    if "." in key and " " not in key:
        aliases.add(key.split(".")[0])
    return frozenset(aliases)


class _Extractor:
    """One extraction's state: the source registry and the sentence walk."""

    def __init__(self, document: Document, url: str | None) -> None:
        self.document = document
        self.sentences: list[Sentence] = []
        for index, paragraph in enumerate(document.paragraphs):
            self.sentences.extend(split_sentences(paragraph, index))
            if len(self.sentences) >= MAX_SENTENCES:
                del self.sentences[MAX_SENTENCES:]
                break
        self.publisher = (
            document.publisher
            or self._publisher_from_text()
            or self._publisher_from_dateline()
            or _host(url)
        )
        self.aliases = publisher_aliases(self.publisher) if self.publisher else frozenset()
        self.sources: dict[str, Source] = {}
        self.surnames: dict[str, str] = {}
        self.weakly_named: set[str] = set()  # sources named so far only by a stance verb
        self.citations: dict[tuple, Citation] = {}
        self.last_person: str | None = None
        self.last_group: str | None = None
        self.last_body: str | None = None  # the last organisation or document named, for "it"
        # A person the text names without citing ("Ada Holt, 45, drives the ferry."), whom a
        # later "she said" refers to when no source has been named yet.
        self.named_in_passing: str | None = None
        if self.publisher:
            self._register(Mention(self.publisher, "outlet"))

    # -- the publisher and the rewrite ------------------------------------------------------

    def _publisher_from_text(self) -> str | None:
        for sentence in self.sentences:
            for match in _SELF_REFERENCE.finditer(sentence.masked):
                found = np_before(sentence.masked, match.start())
                who = classify(found[0], "reporter") if found else None
                if isinstance(who, Mention) and who.kind == "outlet":
                    return who.name
        return None

    def _publisher_from_dateline(self) -> str | None:
        """A wire dateline opening the body ("PORT ELLEN (Meridian Wire) — ...") names the
        outlet whose story this is: "told Meridian Wire" later in it is its own reporting."""
        first = self.sentences[0].text if self.sentences else ""
        dateline = _DATELINE.match(first)
        if dateline is None:
            return None
        outlet = classify(dateline.group("outlet"))  # an outlet by name, not a place in brackets
        return outlet.name if isinstance(outlet, Mention) and outlet.kind == "outlet" else None

    def is_publisher(self, mention: Mention) -> bool:
        return normalize_name(mention.name) in self.aliases

    def _main_source(self, attributions: list[Attribution]) -> tuple[Mention | None, str]:
        """The outlet this article rewrites, and the text that says so."""
        title = self.document.title or ""
        prefix = _TITLE_PREFIX.match(title)
        cited = {
            normalize_name(edge.target.name)
            for attribution in attributions
            for edge in attribution.edges
            if edge.target.kind == "outlet"
        }
        if prefix and not _NOT_A_SOURCE_PREFIX.match(prefix.group("name").strip()):
            name = prefix.group("name").strip()
            candidate = classify(name, "outlet")
            if (
                isinstance(candidate, Mention)
                and not self.is_publisher(candidate)
                and (outlet_like(name) or normalize_name(candidate.name) in cited)
            ):
                return Mention(candidate.name, "outlet"), title
        for sentence, attribution in zip(self.sentences, attributions, strict=True):
            if attribution.publisher_voice and _REWRITE.search(sentence.masked):
                for edge in attribution.edges:
                    if edge.target.kind == "outlet" and not self.is_publisher(edge.target):
                        return edge.target, sentence.text
        return None, ""

    # -- the source registry ----------------------------------------------------------------

    def _register(self, mention: Mention, cap: float | None = None) -> str:
        """Record a source (merging what is known of it) and return its canonical name; `cap`
        bounds the confidence of a source only a weak cue (a stance verb) has named."""
        name = self._resolve(mention)
        key = normalize_name(name)
        known = self.sources.get(key)
        fields = {
            "role": mention.role,
            "affiliation": mention.affiliation,
            "descriptor": mention.descriptor,
            "count": mention.count,
            "seen_by": self._register(mention.seen_by) if mention.seen_by else None,
        }
        if known is None:
            kind = "person" if name != mention.name and key in self._person_keys() else mention.kind
            if self.aliases and key in self.aliases:
                kind = "outlet"
            confidence = (
                1.0 if self.aliases and key in self.aliases else _source_sureness(name, kind)
            )
            if cap is not None and confidence > cap:
                confidence = cap
                self.weakly_named.add(key)
            self.sources[key] = Source(name=name, kind=kind, confidence=confidence, **fields)
            if kind == "person" and len(name.split()) >= 2:
                self.surnames.setdefault(normalize_name(name.split()[-1]), name)
        else:
            updates = {
                k: v for k, v in fields.items() if v is not None and getattr(known, k) is None
            }
            if name != mention.name:  # a surname or "the memo" resolved to a known source
                updates["confidence"] = max(known.confidence or 0.0, 0.8)
            if cap is None and key in self.weakly_named:  # now named by a verb of speech too
                self.weakly_named.discard(key)
                updates["confidence"] = max(
                    updates.get("confidence", 0.0), _source_sureness(known.name, known.kind)
                )
            if updates:
                self.sources[key] = replace(known, **updates)
        return self.sources[key].name

    def _person_keys(self) -> set[str]:
        return {key for key, source in self.sources.items() if source.kind == "person"}

    def _resolve(self, mention: Mention) -> str:
        if self.is_publisher(mention) and self.publisher:
            return self.publisher
        key = normalize_name(mention.name)
        if " " not in key and key in self.surnames:
            return self.surnames[key]
        if mention.kind == "outlet" and key not in self.sources:
            # "The Journal" after "The Wall Street Journal": one outlet, when only one fits.
            longer = [
                source.name
                for known_key, source in self.sources.items()
                if source.kind == "outlet" and known_key.endswith(" " + key)
            ]
            if len(longer) == 1:
                return longer[0]
        if mention.kind == "document" and " " not in key and key not in self.sources:
            # "the memo" refers back to "an internal memo".
            for known_key, source in self.sources.items():
                if source.kind == "document" and known_key.endswith(" " + key):
                    return source.name
        return mention.name

    def _edge(self, source: str | None, target: str, relation: str, evidence: str, url=None):
        if source is not None and normalize_name(source) == normalize_name(target):
            return
        key = (normalize_name(source or ""), normalize_name(target), relation)
        if key not in self.citations:
            self.citations[key] = Citation(source, target, relation, evidence, url)

    # -- the walk ---------------------------------------------------------------------------

    def run(self) -> Extraction:
        outlets = frozenset(self.aliases)
        attributions = [
            attribute(
                sentence,
                known_outlets=outlets,
                is_publisher=self.is_publisher,
            )
            for sentence in self.sentences
        ]
        main, main_evidence = self._main_source(attributions)
        main_name = self._register(main) if main else None
        if main_name and self.publisher:
            has_edge = any(
                self.is_publisher(e.source)
                and normalize_name(e.target.name) == normalize_name(main_name)
                for a in attributions
                for e in a.edges
                if e.source is not None
            )
            if not has_edge:
                self._edge(self.publisher, main_name, "cites", main_evidence)

        quotes: list[Quote] = []
        claims: list[Claim] = []
        recent: tuple[str, int] | None = None  # the last speaker and its paragraph
        credited_back = -1  # the sentence that credits the quote before it ("...?" Lund said.)
        for position, (sentence, attribution) in enumerate(
            zip(self.sentences, attributions, strict=True)
        ):
            voice = self.publisher if attribution.publisher_voice or not main_name else main_name
            if attribution.voice is not None:
                override = self._register(attribution.voice)
                self._edge(voice, override, "cites", sentence.text)
                voice = override
            resolved: dict[int, str | None] = {}
            sentence_edges: list[tuple[str | None, str, str]] = []
            for edge in attribution.edges:
                target = self._name(edge.target, voice, STANCE if edge.weak else None)
                if target is None and _first_person(edge.target) and recent is not None:
                    # "I think ..." in a paragraph that goes on from a quoted speaker's: the
                    # speaker's own words, as in a quotation that runs over several paragraphs.
                    if sentence.paragraph - recent[1] <= 1:
                        target = recent[0]
                if target is None:
                    continue
                source = self._name(edge.source, voice)
                resolved[id(edge.target)] = target
                relation = edge.relation
                if relation == "paraphrases" and self._quoted_by(sentence, attribution, edge):
                    relation = "quotes"
                self._edge(source, target, relation, sentence.text)
                sentence_edges.append((source, target, relation))
            if attribution.anonymity_reason:
                self._set_reason(sentence_edges, attribution.anonymity_reason)

            speakers = [
                (
                    offset,
                    resolved.get(id(m)) or self._name(m, voice),
                    _sureness(m, offset, attribution),
                )
                for offset, m in attribution.speakers
            ]
            own = [name for _, name, _ in speakers if name is not None]
            for index, span in enumerate(sentence.quotes):
                if index in attribution.not_speech:
                    continue
                text = span.text.strip().rstrip(",.;:").strip()
                speaker, confidence = _nearest(speakers, span.start)
                words = len(text.split())
                if speaker is None and not own:
                    credit = self._credit_after(position, attributions)
                    if credit is not None:
                        speaker, confidence = self._name(credit, voice), CREDITED
                        credited_back = position + 1
                if speaker is None and not own and words >= 4 and sentence_edges:
                    # 'According to the Ledger, "..."': the sentence names whose words these
                    # are, so they are not carried from an earlier speaker.
                    speaker, confidence = sentence_edges[-1][1], PARTIAL
                if speaker is None and not own and words >= 4 and recent is not None:
                    # A follow-on quote: the speaker of the last paragraph or sentence goes on.
                    if sentence.paragraph - recent[1] <= 1:
                        speaker, confidence = recent[0], CARRIED
                if speaker is None and words < 4:
                    # A partial quote belongs to the sentence's source, or to the speaker of
                    # the paragraph; with neither it is a scare quote or a title, not speech.
                    if sentence_edges:
                        speaker, confidence = sentence_edges[-1][1], PARTIAL
                    elif recent is not None and recent[1] == sentence.paragraph:
                        speaker, confidence = recent[0], PARTIAL_CARRIED
                    else:
                        continue
                quotes.append(Quote(speaker, text, sentence.text, confidence if speaker else None))
                if speaker is not None and not own and not sentence_edges:
                    # The carried quote is the speaker's claim as much as one with a verb.
                    self._edge(voice, speaker, "quotes", sentence.text)
                    sentence_edges.append((voice, speaker, "quotes"))
            if quotes and quotes[-1].evidence == sentence.text and quotes[-1].speaker:
                # The quote's speaker goes on into the next quotation, not whoever else the
                # sentence names after it ('"...," Holt told the Courier, after Lund spoke.').
                recent = (quotes[-1].speaker, sentence.paragraph)
            elif own:
                # A credit split off the quote before it speaks on; others it names do not.
                recent = (own[0] if credited_back == position else own[-1], sentence.paragraph)

            claim = build_claim(
                sentence.text,
                attribution.strip,
                sentence_edges,
                voice=voice,
                publisher=self.publisher,
                main=main_name,
            )
            if claim is not None:
                claims.append(self._named_subject(claim))
            elif not attribution.speakers:
                self._note_person(sentence)

        self._attach_links()
        return Extraction(
            publisher=self.publisher,
            authors=self.document.authors,
            title=self.document.title,
            url=self.document.url,
            published_at=self.document.published_at,
            sources=tuple(self.sources.values()),
            citations=tuple(self.citations.values()),
            quotes=tuple(quotes),
            claims=tuple(claims),
            links=tuple(self._links()),
        )

    def _credit_after(self, index: int, attributions: list[Attribution]) -> Mention | None:
        """The speaker of a quote that a question or exclamation mark closed, so that its credit
        became a sentence of its own ("...?" Lund said in reply.): the next sentence in the same
        paragraph whose first speech verb opens it, before any quotation of its own."""
        sentence = self.sentences[index]
        if index + 1 >= len(self.sentences) or sentence.text.rstrip()[-1:] not in _QUOTE_CLOSERS:
            return None
        following, attribution = self.sentences[index + 1], attributions[index + 1]
        if (
            following.paragraph != sentence.paragraph
            or not attribution.speakers
            or attribution.speakers[0][0] > 40
            or (following.quotes and following.quotes[0].start < attribution.speakers[0][0])
        ):
            return None
        return attribution.speakers[0][1]

    def _name(
        self, mention: Mention | None, voice: str | None, cap: float | None = None
    ) -> str | None:
        """The registered name of a mention: None stands for the voice, pronouns for the last
        person ("he", "she") or group ("they") named."""
        if mention is None:
            return voice
        if mention.kind == "pronoun":
            if mention.name in ("he", "she", "him", "her"):
                if self.last_person is None and mention.descriptor:
                    # "the Russian leader said" before anyone is named: the description is
                    # the only name the source has.
                    described = Mention(mention.descriptor, "anonymous", count=1)
                    return self._register(replace(described, descriptor=mention.descriptor))
                if self.last_person is None and self.named_in_passing:
                    return self._name(Mention(self.named_in_passing, "person"), voice)
                return self.last_person
            if mention.name in ("they", "them"):
                return self.last_group
            if mention.name == "it":
                return self.last_body
            return None
        name = self._register(mention, cap)
        kind = self.sources[normalize_name(name)].kind
        if kind == "person":
            self.last_person = name
        elif kind in ("anonymous", "organization"):
            self.last_group = name
        if kind in ("organization", "document"):
            self.last_body = name
        return name

    def _note_person(self, sentence: Sentence) -> None:
        """Remember the person a sentence without a source opens with, by full name."""
        subject = leading_name(sentence.text)
        if subject is None or " " not in subject[0]:
            return
        who = classify(subject[0])
        if isinstance(who, Mention) and who.kind == "person":
            self.named_in_passing = who.name
            self.last_person = None

    def _named_subject(self, claim: Claim) -> Claim:
        """ "Holt said he would resign" drafts "Holt would resign": a claim that opens with
        "he"/"she" names the person it is attributed to (the speaker, in reported speech), as
        "it" names the organisation or document and "they" the group ("The union said it would
        strike" drafts "Harbor Union would strike")."""
        opening = _PRONOUN_SUBJECT.match(claim.text)
        source = self.sources.get(normalize_name(claim.attributed_to or ""))
        if opening is None or claim.text == claim.sentence or source is None:
            return claim
        pronoun = opening.group(1)
        if source.kind not in _PRONOUN_KINDS[pronoun] or not _reported_pronoun(
            claim.sentence, pronoun
        ):
            return claim
        if pronoun == "It" and _DUMMY_IT.match(claim.text):
            return claim  # "it was a sad day": no one's subject
        name = source.name[:1].upper() + source.name[1:]
        return replace(claim, text=name + claim.text[opening.end() - 1 :])

    def _quoted_by(self, sentence: Sentence, attribution: Attribution, edge: Edge) -> bool:
        """Whether a quotation in the sentence belongs to the edge's speaker (the nearest one)."""
        return any(
            min(attribution.speakers, key=lambda s: abs(s[0] - quote.start))[1] is edge.target
            for quote in sentence.quotes
            if attribution.speakers
        )

    def _set_reason(self, edges: list[tuple[str | None, str, str]], reason: str) -> None:
        for _, target, _ in edges:
            key = normalize_name(target)
            source = self.sources.get(key)
            if source and source.kind == "anonymous" and source.anonymity_reason is None:
                self.sources[key] = replace(source, anonymity_reason=reason)

    def _attach_links(self) -> None:
        """Give a source the URL of an anchor on its name, and record the link."""
        for sentence in self.sentences:
            for anchor in sentence.anchors:
                key = normalize_name(anchor.text)
                target = self.sources.get(key) or next(
                    (
                        s
                        for k, s in self.sources.items()
                        if min(len(k), len(key)) >= 4
                        and (key in k or k in key)
                        and k not in self.aliases
                    ),
                    None,
                )
                if target is None or normalize_name(target.name) in self.aliases:
                    continue
                if target.url is None:
                    self.sources[normalize_name(target.name)] = replace(target, url=anchor.url)
                self._edge(self.publisher, target.name, "links_to", sentence.text, anchor.url)
                for key_, citation in list(self.citations.items()):
                    if citation.target == target.name and citation.url is None:
                        self.citations[key_] = replace(citation, url=anchor.url)

    def _links(self) -> list[Link]:
        """Links in the body that leave the article's own site, once each."""
        home = urlsplit(self.document.url).hostname if self.document.url else None
        seen: dict[str, Link] = {}
        for paragraph in self.document.paragraphs:
            for anchor in paragraph.anchors:
                if home is None or urlsplit(anchor.url).hostname != home:
                    seen.setdefault(anchor.url, Link(anchor.url, anchor.text))
        return list(seen.values())


def _first_person(mention: Mention) -> bool:
    return mention.kind == "pronoun" and mention.name in ("i", "we", "me", "us")


def _reported_pronoun(sentence: str, pronoun: str) -> bool:
    """Whether the pronoun is the subject of reported speech ("said she would"), not of words
    quoted from someone else."""
    return any(
        match.group(1) in SPEECH_VERBS and match.group(2) == pronoun.casefold()
        for pattern in (_VERB_THEN_PRONOUN, _TOLD_THEN_PRONOUN)
        for match in pattern.finditer(sentence)
    )


def _nearest(
    speakers: list[tuple[int, str | None, float]], position: int
) -> tuple[str | None, float | None]:
    if not speakers:
        return None, None
    _, name, confidence = min(speakers, key=lambda s: abs(s[0] - position))
    return name, confidence


def _sureness(mention: Mention, offset: int, attribution: Attribution) -> float:
    """Confidence in a speaker found in the quote's own sentence."""
    if offset in attribution.credited:
        return CREDITED
    if offset in attribution.weak:
        return STANCE
    return RESOLVED_PRONOUN if mention.kind == "pronoun" else SAID


def _source_sureness(name: str, kind: str) -> float:
    """Confidence that a newly named source is one, from what its name shows: a full personal
    name, a multi-word organisation or an outlet is rarely wrong; a lone capitalised word read as
    an organisation ("Kerry said") may be a person's surname or a place."""
    words = len(name.split())
    if kind == "person":
        return 0.9 if words >= 2 else 0.75
    if kind == "organization":
        return 0.8 if words >= 2 else 0.6
    return 0.8


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
