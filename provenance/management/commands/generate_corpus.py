"""`manage.py generate_corpus --claims N`: a large synthetic corpus, fast, for benchmarks.

Rows go straight to the tables (COPY on PostgreSQL, executemany on SQLite) in one transaction
per batch: no model saves, so no signals, no history and no cached analysis — a generated
corpus is not an editor's work. Run `manage.py refresh_analyses` afterwards if lists must filter
on the analysis. Probe claims with chains of exactly 1, 10 and 30 hops are added for the
benchmarks; their ids are printed and written to --probes-file.
"""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from provenance.generation import Batch, CorpusGenerator, Wording, source_pool
from provenance.matching import claim_key
from provenance.models import Assertion, Citation, Claim, Source
from provenance.names import normalize_name

PROBE_DEPTHS = (1, 10, 30)


def _columns(model, values: dict) -> tuple[list[str], list]:
    """Every concrete column of `model`, from `values` or the field's default."""
    columns, row = [], []
    for field in model._meta.concrete_fields:
        columns.append(field.column)
        if field.attname in values:
            row.append(values[field.attname])
        elif field.has_default():
            row.append(field.get_default())
        elif field.null:
            row.append(None)
        else:
            row.append("")
    return columns, row


class Writer:
    """Writes rows of one model, by COPY on PostgreSQL and executemany elsewhere."""

    def __init__(self, model):
        self.model = model
        self.table = model._meta.db_table

    def write(self, rows: list[dict]) -> None:
        if not rows:
            return
        columns, _ = _columns(self.model, rows[0])
        data = [_columns(self.model, values)[1] for values in rows]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # psycopg 3 cursor, for COPY
                with raw.copy(f"COPY {self.table} ({quoted}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {self.table} ({quoted}) VALUES ({marks})",  # noqa: S608
                    data,
                )


