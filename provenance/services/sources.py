"""Writes to sources: create, update, aliases, and merging duplicates."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from provenance.models import NAMED_KINDS, Assertion, Document, Source, SourceAlias
from provenance.names import normalize_name
from provenance.selectors import source_find
from provenance.selectors_duplicates import source_duplicate
from provenance.services.validation import DuplicateRecord, assign, locked, validated_save

_UPDATABLE = frozenset(
    {
        "name",
        "kind",
        "description",
        "url",
        "affiliation",
        "descriptor",
        "anonymous_count",
        "anonymity_reason",
    }
)


def _check_not_recorded(source: Source) -> None:
    """A second source of the same kind known by the same name (or alias) is refused, linking
    to the first: "Two shipping executives" recorded twice for one story split one origin in
    two. The database's unique constraint covers outlets, people and organisations by name;
    this covers anonymous and document sources, and a name that is another source's alias, for
    every interface (the admin, the API, `chain_record`)."""
    existing = source_duplicate(name=source.name, kind=source.kind, exclude_pk=source.pk)
    if existing is None:
        return
    if source.kind in NAMED_KINDS and existing.normalized_name == normalize_name(source.name):
        return  # the constraint's own refusal (full_clean) says it, with the same record
    raise DuplicateRecord(
        f"Already recorded: {existing.name} ({existing.get_kind_display()}). Use it, or merge "
        "the two; if these are different people, give a name that tells them apart.",
        existing=existing,
        field="name",
    )


def _check_affiliation(source: Source) -> None:
    affiliation = source.affiliation
    seen = {source.pk} if source.pk else set()
    while affiliation is not None:
        if affiliation.pk in seen:
            raise ValidationError(
                {"affiliation": "Affiliations cannot go round in a circle."}, code="cycle"
            )
        seen.add(affiliation.pk)
        affiliation = affiliation.affiliation


@transaction.atomic
def source_create(
    *,
    name: str,
    kind: str,
    description: str = "",
    url: str = "",
    affiliation: Source | None = None,
    descriptor: str = "",
    anonymous_count: int | None = None,
    anonymity_reason: str = "",
    aliases: Iterable[str] = (),
) -> Source:
    """Create a source; its aliases are other names it is known by."""
    source = Source(
        name=name.strip(),
        kind=kind,
        description=description,
        url=url,
        affiliation=affiliation,
        descriptor=descriptor.strip(),
        anonymous_count=anonymous_count,
        anonymity_reason=anonymity_reason,
    )
    _check_affiliation(source)
    _check_not_recorded(source)
    validated_save(source)
    source_aliases_set(source=source, names=aliases)
    return source


@transaction.atomic
def source_get_or_create(*, name: str, kind: str, **fields) -> tuple[Source, bool]:
    """The source of this kind known by `name` (or an alias of it), created when missing."""
    existing = source_find(name=name, kind=kind)
    if existing is not None:
        return existing, False
    return source_create(name=name, kind=kind, **fields), True


@transaction.atomic
def source_update(
    *,
    source: Source,
    expected_version: int | None = None,
    actor: AbstractBaseUser | None = None,
    **fields,
) -> Source:
    """Change a source's fields; the change is kept in its history."""
    source = locked(Source, source.pk, expected_version=expected_version)
    if changed := assign(source, fields, allowed=_UPDATABLE):
        _check_affiliation(source)
        if {"name", "kind"} & set(changed):
            _check_not_recorded(source)
        validated_save(source, actor=actor)
    return source


@transaction.atomic
def source_alias_add(*, source: Source, name: str) -> SourceAlias:
    """Record another name for a source; it must not already name another source."""
    key = normalize_name(name)
    if not key:
        raise ValidationError({"name": "An alias cannot be blank."}, code="blank")
    if key == source.normalized_name:
        raise ValidationError({"name": "The alias is the source's own name."}, code="own_name")
    clash = Source.objects.filter(normalized_name=key, kind=source.kind).exclude(pk=source.pk)
    if clash.exists():
        raise ValidationError(
            {"name": f'"{name}" is already the name of another {source.get_kind_display()}.'},
            code="taken",
        )
    return validated_save(SourceAlias(source=source, name=name.strip()))


@transaction.atomic
def source_aliases_set(*, source: Source, names: Iterable[str]) -> None:
    """Make `names` the source's aliases: missing ones are added, others removed."""
    wanted = {normalize_name(name): name.strip() for name in names if normalize_name(name)}
    wanted.pop(source.normalized_name, None)
    source.aliases.exclude(normalized_name__in=wanted).delete()
    existing = set(source.aliases.values_list("normalized_name", flat=True))
    for key, name in wanted.items():
        if key not in existing:
            source_alias_add(source=source, name=name)


@transaction.atomic
def source_merge(*, target: Source, duplicates: Iterable[Source]) -> Source:
    """Merge duplicate sources into `target`: everything that pointed at them points at it.

    The duplicates' names and aliases become aliases of the target, then the duplicates are
    deleted. Refused when a duplicate asserts a claim in a document where the target asserts it
    too (two assertions would collapse into one): an editor resolves those first.
    """
    ids = sorted({s.pk for s in duplicates} - {target.pk})
    if not ids:
        raise ValidationError("Choose at least one other source to merge into the target.")
    locked = list(Source.objects.select_for_update().filter(pk__in=[target.pk, *ids]))
    duplicates = [s for s in locked if s.pk in ids]

    target_pairs = set(target.assertions.values_list("claim_id", "document_id"))
    clashes = sorted(
        claim_id
        for claim_id, document_id in Assertion.objects.filter(source_id__in=ids).values_list(
            "claim_id", "document_id"
        )
        if (claim_id, document_id) in target_pairs
    )
    if clashes:
        listed = ", ".join(f"#{claim_id}" for claim_id in clashes)
        raise ValidationError(
            f"Cannot merge: {target} and a duplicate both assert claim {listed} in the same "
            "place. Delete one of the two assertions first."
        )
    if target.affiliation_id in ids or Source.objects.filter(pk__in=ids, affiliation=target):
        raise ValidationError("Cannot merge a source with its own affiliation.")

    # Row by row through save(), so that the history records every repointed row.
    for assertion in Assertion.objects.filter(source_id__in=ids):
        assertion.source = target
        assertion.save(update_fields=["source", "updated_at"])
    for document in Document.objects.filter(publisher_id__in=ids):
        document.publisher = target
        document.save(update_fields=["publisher", "updated_at"])
    for document in Document.objects.filter(authors__in=ids).distinct():
        document.authors.remove(*ids)
        document.authors.add(target)
    for affiliate in Source.objects.filter(affiliation_id__in=ids):
        affiliate.affiliation = target
        affiliate.save(update_fields=["affiliation", "updated_at"])

    taken = {target.normalized_name, *target.aliases.values_list("normalized_name", flat=True)}
    new_names = {}
    for name in [
        *(s.name for s in duplicates),
        *SourceAlias.objects.filter(source_id__in=ids).values_list("name", flat=True),
    ]:
        if normalize_name(name) not in taken:
            new_names.setdefault(normalize_name(name), name)
    SourceAlias.objects.filter(source_id__in=ids).delete()
    Source.objects.filter(pk__in=ids).delete()
    for name in new_names.values():
        validated_save(SourceAlias(source=target, name=name))
    return target
