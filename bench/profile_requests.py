"""Where an uncached request's time goes: in-process, one request at a time, no cache.

Runs each endpoint of `http_bench.py` through Django's test client with the dummy cache
(`CACHE_URL=dummycache://`, so every answer is built as the first read after an edit builds it)
and production settings otherwise, and prints per endpoint: the median time per request, the
SQL queries and the time spent waiting on them, then (with `--profile`) cProfile's top
functions by cumulative time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prov_h16_bench10k \
        .venv/bin/python bench/profile_requests.py --probes /tmp/h16_probes10k.json --profile
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probes", required=True, help="generate_corpus --probes-file output")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--only", help="measure only endpoints whose label contains this")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.update(
        {
            "CACHE_URL": "dummycache://",
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
            "THROTTLE_ANON": "",
            "THROTTLE_USER": "",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.db import connections
    from django.test import Client

    queries: list[float] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - started) * 1000)

    for alias in connections:
        connections[alias].execute_wrappers.append(timed)

    probes = json.loads(Path(args.probes).read_text())
    deep = probes["depth_10"]
    endpoints = [
        ("ping", "/api/ping/"),
        ("provenance, 1 hop", f"/api/claims/{probes['depth_1']}/provenance/"),
        ("provenance, 10 hops", f"/api/claims/{deep}/provenance/"),
        ("provenance, 30 hops", f"/api/claims/{probes['depth_30']}/provenance/"),
        ("claim detail", f"/api/claims/{deep}/"),
        ("claim list", "/api/claims/"),
        ("public claim page", f"/claims/{deep}/"),
    ]
    client = Client()
    print(f"{'endpoint':<22} {'median ms':>9} {'queries':>7} {'SQL ms':>7}")
    for label, path in endpoints:
        if args.only and args.only not in label and label != "ping":
            continue
        for _ in range(20):  # warm-up: imports, connection, template loading
            assert client.get(path).status_code == 200, path
        times = []
        queries.clear()
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        count, sql_ms = len(queries) / args.runs, sum(queries) / args.runs
        print(
            f"{label:<22} {statistics.median(times):>9.2f} {count:>7.0f} {sql_ms:>7.2f}",
            flush=True,
        )
        if args.profile and label != "ping":
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.runs):
                client.get(path)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
