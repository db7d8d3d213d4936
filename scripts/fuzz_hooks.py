"""Schemathesis hooks for `scripts/fuzz_api.py` (loaded through SCHEMATHESIS_HOOKS).

The fuzzer must never make the server fetch anything but a refusal: `POST /api/ingest/` with
`fetch` fetches its `url`, and a generated URL may name any host or public address. Every
request that asks for a fetch gets a loopback URL instead, which the SSRF guard refuses at once
with a 400 (PROVENANCE_FETCH_ALLOW_PRIVATE stays false) before a single packet leaves the machine.
The rest of the generated body is sent as it is.

Every answer's operation and status is appended to the file named by FUZZ_CALLS_LOG, so that
`fuzz_api.py` can tell which operations reached a real row (see `reach`).
"""

import os

import schemathesis

REFUSED_URL = "http://127.0.0.1:9/fuzz-article"


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.path.rstrip("/") not in ("/api/v1/ingest", "/api/ingest") or not isinstance(
        case.body, dict
    ):
        return
    if "fetch" in case.body:
        case.body["url"] = REFUSED_URL


@schemathesis.hook
def after_call(context, case, response):
    path = os.environ.get("FUZZ_CALLS_LOG")
    if path:
        # One short line per answer, appended: safe from several client threads at once.
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{response.status_code} {case.operation.label}\n")
