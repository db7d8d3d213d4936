"""Record a whole chain in one transaction: a claim, then the hops that carry it.

A chain is read from the most downstream hop to its origin: "Caliber.Az, citing Axios, citing
four US officials" is three hops; each hop is a source asserting the claim (optionally in a
document, with the words it used), and each hop but the last cites the next one with its
`relation`. The admin's one-screen "Record a chain" form and `POST /api/chains/` both call
`chain_record`, so they find, create and refuse exactly alike.

What is reused rather than created:

- the claim, when given as a `Claim` (a wording creates one through `claim_create`);
- a source given by name and kind: an existing source of that kind known by the name or an alias
  (`source_get_or_create` for outlets, people and organisations, whose names are unique). An
  anonymous source or a document source is reused only when its descriptor and number of people
  agree with the ones given, since "officials" in one story are not those of another;
- a document given by URL, when a document with that URL is recorded (as it is: never edited);
- an assertion, when the hop's source already asserts the claim in the same document (or
  without a document, when none is given): its quote is kept as it is;
- a citation, when the same link with the same relation is recorded.

A citation that closes a loop (a later hop is an earlier one again) is recorded: circular
reporting happens, and the analysis flags it.

Errors. Everything is checked before anything stays written: all problems are collected and
raised together as one `ValidationError` whose `message_dict` is keyed by path, and nothing is
written (the transaction is rolled back). The keys, in the API's error shape:

    claim                    the claim as a whole
    claim.text, claim.context
    hops                     the list of hops as a whole (none given, too many)
    hops[I]                  hop I as a whole (it repeats hop I-1, so it would cite itself)
    hops[I].source           the source as a whole (no source given; anonymous fields on a
                             named kind)
    hops[I].source.FIELD     name, kind, descriptor, anonymous_count, anonymity_reason,
                             affiliation
    hops[I].document         the document as a whole
    hops[I].document.FIELD   url, title, publisher, published_at
    hops[I].document.publisher.FIELD   the publisher's fields, as for a source
    hops[I].quote, hops[I].quote_kind
    hops[I].relation         the relation to hop I+1; hops[I].evidence its sentence

I counts from 0 at the most downstream hop. When the only problem is a duplicate that a service
refused (`DuplicateRecord`), that error is raised, keyed by its path, with `.existing`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from provenance.models import (
    NAMED_KINDS,
    Assertion,
    Citation,
    Claim,
    Document,
    QuoteKind,
    Relation,
    Source,
    SourceKind,
)
from provenance.names import normalize_name
from provenance.selectors import sources_by_names
from provenance.services.chains import assertion_add, citation_add
from provenance.services.claims import _check_may_publish, claim_create, claim_publish
from provenance.services.documents import document_create
from provenance.services.sources import source_create, source_get_or_create
from provenance.services.validation import DuplicateRecord

# A chain is a few hops; the bound keeps one request's transaction small.
MAX_HOPS = 50


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A source to find by name (or alias) and kind, or to create."""

    name: str
    kind: str
    descriptor: str = ""
    anonymous_count: int | None = None
    anonymity_reason: str = ""
    affiliation: Source | None = None


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """A document to find by URL, or to create. Without a URL a new one is always created."""

    title: str = ""
    url: str | None = None
    publisher: Source | SourceSpec | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Hop:
    """One source asserting the claim; `relation` is how it uses the next hop (None: cites).

    The last hop (the origin, as far as the chain goes) cites nothing: its relation stays None.
    """

    source: Source | SourceSpec
    document: Document | DocumentSpec | None = None
    quote: str = ""
    quote_kind: str = ""
    relation: str | None = None
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Records:
    """Records of a chain, each once, in the order the chain met them."""

    claims: tuple[Claim, ...] = ()
    sources: tuple[Source, ...] = ()
    documents: tuple[Document, ...] = ()
    assertions: tuple[Assertion, ...] = ()
    citations: tuple[Citation, ...] = ()

    def counts(self) -> dict[str, int]:
        return {
            "claims": len(self.claims),
            "sources": len(self.sources),
            "documents": len(self.documents),
            "assertions": len(self.assertions),
            "citations": len(self.citations),
        }


@dataclass(frozen=True, slots=True)
class ChainRecord:
    """What `chain_record` wrote or found: per hop its assertion, per link its citation."""

    claim: Claim
    assertions: tuple[Assertion, ...]  # hops[i] -> assertions[i]
    citations: tuple[Citation, ...]  # hops[i] cites hops[i + 1] -> citations[i]
    created: Records
    reused: Records

    @property
    def claim_created(self) -> bool:
        return bool(self.created.claims)


