"""Provenance query time against chain depth (1, 10, 30) and database size (e.g. 10k vs 1M).

For each database and each probe claim, times the selector `claim_provenance` (its three SQL
queries and the Python that assembles the graph) and, separately, the recursive CTE alone as
PostgreSQL executes it (EXPLAIN ANALYZE), then prints median and p99 in milliseconds.

    .venv/bin/python bench/provenance_query.py \\
        --db 10k=postgres://postgres@127.0.0.1:5432/provenance_bench_10k:/tmp/probes10k.json \\
        --db 1M=postgres://postgres@127.0.0.1:5432/provenance_bench_1m:/tmp/probes1m.json

Each --db is LABEL=DATABASE_URL:PROBES_JSON (the JSON that generate_corpus --probes-file wrote).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKER = """
import json, os, re, statistics, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.db import connection
from django.test.utils import CaptureQueriesContext
from provenance.selectors import claim_provenance

probes, runs = json.loads(sys.argv[1]), int(sys.argv[2])
results = {}
for name, claim_id in sorted(probes.items(), key=lambda item: int(item[0].split("_")[1])):
    claim_provenance(claim_id=claim_id)  # warm the connection and the plan cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        graph = claim_provenance(claim_id=claim_id)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        claim_provenance(claim_id=claim_id)
    cte = captured.captured_queries[0]["sql"]
    executions = []
    with connection.cursor() as cursor:
        for _ in range(min(runs, 50)):
            cursor.execute("EXPLAIN (ANALYZE, TIMING OFF) " + cte)
            plan = "\\n".join(row[0] for row in cursor.fetchall())
            executions.append(float(re.search(r"Execution Time: ([\\d.]+)", plan).group(1)))
    times.sort()
    results[name] = {
        "nodes": len(graph.nodes),
        "queries": len(captured.captured_queries),
        "median": statistics.median(times),
        "p99": times[int(len(times) * 0.99) - 1],
        "cte_median": statistics.median(executions),
    }
print(json.dumps(results))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", action="append", required=True, help="LABEL=URL:PROBES_JSON")
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    print(
        f"{'database':10} {'probe':10} {'nodes':>5} {'queries':>7} {'median ms':>10} "
        f"{'p99 ms':>8} {'CTE alone ms':>13}"
    )
    for spec in args.db:
        label, rest = spec.split("=", 1)
        url, probes_path = rest.rsplit(":", 1)
        probes = json.loads(Path(probes_path).read_text())
        output = subprocess.run(
            [sys.executable, "-c", WORKER, json.dumps(probes), str(args.runs)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for name, figures in json.loads(output.strip().splitlines()[-1]).items():
            print(
                f"{label:10} {name:10} {figures['nodes']:5d} {figures['queries']:7d} "
                f"{figures['median']:10.2f} {figures['p99']:8.2f} {figures['cte_median']:13.3f}"
            )


if __name__ == "__main__":
    main()
