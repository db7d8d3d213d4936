"""What one sentence attributes: its `Edge`s and the `Attribution` holding them and its
speakers, for `provenance.ingest.extraction` to resolve."""

from __future__ import annotations

from dataclasses import dataclass, field

from provenance.ingest.mentions import (
    Mention,
)


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