@dataclass
class _Tally:
    """Created or reused records, each once (by model and id)."""

    seen: set[tuple[str, int]] = field(default_factory=set)
    lists: dict[str, list] = field(default_factory=lambda: {name: [] for name in Records.__slots__})

    def add(self, kind: str, instance) -> None:
        key = (kind, instance.pk)
        if key not in self.seen:
            self.seen.add(key)
            self.lists[kind].append(instance)

    def records(self) -> Records:
        return Records(**{name: tuple(items) for name, items in self.lists.items()})


@transaction.atomic
def chain_record(
    *,
    claim: Claim | str,
    hops: Sequence[Hop],
    context: str = "",
    created_by: AbstractBaseUser | None,
    publish: bool = False,
) -> ChainRecord:
    """Record `claim` (a Claim, or a wording to create one with `context`) as carried by
    `hops`, from the most downstream hop to the origin, in one transaction.

    A new claim is a draft unless `publish`; with `publish`, a draft given as a Claim is
    published too, in the same transaction (`claim_publish`: the permission to publish).

    Raises one ValidationError keyed by path (see the module docstring) and writes nothing
    when anything is wrong.
    """
    if publish:
        _check_may_publish(created_by)
    recorded = _Recorder(actor=created_by).record(claim=claim, hops=list(hops), context=context)
    kept = recorded.claim
    if publish and kept.duplicate_of_id is not None:
        # Recorded as a duplicate of a claim with the same wording: that one is the claim.
        kept = Claim.objects.get(pk=kept.duplicate_of_id)
    if publish and kept.published_at is None:
        published = claim_publish(claim=kept, actor=created_by)
        if published.pk == recorded.claim.pk:
            recorded.claim.published_at = published.published_at
            recorded.claim.published_by = published.published_by
            recorded.claim.version = published.version
    return recorded


