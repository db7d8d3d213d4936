"""Reading a ClaimReview feed: JSON-LD in, plain data out (no database).

A feed is a single ClaimReview, a list of them, or a JSON-LD document with a `@graph`; fact-check
publishers' feeds come in all three shapes. Each item becomes a `FeedItem`, or a `FeedError`
that says which item (its index in the feed) and why it was skipped.

Verdict mapping. The rating's name (`alternateName`) decides when it is a known verdict word
(publishers' own scales: "Pants on Fire" is false, "Half True" mixed, "Missing context"
misleading...). Otherwise the numeric `ratingValue` is placed on this site's scale by its position
between `worstRating` and `bestRating` (1 and 5 when missing, schema.org's defaults): the nearest
of false, mostly false, mixed, mostly true, true. A rating with neither is an unknown rating.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from django.utils.dateparse import parse_date, parse_datetime

from provenance.models.claims import Verdict

# Normalised verdict words -> verdict. Keys are lower case with runs of non-letters as one space.
VERDICT_WORDS = {
    **{label.lower(): value for value, label in Verdict.choices},
    "true": Verdict.TRUE,
    "correct": Verdict.TRUE,
    "accurate": Verdict.TRUE,
    "mostly true": Verdict.MOSTLY_TRUE,
    "mostly correct": Verdict.MOSTLY_TRUE,
    "largely true": Verdict.MOSTLY_TRUE,
    "mostly accurate": Verdict.MOSTLY_TRUE,
    "half true": Verdict.MIXED,
    "mixed": Verdict.MIXED,
    "mixture": Verdict.MIXED,
    "partly true": Verdict.MIXED,
    "partially true": Verdict.MIXED,
    "partly false": Verdict.MIXED,
    "partially false": Verdict.MIXED,
    "mostly false": Verdict.MOSTLY_FALSE,
    "largely false": Verdict.MOSTLY_FALSE,
    "mostly inaccurate": Verdict.MOSTLY_FALSE,
    "false": Verdict.FALSE,
    "incorrect": Verdict.FALSE,
    "inaccurate": Verdict.FALSE,
    "wrong": Verdict.FALSE,
    "fake": Verdict.FALSE,
    "pants on fire": Verdict.FALSE,
    "four pinocchios": Verdict.FALSE,
    "misleading": Verdict.MISLEADING,
    "missing context": Verdict.MISLEADING,
    "out of context": Verdict.MISLEADING,
    "lacks context": Verdict.MISLEADING,
    "exaggerated": Verdict.MISLEADING,
    "unverifiable": Verdict.UNVERIFIABLE,
    "unproven": Verdict.UNVERIFIABLE,
    "unsubstantiated": Verdict.UNVERIFIABLE,
    "no evidence": Verdict.UNVERIFIABLE,
}
_SCALE = (Verdict.FALSE, Verdict.MOSTLY_FALSE, Verdict.MIXED, Verdict.MOSTLY_TRUE, Verdict.TRUE)
_NON_LETTERS = re.compile(r"[^\w]+|_")


@dataclass(frozen=True, slots=True)
class Party:
    """An author or publisher named in the feed."""

    name: str
    type: str = ""  # schema.org type: Person, Organization, NewsMediaOrganization...
    url: str = ""


@dataclass(frozen=True, slots=True)
class Appearance:
    """A work where the claim appears."""

    url: str
    title: str = ""
    published_at: datetime | None = None
    author: Party | None = None


@dataclass(frozen=True, slots=True)
class FeedItem:
    index: int
    claim_text: str
    verdict: str
    rating_name: str
    review_url: str = ""
    reviewed_at: datetime | None = None
    reviewer: Party | None = None
    review_body: str = ""
    claim_author: Party | None = None
    claim_date: datetime | None = None
    appearances: tuple[Appearance, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class FeedError:
    index: int
    reason: str


class ItemError(ValueError):
    """Why one item cannot be read."""


def feed_items(data: object) -> list[FeedItem | FeedError]:
    """Every item of a parsed JSON-LD feed, read or explained. Never raises on bad items."""
    if isinstance(data, dict) and "@graph" in data:
        data = data["@graph"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        return [FeedError(0, "the feed is neither a ClaimReview, a list nor a @graph")]
    results: list[FeedItem | FeedError] = []
    for index, raw in enumerate(data):
        try:
            results.append(feed_item(index, raw))
        except ItemError as error:
            results.append(FeedError(index, str(error)))
    return results


def feed_item(index: int, raw: object) -> FeedItem:
    """One ClaimReview object as a FeedItem; ItemError says what is wrong with it."""
    if not isinstance(raw, dict):
        raise ItemError(f"not a JSON object but {type(raw).__name__}")
    types = _types(raw)
    if types and "ClaimReview" not in types:
        raise ItemError(f"not a ClaimReview but {', '.join(types)}")
    claim_text = _text(raw.get("claimReviewed"))
    if not claim_text:
        raise ItemError("no claimReviewed (the claim's wording)")
    rating = raw.get("reviewRating")
    if isinstance(rating, list) and rating:
        rating = rating[0]
    if not isinstance(rating, dict):
        raise ItemError("no reviewRating")
    verdict, rating_name = _verdict(rating)
    item = raw.get("itemReviewed") if isinstance(raw.get("itemReviewed"), dict) else {}
    appearances = _appearances(item.get("appearance")) + _appearances(item.get("firstAppearance"))
    unique = {appearance.url: appearance for appearance in reversed(appearances)}
    ordered = tuple(unique[url] for url in dict.fromkeys(a.url for a in appearances))
    return FeedItem(
        index=index,
        claim_text=claim_text,
        verdict=verdict,
        rating_name=rating_name,
        review_url=_url(raw.get("url")),
        reviewed_at=_date(raw.get("datePublished"), "datePublished"),
        reviewer=_party(raw.get("author")),
        review_body=_text(raw.get("reviewBody")),
        claim_author=_party(item.get("author")),
        claim_date=_date(item.get("datePublished"), "itemReviewed.datePublished"),
        appearances=ordered,
    )


def _types(raw: dict) -> list[str]:
    value = raw.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _url(value: object) -> str:
    text = _text(value)
    return text if text.startswith(("http://", "https://")) else ""


def _normal(word: str) -> str:
    return _NON_LETTERS.sub(" ", word.casefold()).strip()


def _number(value: object, name: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ItemError(f"{name} is not a number")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ItemError(f"{name} {value!r} is not a number") from None


def _verdict(rating: dict) -> tuple[str, str]:
    name = _text(rating.get("alternateName")) or _text(rating.get("name"))
    if name and _normal(name) in VERDICT_WORDS:
        return VERDICT_WORDS[_normal(name)], name
    value = _number(rating.get("ratingValue"), "ratingValue")
    if value is None:
        reason = f"unknown rating {name!r}" if name else "no rating name or value"
        raise ItemError(reason)
    worst = _number(rating.get("worstRating"), "worstRating")
    best = _number(rating.get("bestRating"), "bestRating")
    worst = 1.0 if worst is None else worst
    best = 5.0 if best is None else best
    if best == worst or not min(worst, best) <= value <= max(worst, best):
        raise ItemError(f"ratingValue {value:g} is not between {worst:g} and {best:g}")
    position = (value - worst) / (best - worst)
    verdict = _SCALE[round(position * (len(_SCALE) - 1))]
    return verdict, name or Verdict(verdict).label


def _date(value: object, name: str) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ItemError(f"{name} is not a date")
    try:
        moment = parse_datetime(value.strip())
        day = None if moment else parse_date(value.strip())
    except ValueError:
        moment, day = None, None
    if moment is None and day is None:
        raise ItemError(f"{name} {value!r} is not an ISO 8601 date")
    if moment is None:
        moment = datetime.combine(day or date.min, time.min)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _party(value: object) -> Party | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict | str)), None)
    if isinstance(value, str) and value.strip():
        return Party(name=_text(value))
    if not isinstance(value, dict):
        return None
    name = _text(value.get("name"))
    if not name:
        return None
    types = _types(value)
    return Party(name=name, type=types[0] if types else "", url=_url(value.get("url")))


def _appearances(value: object) -> list[Appearance]:
    values = value if isinstance(value, list) else [value]
    found = []
    for entry in values:
        if isinstance(entry, str) and _url(entry):
            found.append(Appearance(url=_url(entry)))
        elif isinstance(entry, dict) and _url(entry.get("url")):
            try:
                published = _date(entry.get("datePublished"), "appearance.datePublished")
            except ItemError:
                published = None  # An appearance's date is a detail; the item stays readable.
            found.append(
                Appearance(
                    url=_url(entry.get("url")),
                    title=_text(entry.get("headline")) or _text(entry.get("name")),
                    published_at=published,
                    author=_party(entry.get("author")) or _party(entry.get("publisher")),
                )
            )
    return found
