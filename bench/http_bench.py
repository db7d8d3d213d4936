"""HTTP throughput and latency under gunicorn, against the trivial endpoint of the same server.

Starts gunicorn on the given database (production settings: DEBUG off, persistent connections),
then drives each endpoint with wrk on loopback and prints requests/s, p50, p99 and the ratio to
/api/ping/, measured on the same server right before each endpoint. With `--uncached` (the
default) a second server runs beside the first with the dummy cache (`CACHE_URL=dummycache://`),
so every request builds its answer as the first read after an edit does; its rows are measured
against its own /api/ping/.

    .venv/bin/python bench/http_bench.py --probes /tmp/probes10k.json \
        --database-url postgres://postgres@127.0.0.1:5432/provenance_bench_10k

Needs wrk (apt-get install wrk) and a corpus from `manage.py generate_corpus --probes-file`.
"""

import argparse
import json
import re
import shlex
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

from running_app import production_env, running_app

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
PING = "/api/ping/"


def parse_wrk(output: str) -> dict:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {}
    for percent, value, unit in re.findall(
        r"^\s+(50|99)\.000%\s+([\d.]+)(us|ms|s)\b", output, re.M
    ):
        latency[percent] = float(value) * UNITS[unit]
    if not latency:  # wrk without --latency percentiles in this format
        for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\b", output, re.M):
            latency[percent] = float(value) * UNITS[unit]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "rps": rps,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def run_wrk(url: str, *, duration: int, connections: int, threads: int) -> dict:
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def targets(probes: dict, search: str) -> list[tuple[str, str, bool]]:
    """(label, path, measured uncached too)."""
    deep = probes["depth_10"]
    return [
        ("provenance, 1 hop", f"/api/claims/{probes['depth_1']}/provenance/", True),
        ("provenance, 10 hops", f"/api/claims/{deep}/provenance/", True),
        ("provenance, 30 hops", f"/api/claims/{probes['depth_30']}/provenance/", True),
        ("claim detail", f"/api/claims/{deep}/", True),
        ("claim list (20 per page)", "/api/claims/", True),
        ("claim list, filtered (circular)", "/api/claims/?circular=true", True),
        (f"search ?search={search}", f"/api/claims/?search={search}", True),
        ("public claim page", f"/claims/{deep}/", True),
    ]


def reproducible_python() -> str:
    """The interpreter as a reader would type it: relative when it is the project's .venv."""
    python = Path(sys.executable)
    try:
        return str(python.relative_to(Path.cwd()))
    except ValueError:
        return str(python)


def check_answers(base: str, paths: list[str]) -> None:
    """Every path answers 200 before it is timed: a benchmark of 404s measures nothing."""
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}, not 200")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--probes", type=Path, required=True, help="JSON from generate_corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per endpoint")
    parser.add_argument("--search", default="minister", help="the ?search= phrase")
    parser.add_argument(
        "--only", action="append", default=[], help="measure only rows whose label has this"
    )
    parser.add_argument(
        "--no-uncached",
        dest="uncached",
        action="store_false",
        help="skip the second server with the dummy cache",
    )
    parser.add_argument(
        "--uncached-only",
        dest="cached",
        action="store_false",
        help="skip the first server (the cache on): measure only the uncached rows",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    command = shlex.join([reproducible_python(), *sys.argv])

    probes = json.loads(args.probes.read_text())
    rows = [
        row
        for row in targets(probes, args.search)
        if not args.only or any(part in row[0] for part in args.only)
    ]
    servers = [("cached", production_env(args.database_url), rows)] if args.cached else []
    if args.uncached:
        env = {**production_env(args.database_url), "CACHE_URL": "dummycache://"}
        servers.append(("uncached", env, [row for row in rows if row[2]]))

    results = []
    for cache, env, server_rows in servers:
        with running_app(env, workers=args.workers) as base:
            check_answers(base, [PING, *(path for _, path, _ in server_rows)])

            def measure(path: str, base: str = base) -> dict:
                if args.warmup:
                    run_wrk(base + path, duration=args.warmup, connections=4, threads=1)
                return run_wrk(
                    base + path,
                    duration=args.duration,
                    connections=args.connections,
                    threads=args.threads,
                )

            # The trivial endpoint is measured right before each endpoint, and the ratio taken
            # to that run: a shared machine drifts by 20% over minutes, less over seconds.
            for label, path, _ in server_rows:
                ping = measure(PING)
                figures = measure(path)
                results.append(
                    {
                        "endpoint": label,
                        "path": path,
                        "cache": cache,
                        **figures,
                        "ping_rps": ping["rps"],
                        "ratio": figures["rps"] / ping["rps"],
                    }
                )

    setup = (
        f"gunicorn {args.workers} workers · wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s · {args.database_url.rsplit('/', 1)[-1]}"
    )
    if args.json:
        print(json.dumps({"command": command, "setup": setup, "rows": results}, indent=2))
        return
    print(f"reproduce: {command}")
    print(setup)
    header = f"{'endpoint':38} {'cache':8} {'req/s':>7} {'ping/s':>7} {'ratio':>6}"
    print(f"{header} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for row in results:
        print(
            f"{row['endpoint']:38} {row['cache']:8} {row['rps']:7.0f} {row['ping_rps']:7.0f} "
            f"{row['ratio']:6.2f} {row['p50'] or 0:8.2f} {row['p99'] or 0:8.2f} "
            f"{row['non_2xx']:8d}"
        )


if __name__ == "__main__":
    main()
