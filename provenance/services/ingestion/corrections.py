"""The editor's corrected extraction: the JSON shape of `Extraction.as_dict()`, checked strictly.

Every problem is reported at once, keyed by its path in the extraction ("claims[2].text",
"sources[0].kind"), so the admin can show each message beside its field and the API can return
them all. Keys may be left out (an empty list or null is assumed); unknown keys are refused, so a
misspelt one cannot silently drop a correction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.dateparse import parse_date, parse_datetime

from provenance.ingest import (
    RELATIONS,
    SOURCE_KINDS,
    Citation,
    Claim,
    Extraction,
    Link,
    Quote,
    Source,
)
from provenance.names import normalize_name

NAME_MAX = 300  # Source.name
URL_MAX = 2000  # Document.url, Source.url
_TOP_KEYS = frozenset(
    {"publisher", "authors", "title", "url", "published_at", "sources", "citations", "quotes"}
    | {"claims", "links"}
)
_SOURCE_KEYS = frozenset(
    {"name", "kind", "role", "affiliation", "descriptor", "count", "anonymity_reason"}
    | {"seen_by", "url", "confidence"}
)
_CITATION_KEYS = frozenset({"from", "to", "relation", "evidence", "url"})
_QUOTE_KEYS = frozenset({"speaker", "text", "evidence", "confidence"})
_CLAIM_KEYS = frozenset({"text", "attributed_to", "chain", "sentence", "relation", "explicit"})
_LINK_KEYS = frozenset({"url", "text"})
_ANONYMOUS_ONLY = (
    ("descriptor", "a descriptor"),
    ("count", "a number of people"),
    ("anonymity_reason", "a reason for anonymity"),
)
_url_valid = URLValidator(schemes=("http", "https"))


def valid_url(value: str) -> bool:
    """Whether `value` is an http(s) URL that a URLField would store."""
    if len(value) > URL_MAX:
        return False
    try:
        _url_valid(value)
    except ValidationError:
        return False
    return True


def valid_date(value: str) -> bool:
    """Whether `value` is an ISO 8601 date, or date and time."""
    try:
        return parse_datetime(value) is not None or parse_date(value) is not None
    except ValueError:  # well-formed but impossible, such as 2026-02-30
        return False


class _Reader:
    """Reads one JSON value after another, collecting messages by path."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def error(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def obj(self, value: Any, path: str, keys: frozenset[str]) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, "Must be an object.")
            return None
        for key in sorted(set(value) - keys, key=str):
            self.error(f"{path}.{key}" if path else str(key), "Unknown field.")
        return value

    def confidence(self, data: dict, path: str) -> float | None:
        """The extractor's confidence, kept as given: a number from 0 to 1, or null."""
        value = data.get("confidence")
        if value is None:
            return None
        if type(value) not in (int, float) or not 0 <= value <= 1:
            self.error(f"{path}.confidence", "Must be a number from 0 to 1, or null.")
            return None
        return float(value)

    def items(self, data: dict, key: str) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, "Must be a list.")
            return []
        return value

    def text(
        self, data: dict, key: str, path: str, *, required: bool = False, limit: int | None = None
    ) -> str | None:
        """A string, stripped; None for null or blank unless `required`."""
        where = f"{path}.{key}" if path else key
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            self.error(where, "Must be text." if required else "Must be text or null.")
            return None
        value = (value or "").strip()
        if not value:
            if required:
                self.error(where, "This field cannot be empty.")
            return None
        if limit is not None and len(value) > limit:
            self.error(where, f"At most {limit:,} characters (it has {len(value):,}).")
            return None
        return value

    def url(self, data: dict, key: str, path: str) -> str | None:
        value = self.text(data, key, path)
        if value is not None and not valid_url(value):
            self.error(f"{path}.{key}" if path else key, "Enter a valid http or https URL.")
            return None
        return value

    def choice(self, data: dict, key: str, path: str, choices: tuple[str, ...], what: str):
        value = self.text(data, key, path, required=True)
        if value is not None and value not in choices:
            self.error(
                f"{path}.{key}",
                f'"{value}" is not {what}; choose one of {", ".join(choices)}.',
            )
            return None
        return value

    def name(self, data: dict, key: str, path: str, known: dict[str, str], *, null: bool):
        """A reference to a listed source (or the publisher); null only where `null`."""
        value = self.text(data, key, path, required=not null, limit=NAME_MAX)
        if value is not None and normalize_name(value) not in known:
            self.error(f"{path}.{key}", f'"{value}" is not one of the sources.')
            return None
        return value


