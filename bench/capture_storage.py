"""Storage taken by web-archive captures, measured on generated pages and extrapolated to 100k.

Writes SAMPLE captures (default 2,000) with the project's own WARC writer
(`provenance.evidence.warc.capture_warc`) into a temporary folder, the way the captures storage
keeps them, and measures: the gzipped WARC bytes on disk (with the file system's block
rounding), and the database row (the extracted text, which the row keeps, plus the metadata
columns estimated at a fixed size). It then scales the mean to 100,000 documents, once with
one capture each and once a year on with the watch's new captures (a share of pages whose
text changes, each change one more capture; unchanged bodies are not stored again).

The pages are generated, not real: a page shell (navigation, scripts, style, footer: the
boilerplate of a news site, ~60-90 KB, varied per page) around an article of 400-1,500 words
drawn from a 5,000-word vocabulary. Real pages differ; the figures say what one page of that
shape costs. Also prints how the watch's first checks spread over a day.

    .venv/bin/python bench/capture_storage.py [--sample 2000] [--changed-share 0.15]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from provenance.evidence.warc import capture_warc  # noqa: E402
from provenance.ingest import Fetched, extract  # noqa: E402
from provenance.services.watching import watch_first_due  # noqa: E402

DOCUMENTS = 100_000
ROW_METADATA_BYTES = 600  # ids, addresses, hashes, times, sizes, the file name, index entries
SYLLABLES = ("har", "bour", "fer", "ry", "tide", "pier", "mar", "ket", "coun", "cil", "vote", "lo")


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def page(rng: random.Random, words: list[str], n: int) -> bytes:
    def sentence() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(8, 24))).capitalize() + "."

    paragraphs = []
    total = rng.randint(400, 1500)
    count = 0
    while count < total:
        text = " ".join(sentence() for _ in range(rng.randint(2, 5)))
        count += len(text.split())
        paragraphs.append(f"<p>{text}</p>")
    menu = "".join(
        f'<li><a href="/section/{rng.choice(words)}-{i}">{rng.choice(words)}</a></li>'
        for i in range(rng.randint(80, 160))
    )
    script = "".join(
        f"var {rng.choice(words)}{i}={rng.randint(0, 10**9)};function f{i}(a){{return a*{i}}}"
        for i in range(rng.randint(400, 700))
    )
    style = "".join(
        f".c{i}{{margin:{rng.randint(0, 40)}px;color:#{rng.randint(0, 0xFFFFFF):06x}}}"
        for i in range(rng.randint(300, 500))
    )
    html = (
        f'<html><head><meta property="og:site_name" content="Harbour Ledger {n % 300}">'
        f"<title>{sentence()}</title><style>{style}</style><script>{script}</script></head>"
        f"<body><nav><ul>{menu}</ul></nav><article><h1>{sentence()}</h1>{''.join(paragraphs)}"
        f"</article><footer><ul>{menu}</ul></footer></body></html>"
    )
    return html.encode()


def on_disk(size: int, block: int = 4096) -> int:
    return -(-size // block) * block


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--changed-share", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 (generated test data, not secrets)
    words = vocabulary(rng)
    bodies, warcs, disks, texts = [], [], [], []
    start = datetime(2026, 3, 4, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.sample):
            body = page(rng, words, n)
            fetched = Fetched(
                f"https://ledger{n % 300}.example/{n}",
                f"https://ledger{n % 300}.example/{n}",
                body,
                "text/html; charset=utf-8",
                200,
                request_target=f"/{n}",
                request_headers=(("Host", f"ledger{n % 300}.example"),),
                response_headers=(("Content-Type", "text/html; charset=utf-8"),),
                reason="OK",
                fetched_at=start + timedelta(seconds=n),
            )
            data = capture_warc(fetched)
            sha = hashlib.sha256(body).hexdigest()
            path = Path(folder) / sha[:2] / f"{sha}.warc.gz"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            bodies.append(len(body))
            warcs.append(len(data))
            disks.append(path.stat().st_blocks * 512 if hasattr(path.stat(), "st_blocks") else 0)
            texts.append(len(extract(body, content_type="text/html").text.encode()))
    mean_body, mean_warc = statistics.mean(bodies), statistics.mean(warcs)
    mean_disk = statistics.mean(disks) or on_disk(int(mean_warc))
    mean_row = statistics.mean(texts) + ROW_METADATA_BYTES
    per_capture = mean_disk + mean_row
    print(f"sample: {args.sample:,} generated captures (measured), scaled to {DOCUMENTS:,}")
    print(
        f"body (HTML) per page: mean {mean_body / 1024:.1f} KiB, median "
        f"{statistics.median(bodies) / 1024:.1f} KiB"
    )
    print(
        f"WARC file (gzip) per capture: mean {mean_warc / 1024:.1f} KiB "
        f"({mean_warc / mean_body:.0%} of the body), on disk {mean_disk / 1024:.1f} KiB"
    )
    print(
        f"database row per capture: mean {mean_row / 1024:.1f} KiB (text measured, metadata "
        f"{ROW_METADATA_BYTES} B estimated)"
    )
    first = DOCUMENTS * per_capture
    print(
        f"{DOCUMENTS:,} documents, one capture each: {DOCUMENTS * mean_disk / 2**30:.2f} GiB "
        f"of WARC files + {DOCUMENTS * mean_row / 2**30:.2f} GiB of rows = {first / 2**30:.2f} GiB"
    )
    extra = DOCUMENTS * args.changed_share
    year = first + extra * per_capture
    print(
        f"after a year with {args.changed_share:.0%} of pages changing once: "
        f"{year / 2**30:.2f} GiB (identical re-fetches store nothing)"
    )
    # The watch's first checks: one interval after enrolment, spread by the id.
    now = datetime(2026, 3, 4, tzinfo=UTC)
    hours = settings.PROVENANCE_WATCH_FIRST_HOURS
    per_minute = [0] * (hours * 60)
    for pk in range(1, DOCUMENTS + 1):
        offset = (watch_first_due(document_id=pk, now=now) - now).total_seconds()
        per_minute[int(offset // 60)] += 1
    print(
        f"first checks of {DOCUMENTS:,} documents enrolled at once, per minute over "
        f"{hours} h: min {min(per_minute)}, mean {statistics.mean(per_minute):.1f}, "
        f"max {max(per_minute)}"
    )
    steady = DOCUMENTS / (settings.PROVENANCE_WATCH_MAX_HOURS / 24)
    print(
        f"steady state (stable pages at the {settings.PROVENANCE_WATCH_MAX_HOURS} h cap): "
        f"{steady:,.0f} checks a day, {steady / 1440:.1f} a minute"
    )


if __name__ == "__main__":
    main()
