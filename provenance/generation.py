"""A synthetic newsroom corpus, as rows: for benchmarks and load tests, not for demos.

The shape follows how reporting spreads: a few origins (a minister, an agency, anonymous
officials, a filing) stand behind many claims; wire services relay them along chains that are
mostly one or two hops and sometimes thirty; several outlets rewrite the top of each chain (fan
in); a small share of claims is reported in a loop. Deterministic for a given seed.

Pure: it yields plain row tuples; `manage.py generate_corpus` writes them.
"""

import bisect
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
FIDELITIES = (("unchecked", 85), ("faithful", 10), ("distorted", 3), ("unsupported", 2))
DEPTHS = ((1, 55), (2, 20), (3, 10), (4, 5), (6, 4), (10, 3), (15, 2), (22, 0.6), (30, 0.4))
FAN_IN = ((1, 70), (2, 18), (3, 7), (5, 3), (8, 1.5), (12, 0.5))
ORIGIN_KINDS = (("person", 45), ("anonymous", 25), ("organization", 15), ("document", 15))
CYCLE_SHARE = 0.01


@dataclass(frozen=True)
class SourceSpec:
    key: str  # pool and position: "outlet:17"
    name: str
    kind: str
    affiliation_key: str | None = None
    descriptor: str = ""


def source_pool(*, outlets=2000, people=3000, organizations=300, anonymous=200, documents=400):
    """The sources a corpus draws on; names are stable so a second run reuses them."""
    pool = [
        SourceSpec(f"organization:{i}", f"Agency {i:04d}", "organization")
        for i in range(organizations)
    ]
    pool += [SourceSpec(f"outlet:{i}", f"Outlet {i:04d}", "outlet") for i in range(outlets)]
    pool += [
        SourceSpec(
            f"person:{i}",
            f"Person {i:05d}",
            "person",
            affiliation_key=f"organization:{i % organizations}" if i % 3 else None,
        )
        for i in range(people)
    ]
    pool += [
        SourceSpec(
            f"anonymous:{i}",
            f"officials of group {i:04d}",
            "anonymous",
            descriptor=f"officials of group {i:04d}",
        )
        for i in range(anonymous)
    ]
    pool += [SourceSpec(f"document:{i}", f"Filing {i:04d}", "document") for i in range(documents)]
    return pool


@dataclass
class Batch:
    claims: list[tuple] = field(default_factory=list)  # (id, text, created_at)
    assertions: list[tuple] = field(default_factory=list)  # (id, claim_id, source_id, created_at)
    citations: list[tuple] = field(
        default_factory=list
    )  # (id, citing, cited, relation, fidelity, checked_at, created_at)


def _weighted(rng: random.Random, table) -> object:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


_FUNCTION_WORDS = (
    "the of and to a in that is for on was with he it as at by his said from be are have this "
    "an not but had has its they were who their been would will more after two about also new "
    "than one over into first other could last some three when which year people government "
    "officials percent million according report minister before police country state told"
).split()
_ONSETS = ("b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "l", "m", "n", "p",
           "pr", "r", "s", "st", "t", "tr", "v", "w", "z")  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou")
_CODAS = ("", "", "n", "r", "s", "l", "m", "nd", "st", "rt")


class Wording:
    """Varied claim wordings whose words follow a Zipf law, as in news text.

    Matching benchmarks need what real claims have: a few words in nearly every claim, a long
    tail of rare ones. Function words take the top ranks, made-up words the rest.
    """

    def __init__(self, *, seed: int, vocabulary: int = 60_000, exponent: float = 1.07):
        rng = random.Random(seed)  # noqa: S311 -- synthetic data, not secrets
        syllables = [o + v + c for o, v, c in itertools.product(_ONSETS, _VOWELS, _CODAS)]
        made_up: dict[str, None] = {}
        while len(made_up) < vocabulary - len(_FUNCTION_WORDS):
            word = "".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3))))
            if word not in _FUNCTION_WORDS:
                made_up.setdefault(word, None)
        self.words = _FUNCTION_WORDS + list(made_up)
        self.cumulative = list(
            itertools.accumulate(1 / (rank + 2.7) ** exponent for rank in range(len(self.words)))
        )

    def __call__(self, rng: random.Random, claim_id: int) -> str:
        total = self.cumulative[-1]
        words = [
            self.words[bisect.bisect(self.cumulative, rng.random() * total)]
            for _ in range(rng.randint(8, 24))
        ]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), str(rng.choice((rng.randint(2, 99), 2026))))
        return " ".join(words).capitalize() + "."