def extraction_from_dict(data: Any) -> Extraction:
    """The `Extraction` a corrected JSON extraction describes, or a `ValidationError` listing
    every problem by path. `text` and `media_type` are left empty: they come from the content."""
    reader = _Reader()
    if reader.obj(data, "", _TOP_KEYS) is None:
        raise ValidationError("The extraction must be a JSON object.", code="invalid")
    publisher = reader.text(data, "publisher", "", limit=NAME_MAX)
    title = reader.text(data, "title", "")
    url = reader.url(data, "url", "")
    published_at = reader.text(data, "published_at", "")
    if published_at is not None and not valid_date(published_at):
        reader.error("published_at", "Not an ISO 8601 date, or date and time.")
        published_at = None
    authors = []
    for index, value in enumerate(reader.items(data, "authors")):
        if not isinstance(value, str) or not value.strip():
            reader.error(f"authors[{index}]", "Must be a person's name.")
        elif len(value.strip()) > NAME_MAX:
            reader.error(f"authors[{index}]", f"At most {NAME_MAX} characters.")
        else:
            authors.append(value.strip())

    sources, known = _sources(reader, data)
    if publisher is not None:
        known.setdefault(normalize_name(publisher), publisher)
    citations = _citations(reader, data, known)
    quotes = _quotes(reader, data, known)
    claims = _claims(reader, data, known)
    links = []
    for index, value in enumerate(reader.items(data, "links")):
        item = reader.obj(value, f"links[{index}]", _LINK_KEYS)
        if item is not None:
            link_url = reader.url(item, "url", f"links[{index}]")
            text = reader.text(item, "text", f"links[{index}]") or ""
            if link_url is not None:
                links.append(Link(link_url, text))
    if reader.errors:
        raise ValidationError(reader.errors)
    return Extraction(
        publisher=publisher,
        authors=tuple(authors),
        title=title,
        url=url,
        published_at=published_at,
        sources=tuple(sources),
        citations=tuple(citations),
        quotes=tuple(quotes),
        claims=tuple(claims),
        links=tuple(links),
    )


def _sources(reader: _Reader, data: dict) -> tuple[list[Source], dict[str, str]]:
    sources: list[Source] = []
    known: dict[str, str] = {}  # normalized name -> the name as listed
    listed_at: dict[str, int] = {}
    for index, value in enumerate(reader.items(data, "sources")):
        path = f"sources[{index}]"
        item = reader.obj(value, path, _SOURCE_KEYS)
        if item is None:
            continue
        name = reader.text(item, "name", path, required=True, limit=NAME_MAX)
        kind = reader.choice(item, "kind", path, SOURCE_KINDS, "a kind of source")
        affiliation = reader.text(item, "affiliation", path, limit=NAME_MAX)
        count = item.get("count")
        if count is not None and (type(count) is not int or not 1 <= count <= 32767):
            reader.error(f"{path}.count", "Must be a whole number from 1 to 32,767, or null.")
            count = None
        fields = {
            "role": reader.text(item, "role", path),
            "descriptor": reader.text(item, "descriptor", path, limit=NAME_MAX),
            "anonymity_reason": reader.text(item, "anonymity_reason", path),
            "seen_by": reader.text(item, "seen_by", path, limit=NAME_MAX),
            "url": reader.url(item, "url", path),
            "confidence": reader.confidence(item, path),
        }
        if kind is not None and kind != "anonymous":
            for key, what in _ANONYMOUS_ONLY:
                if (count if key == "count" else fields[key]) is not None:
                    reader.error(f"{path}.{key}", f"Only anonymous sources have {what}.")
        if name is None:
            continue
        key = normalize_name(name)
        if key in listed_at:
            reader.error(f"{path}.name", f'"{name}" is already listed (sources[{listed_at[key]}]).')
            continue
        if affiliation is not None and normalize_name(affiliation) == key:
            reader.error(f"{path}.affiliation", "A source cannot be its own affiliation.")
            affiliation = None
        listed_at[key] = index
        known[key] = name
        if kind is not None:
            sources.append(
                Source(name=name, kind=kind, affiliation=affiliation, count=count, **fields)
            )
    return sources, known


