"""The public matching sets, read from where they were exported (never from the repository).

- CheckThat! 2022 task 2A English (GitHub Alihoe/CLEFCheckThat2aSimBa, its `data/` exported to
  /work/data/checkthat2a/data): 14,231 fact-checked claims (`vclaims/*.json`: the claim, and
  the fact-check's title and subtitle) and tweets, each with the fact-checked claim(s) it
  states. Splits: train (999 pairs), dev (199), dev-test (202) and test (209).
- MSRP (GitHub wasiahmad/paraphrase_identification, `dataset/msr-paraphrase-corpus` exported to
  /work/data/msrp/dataset/msr-paraphrase-corpus): sentence pairs labelled paraphrase or not,
  train 4,076 and test 1,725. Its licence allows measurement only.

`claims_database()` fills a throwaway database (Django's test database beside the one
DATABASE_URL names) with the fact-checked claims as Provenance claims: the claim as the
claim's text, the fact-check's title and subtitle as its context, and their stored vectors.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

CHECKTHAT = Path("/work/data/checkthat2a/data")
MSRP = Path("/work/data/msrp/dataset/msr-paraphrase-corpus")
_QUERIES = (
    "original_twitter_data/training_data/CT2022-Task2A-EN-Train-Dev_Queries.tsv",
    "original_twitter_data/test_data/CT2022-Task2A-EN-Dev-Test_Queries.tsv",
    "TEST/test_TEST.tsv",
)
_QRELS = {
    "train": "original_twitter_data/training_data/CT2022-Task2A-EN-Train_QRELs.tsv",
    "dev": "original_twitter_data/training_data/CT2022-Task2A-EN-Dev_QRELs.tsv",
    "devtest": "original_twitter_data/test_data/CT2022-Task2A-EN-Dev-Test_QRELs.tsv",
    "test": "TEST/CT2022-Task2A-EN-Test_Qrels_gold.tsv",
}


def _tsv(path: Path) -> list[list[str]]:
    if not path.exists():
        raise SystemExit(f"{path}: missing; export the public set there first (BENCHMARKS.md).")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def checkthat_claims(root: Path = CHECKTHAT) -> dict[str, dict]:
    """The fact-checked claims by id: {"vclaim", "title", "subtitle", ...}."""
    folder = root / "vclaims"
    if not folder.is_dir():
        raise SystemExit(f"{folder}: missing; export the public set there first.")
    claims = {}
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        claims[record["vclaim_id"]] = record
    return claims


def checkthat_queries(split: str, root: Path = CHECKTHAT) -> list[tuple[str, str, set[str]]]:
    """(tweet id, tweet text, the ids of the fact-checked claims it states) for one split."""
    texts = {}
    for name in _QUERIES:
        for row in _tsv(root / name):
            if len(row) >= 2 and row[0] not in ("tweet_id", "iclaim_id"):
                texts[row[0]] = row[1]
    gold: dict[str, set[str]] = {}
    for row in _tsv(root / _QRELS[split]):
        gold.setdefault(row[0], set()).add(row[2])
    return [(tweet, texts[tweet], claims) for tweet, claims in gold.items()]


def msrp_pairs(split: str, root: Path = MSRP) -> list[tuple[int, str, str]]:
    """(1 if paraphrase else 0, sentence 1, sentence 2) for the train or test split."""
    rows = _tsv(root / f"msr_paraphrase_{split}.txt")[1:]
    return [(int(row[0]), row[3], row[4]) for row in rows if len(row) == 5]


def average_precision_at_5(ranked: list[str], gold: set[str]) -> float:
    hits, total = 0, 0.0
    for position, item in enumerate(ranked[:5]):
        if item in gold:
            hits += 1
            total += hits / (position + 1)
    return total / len(gold) if gold else 0.0


@contextmanager
def claims_database(claims: dict[str, dict]) -> Iterator[dict[int, str]]:
    """A throwaway database holding the fact-checked claims; yields {claim id: vclaim id}."""
    from provenance.matching import MODEL, claim_key, embed
    from provenance.models import Claim, ClaimVector

    settings.DEBUG = False
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    original_name = database["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        ids = list(claims)
        rows = Claim.objects.bulk_create(
            [
                Claim(
                    text=claims[i]["vclaim"],
                    context=f"{claims[i]['title']}\n{claims[i]['subtitle']}".strip(),
                    match_key=claim_key(claims[i]["vclaim"]),
                )
                for i in ids
            ],
            batch_size=2000,
        )
        vectors = embed([claims[i]["vclaim"] for i in ids])
        ClaimVector.objects.bulk_create(
            [
                ClaimVector(claim_id=row.pk, model=MODEL, key=row.match_key, vector=vector)
                for row, vector in zip(rows, vectors, strict=True)
            ],
            batch_size=2000,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield {row.pk: vclaim for row, vclaim in zip(rows, ids, strict=True)}
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
