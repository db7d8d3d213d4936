"""`generate_corpus`: a realistic synthetic graph whose probes have the promised depths."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from provenance import services
from provenance.analysis import analyze
from provenance.generation import Batch, CorpusGenerator
from provenance.models import Assertion, Citation, Claim
from provenance.selectors import claim_provenance

pytestmark = pytest.mark.django_db


def test_generates_claims_chains_and_probes(tmp_path, editor):
    probes_file = tmp_path / "probes.json"
    out = StringIO()
    call_command(
        "generate_corpus",
        "--claims",
        "300",
        "--probes-file",
        str(probes_file),
        stdout=out,
        stderr=StringIO(),
    )
    assert Claim.objects.count() == 303
    assert Assertion.objects.count() > 303 * 2
    assert Citation.objects.count() >= Assertion.objects.count() - 303
    probes = json.loads(probes_file.read_text())
    for name, depth in (("depth_1", 1), ("depth_10", 10), ("depth_30", 30)):
        analysis = analyze(claim_provenance(claim_id=probes[name]))
        assert (analysis.depth, analysis.independent_origins, analysis.circular) == (
            depth,
            1,
            False,
        )
    assert "Probe claims (chain depth -> id)" in out.getvalue()
    # The id sequences moved past the generated rows: ordinary writes still work.
    claim = services.claim_create(text="Written after generation.", created_by=editor)
    assert claim.pk > probes["depth_30"]


def test_a_second_run_reuses_the_sources(editor):
    call_command("generate_corpus", "--claims", "20", stdout=StringIO(), stderr=StringIO())
    sources = set(Assertion.objects.values_list("source_id", flat=True))
    from provenance.models import Source

    count = Source.objects.count()
    call_command("generate_corpus", "--claims", "20", stdout=StringIO(), stderr=StringIO())
    assert Source.objects.count() == count
    assert sources


def test_the_shape_has_fan_in_long_chains_and_loops():
    sources = {f"outlet:{i}": i for i in range(100)} | {
        f"{kind}:{i}": 1000 + n * 100 + i
        for n, kind in enumerate(("person", "anonymous", "organization", "document"))
        for i in range(50)
    }
    generator = CorpusGenerator(
        sources=sources, seed=7, next_ids={"claim": 1, "assertion": 1, "citation": 1}
    )
    batch = Batch()
    for _ in range(5000):
        generator.claim(batch)
    per_claim: dict[int, int] = {}
    for _, claim, _, _ in batch.assertions:
        per_claim[claim] = per_claim.get(claim, 0) + 1
    assert max(per_claim.values()) >= 20  # long chains and wide fan-in exist
    assert 3.0 < len(batch.assertions) / 5000 < 5.0
    cited_back = {(citing, cited) for _, citing, cited, *_ in batch.citations}
    loops = sum((cited, citing) in cited_back for citing, cited in cited_back) // 2
    assert 20 <= loops <= 100  # about 1% of claims


def test_bad_arguments_are_refused():
    with pytest.raises(CommandError, match="--claims must be >= 0 and --batch >= 1."):
        call_command("generate_corpus", "--claims", "-1", stdout=StringIO())


def test_varied_wording_gives_keys_and_matchable_text():
    from provenance.matching import claim_key
    from provenance.selectors_matching import claim_match_candidates

    call_command(
        "generate_corpus", "--claims", "200", "--wording", "varied", stdout=StringIO(),
        stderr=StringIO(),
    )  # fmt: skip
    texts = list(Claim.objects.values_list("text", "match_key"))
    assert len({text for text, _ in texts}) == len(texts)  # varied, unlike the default wording
    assert all(key == claim_key(text) for text, key in texts)
    words = " ".join(text for text, _ in texts).lower().split()
    assert words.count("the") > len(words) / 50  # function words are frequent
    probe = Claim.objects.order_by("pk")[5]
    found = claim_match_candidates(text=probe.text, limit=5)
    assert probe.pk in [candidate.claim_id for candidate in found]
