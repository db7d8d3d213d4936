"""Assertions and citations: the links of each chain, and checking them."""

import re

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from provenance import services
from provenance.admin.concurrency import VersionCheckedAdmin
from provenance.admin.history import ReadableHistoryAdmin
from provenance.admin.hop_check import hop_check_urls, hop_title
from provenance.models import Assertion, Citation, Source
from provenance.selectors import claim_provenance, graph_hints

_ASSERTION_PAGE = re.compile(r"/provenance/assertion/(\d{1,18})/change/")
_CITATION_PAGE = re.compile(r"/provenance/citation/(\d{1,18})/change/")


def _citing_assertion(request) -> int | None:
    """The assertion whose citations are being edited on the page asking for choices.

    Django's autocomplete request says which field it fills, not which record: the page it
    came from (the Referer) does. On an assertion's page that is the assertion; on a
    citation's page, the citation's citing assertion."""
    referer = request.headers.get("Referer", "")
    if match := _ASSERTION_PAGE.search(referer):
        return int(match.group(1))
    if request.GET.get("field_name") == "cited" and (match := _CITATION_PAGE.search(referer)):
        return (
            Citation.objects.filter(pk=match.group(1)).values_list("citing_id", flat=True).first()
        )
    return None


class CitationInline(admin.TabularInline):
    """The assertions this one relies on."""

    model = Citation
    fk_name = "citing"
    extra = 0
    fields = ("cited", "relation", "fidelity", "evidence", "checked_by", "checked_at")
    readonly_fields = ("fidelity", "checked_by", "checked_at")
    autocomplete_fields = ("cited",)
    verbose_name = "cites"
    verbose_name_plural = "relies on (citations)"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("cited__source", "cited__claim", "checked_by")
        )


class _SourceKindFilter(admin.SimpleListFilter):
    """A source kind on one side of the hop; the two sides need names of their own."""

    side = ""

    def lookups(self, request, model_admin):
        return Source.Kind.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.side}__source__kind": self.value()})
        return queryset


class CitingKindFilter(_SourceKindFilter):
    title = "citing source kind"
    parameter_name = "citing_kind"
    side = "citing"


class CitedKindFilter(_SourceKindFilter):
    title = "cited source kind"
    parameter_name = "cited_kind"
    side = "cited"


@admin.register(Assertion)
class AssertionAdmin(VersionCheckedAdmin, ReadableHistoryAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "claim", "source", "document", "quote_kind")
    list_filter = ("quote_kind", "source__kind")
    list_select_related = ("claim", "source", "document")
    search_fields = ("source__name", "claim__text", "quote", "document__title")
    autocomplete_fields = ("claim", "source", "document")
    inlines = (CitationInline,)
    readonly_fields = ("created_by", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("claim", "source", "document", "asserted_at")}),
        ("Wording", {"fields": ("quote", "quote_kind")}),
        (
            "Position in the document (TextQuoteSelector)",
            {"fields": ("selector_exact", "selector_prefix", "selector_suffix")},
        ),
        ("Record", {"fields": ("created_by", "created_at", "updated_at")}),
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_search_results(self, request, queryset, search_term):
        """The autocomplete of a citation's cited assertion (the inline on an assertion's page,
        a citation's own page) never offers the citing assertion itself: an assertion cannot
        cite itself, and offering it first got the wrong hop attached. Its labels name the
        source and its words (`Assertion.__str__`), read in the same query."""
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "citation" and request.GET.get("field_name"):
            queryset = queryset.select_related("source", "claim")
            citing = _citing_assertion(request)
            if citing is not None:
                queryset = queryset.exclude(pk=citing)
        return queryset, duplicates

    def save_formset(self, request, form, formset, change):
        for citation in formset.save(commit=False):
            if citation.pk is None:
                citation.created_by = request.user
            citation.save()
        for citation in formset.deleted_objects:
            citation.delete()
        formset.save_m2m()