def _synthetic(rng: random.Random, claim_id: int) -> str:
    return f"Synthetic claim {claim_id}: a reported fact."


class CorpusGenerator:
    """Yields batches of rows with ids from the given starts; `sources` maps pool keys to ids.

    `wording` makes each claim's text (by default one fixed sentence with the claim's id).
    """

    def __init__(
        self,
        *,
        sources: dict[str, int],
        seed: int,
        next_ids: dict[str, int],
        wording: Callable[[random.Random, int], str] = _synthetic,
    ):
        self.rng = random.Random(seed)  # noqa: S311 -- synthetic data, not secrets
        self.wording = wording
        self.sources = sources
        self.ids = dict(next_ids)
        by_kind: dict[str, list[int]] = {}
        for key, source_id in sources.items():
            by_kind.setdefault(key.split(":")[0], []).append(source_id)
        self.by_kind = {kind: sorted(ids) for kind, ids in by_kind.items()}

    def _next(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] += 1
        return value

    def _origin_source(self) -> int:
        kind = _weighted(self.rng, ORIGIN_KINDS)
        candidates = self.by_kind[kind]
        # Few origins stand behind many claims: a skewed draw (Pareto-like).
        index = min(int(self.rng.paretovariate(1.2)) - 1, len(candidates) - 1)
        return candidates[(index * 7919) % len(candidates)]

    def claim(
        self,
        batch: Batch,
        *,
        depth: int | None = None,
        fan_in: int | None = None,
        cycle: bool | None = None,
    ) -> int:
        rng = self.rng
        claim_id = self._next("claim")
        created = EPOCH + timedelta(seconds=claim_id * 37 % 31_536_000)
        batch.claims.append((claim_id, self.wording(rng, claim_id), created))
        depth = depth if depth is not None else _weighted(rng, DEPTHS)
        fan_in = fan_in if fan_in is not None else _weighted(rng, FAN_IN)
        cycle = cycle if cycle is not None else rng.random() < CYCLE_SHARE
        if cycle:
            fan_in = max(fan_in, 2)  # a loop needs two rewriters citing each other
        outlets = rng.sample(self.by_kind["outlet"], depth - 1 + fan_in)
        relays, rewriters = outlets[: depth - 1], outlets[depth - 1 :]

        def assertion(source_id: int) -> int:
            assertion_id = self._next("assertion")
            batch.assertions.append((assertion_id, claim_id, source_id, created))
            return assertion_id

        def cite(citing: int, cited: int, relation: str = "cites") -> None:
            fidelity = _weighted(rng, FIDELITIES)
            checked = created + timedelta(days=1) if fidelity != "unchecked" else None
            batch.citations.append(
                (self._next("citation"), citing, cited, relation, fidelity, checked, created)
            )

        upstream = assertion(self._origin_source())
        for source_id in reversed(relays):  # the wire service nearest the origin first
            relay = assertion(source_id)
            cite(relay, upstream, rng.choice(("cites", "cites", "quotes", "paraphrases")))
            upstream = relay
        tops = []
        for source_id in rewriters:
            top = assertion(source_id)
            cite(top, upstream)
            tops.append(top)
        if cycle:
            # Two rewriters citing each other: circular reporting.
            cite(tops[0], tops[1])
            cite(tops[1], tops[0])
        return claim_id

    def batches(self, claims: int, batch_size: int) -> Iterator[Batch]:
        for start in range(0, claims, batch_size):
            batch = Batch()
            for _ in range(min(batch_size, claims - start)):
                self.claim(batch)
            yield batch