def _citations(reader: _Reader, data: dict, known: dict[str, str]) -> list[Citation]:
    citations = []
    for index, value in enumerate(reader.items(data, "citations")):
        path = f"citations[{index}]"
        item = reader.obj(value, path, _CITATION_KEYS)
        if item is None:
            continue
        source = reader.name(item, "from", path, known, null=True)
        target = reader.name(item, "to", path, known, null=False)
        relation = reader.choice(item, "relation", path, RELATIONS, "a relation")
        evidence = reader.text(item, "evidence", path) or ""
        url = reader.url(item, "url", path)
        if target is not None and relation is not None:
            citations.append(Citation(source, target, relation, evidence, url))
    return citations


def _quotes(reader: _Reader, data: dict, known: dict[str, str]) -> list[Quote]:
    quotes = []
    for index, value in enumerate(reader.items(data, "quotes")):
        path = f"quotes[{index}]"
        item = reader.obj(value, path, _QUOTE_KEYS)
        if item is None:
            continue
        speaker = reader.name(item, "speaker", path, known, null=True)
        text = reader.text(item, "text", path, required=True)
        evidence = reader.text(item, "evidence", path) or ""
        confidence = reader.confidence(item, path)
        if text is not None:
            quotes.append(Quote(speaker, text, evidence, confidence))
    return quotes


def _claims(reader: _Reader, data: dict, known: dict[str, str]) -> list[Claim]:
    claims = []
    for index, value in enumerate(reader.items(data, "claims")):
        path = f"claims[{index}]"
        item = reader.obj(value, path, _CLAIM_KEYS)
        if item is None:
            continue
        text = reader.text(item, "text", path, required=True)
        attributed_to = reader.name(item, "attributed_to", path, known, null=True)
        relation = reader.choice(item, "relation", path, RELATIONS, "a relation")
        sentence = reader.text(item, "sentence", path) or ""
        explicit = item.get("explicit", True)
        if not isinstance(explicit, bool):
            reader.error(f"{path}.explicit", "Must be true or false.")
        chain = _chain(reader, item, path, known, attributed_to)
        if chain is not None and text is not None and relation is not None:
            claims.append(Claim(text, chain[-1], chain, sentence, relation, explicit is not False))
    return claims


def _chain(
    reader: _Reader, item: dict, path: str, known: dict[str, str], attributed_to: str | None
) -> tuple[str | None, ...] | None:
    """The claim's chain, publisher (or null for it) first; from `attributed_to` if missing."""
    value = item.get("chain")
    if value is None or value == []:
        if attributed_to is None:
            reader.error(f"{path}.attributed_to", "Say who the claim is attributed to.")
            return None
        return (None, attributed_to)
    if not isinstance(value, list):
        reader.error(f"{path}.chain", "Must be a list of source names.")
        return None
    chain: list[str | None] = []
    for position, name in enumerate(value):
        where = f"{path}.chain[{position}]"
        if name is None and position == 0:
            chain.append(None)  # the publisher, as the extraction writes it when unknown
            continue
        if not isinstance(name, str) or not name.strip():
            reader.error(where, "Must be a source's name.")
            return None
        if normalize_name(name) not in known:
            reader.error(where, f'"{name.strip()}" is not one of the sources.')
            return None
        chain.append(name.strip())
    if chain == [None]:
        reader.error(f"{path}.chain", "Must name at least one source.")
        return None
    last = chain[-1]
    if attributed_to is not None and normalize_name(attributed_to) != normalize_name(last or ""):
        reader.error(f"{path}.attributed_to", f'Must be the last source of the chain ("{last}").')
        return None
    return tuple(chain)
