"""The evidence bundle: a round trip through verify_bundle, and tampering detected."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from provenance.evidence.bundle import bundle_verify, bundle_zip
from provenance.evidence.warc import capture_read, capture_warc
from provenance.ingest import Fetched
from provenance.models import Document
from tests.evidence.conftest import article
from tests.factories import AssertionFactory, ClaimFactory, DocumentFactory, SourceFactory

pytestmark = pytest.mark.django_db

LEAD = "The harbour board approved the new ferry route on Monday."
QUOTE = "We will run six crossings a day, starting in May."
TAIL = "Fares have not been set."


@pytest.fixture
def claim(editor_api, site):
    url = site.serve("/ferry", article(LEAD, QUOTE, TAIL))
    response = editor_api.post(
        "/api/ingest/", {"url": url, "fetch": True, "confirm": True}, format="json"
    )
    document = Document.objects.get(pk=response.json()["document"]["id"])
    claim = ClaimFactory(text="The ferry will run six crossings a day.")
    upstream = AssertionFactory(
        claim=claim,
        source=SourceFactory(name="Mira Olsen", kind="person"),
        document=document,
        quote=QUOTE,
        quote_kind="direct",
        selector_exact=QUOTE,
        selector_prefix="on Monday.\n\n",
        selector_suffix="\n\nFares",
    )
    # A second document, uploaded: it has no capture, and the index says so.
    pasted = DocumentFactory(snapshot=b"<p>Pasted.</p>", text="Pasted.")
    relay = AssertionFactory(claim=claim, document=pasted, quote="six crossings a day")
    from provenance.services import citation_add

    citation_add(citing=relay, cited=upstream, relation="cites", created_by=None)
    return claim


def _bundle(api, claim) -> bytes:
    response = api.get(f"/api/claims/{claim.pk}/bundle/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f'filename="claim-{claim.pk}-evidence.zip"' in response["Content-Disposition"]
    return response.content


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_bundle_holds_graph_prov_captures_and_manifest(api, claim):
    members = _members(_bundle(api, claim))
    assert {"manifest.json", "graph.json", "prov.json", "captures/index.json"} <= set(members)
    manifest = json.loads(members["manifest.json"])
    assert manifest["claim"]["id"] == claim.pk
    for name, entry in manifest["files"].items():
        assert hashlib.sha256(members[name]).hexdigest() == entry["sha256"]
    assert json.loads(members["graph.json"])["claim"]["id"] == claim.pk
    index = json.loads(members["captures/index.json"])["documents"]
    captured, pasted = index
    assert captured["capture"]["file"] in members
    assert captured["quotes"][0]["exact"] == QUOTE
    assert (pasted["capture"], pasted["reason"]) == (None, "no capture: uploaded")
    assert "claimreview.json" not in members  # no verdict yet


def test_untouched_bundle_verifies(api, claim, tmp_path, capsys):
    path = tmp_path / "bundle.zip"
    path.write_bytes(_bundle(api, claim))
    call_command("verify_bundle", str(path))
    out = capsys.readouterr().out
    assert "verified — 4 files match the manifest, 1 captures read, 1 quotes found" in out


def test_one_changed_byte_is_detected(api, claim, tmp_path):
    data = bytearray(_bundle(api, claim))
    members = _members(bytes(data))
    warc_name = next(n for n in members if n.endswith(".warc.gz"))
    start = bytes(data).index(members[warc_name])  # stored, not compressed: found as is
    data[start + len(members[warc_name]) // 2] ^= 0x01
    path = tmp_path / "tampered.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="problem"):
        call_command("verify_bundle", str(path))
    assert any(warc_name in p for p in bundle_verify(bytes(data)).problems)


def test_rezipped_change_fails_the_manifest(api, claim):
    members = _members(_bundle(api, claim))
    graph = json.loads(members["graph.json"])
    graph["analysis"]["independent_origins"] = 7
    members["graph.json"] = json.dumps(graph).encode()
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    [problem] = bundle_verify(output.getvalue()).problems
    assert problem.startswith("graph.json: SHA-256 ") and "does not match the manifest" in problem


def test_a_consistent_forgery_without_the_quote_is_reported(api, claim):
    members = _members(_bundle(api, claim))
    manifest = json.loads(members.pop("manifest.json"))
    index = json.loads(members["captures/index.json"])
    entry = index["documents"][0]
    original = capture_read(members[entry["capture"]["file"]])
    # A forger rewrites the page without the quote and makes every hash agree with it.
    body = original.body.replace(QUOTE.encode(), b"We will run ferries.")
    members[entry["capture"]["file"]] = capture_warc(
        Fetched(
            original.requested_url,
            original.url,
            body,
            original.content_type,
            original.status,
            response_headers=original.headers,
            reason=original.reason,
            fetched_at=original.fetched_at,
        )
    )
    entry["capture"]["sha256"] = hashlib.sha256(body).hexdigest()
    members["captures/index.json"] = json.dumps(index).encode()
    forged = bundle_zip(files=members, about={"claim": manifest["claim"]})
    [problem] = bundle_verify(forged).problems
    assert problem == (
        f"document {entry['id']}, assertion {entry['quotes'][0]['assertion']}: the quote "
        f"“{QUOTE}” is not in the captured text."
    )


def test_not_a_bundle(tmp_path):
    path = tmp_path / "x.zip"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("verify_bundle", str(path))
    with pytest.raises(CommandError, match="no such file"):
        call_command("verify_bundle", str(tmp_path / "missing.zip"))


def test_unknown_claim_is_a_404(api, db):
    assert api.get("/api/claims/99999/bundle/").status_code == 404
