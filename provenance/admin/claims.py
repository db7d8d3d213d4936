"""Claims: assertions inline, the provenance panel, review history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from provenance.admin.concurrency import VersionCheckedAdmin
from provenance.admin.history import ReadableHistoryAdmin
from provenance.admin.record_chain import PERMISSIONS as RECORD_CHAIN_PERMISSIONS
from provenance.admin.record_chain import record_chain_urls
from provenance.analysis import analyze
from provenance.chains import chain_views
from provenance.drawing import draw
from provenance.exports.csv import claims_csv_rows, csv_lines
from provenance.models import Assertion, Claim, ClaimMatch, Relation, Review
from provenance.public.claimreview import claim_url
from provenance.roles import PUBLISH_PERMISSION
from provenance.selectors import assertion_count, claim_provenance
from provenance.services.claims import claim_publish, claim_reworded
from provenance.services.hops import claim_links_refresh
from provenance.services.matching import claim_matches_find
from provenance.services.validation import StaleVersion

WARNING = (
    '<span class="warning-flag" title="{}" '
    'style="color: #8a4b00; font-weight: 600; white-space: nowrap">{}</span>'
)


def loop_sentences(graph, analysis) -> list[str]:
    """Each loop in words: "Valley Courier cites Eastside Daily, which cites Valley Courier"."""
    relation = {(edge.citing, edge.cited): edge.relation for edge in graph.edges}
    sentences = []
    for cycle in analysis.cycles:
        ids = [*cycle, cycle[0]]
        words = [graph.node(ids[0]).source.name]
        for index, (citing, cited) in enumerate(zip(ids, ids[1:], strict=False)):
            label = Relation(relation.get((citing, cited), Relation.CITES)).label
            name = graph.node(cited).source.name
            words.append(f" {label} {name}" if index == 0 else f", which {label} {name}")
        sentences.append("".join(words))
    return sentences


class AssertionInline(admin.TabularInline):
    model = Assertion
    extra = 0
    fields = ("source", "document", "quote", "quote_kind", "citations_link")
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 32})}
    }
    readonly_fields = ("citations_link",)
    autocomplete_fields = ("source", "document")
    show_change_link = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("source", "document")
            .annotate(citation_total=Count("citations"))
            .order_by("id")
        )

    @admin.display(description="citations")
    def citations_link(self, assertion):
        if assertion.pk is None:
            return "Save first, then record what this assertion cites."
        url = reverse("admin:provenance_assertion_change", args=[assertion.pk])
        return format_html(
            '<a href="{}">cites {} · edit</a>',
            url,
            getattr(assertion, "citation_total", 0),
        )


class ReviewInline(admin.TabularInline):
    """The verdict history, newest first; verdicts are recorded on their own page."""

    model = Review
    extra = 0
    fields = ("created_at", "verdict", "reviewer", "rationale", "evidence")
    readonly_fields = fields
    ordering = ("-created_at", "-id")
    verbose_name_plural = "review history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reviewer")


class IndependentOriginsFilter(admin.SimpleListFilter):
    title = "independent origins"
    parameter_name = "origins"

    def lookups(self, request, model_admin):
        return (("0", "None (circular or missing)"), ("1", "One"), ("2", "Two or more"))

    def queryset(self, request, queryset):
        match self.value():
            case "0" | "1" as exact:
                return queryset.filter(independent_origins=int(exact))
            case "2":
                return queryset.filter(independent_origins__gte=2)
        return queryset


class UncheckedFilter(admin.SimpleListFilter):
    title = "link checks"
    parameter_name = "unchecked"

    def lookups(self, request, model_admin):
        return (("yes", "Has unchecked links"), ("no", "All links checked"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(unchecked_links__gt=0)
        if self.value() == "no":
            return queryset.filter(unchecked_links=0)
        return queryset


class WorkFilter(admin.SimpleListFilter):
    """The "My work" lists of the admin index, as filters of the claim list."""

    title = "work"
    parameter_name = "work"

    def lookups(self, request, model_admin):
        return (
            ("mine", "Assigned to me"),
            ("verdict", "Waiting for a verdict"),
            ("rereview", "Needs re-review"),
            ("drafts", "Drafts not yet published"),
        )

    def queryset(self, request, queryset):
        from provenance.selectors_work import work_claims

        if self.value() in ("mine", "verdict", "rereview", "drafts"):
            return work_claims(queryset, list_name=self.value(), user=request.user)
        return queryset


class PublishedFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return (("no", "Drafts"), ("yes", "Published"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(published_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(published_at__isnull=True)
        return queryset


class RetractedFilter(admin.SimpleListFilter):
    title = "retraction"
    parameter_name = "retracted"

    def lookups(self, request, model_admin):
        return (("no", "Current"), ("yes", "Retracted"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(retracted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(retracted_at__isnull=True)
        return queryset


@admin.register(Claim)
class ClaimAdmin(VersionCheckedAdmin, ReadableHistoryAdmin, SimpleHistoryAdmin):
    list_display = (
        "__str__",
        "status",
        "origins",
        "hops",
        "loop",
        "unchecked",
        "correction",
        "assertion_count",
        "publication",
    )
    list_filter = (
        WorkFilter,
        PublishedFilter,
        "status",
        IndependentOriginsFilter,
        "circular",
        UncheckedFilter,
        "flagged",
        RetractedFilter,
        "assertions__source__kind",
        ("created_at", admin.DateFieldListFilter),
    )
    search_fields = ("text", "context", "assertions__quote", "assertions__source__name")
    date_hierarchy = "created_at"
    inlines = (AssertionInline, ReviewInline)
    change_form_template = "admin/provenance/claim/change_form.html"
    change_list_template = "admin/provenance/claim/change_list.html"
    actions = ("publish_selected", "export_csv")
    readonly_fields = (
        "status",
        "needs_rereview",
        "published_at",
        "published_by",
        "provenance",
        "across_documents",
        "retracted_at",
        "retraction_note",
        "created_by",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("text", "context", "status", "needs_rereview", "assignee")}),
        ("Provenance", {"fields": ("provenance",)}),
        ("Across documents", {"fields": ("across_documents",)}),
        (
            "Record",
            {
                "fields": (
                    "published_at",
                    "published_by",
                    "created_by",
                    "created_at",
                    "updated_at",
                    "retracted_at",
                    "retraction_note",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(assertion_total=assertion_count(per="claim"))

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return ((None, {"fields": ("text", "context", "assignee")}),)
        return super().get_fieldsets(request, obj)

    @admin.display(description="assertions", ordering="assertion_total")
    def assertion_count(self, claim):
        return claim.assertion_total

    @admin.display(description="origins", ordering="independent_origins")
    def origins(self, claim):
        return claim.independent_origins

    @admin.display(description="hops", ordering="chain_depth")
    def hops(self, claim):
        return claim.chain_depth

    # Text, not the admin's boolean icons: a green tick read as "fine" for a loop.
    @admin.display(description="loop", ordering="circular")
    def loop(self, claim):
        if claim.circular:
            return format_html(WARNING, "Circular reporting", "⚠ loop")
        return "—"

    @admin.display(description="unchecked", ordering="unchecked_links")
    def unchecked(self, claim):
        return f"{claim.unchecked_links} of {claim.links}"

    @admin.display(description="correction", ordering="flagged")
    def correction(self, claim):
        if claim.flagged:
            return format_html(
                WARNING, "A document in its chain was corrected or retracted", "⚠ corrected"
            )
        return "—"

    @admin.display(description="publication", ordering="published_at")
    def publication(self, claim):
        if claim.published_at is None:
            return format_html(WARNING, "Not public until an editor publishes it", "Draft")
        return "Published"

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(PUBLISH_PERMISSION)

    @admin.action(description="Publish selected claims", permissions=["publish"])
    def publish_selected(self, request, queryset):
        drafts = list(queryset.filter(published_at__isnull=True).order_by("id"))
        for claim in drafts:
            claim_publish(claim=claim, actor=request.user)
        skipped = queryset.count() - len(drafts)
        message = f"Published {len(drafts)} claim{pluralize(len(drafts))}."
        if skipped:
            message += f" {skipped} {'was' if skipped == 1 else 'were'} published already."
        self.message_user(request, message, messages.SUCCESS)

    def publish_view(self, request, object_id):
        """The change page's "Publish" button: publishes the draft the editor was looking at."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_publish_permission(request):
            raise PermissionDenied
        claim = get_object_or_404(Claim, pk=object_id)
        change_url = reverse("admin:provenance_claim_change", args=[claim.pk])
        seen = request.POST.get("version", "")
        try:
            with transaction.atomic():
                claim_publish(
                    claim=claim,
                    expected_version=int(seen) if seen.isdigit() else None,
                    actor=request.user,
                )
        except StaleVersion as error:
            self.message_user(request, str(error), messages.ERROR)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, f"Published “{claim}”: it is public now.", messages.SUCCESS)
        return HttpResponseRedirect(change_url)

    @admin.display(description="chain")
    def provenance(self, claim):
        graph = claim_provenance(claim_id=claim.pk)
        analysis = analyze(graph)
        return render_to_string(
            "admin/provenance/claim/provenance_panel.html",
            {
                "graph": graph,
                "analysis": analysis,
                "chains": chain_views(graph, analysis),
                "drawing": draw(graph, analysis, id_prefix=f"claim-{claim.pk}"),
                "loops": loop_sentences(graph, analysis),
            },
        )

    @admin.display(description="appearances and matches")
    def across_documents(self, claim):
        graph = claim_provenance(claim_id=claim.pk)
        analysis = analyze(graph)
        by_id = {n.document.id: n.document for n in graph.claim_nodes if n.document}
        matches = (
            ClaimMatch.objects.filter(Q(claim=claim) | Q(other=claim))
            .select_related("claim", "other")
            .order_by("-created_at", "-id")
        )
        return render_to_string(
            "admin/provenance/claim/across_panel.html",
            {
                "claim": claim,
                "appearances": [by_id[d] for d in analysis.appearances],
                "duplicates": claim.duplicates.order_by("id"),
                "matches": [(m, m.other if m.claim_id == claim.pk else m.claim) for m in matches],
                "queue_url": reverse("admin:provenance_claimmatch_changelist"),
            },
        )

    @admin.action(description="Export selected claims as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        claims = queryset.order_by("-created_at", "-id")
        rows = claims_csv_rows(claims, url_for=lambda claim: claim_url(request, claim.pk))
        response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response

    def get_urls(self):
        publish = path(
            "<path:object_id>/publish/",
            self.admin_site.admin_view(self.publish_view),
            name="provenance_claim_publish",
        )
        return [*record_chain_urls(self.admin_site), publish, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_record_chain": request.user.has_perms(RECORD_CHAIN_PERMISSIONS),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_record_chain": request.user.has_perms(RECORD_CHAIN_PERMISSIONS),
            "record_chain_url": reverse("admin:provenance_claim_record_chain")
            + f"?claim={object_id}",
            "can_record_verdict": request.user.has_perm("provenance.add_review"),
            "can_publish": self.has_publish_permission(request),
            "review_add_url": reverse("admin:provenance_review_add") + f"?claim={object_id}",
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        elif Claim.objects.filter(pk=obj.pk).exclude(text=obj.text).exists():
            # Compared with the stored wording, not the form's: a revert's form starts from
            # the old revision, so its changed fields say nothing about the stored claim.
            claim_reworded(obj)
        super().save_model(request, obj, form, change)
        if not change:
            # A claim recorded here is matched like one from any other path.
            claim_matches_find(claim_id=obj.pk, actor=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Assertions added inline may be an outlet's own report of a claim that cites it.
        claim_links_refresh(claim_id=form.instance.pk, actor=request.user)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Assertion) and instance.pk is None:
                instance.created_by = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()
