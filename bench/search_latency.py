"""`?search=` latency, one request at a time, against /api/ping/ in the same run.

Runs the API in-process (Django's test client, production-like settings: DEBUG off, no cache,
so every request searches) against an existing corpus, and prints p50 and p90 per phrase, the
number of matches, and the ratio of /api/ping/'s p50 to each phrase's p50. The issue's target is
a p50 of 50 ms or less at 1M claims on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/provenance_bench_1000000 \\
        .venv/bin/python bench/search_latency.py --runs 21

Reads only; the corpus comes from `manage.py generate_corpus`, whose claims read "Synthetic
claim N: a reported fact." and whose sources are "Agency 0042", "Outlet 0001"...
"""

import argparse
import os
import shlex
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.update(
    DEBUG="false",
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="false",
    CACHE_URL="dummycache://",
    THROTTLE_ANON="",
    THROTTLE_USER="",
)
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-production-use-0123456789")

PHRASES = (
    "minister",  # found nowhere: the index alone answers
    "claim 99999",  # a few claims' wording
    "Agency 0042",  # a source's name: every claim it asserts
)


def timed(client, path: str, params: dict, runs: int) -> tuple[list[float], dict]:
    body = {}
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path, params)
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} {params} answered {response.status_code}")
        body = response.json()
    return samples, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("phrases", nargs="*", default=list(PHRASES))
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    timed(client, "/api/claims/", {"search": args.phrases[0]}, 2)  # connect, warm
    ping, _ = timed(client, "/api/ping/", {}, args.runs)
    ping_p50 = statistics.median(ping)
    command = shlex.join([".venv/bin/python", "bench/search_latency.py", *sys.argv[1:]])
    if os.environ.get("DATABASE_URL"):
        command = f"DATABASE_URL={shlex.quote(os.environ['DATABASE_URL'])} {command}"
    print(f"reproduce: {command}")
    name = connection.settings_dict["NAME"]
    print(f"database: {connection.vendor} {name}; {args.runs} runs each")
    print(f"{'request':28} {'matches':>9} {'p50 ms':>8} {'p90 ms':>8} {'ping/this':>9}")
    print(f"{'/api/ping/':28} {'':>9} {ping_p50:8.2f} {_p90(ping):8.2f} {1:9.3f}")
    for phrase in args.phrases:
        samples, body = timed(client, "/api/claims/", {"search": phrase}, args.runs)
        p50 = statistics.median(samples)
        matches = f"{body['count']}{'' if body.get('count_exact', True) else '~'}"
        print(
            f"{'?search=' + phrase:28} {matches:>9} {p50:8.2f} {_p90(samples):8.2f} "
            f"{ping_p50 / p50:9.3f}"
        )


def _p90(samples: list[float]) -> float:
    return sorted(samples)[int(0.9 * (len(samples) - 1))]


if __name__ == "__main__":
    main()
