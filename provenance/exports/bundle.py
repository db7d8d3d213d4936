"""The evidence bundle's captures: each document of a claim's graph with its newest capture.

The API adds the graph, ClaimReview and PROV files and zips it all (`provenance.evidence.bundle`).
A constant number of queries whatever the graph: the assertions' selectors, the newest capture
of every document, then one storage read per capture.
"""

from __future__ import annotations

import json

from django.db.models import OuterRef, Subquery

from provenance.graph import ProvenanceGraph
from provenance.models import Assertion, Capture, Document
from provenance.services.captures import capture_file

NO_CAPTURE = "no capture: uploaded"


def bundle_capture_files(*, graph: ProvenanceGraph) -> dict[str, bytes]:
    """`captures/index.json` and the WARC files of the graph's documents' newest captures."""
    document_ids = sorted({node.document.id for node in graph.nodes if node.document})
    quotes: dict[int, list[dict]] = {pk: [] for pk in document_ids}
    selectors = (
        Assertion.objects.filter(pk__in=[node.id for node in graph.nodes], document__isnull=False)
        .exclude(selector_exact="")
        .order_by("pk")
        .values_list("pk", "document_id", "selector_exact", "selector_prefix", "selector_suffix")
    )
    for pk, document_id, exact, prefix, suffix in selectors:
        quotes[document_id].append(
            {"assertion": pk, "exact": exact, "prefix": prefix, "suffix": suffix}
        )
    newest = Capture.objects.filter(document=OuterRef("pk")).order_by("-fetched_at", "-id")
    documents = (
        Document.objects.filter(pk__in=document_ids)
        .annotate(newest_capture=Subquery(newest.values("pk")[:1]))
        .only("pk", "url", "title", "snapshot_sha256")
        .order_by("pk")
    )
    rows = list(documents)
    captures = Capture.objects.in_bulk([d.newest_capture for d in rows if d.newest_capture])
    files: dict[str, bytes] = {}
    entries = []
    for document in rows:
        entry = {"id": document.pk, "url": document.url, "title": document.title}
        capture = captures.get(document.newest_capture)
        if capture is None:
            entry["capture"] = None
            entry["reason"] = NO_CAPTURE if document.snapshot_sha256 else "no capture"
        else:
            name = f"captures/document-{document.pk}-capture-{capture.pk}.warc.gz"
            files[name] = capture_file(capture=capture)
            entry["capture"] = {
                "file": name,
                "url": capture.url,
                "final_url": capture.final_url,
                "status": capture.status,
                "fetched_at": capture.fetched_at.isoformat(),
                "sha256": capture.sha256,
                "warc_sha256": capture.warc_sha256,
            }
        entry["quotes"] = quotes[document.pk]
        entries.append(entry)
    index = {"documents": entries}
    files["captures/index.json"] = json.dumps(index, indent=2, ensure_ascii=False).encode()
    return files
