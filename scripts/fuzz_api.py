"""Fuzz the API with schemathesis: every operation of /api/v1/schema/, anonymous and with a token.

Starts gunicorn (production settings, throttling off, fetching private addresses refused) on a
throwaway PostgreSQL database holding the demo data, then runs `schemathesis run` twice with a
fixed seed and a bound on examples per operation: once anonymous, once as a superuser in the
editor and reviewer groups (so every write is allowed and reaches the services). Any 5xx, or
any response whose status, content type or body the schema does not describe, fails the run
(exit 1). The server's log, with the traceback of every 500, is kept in --log.

    .venv/bin/python scripts/fuzz_api.py   # a database provenance_fuzz on 127.0.0.1:5432

Ingestion by URL never leaves the machine: scripts/fuzz_hooks.py points every fetch at a
loopback address, which the SSRF guard refuses.

The fuzzing is only worth something if requests reach data: the run also fails when fewer than
REACH_TARGET of the operations with an id in their path were answered 2xx at least once (the
demo ids in scripts/fuzz.toml must match the schema's type for the ids, or every such request
is a 404).
"""

import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from running_app import production_env, running_app  # noqa: E402

PYTHON = sys.executable
SCHEMATHESIS = str(Path(sys.executable).parent / "schemathesis")
# Every check schemathesis has, stateful phase included (the schema's links drive it).
# Excluded by name, each for a reason the README gives ("Fuzzing"): none.
CHECKS = "all"
EXCLUDED_CHECKS: tuple[str, ...] = ()
REACH_TARGET = 0.9
USER_SETUP = """
import django, json
django.setup()
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user, _ = User.objects.get_or_create(username="fuzzer", defaults={"is_staff": True})
user.is_superuser = True
user.save()
user.groups.set(Group.objects.filter(name__in=("editor", "reviewer")))
print(json.dumps({"token": Token.objects.get_or_create(user=user)[0].key}))
"""


def recreate_database(database_url: str) -> None:
    """Drop and create the database named in the URL (connecting to `postgres` to do so)."""
    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> str:
    return subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout


def fuzz(base: str, *, label: str, args, token: str | None = None) -> int:
    command = [
        SCHEMATHESIS,
        "--config-file",
        str(ROOT / "scripts" / "fuzz.toml"),
        "run",
        f"{base}/api/v1/schema/?format=json",
        "--url",
        base,
        "--checks",
        args.checks,
        *(["--exclude-checks", ",".join(EXCLUDED_CHECKS)] if EXCLUDED_CHECKS else []),
        "--seed",
        str(args.seed),
        "--max-examples",
        str(args.max_examples),
        "--workers",
        str(args.client_workers),
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(args.report_dir / f"fuzz-{label}.xml"),
        *(["--header", f"Authorization: Token {token}"] if token else []),
    ]
    shown = " ".join(command[1:]).replace(token or "\0", "…")
    print(f"\n--- {label}: schemathesis {shown}", flush=True)
    started = time.monotonic()
    code = subprocess.run(  # noqa: S603
        command, cwd=ROOT, env={**os.environ, **args.schemathesis_env}, check=False
    ).returncode
    print(f"--- {label}: exit {code} after {time.monotonic() - started:.0f} s", flush=True)
    return code


def reach(calls_log: Path) -> tuple[list[str], list[str]]:
    """The operations with a path parameter, split into those answered 2xx at least once (they
    reached a real row) and those that never were, from the hooks' log of every answer."""
    statuses: dict[str, set[int]] = collections.defaultdict(set)
    for line in calls_log.read_text(encoding="utf-8").splitlines():
        status, label = line.split(" ", 1)
        if "{" in label:
            statuses[label].add(int(status))
    reached = sorted(label for label, seen in statuses.items() if any(200 <= s < 300 for s in seen))
    missed = sorted(set(statuses) - set(reached))
    return reached, missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/provenance_fuzz",
        help="a PostgreSQL database to drop and create afresh (default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=20260801, help="hypothesis seed")
    parser.add_argument(
        "--max-examples", type=int, default=50, help="test cases per operation and phase"
    )
    parser.add_argument(
        "--checks", default=CHECKS, help="schemathesis checks (default: %(default)s)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--client-workers", type=int, default=2, help="schemathesis workers")
    parser.add_argument(
        "--as",
        dest="who",
        choices=("anonymous", "authenticated", "both"),
        default="both",
        help="which client to fuzz as (default: both)",
    )
    parser.add_argument("--log", type=Path, default=ROOT / "artifacts" / "fuzz-server.log")
    parser.add_argument("--report-dir", type=Path, default=ROOT / "artifacts")
    args = parser.parse_args()
    # A timeout's SIGTERM unwinds like Ctrl-C, so gunicorn is stopped rather than orphaned.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args.report_dir.mkdir(parents=True, exist_ok=True)
    args.log.parent.mkdir(parents=True, exist_ok=True)
    calls_log = args.report_dir / "fuzz-calls.log"
    calls_log.write_text("")
    args.schemathesis_env = {
        "SCHEMATHESIS_HOOKS": "fuzz_hooks",
        "PYTHONPATH": str(ROOT / "scripts"),
        "FUZZ_CALLS_LOG": str(calls_log),
    }

    recreate_database(args.database_url)
    env = {
        **production_env(args.database_url),
        "LOG_LEVEL": "ERROR",
        "PROVENANCE_FETCH_ALLOW_PRIVATE": "false",
        "PROVENANCE_FETCH_TIMEOUT": "5",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    token = json.loads(
        subprocess.run(  # noqa: S603
            [PYTHON, "-c", USER_SETUP],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )["token"]

    started = time.monotonic()
    failed = []
    with args.log.open("w") as log, running_app(env, workers=args.workers, stderr=log) as base:
        if args.who in ("anonymous", "both") and fuzz(base, label="anonymous", args=args):
            failed.append("anonymous")
        if args.who in ("authenticated", "both") and fuzz(
            base, label="authenticated", args=args, token=token
        ):
            failed.append("authenticated")
    print(f"\nFuzzing took {time.monotonic() - started:.0f} s; server log: {args.log}")
    reached, missed = reach(calls_log)
    total = len(reached) + len(missed)
    share = len(reached) / total if total else 0.0
    print(
        f"Operations with an id in their path that reached a real row (a 2xx answer): "
        f"{len(reached)} of {total} ({share:.0%}; at least {REACH_TARGET:.0%} required)"
    )
    for label in missed:
        print(f"  never reached a row: {label}")
    if share < REACH_TARGET:
        failed.append(f"reach ({share:.0%} < {REACH_TARGET:.0%})")
    if failed:
        errors = args.log.read_text().count("Traceback")
        print(f"FAILED: {', '.join(failed)} ({errors} server tracebacks in the log)")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