class _Recorder:
    def __init__(self, *, actor: AbstractBaseUser | None) -> None:
        self.actor = actor
        self.errors: dict[str, list[ValidationError]] = {}
        self.duplicates: dict[str, DuplicateRecord] = {}
        self.created = _Tally()
        self.reused = _Tally()

    def note_reused(self, kind: str, instance) -> None:
        # A record this chain created and then met again (a publisher that is also a hop's
        # source, a loop) stays counted as created.
        if (kind, instance.pk) not in self.created.seen:
            self.reused.add(kind, instance)

    # Errors -------------------------------------------------------------------------------

    def fail(self, key: str, message: str, code: str = "invalid") -> None:
        self.errors.setdefault(key, []).append(ValidationError(message, code=code))

    def collect(self, prefix: str, error: ValidationError) -> None:
        """A service's error, its fields put under `prefix` (non-field errors at `prefix`)."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                key = prefix if name == NON_FIELD_ERRORS else f"{prefix}.{name}"
                self.errors.setdefault(key, []).extend(errors)
                if isinstance(error, DuplicateRecord):
                    self.duplicates[key] = error
        else:
            self.errors.setdefault(prefix, []).extend(error.error_list)
            if isinstance(error, DuplicateRecord):
                self.duplicates[prefix] = error

    def attempt(self, prefix: str, write, **kwargs):
        """Run one service; on a ValidationError note it under `prefix` and answer None.

        Each service runs in its own savepoint, so a refused write leaves the transaction
        usable and the next hops are still checked: the caller hears of every problem at once.
        """
        try:
            return write(**kwargs)
        except ValidationError as error:
            self.collect(prefix, error)
            return None

    def raise_collected(self) -> None:
        if not self.errors:
            return
        if len(self.errors) == 1 and set(self.errors) == set(self.duplicates):
            ((key, duplicate),) = self.duplicates.items()
            first = self.errors[key][0]
            raise DuplicateRecord(
                first.messages[0],
                existing=duplicate.existing,
                field=None if key == NON_FIELD_ERRORS else key,
                code=first.code or "duplicate",
            )
        raise ValidationError(self.errors)

    # The chain ----------------------------------------------------------------------------

    def record(self, *, claim: Claim | str, hops: list[Hop], context: str) -> ChainRecord:
        self.check(claim=claim, hops=hops)
        if "hops" in self.errors:
            self.raise_collected()
        the_claim = self.claim(claim, context)
        assertions: list[Assertion | None] = []
        for index, hop in enumerate(hops):
            prefix = f"hops[{index}]"
            source = self.source(f"{prefix}.source", hop.source)
            document = self.document(f"{prefix}.document", hop.document)
            assertion = None
            document_ok = hop.document is None or document is not None
            if the_claim is not None and source is not None and document_ok:
                assertion = self.assertion(prefix, hop, the_claim, source, document)
            assertions.append(assertion)
        citations = []
        for index, (citing, cited) in enumerate(zip(assertions, assertions[1:], strict=False)):
            if citing is None or cited is None:
                continue
            if citing.pk == cited.pk:
                self.fail(
                    f"hops[{index + 1}]",
                    f"Hop {index + 1} is hop {index} again (the same source in the same "
                    "document): an assertion cannot cite itself.",
                    code="self_citation",
                )
                continue
            citation = self.citation(f"hops[{index}]", hops[index], citing, cited)
            if citation is not None:
                citations.append(citation)
        self.raise_collected()
        return ChainRecord(
            claim=the_claim,
            assertions=tuple(assertions),
            citations=tuple(citations),
            created=self.created.records(),
            reused=self.reused.records(),
        )

    def check(self, *, claim: Claim | str, hops: list[Hop]) -> None:
        """What can be told wrong without the database: shapes, choices, the last relation."""
        if not isinstance(claim, Claim | str):
            self.fail("claim", "Give an existing claim or the claim's wording.")
        if not hops:
            self.fail("hops", "A chain needs at least one hop: the source that asserts the claim.")
        elif len(hops) > MAX_HOPS:
            self.fail("hops", f"A chain has at most {MAX_HOPS} hops; this one has {len(hops)}.")
        last = len(hops) - 1
        for index, hop in enumerate(hops):
            prefix = f"hops[{index}]"
            if not isinstance(hop.source, Source | SourceSpec):
                self.fail(f"{prefix}.source", "Give an existing source, or a name and a kind.")
            elif isinstance(hop.source, SourceSpec):
                self.check_source(f"{prefix}.source", hop.source)
            document = hop.document
            if isinstance(document, DocumentSpec) and isinstance(document.publisher, SourceSpec):
                self.check_source(f"{prefix}.document.publisher", document.publisher)
            elif document is not None and not isinstance(document, Document | DocumentSpec):
                self.fail(f"{prefix}.document", "Give an existing document, or a URL and a title.")
            if hop.quote_kind and hop.quote_kind not in QuoteKind.values:
                choices = ", ".join(QuoteKind.values)
                self.fail(
                    f"{prefix}.quote_kind",
                    f'"{hop.quote_kind}" is not a quote kind; choose one of {choices}.',
                    code="invalid_choice",
                )
            elif hop.quote_kind == QuoteKind.DIRECT and not hop.quote.strip():
                self.fail(f"{prefix}.quote", "A direct quote needs its words.", code="blank")
            if index == last and hop.relation:
                self.fail(
                    f"{prefix}.relation",
                    "The last hop cites nothing, so it has no relation: leave it empty.",
                )
            elif hop.relation and hop.relation not in Relation.values:
                choices = ", ".join(Relation.values)
                self.fail(
                    f"{prefix}.relation",
                    f'"{hop.relation}" is not a relation; choose one of {choices}.',
                    code="invalid_choice",
                )
            if index == last and hop.evidence.strip():
                self.fail(
                    f"{prefix}.evidence",
                    "The last hop cites nothing, so it has no evidence of a citation.",
                )

    def check_source(self, prefix: str, spec: SourceSpec) -> None:
        if spec.kind not in SourceKind.values:
            choices = ", ".join(SourceKind.values)
            self.fail(
                f"{prefix}.kind",
                f'"{spec.kind}" is not a kind of source; choose one of {choices}.',
                code="invalid_choice",
            )
        elif spec.kind != SourceKind.ANONYMOUS and (
            spec.descriptor.strip() or spec.anonymous_count is not None or spec.anonymity_reason
        ):
            self.fail(
                prefix,
                "Only anonymous sources have a descriptor, a number of people or a reason for "
                "anonymity.",
            )
        if not normalize_name(spec.name):
            self.fail(f"{prefix}.name", "This field cannot be blank.", code="blank")

    # Records ------------------------------------------------------------------------------

    def claim(self, claim: Claim | str, context: str) -> Claim | None:
        if isinstance(claim, Claim):
            self.note_reused("claims", claim)
            return claim
        if not isinstance(claim, str):
            return None
        created = self.attempt(
            "claim", claim_create, text=claim, context=context, created_by=self.actor
        )
        if created is not None:
            self.created.add("claims", created)
        return created

    def found_or_created(self, kind: str, prefix: str, *, find, create):
        """The record `find` gives, else the one `create` writes (None, noted, if refused).

        The creation runs in a savepoint of its own: another request may write the same record
        between the look-up and the insert, and its row is then the one to reuse.
        """
        existing = find()
        if existing is not None:
            self.note_reused(kind, existing)
            return existing
        try:
            with transaction.atomic():
                record = create()
        except ValidationError as error:
            self.collect(prefix, error)
            return None
        except IntegrityError:
            record = find()
            if record is None:
                raise
            self.note_reused(kind, record)
            return record
        self.created.add(kind, record)
        return record

    def source(self, prefix: str, given: Source | SourceSpec) -> Source | None:
        if isinstance(given, Source):
            self.note_reused("sources", given)
            return given
        if not isinstance(given, SourceSpec) or any(
            key == prefix or key.startswith(f"{prefix}.") for key in self.errors
        ):
            return None
        fields = {
            "descriptor": given.descriptor,
            "anonymous_count": given.anonymous_count,
            "anonymity_reason": given.anonymity_reason,
            "affiliation": given.affiliation,
        }

        def create() -> Source:
            if given.kind in NAMED_KINDS:
                # Found by name or alias, as everywhere else, or created (the look-up just
                # missed it, so this creates).
                return source_get_or_create(name=given.name, kind=given.kind, **fields)[0]
            return source_create(name=given.name, kind=given.kind, **fields)

        return self.found_or_created(
            "sources", prefix, find=lambda: self.source_found(given), create=create
        )

    def source_found(self, spec: SourceSpec) -> Source | None:
        """An existing source the spec names, of its kind; anonymous and document sources
        must also agree on the descriptor and number of people given."""
        candidates = sources_by_names(names=[spec.name]).get(normalize_name(spec.name), [])
        for candidate in candidates:
            if candidate.kind != spec.kind:
                continue
            if spec.kind in NAMED_KINDS:
                return candidate
            descriptor = spec.descriptor.strip()
            if descriptor and normalize_name(candidate.descriptor) != normalize_name(descriptor):
                continue
            if spec.anonymous_count is not None and candidate.anonymous_count != (
                spec.anonymous_count
            ):
                continue
            return candidate
        return None

    def document(self, prefix: str, given: Document | DocumentSpec | None) -> Document | None:
        if given is None:
            return None
        if isinstance(given, Document):
            self.note_reused("documents", given)
            return given
        if not isinstance(given, DocumentSpec):
            return None
        url = (given.url or "").strip() or None
        publisher = given.publisher
        if url is not None and (existing := Document.objects.filter(url=url).first()):
            self.note_reused("documents", existing)
            return existing
        if isinstance(publisher, SourceSpec):
            publisher = self.source(f"{prefix}.publisher", publisher)
            if publisher is None:
                return None
        return self.found_or_created(
            "documents",
            prefix,
            find=lambda: Document.objects.filter(url=url).first() if url else None,
            create=lambda: document_create(
                title=given.title,
                url=url,
                publisher=publisher,
                published_at=given.published_at,
                created_by=self.actor,
            ),
        )

    def assertion(
        self, prefix: str, hop: Hop, claim: Claim, source: Source, document: Document | None
    ) -> Assertion | None:
        return self.found_or_created(
            "assertions",
            prefix,
            # A wording already recorded makes a claim merged into the kept one, which takes
            # its assertions (assertion_add): the kept claim's are the ones to find.
            find=lambda: Assertion.objects.filter(
                claim_id=claim.duplicate_of_id or claim.pk, source=source, document=document
            ).first(),
            create=lambda: assertion_add(
                claim=claim,
                source=source,
                document=document,
                quote=hop.quote,
                quote_kind=hop.quote_kind,
                created_by=self.actor,
            ),
        )

    def citation(
        self, prefix: str, hop: Hop, citing: Assertion, cited: Assertion
    ) -> Citation | None:
        relation = hop.relation or Relation.CITES
        return self.found_or_created(
            "citations",
            prefix,
            find=lambda: Citation.objects.filter(
                citing=citing, cited=cited, relation=relation
            ).first(),
            create=lambda: citation_add(
                citing=citing,
                cited=cited,
                relation=relation,
                evidence=hop.evidence,
                created_by=self.actor,
            ),
        )