class Command(BaseCommand):
    help = "Generate a large synthetic corpus of claims, assertions and citations (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, required=True, help="How many claims.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (deterministic).")
        parser.add_argument("--batch", type=int, default=20_000, help="Claims per transaction.")
        parser.add_argument(
            "--wording",
            choices=("synthetic", "varied"),
            default="synthetic",
            help="Claims' text: one fixed sentence with the id, or varied sentences whose words "
            "follow a Zipf law (for the matching benchmarks).",
        )
        parser.add_argument(
            "--probes-file",
            type=Path,
            default=None,
            help="Where to write the probe claims' ids as JSON.",
        )

    def handle(self, *args, claims, seed, batch, probes_file, wording, **options):
        if claims < 0 or batch < 1:
            raise CommandError("--claims must be >= 0 and --batch >= 1.")
        sources = self._sources()
        started = time.perf_counter()
        self._fast_load()
        generator = CorpusGenerator(
            sources=sources,
            seed=seed,
            next_ids=self._next_ids(),
            **({"wording": Wording(seed=seed)} if wording == "varied" else {}),
        )
        totals = {"claims": 0, "assertions": 0, "citations": 0}
        for rows in generator.batches(claims, batch):
            self._write(rows, totals)
            self.stderr.write(
                f"\r{totals['claims']:,} claims, {totals['assertions']:,} assertions", ending=""
            )
        probes = Batch()
        probe_ids = {
            f"depth_{depth}": generator.claim(probes, depth=depth + 0, fan_in=1, cycle=False)
            for depth in PROBE_DEPTHS
        }
        self._write(probes, totals)
        self._finish()
        elapsed = time.perf_counter() - started
        self.stderr.write("")
        self.stdout.write(
            f"Generated {totals['claims']:,} claims, {totals['assertions']:,} assertions and "
            f"{totals['citations']:,} citations in {elapsed:.1f} s "
            f"({totals['assertions'] / elapsed:,.0f} assertions/s)."
        )
        # A probe of depth d has d - 1 relays plus its rewriter: d hops from top to origin.
        self.stdout.write(f"Probe claims (chain depth -> id): {json.dumps(probe_ids)}")
        if probes_file:
            probes_file.write_text(json.dumps(probe_ids, indent=2) + "\n")

    def _sources(self) -> dict[str, int]:
        """The pool's sources, created when missing (organizations first: people point at them)."""
        pool = source_pool()
        ids: dict[str, int] = {}
        with transaction.atomic():
            for wave in (
                [s for s in pool if s.affiliation_key is None],
                [s for s in pool if s.affiliation_key is not None],
            ):
                existing = {
                    (normalized, kind): pk
                    for pk, normalized, kind in Source.objects.values_list(
                        "pk", "normalized_name", "kind"
                    )
                }
                missing = [
                    Source(
                        name=spec.name,
                        normalized_name=normalize_name(spec.name),
                        kind=spec.kind,
                        descriptor=spec.descriptor,
                        affiliation_id=ids.get(spec.affiliation_key or ""),
                    )
                    for spec in wave
                    if (normalize_name(spec.name), spec.kind) not in existing
                ]
                for source in Source.objects.bulk_create(missing, batch_size=1000):
                    existing[(source.normalized_name, source.kind)] = source.pk
                for spec in wave:
                    ids[spec.key] = existing[(normalize_name(spec.name), spec.kind)]
        return ids

    def _next_ids(self) -> dict[str, int]:
        return {
            name: (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1
            for name, model in (("claim", Claim), ("assertion", Assertion), ("citation", Citation))
        }

    def _write(self, rows: Batch, totals: dict) -> None:
        now = timezone.now()
        with transaction.atomic():
            Writer(Claim).write(
                [
                    {
                        "id": i,
                        "text": text,
                        "match_key": claim_key(text),
                        # Published: the benchmarks read the public API and pages.
                        "published_at": created,
                        "created_at": created,
                        "updated_at": now,
                    }
                    for i, text, created in rows.claims
                ]
            )
            Writer(Assertion).write(
                [
                    {
                        "id": i,
                        "claim_id": claim,
                        "source_id": source,
                        "created_at": created,
                        "updated_at": now,
                    }
                    for i, claim, source, created in rows.assertions
                ]
            )
            Writer(Citation).write(
                [
                    {
                        "id": i,
                        "citing_id": citing,
                        "cited_id": cited,
                        "relation": relation,
                        "fidelity": fidelity,
                        "checked_at": checked,
                        "created_at": created,
                        "updated_at": now,
                    }
                    for i, citing, cited, relation, fidelity, checked, created in rows.citations
                ]
            )
        totals["claims"] += len(rows.claims)
        totals["assertions"] += len(rows.assertions)
        totals["citations"] += len(rows.citations)

    def _fast_load(self) -> None:
        """PostgreSQL: skip the per-row foreign-key triggers and the wait for each commit.

        The generator writes consistent ids, so the triggers would only re-check what it built;
        skipping them needs a superuser (a managed database may refuse: then rows load checked).
        A crash mid-load loses at most the batches not yet flushed, which a re-run re-creates.
        """
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET session_replication_role = replica")

    def _finish(self) -> None:
        """Move the id sequences past the rows written, and refresh the planner's statistics.

        Outside a transaction the tables are vacuumed too, as autovacuum would do soon after a
        bulk load: that moves the rows waiting in the trigram indexes' pending lists into the
        indexes proper. Left there, every search scans the whole pending list (a 6 ms index scan
        for a word found nowhere in a freshly generated 10k corpus, 0.01 ms once vacuumed), so
        benchmarks run right after generation would measure the load, not the search.
        """
        analyze = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("RESET session_replication_role")
                cursor.execute("RESET synchronous_commit")
            for model in (Claim, Assertion, Citation):
                table = model._meta.db_table
                if connection.vendor == "postgresql":
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                    )
                    cursor.execute(f"{analyze} {table}")
            if connection.vendor == "postgresql":
                cursor.execute(f"{analyze} {Source._meta.db_table}")  # the names' trigram index
