"""Extraction speed and memory on a ~50 KB realistic news page.

The page is the founding chain's HTML (provenance/fixtures/articles/) padded with realistic
paragraphs (attributions, quotes, links) and boilerplate (navigation, inline scripts, a cookie
banner, "most read" lists), which is what real pages carry. Prints articles/s, ms/article and
peak memory (tracemalloc).
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.fixtures import ARTICLES_DIR  # noqa: E402
from provenance.ingest import extract  # noqa: E402

TARGET_BYTES = 50_000
TARGET_PER_SECOND = 20

_PARAGRAPHS = (
    "<p>Officials in Washington have repeatedly urged restraint, according to two diplomats "
    "briefed on the discussions, who spoke on condition of anonymity because they were not "
    "authorised to speak publicly.</p>",
    "<p>\u201cWe have made our position clear to our partners at every level,\u201d State "
    "Department spokesperson Matthew Miller told reporters on Tuesday.</p>",
    "<p>Oil prices rose 2% in Asian trading on Wednesday, exchange data showed, as investors "
    "weighed the risk of a wider conflict in the region.</p>",
    "<p>The Pentagon said in a statement that additional air-defence systems had been moved "
    "to the region, a step first reported by <a href='https://www.reuters.com/x'>Reuters</a>."
    "</p>",
    "<p>Analysts cautioned that the diplomatic calendar remains crowded. \u201cThere is very "
    "little room for error right now,\u201d said Dana Stroul, a former Pentagon official.</p>",
)
_BOILERPLATE = (
    "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
    "gtag('js',new Date());gtag('config','G-XXXX');" + "var a=1;" * 200 + "</script>",
    "<div class='cookie-banner'>We use cookies to improve your experience. <a href='/privacy'>"
    "Privacy policy</a> <button>Accept all</button></div>",
    "<aside class='most-read'><h3>Most read</h3><ul>"
    + "".join(
        f"<li><a href='/world/story-{i}'>Story headline number {i}</a></li>" for i in range(30)
    )
    + "</ul></aside>",
    "<nav class='menu'>"
    + "".join(f"<a href='/section/{i}'>Section {i}</a> " for i in range(60))
    + "</nav>",
)


def build_page() -> str:
    html = (ARTICLES_DIR / "founding-chain.html").read_text(encoding="utf-8")
    body_pad = []
    boiler_pad = []
    size = len(html.encode())
    index = 0
    while size < TARGET_BYTES:
        body_pad.append(_PARAGRAPHS[index % len(_PARAGRAPHS)])
        boiler_pad.append(_BOILERPLATE[index % len(_BOILERPLATE)])
        size += len(body_pad[-1]) + len(boiler_pad[-1])
        index += 1
    html = html.replace('<p class="byline">', "".join(body_pad) + '<p class="byline">')
    return html.replace("</article>", "</article>" + "".join(boiler_pad))


def main() -> int:
    page = build_page().encode("utf-8")
    extract(page)  # warm imports and caches
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        result = extract(page)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    extract(page)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    per_second = runs / elapsed
    print(
        f"page: {len(page):,} bytes, {len(result.citations)} citations, {len(result.quotes)} quotes"
    )
    print(f"{per_second:.1f} articles/s per core, {1000 * elapsed / runs:.2f} ms/article")
    print(f"peak memory (tracemalloc): {peak / 1024 / 1024:.1f} MiB")
    if per_second < TARGET_PER_SECOND:
        print(f"FAIL: below {TARGET_PER_SECOND} articles/s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
