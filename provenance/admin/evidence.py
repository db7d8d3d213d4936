"""A document's evidence in the admin: captures (text, download WARC), checks, archive links."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from provenance.models import ArchiveLink, Capture, Document
from provenance.services.captures import capture_open

CAPTURES_SHOWN = 20
CHECKS_SHOWN = 30


class ArchiveLinkInline(admin.TabularInline):
    """Copies of the document in public web archives, entered by an editor or an archiver."""

    model = ArchiveLink
    extra = 0
    fields = ("url", "service", "archived_at", "created_by")
    readonly_fields = ("created_by",)


def captures_html(document: Document):
    """Each capture, newest first: when, status, where, hashes, its text and its WARC file."""
    captures = list(document.captures.all()[:CAPTURES_SHOWN])
    if not captures:
        if document.snapshot_sha256:
            return "no capture: uploaded (the content came from a file or was pasted)."
        return "No capture."
    return format_html_join(
        "",
        '<div class="capture"><p><strong>{}</strong> · HTTP {} · {} · body SHA-256 '
        '<code>{}</code> ({} bytes) · <a href="{}">download WARC</a></p>'
        '<details><summary>text</summary><pre style="white-space: pre-wrap">{}</pre>'
        "</details></div>",
        (
            (
                f"{c.fetched_at:%Y-%m-%d %H:%M:%S} UTC",
                c.status,
                c.final_url,
                c.sha256,
                f"{c.size:,}",
                reverse("admin:provenance_capture_warc", args=[c.pk]),
                c.text or "(no article text)",
            )
            for c in captures
        ),
    )


def checks_html(document: Document):
    """The watch's timeline: each check's result, status and note, newest first."""
    checks = list(document.source_checks.all()[:CHECKS_SHOWN])
    watch = getattr(document, "watch", None) if document.pk else None
    due = (
        f"Next check {watch.next_check_at:%Y-%m-%d %H:%M} UTC (every {watch.interval_hours} h)."
        if watch is not None and watch.active
        else "Not watched."
    )
    if not checks:
        return format_html("<p>No check yet. {}</p>", due)
    rows = format_html_join(
        "",
        "<li>{}: <strong>{}</strong>{}{}</li>",
        (
            (
                f"{c.checked_at:%Y-%m-%d %H:%M} UTC",
                c.get_result_display(),
                f" (HTTP {c.status})" if c.status else "",
                f" — {c.note}" if c.note else "",
            )
            for c in checks
        ),
    )
    return format_html("<p>{}</p><ul>{}</ul>", due, rows)


def capture_urls(model_admin: admin.ModelAdmin) -> list:
    """The "download WARC" view, under the document admin."""

    def warc_view(request: HttpRequest, pk: int):
        capture = get_object_or_404(Capture.objects.select_related("document"), pk=pk)
        if not model_admin.has_view_permission(request, capture.document):
            raise PermissionDenied
        # Served as a download, never rendered: an archived page must not run in the admin.
        response = FileResponse(
            capture_open(capture=capture),
            as_attachment=True,
            filename=f"document-{capture.document_id}-capture-{capture.pk}.warc.gz",
            content_type="application/warc",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return [
        path(
            "captures/<int:pk>/warc/",
            model_admin.admin_site.admin_view(warc_view),
            name="provenance_capture_warc",
        )
    ]
