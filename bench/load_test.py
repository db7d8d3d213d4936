"""A bounded load run of reads and writes against gunicorn: counts errors, 5xx and requests/s.

Starts gunicorn (production settings, throttling off) on a throwaway database prepared with the
demo data, then runs client threads for --seconds: most requests read (claim list, search,
claim detail, provenance graph, history, public claim page), the rest write as an editor and a
reviewer (new claims with assertions and citations, rewording with If-Match, link checks,
verdicts). Every response must have the status the operation expects; a transport error, a 5xx
or an unexpected status fails the run (exit 1).

    .venv/bin/python bench/load_test.py --seconds 60 \\
        --database-url postgres://postgres@127.0.0.1:5432/provenance_load
"""

import argparse
import http.client
import json
import random
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

from running_app import production_env, running_app

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout


class Client:
    """One keep-alive HTTP connection, as a browser or API client would hold."""

    def __init__(self, port: int, token: str | None = None):
        self.port = port
        self.token = token
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body=None, headers=None):
        headers = {"Accept": "application/json", **(headers or {})}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            raise
        return response.status, dict(response.getheaders()), payload


class Run:
    def __init__(self, port: int, tokens: dict[str, str], claim_ids: list[int], seconds: float):
        self.port = port
        self.tokens = tokens
        self.claim_ids = claim_ids
        self.deadline = time.monotonic() + seconds
        self.lock = threading.Lock()
        self.counts: Counter = Counter()
        self.statuses: Counter = Counter()
        self.failures: list[str] = []

    def record(self, operation: str, status: int, expected: tuple[int, ...], detail: str = ""):
        with self.lock:
            self.counts[operation] += 1
            self.statuses[status] += 1
            if status not in expected:
                self.failures.append(f"{operation}: {status} (expected {expected}) {detail[:200]}")

    def call(self, client, operation, method, path, expected=(200,), body=None, headers=None):
        try:
            status, response_headers, payload = client.request(method, path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            with self.lock:
                self.counts[operation] += 1
                self.statuses["transport error"] += 1
                self.failures.append(f"{operation}: {error!r}")
            return None, {}, None
        self.record(operation, status, expected, payload.decode(errors="replace"))
        data = None
        if payload and response_headers.get("Content-Type", "").startswith("application/json"):
            data = json.loads(payload)
        return status, response_headers, data

    def reader(self, seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 -- load mix, not secrets
        client = Client(self.port)
        while time.monotonic() < self.deadline:
            claim = rng.choice(self.claim_ids)
            choice = rng.random()
            if choice < 0.25:
                self.call(client, "read claim list", "GET", "/api/claims/?page_size=20")
            elif choice < 0.35:
                term = urllib.parse.quote(rng.choice(["officials", "Axios", "trial", "mayor"]))
                self.call(client, "search claims", "GET", f"/api/claims/?search={term}")
            elif choice < 0.55:
                self.call(client, "read claim", "GET", f"/api/claims/{claim}/")
            elif choice < 0.85:
                self.call(client, "read provenance", "GET", f"/api/claims/{claim}/provenance/")
            elif choice < 0.92:
                self.call(client, "read history", "GET", f"/api/claims/{claim}/history/")
            else:
                self.call(
                    client,
                    "public claim page",
                    "GET",
                    f"/claims/{claim}/",
                    headers={"Accept": "text/html"},
                )

    def writer(self, seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 -- load mix, not secrets
        editor = Client(self.port, self.tokens["editor"])
        reviewer = Client(self.port, self.tokens["reviewer"])
        sources = [self.source(editor, f"Load outlet {seed}-{n}", "outlet") for n in range(3)]
        origin = self.source(editor, f"load officials {seed}", "anonymous")
        n = 0
        while time.monotonic() < self.deadline:
            n += 1
            _, headers, claim = self.call(
                editor,
                "create claim",
                "POST",
                "/api/claims/",
                (201,),
                # One number per claim: the matcher compares a claim's numbers as a set, so
                # "claim 100-101" and "claim 101-100" (two writers) were merged, and the merge
                # moved the other writer's ETag between its read and its If-Match write.
                {"text": f"Load claim {seed * 1_000_000 + n}: ports will close."},
            )
            if not claim:
                continue
            chain = []
            for source in [*rng.sample(sources, 2), origin]:
                _, _, assertion = self.call(
                    editor,
                    "add assertion",
                    "POST",
                    "/api/assertions/",
                    (201,),
                    {"claim": claim["id"], "source": source},
                )
                if assertion:
                    chain.append(assertion["id"])
            links = []
            for citing, cited in zip(chain, chain[1:], strict=False):
                _, _, citation = self.call(
                    editor,
                    "add citation",
                    "POST",
                    "/api/citations/",
                    (201,),
                    {"citing": citing, "cited": cited},
                )
                if citation:
                    links.append(citation["id"])
            # Reword with the ETag just read (the chain added since creation moved the claim's
            # tag on); another writer may not touch this claim, so 200.
            own = f"/api/claims/{claim['id']}/"
            _, headers, _ = self.call(editor, "read own claim", "GET", own)
            self.call(
                editor,
                "reword claim (If-Match)",
                "PATCH",
                f"/api/claims/{claim['id']}/",
                (200,),
                {"context": "Load test."},
                {"If-Match": headers.get("ETag", "*")},
            )
            # A stale If-Match must be refused, not applied.
            self.call(
                editor,
                "stale reword (412)",
                "PATCH",
                f"/api/claims/{claim['id']}/",
                (412,),
                {"context": "Stale."},
                {"If-Match": '"v1"'},
            )
            if links:
                self.call(
                    editor,
                    "check link",
                    "POST",
                    f"/api/citations/{links[-1]}/check/",
                    (200,),
                    {"fidelity": "faithful", "note": "Checked under load."},
                )
            self.call(
                reviewer,
                "record verdict",
                "POST",
                "/api/reviews/",
                (201,),
                {
                    "claim": claim["id"],
                    "verdict": "mostly_true",
                    "rationale": "Load.",
                    "evidence": "Load test evidence.",
                },
            )
            self.call(
                client := editor,
                "read own provenance",
                "GET",
                f"/api/claims/{claim['id']}/provenance/",
            )
            del client

    def source(self, client, name: str, kind: str) -> int:
        _, _, source = self.call(
            client, "create source", "POST", "/api/sources/", (201,), {"name": name, "kind": kind}
        )
        return source["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a throwaway database")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()

    env = production_env(args.database_url)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    setup = json.loads(
        subprocess.run(
            [
                PYTHON,
                "-c",
                (
                    "import django, json; django.setup();"
                    "from django.contrib.auth.models import User;"
                    "from rest_framework.authtoken.models import Token;"
                    "from provenance.models import Claim;"
                    "print(json.dumps({'tokens': {u: Token.objects.get_or_create("
                    "user=User.objects.get(username=u))[0].key for u in ('editor', 'reviewer')},"
                    "'claims': list(Claim.objects.values_list('pk', flat=True))}))"
                ),
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    log_path = ROOT / "artifacts" / "load-server.log"
    log_path.parent.mkdir(exist_ok=True)
    with log_path.open("w") as log, running_app(env, workers=args.workers, stderr=log) as base:
        port = int(base.rsplit(":", 1)[1])
        run = Run(port, setup["tokens"], setup["claims"], args.seconds)
        started = time.monotonic()
        threads = [threading.Thread(target=run.reader, args=(n,)) for n in range(args.readers)]
        threads += [
            threading.Thread(target=run.writer, args=(100 + n,)) for n in range(args.writers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started

    total = sum(run.counts.values())
    server_errors = sum(c for s, c in run.statuses.items() if isinstance(s, int) and s >= 500)
    print(
        f"{total:,} requests in {elapsed:.1f} s: {total / elapsed:,.0f} requests/s "
        f"({args.readers} readers, {args.writers} writers, gunicorn {args.workers} workers)"
    )
    for operation, count in sorted(run.counts.items(), key=lambda item: -item[1]):
        print(f"  {operation:28} {count:8,}")
    print(f"statuses: {dict(sorted(run.statuses.items(), key=str))}")
    print(f"5xx: {server_errors}   unexpected or failed: {len(run.failures)}")
    for failure in run.failures[:20]:
        print(f"  ! {failure}")
    if server_errors or run.failures:
        print(f"The server's log, with its tracebacks: {log_path}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
