"""Documents: published works and their snapshots."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from provenance.admin.concurrency import VersionCheckedAdmin, VersionCheckedForm
from provenance.admin.evidence import ArchiveLinkInline, capture_urls, captures_html, checks_html
from provenance.admin.history import ReadableHistoryAdmin
from provenance.admin.ingest import ingest_urls
from provenance.models import Document
from provenance.selectors_duplicates import document_same_article
from provenance.services.archives import archivers_configured, document_archive


class DocumentForm(VersionCheckedForm):
    """Refuses a second record of the same document (the same address, or the same title,
    publisher and text), linking to the one that exists."""

    def clean(self):
        cleaned = super().clean()
        url = cleaned.get("url")
        same_url = (
            Document.objects.filter(url=url).exclude(pk=self.instance.pk).first() if url else None
        )
        if same_url is not None:
            self.add_error("url", _already(same_url, "address"))
        publisher = cleaned.get("publisher")
        same_article = document_same_article(
            title=cleaned.get("title") or "",
            text=cleaned.get("text") or "",
            publisher_name=publisher.name if publisher else None,
            exclude_pk=self.instance.pk,
        )
        if same_article is not None and same_article != same_url:
            self.add_error("text", _already(same_article, "title, publisher and text"))
        return cleaned

    def validate_unique(self):
        # The address's uniqueness is reported above, with a link.
        if "url" not in self.errors:
            super().validate_unique()


def _already(document: Document, same: str):
    url = reverse("admin:provenance_document_change", args=[document.pk])
    return format_html(
        'Already recorded with the same {}: <a href="{}">“{}”</a>.', same, url, document.title
    )


@admin.register(Document)
class DocumentAdmin(VersionCheckedAdmin, ReadableHistoryAdmin, SimpleHistoryAdmin):
    form = DocumentForm
    list_display = ("title", "publisher", "published_at", "status", "source_state", "has_snapshot")
    list_filter = (
        "status",
        "source_state",
        "publisher__kind",
        ("published_at", admin.DateFieldListFilter),
    )
    inlines = (ArchiveLinkInline,)
    actions = ("request_archived_copies",)
    list_select_related = ("publisher",)
    search_fields = ("title", "url", "publisher__name")
    autocomplete_fields = ("publisher", "authors")
    date_hierarchy = "published_at"
    readonly_fields = (
        "snapshot_info",
        "reuse_info",
        "captures_info",
        "checks_info",
        "source_state",
        "source_note",
        "retrieved_at",
        "created_by",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "url", "publisher", "authors", "published_at")}),
        ("Corrections", {"fields": ("status", "status_note")}),
        ("Snapshot", {"fields": ("snapshot_info", "retrieved_at", "text")}),
        ("Reuse", {"fields": ("reuse_info",)}),
        ("Captures", {"fields": ("captures_info",)}),
        ("Watching the source", {"fields": ("source_state", "source_note", "checks_info")}),
        ("Record", {"fields": ("created_by", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        # The snapshot can be megabytes; lists and forms only need its hash.
        return super().get_queryset(request).defer("snapshot")

    @admin.display(description="snapshot", boolean=True)
    def has_snapshot(self, document):
        return bool(document.snapshot_sha256)

    @admin.display(description="snapshot")
    def snapshot_info(self, document):
        if not document.snapshot_sha256:
            return "No snapshot stored."
        url = reverse("admin:provenance_document_snapshot", args=[document.pk])
        return format_html(
            '{} · SHA-256 <code>{}</code> · <a href="{}">download</a>',
            document.snapshot_type or "unknown type",
            document.snapshot_sha256,
            url,
        )

    @admin.action(description="Ask the public web archives for a copy", permissions=("change",))
    def request_archived_copies(self, request, queryset):
        if not archivers_configured():
            self.message_user(
                request,
                "No archiver is configured (PROVENANCE_ARCHIVERS and its keys): enter archived "
                "copies by hand on each document.",
                messages.WARNING,
            )
            return
        recorded = 0
        for document in queryset.defer("snapshot"):
            links, problems = document_archive(document=document, actor=request.user)
            recorded += len(links)
            for problem in problems:
                self.message_user(request, f"“{document.title}”: {problem}", messages.ERROR)
        self.message_user(request, f"{recorded} archived copies recorded.", messages.SUCCESS)

    @admin.display(description="web-archive captures")
    def captures_info(self, document):
        return captures_html(document)

    @admin.display(description="checks")
    def checks_info(self, document):
        return checks_html(document)

    @admin.display(description="text shared with other documents")
    def reuse_info(self, document):
        rows = [
            (r, r.original, "reuses")
            for r in document.reuses.select_related("original").defer("original__snapshot")
        ] + [
            (r, r.copy, "is reused by")
            for r in document.reused_by.select_related("copy").defer("copy__snapshot")
        ]
        if not rows:
            return "No overlap found with another document."
        queue = reverse("admin:provenance_documentreuse_changelist")
        items = format_html_join(
            "",
            '<li>{} <a href="{}">{}</a>: {} overlap, {}</li>',
            (
                (
                    verb,
                    reverse("admin:provenance_document_change", args=[other.pk]),
                    other.title,
                    f"{reuse.overlap:.0%}",
                    reuse.get_status_display().lower(),
                )
                for reuse, other, verb in rows
            ),
        )
        return format_html('<ul>{}</ul><a href="{}?status=all">Suggested reuses</a>', items, queue)

    def get_urls(self):
        snapshot = path(
            "<int:pk>/snapshot/",
            self.admin_site.admin_view(self.snapshot_view),
            name="provenance_document_snapshot",
        )
        return [
            snapshot,
            *capture_urls(self),
            *ingest_urls(self.admin_site),
            *super().get_urls(),
        ]

    def snapshot_view(self, request, pk):
        document = get_object_or_404(Document, pk=pk)
        if not self.has_view_permission(request, document):
            raise PermissionDenied
        response = HttpResponse(bytes(document.snapshot), content_type="application/octet-stream")
        # Served as a download, never rendered: a stored page must not run in the admin's origin.
        response["Content-Disposition"] = f'attachment; filename="document-{pk}-snapshot"'
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for link in formset.save(commit=False):
            if link.pk is None:
                link.created_by = request.user
            link.save()
        for link in formset.deleted_objects:
            link.delete()
