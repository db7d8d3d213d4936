"""HTTP throughput and latency under gunicorn, against the trivial endpoint of the same server.

Starts gunicorn on the given database (production settings: DEBUG off, persistent connections),
then drives each endpoint with wrk on loopback and prints requests/s, p50, p99 and the ratio to
/api/ping/, measured on the same server right before each endpoint.

    .venv/bin/python bench/http_bench.py --probes /tmp/probes10k.json \
        --database-url postgres://postgres@127.0.0.1:5432/provenance_bench_10k

Needs wrk (apt-get install wrk) and a corpus from `manage.py generate_corpus --probes-file`.
"""

import argparse
import json
import re
import shutil
import subprocess
from pathlib import Path

from running_app import production_env, running_app

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--probes", type=Path, required=True, help="JSON from generate_corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per endpoint")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    probes = json.loads(args.probes.read_text())
    ping = ("trivial DRF endpoint (/api/ping/)", "/api/ping/")
    targets = [
        ("provenance, 1 hop", f"/api/claims/{probes['depth_1']}/provenance/"),
        ("provenance, 10 hops", f"/api/claims/{probes['depth_10']}/provenance/"),
        ("provenance, 30 hops", f"/api/claims/{probes['depth_30']}/provenance/"),
        ("claim list (20 per page)", "/api/claims/"),
        ("claim list, filtered (circular)", "/api/claims/?circular=true"),
    ]
    rows = []
    with running_app(production_env(args.database_url), workers=args.workers) as base:

        def measure(path: str) -> dict:
            if args.warmup:
                run_wrk(base + path, duration=args.warmup, connections=4, threads=1)
            return run_wrk(
                base + path,
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
            )

        # The trivial endpoint is measured right before each endpoint, and the ratio taken to
        # that run: a shared machine drifts by 20% over minutes, less over seconds.
        for label, path in targets:
            baseline = measure(ping[1])
            rows.append((ping[0], baseline, 1.0))
            figures = measure(path)
            rows.append((label, figures, figures["rps"] / baseline["rps"]))

    print(
        f"gunicorn {args.workers} workers · wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s · {args.database_url.rsplit('/', 1)[-1]}"
    )
    print(f"{'endpoint':38} {'req/s':>9} {'ratio':>6} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for label, figures, ratio in rows:
        print(
            f"{label:38} {figures['rps']:9.0f} {ratio:6.2f} "
            f"{figures['p50'] or 0:8.2f} {figures['p99'] or 0:8.2f} {figures['non_2xx']:8d}"
        )


if __name__ == "__main__":
    main()