@admin.register(Citation)
class CitationAdmin(VersionCheckedAdmin, ReadableHistoryAdmin, SimpleHistoryAdmin):
    list_display = ("hop", "relation", "fidelity", "checked_by", "checked_at", "claim")
    list_filter = ("fidelity", "relation", CitingKindFilter, CitedKindFilter)
    list_select_related = ("citing__source", "cited__source", "citing__claim", "checked_by")
    search_fields = ("citing__source__name", "cited__source__name", "evidence", "note")
    autocomplete_fields = ("citing", "cited")
    readonly_fields = (
        "hints",
        "checked_by",
        "checked_at",
        "created_by",
        "created_at",
        "updated_at",
    )
    actions = ("mark_faithful", "mark_distorted", "mark_unsupported", "mark_unchecked")
    fieldsets = (
        (None, {"fields": ("citing", "relation", "cited", "evidence")}),
        ("Change hints", {"fields": ("hints",)}),
        ("Check", {"fields": ("fidelity", "note", "checked_by", "checked_at")}),
        ("Record", {"fields": ("created_by", "created_at", "updated_at")}),
    )

    change_form_template = "admin/provenance/citation/change_form.html"

    def get_urls(self):
        return hop_check_urls(self.admin_site) + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        citation = self.get_object(request, object_id)
        extra_context = {**(extra_context or {})}
        if citation is not None:
            extra_context["subtitle"] = hop_title(citation)
            extra_context["check_url"] = reverse(
                "admin:provenance_citation_check", args=[citation.pk]
            )
            extra_context["claim_url"] = reverse(
                "admin:provenance_claim_change", args=[citation.citing.claim_id]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="link")
    def hop(self, citation):
        return format_html(
            '<a href="{}">{} → {}</a>',
            reverse("admin:provenance_citation_check", args=[citation.pk]),
            citation.citing.source.name,
            citation.cited.source.name,
        )

    @admin.display(description="what changed on this hop")
    def hints(self, citation):
        if citation.pk is None:
            return "—"
        graph = claim_provenance(claim_id=citation.citing.claim_id)
        if not any(edge.id == citation.pk for edge in graph.edges):
            return "—"
        found = graph_hints([graph]).get(citation.pk, ())
        return render_to_string(
            "admin/provenance/citation/hints_panel.html", {"hints": found, "citation": citation}
        )

    @admin.display(description="claim", ordering="citing__claim")
    def claim(self, citation):
        return citation.citing.claim

    def save_model(self, request, obj, form, change):
        fidelity = obj.fidelity
        if not change:
            obj.created_by = request.user
            obj.fidelity = Citation.Fidelity.UNCHECKED
        elif "fidelity" in form.changed_data or "note" in form.changed_data:
            # Restore the stored fidelity: the check below records it with who and when.
            obj.fidelity = Citation.objects.values_list("fidelity", flat=True).get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        if fidelity != obj.fidelity or "note" in form.changed_data:
            services.citation_check(
                citation=obj, fidelity=fidelity, note=obj.note, checked_by=request.user
            )

    def _mark(self, request, queryset, fidelity):
        count = services.citations_check(
            citations=queryset, fidelity=fidelity, checked_by=request.user
        )
        label = Citation.Fidelity(fidelity).label.lower()
        self.message_user(request, f"Marked {count} link(s) {label}.", messages.SUCCESS)

    @admin.action(description="Mark selected links checked: faithful", permissions=["change"])
    def mark_faithful(self, request, queryset):
        self._mark(request, queryset, Citation.Fidelity.FAITHFUL)

    @admin.action(description="Mark selected links checked: distorted", permissions=["change"])
    def mark_distorted(self, request, queryset):
        self._mark(request, queryset, Citation.Fidelity.DISTORTED)

    @admin.action(description="Mark selected links checked: unsupported", permissions=["change"])
    def mark_unsupported(self, request, queryset):
        self._mark(request, queryset, Citation.Fidelity.UNSUPPORTED)

    @admin.action(description="Mark selected links unchecked again", permissions=["change"])
    def mark_unchecked(self, request, queryset):
        self._mark(request, queryset, Citation.Fidelity.UNCHECKED)
