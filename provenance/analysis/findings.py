"""What the analysis returns: frozen records that turn into JSON-ready plain data."""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from typing import Any

# Worst first: a fidelity's index is its rank, so the weakest link of a path is its minimum.
FIDELITY_ORDER: tuple[str, ...] = ("unsupported", "distorted", "unchecked", "faithful")
FIDELITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(FIDELITY_ORDER)}
# An unknown fidelity is treated as unchecked: nobody has vouched for the hop.
UNCHECKED_RANK = FIDELITY_RANK["unchecked"]
UNSUPPORTED_RANK = FIDELITY_RANK["unsupported"]

# Chains beyond this many are counted in `chains_total` but not listed.
MAX_CHAINS = 50


def plain(value: Any) -> Any:
    """Convert records, tuples and dates into dicts, lists and ISO 8601 strings."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class OriginGroup:
    """Origins that count as one independent origin."""

    key: str  # "source:<id>" (a source or its affiliation) or "anonymous:<descriptor>"
    label: str  # what the summary prints: "anonymous: four US officials"
    kind: str  # the members' source kind when they share one, else "mixed"
    anonymous: bool  # every member is an anonymous source
    node_ids: tuple[int, ...]
    source_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Chain:
    """One path from a root assertion to an origin, root first."""

    node_ids: tuple[int, ...]
    edge_ids: tuple[int, ...]
    hops: int
    weakest: str | None  # the worst fidelity on the path; None for a zero-hop chain
    broken: bool  # the path passes an unsupported hop


@dataclass(frozen=True, slots=True)
class TimelineAnomaly:
    """A citation of a document published after the citing document."""

    edge_id: int
    citing_node: int
    cited_node: int
    citing_published_at: datetime
    cited_published_at: datetime


@dataclass(frozen=True, slots=True)
class Analysis:
    """The findings for one claim's provenance graph (definitions: `provenance.analysis`)."""

    origins: tuple[int, ...]
    origin_groups: tuple[OriginGroup, ...]
    independent_origins: int
    dependent_origins: tuple[int, ...]
    unsourced: bool
    circular: bool
    cycles: tuple[tuple[int, ...], ...]
    document_cycles: tuple[tuple[int, ...], ...]
    depth: int
    chains: tuple[Chain, ...]
    chains_total: int
    chains_capped: bool
    weakest_fidelity: str | None
    broken: bool
    broken_chains: int
    links: int
    checked_links: int
    unchecked_links: int
    faithful_links: int
    distorted_links: int
    unsupported_links: int
    timeline_anomalies: tuple[TimelineAnomaly, ...]
    appearances: tuple[int, ...]
    first_appearance: int | None
    flagged_documents: tuple[int, ...]
    retracted_documents: tuple[int, ...]
    corrected_documents: tuple[int, ...]
    gone_documents: tuple[int, ...]
    changed_documents: tuple[int, ...]
    retracted: bool
    truncated: bool
    assertions: int
    reporting_sources: int
    summary: str

    def as_dict(self) -> dict[str, Any]:
        """The findings as JSON-ready plain data (ints, strings, lists, ISO dates)."""
        return plain(self)
