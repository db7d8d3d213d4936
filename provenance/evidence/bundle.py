"""The evidence bundle of a claim: one zip anyone can check offline. Pure: bytes in, bytes out.

Layout:

    manifest.json            every other file's SHA-256 and size, and what the bundle is of
    graph.json               the provenance graph and its analysis (the API's /provenance/)
    claimreview.json         the ClaimReview JSON-LD (absent while the claim has no verdict)
    prov.json                W3C PROV-JSON
    captures/index.json      each document of the graph: its newest capture's file and hashes
                             (or why there is none), and the quotes it must hold, each with its
                             TextQuoteSelector (exact text, a little before and after)
    captures/*.warc.gz       the captures themselves (WARC, ISO 28500)

`bundle_verify` recomputes every hash of the manifest, reads every capture (the gzip CRC and the
body's recorded SHA-256 are checked), compares the body's hash with the index, extracts the
article text from the captured body and looks for every quote at its selector. Any difference
is reported: one changed byte in any file fails at least the manifest's hash.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field

from provenance.evidence.drift import normalized
from provenance.evidence.warc import WarcError, capture_read
from provenance.ingest import ExtractionError, extract

MANIFEST = "manifest.json"
INDEX = "captures/index.json"
FORMAT = "provenance-evidence-bundle/1"
MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024


def bundle_zip(*, files: dict[str, bytes], about: dict) -> bytes:
    """The zip of `files` with a manifest of their SHA-256s; `about` says what it is of."""
    manifest = {
        "format": FORMAT,
        **about,
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in sorted(files.items())
        },
    }
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr(
            MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False), zipfile.ZIP_DEFLATED
        )
        for name, data in sorted(files.items()):
            # WARC files are gzipped already: stored as they are.
            method = zipfile.ZIP_STORED if name.endswith(".gz") else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, method)
    return output.getvalue()


@dataclass
class Verification:
    """What checking a bundle found: the problems (none means it verifies) and the counts."""

    problems: list[str] = field(default_factory=list)
    files: int = 0
    captures: int = 0
    quotes: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def bundle_verify(data: bytes) -> Verification:
    """Check a bundle offline (see the module's docstring)."""
    found = Verification()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        found.problems.append(f"The file is not a readable zip ({error}).")
        return found
    if len(names) > MAX_MEMBERS:
        found.problems.append(f"The bundle holds {len(names):,} files; at most {MAX_MEMBERS:,}.")
        return found
    with archive:
        contents = _read_all(archive, names, found)
        if contents is None:
            return found
        manifest = _json(contents, MANIFEST, found)
        if manifest is None:
            return found
        if manifest.get("format") != FORMAT:
            found.problems.append(f"{MANIFEST}: not a {FORMAT} manifest.")
            return found
        _check_hashes(manifest, contents, found)
        index = _json(contents, INDEX, found)
        if index is not None:
            _check_captures(index, contents, found)
    return found


def _read_all(archive: zipfile.ZipFile, names: list[str], found: Verification):
    contents: dict[str, bytes] = {}
    for info in archive.infolist():
        if info.file_size > MAX_MEMBER_BYTES:
            found.problems.append(f"{info.filename}: larger than {MAX_MEMBER_BYTES:,} bytes.")
            return None
        try:
            contents[info.filename] = archive.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            # A changed byte in a compressed member fails the zip's own CRC here.
            found.problems.append(f"{info.filename}: cannot be read from the zip ({error}).")
    return contents


def _json(contents: dict[str, bytes], name: str, found: Verification):
    if name not in contents:
        found.problems.append(f"{name} is missing.")
        return None
    try:
        value = json.loads(contents[name])
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        found.problems.append(f"{name}: not valid JSON ({error}).")
        return None
    if not isinstance(value, dict):
        found.problems.append(f"{name}: not a JSON object.")
        return None
    return value


def _check_hashes(manifest: dict, contents: dict[str, bytes], found: Verification) -> None:
    listed = manifest.get("files")
    if not isinstance(listed, dict):
        found.problems.append(f"{MANIFEST}: no list of files.")
        return
    for name, entry in sorted(listed.items()):
        if name not in contents:
            found.problems.append(f"{name}: listed in the manifest but missing.")
            continue
        expected = entry.get("sha256") if isinstance(entry, dict) else None
        actual = hashlib.sha256(contents[name]).hexdigest()
        if actual != expected:
            found.problems.append(
                f"{name}: SHA-256 {actual} does not match the manifest's {expected}."
            )
        found.files += 1
    for name in sorted(set(contents) - set(listed) - {MANIFEST}):
        found.problems.append(f"{name}: in the bundle but not in the manifest.")


def _check_captures(index: dict, contents: dict[str, bytes], found: Verification) -> None:
    for document in index.get("documents") or []:
        capture = document.get("capture") if isinstance(document, dict) else None
        if not capture:
            continue
        label = f"document {document.get('id')}"
        name = capture.get("file", "")
        if name not in contents:
            found.problems.append(f"{label}: its capture {name} is missing.")
            continue
        try:
            record = capture_read(contents[name])
        except WarcError as error:
            found.problems.append(f"{label}: {name}: {error}")
            continue
        found.captures += 1
        if record.sha256 != capture.get("sha256"):
            found.problems.append(
                f"{label}: the captured body's SHA-256 {record.sha256} is not the index's "
                f"{capture.get('sha256')}."
            )
        _check_quotes(label, document.get("quotes") or [], record, found)


def _check_quotes(label: str, quotes: list, record, found: Verification) -> None:
    try:
        text = normalized(
            extract(record.body, url=record.url, content_type=record.content_type).text
        )
    except ExtractionError as error:
        found.problems.append(f"{label}: the captured body cannot be read as text ({error}).")
        return
    for quote in quotes:
        exact = normalized(quote.get("exact", ""))
        if not exact:
            continue
        found.quotes += 1
        where = f"{label}, assertion {quote.get('assertion')}"
        at_selector = normalized(quote.get("prefix", "") + quote["exact"] + quote.get("suffix", ""))
        if at_selector in text:
            continue
        if exact in text:
            found.problems.append(
                f"{where}: the quote “{quote['exact']}” is in the captured text but not at its "
                "selector (the text around it differs)."
            )
        else:
            found.problems.append(
                f"{where}: the quote “{quote['exact']}” is not in the captured text."
            )
