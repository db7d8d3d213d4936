"""Every name an ingestion uses, resolved to an existing source or to one it creates."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from provenance.ingest import Extraction
from provenance.ingest import Source as ExtractedSource
from provenance.models import Source
from provenance.names import normalize_name
from provenance.selectors import sources_by_names
from provenance.services.ingestion.plan import Plan, plan_records
from provenance.services.ingestion.results import SourcePreview


@dataclass
class _Need:
    spec: ExtractedSource
    roles: list[str]
    existing: Source | None = None
    written: bool = False
    affiliation: str | None = None  # key of the affiliation to give a new source


class SourceResolver:
    """Every name the ingestion uses, resolved against the database in two queries.

    A name matches an existing source of the same kind by its name or an alias, the oldest
    first (as `source_find` does); an affiliation matches a source of any kind and is created as
    an organization. Existing sources are reused as they are, never edited.
    """

    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self.needs: dict[str, _Need] = {}
        for source in extraction.sources:
            self._need(source, "source")
        if extraction.publisher:
            self._need(ExtractedSource(extraction.publisher, "outlet"), "publisher")
        for author in extraction.authors:
            self._need(ExtractedSource(author, "person"), "author")
        affiliations = {
            normalize_name(s.affiliation): s.affiliation
            for s in extraction.sources
            if s.affiliation
        }
        for key, name in affiliations.items():
            if key not in self.needs:
                self.needs[key] = _Need(ExtractedSource(name, "organization"), [])
        found = sources_by_names(names=[need.spec.name for need in self.needs.values()])
        for key, need in self.needs.items():
            candidates = found.get(key, [])
            if need.roles:
                candidates = [c for c in candidates if c.kind == need.spec.kind]
            need.existing = candidates[0] if candidates else None
        self.voice = extraction.publisher or next(iter(extraction.authors), None)

    def _need(self, spec: ExtractedSource, role: str) -> None:
        need = self.needs.setdefault(normalize_name(spec.name), _Need(spec, []))
        if role not in need.roles:
            need.roles.append(role)

    def identity(self, name: str) -> Hashable:
        need = self.needs[normalize_name(name)]
        return ("id", need.existing.pk) if need.existing else ("new", normalize_name(name))

    def plan(self) -> Plan:
        plan = plan_records(self.extraction, voice=self.voice, identity=self.identity)
        written = [*plan.sources, *self.extraction.authors]
        if self.extraction.publisher:
            written.append(self.extraction.publisher)
        for name in written:
            self._mark_written(normalize_name(name), set())
        return plan

    def _mark_written(self, key: str, seen: set[str]) -> None:
        """A written source needs its affiliation, when it is new (and so on up)."""
        need = self.needs[key]
        need.written = True
        affiliation = need.spec.affiliation
        if need.existing is None and affiliation:
            parent = normalize_name(affiliation)
            need.affiliation = parent
            if parent in seen:
                raise ValidationError(
                    {"sources": f"Affiliations go round in a circle through {need.spec.name}."},
                    code="cycle",
                )
            if "affiliation" not in self.needs[parent].roles:
                self.needs[parent].roles.append("affiliation")
            self._mark_written(parent, seen | {key})

    def previews(self) -> list[SourcePreview]:
        return [
            SourcePreview(
                need.spec.name, need.spec.kind, tuple(need.roles), need.existing, need.written
            )
            for need in self.needs.values()
            if need.roles
        ]

    def records(self) -> tuple[dict[str, Source], list[tuple[Source, bool]]]:
        """Create the new written sources (affiliations first); every written key's record.

        The new sources are written in bulk with their history, one batch per level of
        affiliation (a new source's new affiliation is written the batch before). What
        `source_create` would check by query cannot fail here: each name was looked up, of its
        kind, with its aliases (no duplicate), and the extraction was checked field by field
        (no constraint refuses it); the database's constraints still have the last word.
        """
        records: dict[str, Source] = {}
        report: list[tuple[Source, bool]] = []
        levels: dict[str, int] = {}

        def record(key: str) -> Source:
            if key in records:
                return records[key]
            need = self.needs[key]
            if need.existing is not None:
                records[key] = need.existing
                report.append((need.existing, False))
                return need.existing
            affiliation = record(need.affiliation) if need.affiliation else None
            levels[key] = levels.get(need.affiliation, -1) + 1
            spec = need.spec
            description = "; ".join(
                part for part in (spec.role, spec.seen_by and f"seen by {spec.seen_by}") if part
            )
            created = Source(
                name=spec.name.strip(),
                kind=spec.kind,
                description=description[:1].upper() + description[1:],
                url=spec.url or "",
                affiliation=affiliation,
                descriptor=(spec.descriptor or "").strip(),
                anonymous_count=spec.count,
                anonymity_reason=spec.anonymity_reason or "",
            )
            created.normalized_name = normalize_name(created.name)
            created.full_clean(
                exclude=("affiliation",), validate_unique=False, validate_constraints=False
            )
            records[key] = created
            report.append((created, True))
            return created

        for key, need in self.needs.items():
            if need.written:
                record(key)
        for level in sorted(set(levels.values())):
            # bulk_create reads a new affiliation's id, written a batch before, from the object.
            batch = [records[key] for key, at in levels.items() if at == level]
            bulk_create_with_history(batch, Source, default_user=_history_user())
        return records, report


def _history_user() -> AbstractBaseUser | None:
    """The user `save()` would record in the sources' history: the signed-in user of the
    request being served (simple_history's middleware), else none."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
