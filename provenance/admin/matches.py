"""The "Suggested matches" and "Suggested reuses" queues: decide each in one click.

Each row shows both sides (the two wordings; the copy and its original with the overlap) and a
Confirm and a Reject button that post to the services. The queues open on open suggestions;
the status filter shows decided ones. Rows are made by the matcher and the copy detector, never
by hand, and decisions are never deleted.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from provenance.models import ClaimMatch, DocumentReuse, MatchStatus
from provenance.services.matching import claim_match_confirm, claim_match_reject
from provenance.services.reuse import document_reuse_confirm, document_reuse_reject


class OpenFirstStatusFilter(admin.SimpleListFilter):
    """Open suggestions unless another status is asked for."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return (*MatchStatus.choices, ("all", "All"))

    def choices(self, changelist):
        current = self.value() or MatchStatus.SUGGESTED
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or MatchStatus.SUGGESTED
        return queryset if value == "all" else queryset.filter(status=value)


def _buttons(admin_name: str, pk: int, *, confirm: str, reject: str) -> str:
    confirm_url = reverse(f"admin:{admin_name}_confirm", args=[pk])
    reject_url = reverse(f"admin:{admin_name}_reject", args=[pk])
    # Forms inside the changelist's form would nest; formaction buttons post its CSRF token.
    return format_html(
        '<button type="submit" class="button default" formaction="{}" formmethod="post" '
        'name="decide" value="confirm">{}</button> '
        '<button type="submit" class="button" formaction="{}" formmethod="post" '
        'name="decide" value="reject">{}</button>',
        confirm_url,
        confirm,
        reject_url,
        reject,
    )


class DecisionQueueAdmin(admin.ModelAdmin):
    """Shared by both queues: read-only rows, decisions through one-click buttons."""

    list_filter = (OpenFirstStatusFilter,)
    list_per_page = 50
    queue_title = ""
    confirm_service = staticmethod(lambda **kwargs: None)
    reject_service = staticmethod(lambda **kwargs: None)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "title": self.queue_title}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        return [
            path(
                "<int:pk>/confirm/",
                self.admin_site.admin_view(self.decide_view),
                {"decision": "confirm"},
                name=f"{name}_confirm",
            ),
            path(
                "<int:pk>/reject/",
                self.admin_site.admin_view(self.decide_view),
                {"decision": "reject"},
                name=f"{name}_reject",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk, decision):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        row = get_object_or_404(self.model, pk=pk)
        try:
            message = self.decide(request, row, decision)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        changelist = reverse(
            f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist"
        )
        back = request.POST.get("next") or request.META.get("HTTP_REFERER") or changelist
        if not back.startswith("/"):
            back = changelist
        return HttpResponseRedirect(back)


@admin.register(ClaimMatch)
class ClaimMatchAdmin(DecisionQueueAdmin):
    queue_title = "Suggested matches"
    list_display = ("kept_wording", "other_wording", "score_shown", "why", "reaches", "decide_row")
    list_display_links = None
    list_select_related = ("claim", "other", "report__publisher", "decided_by")
    search_fields = ("claim__text", "other__text")
    ordering = ("-created_at", "-id")

    @admin.display(description="claim (kept)")
    def kept_wording(self, match):
        url = reverse("admin:provenance_claim_change", args=[match.claim_id])
        return format_html('<a href="{}">#{}</a> {}', url, match.claim_id, match.claim.text)

    @admin.display(description="matched claim (merged into it on confirm)")
    def other_wording(self, match):
        url = reverse("admin:provenance_claim_change", args=[match.other_id])
        return format_html('<a href="{}">#{}</a> {}', url, match.other_id, match.other.text)

    @admin.display(description="score", ordering="score")
    def score_shown(self, match):
        return f"{match.score:.2f}"

    @admin.display(description="why")
    def why(self, match):
        reasons = list(match.reasons)
        for disagrees, flag in (
            (not match.numbers_agree, "numbers differ"),
            (not match.polarity_agree, "negation differs"),
        ):
            if disagrees and flag not in reasons:
                reasons.append(flag)
        return format_html_join("; ", "{}", ((r,) for r in reasons)) or "—"

    @admin.display(description="reaches the cited report")
    def reaches(self, match):
        if match.report is None:
            return "—"
        url = reverse("admin:provenance_document_change", args=[match.report_id])
        publisher = match.report.publisher.name if match.report.publisher else "its publisher"
        return format_html('<a href="{}">{}</a> ({})', url, match.report.title, publisher)

    @admin.display(description="decide")
    def decide_row(self, match):
        if match.status != MatchStatus.SUGGESTED:
            by = f" by {match.decided_by.get_username()}" if match.decided_by else ""
            auto = " automatically" if match.automatic else ""
            return f"{match.get_status_display()}{auto}{by}"
        return _buttons("provenance_claimmatch", match.pk, confirm="Confirm", reject="Reject")

    def decide(self, request, match, decision):
        if decision == "confirm":
            claim_match_confirm(claim=match.claim, other=match.other, actor=request.user)
            return f"Merged claim #{match.other_id} into claim #{match.claim_id}."
        claim_match_reject(claim=match.claim, other=match.other, actor=request.user)
        return f"Claims #{match.claim_id} and #{match.other_id} differ: never suggested again."


@admin.register(DocumentReuse)
class DocumentReuseAdmin(DecisionQueueAdmin):
    queue_title = "Suggested reuses"
    list_display = ("copy_shown", "original_shown", "overlap_shown", "decide_row")
    list_display_links = None
    list_select_related = ("copy__publisher", "original__publisher", "decided_by")
    search_fields = ("copy__title", "original__title")
    ordering = ("-created_at", "-id")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("copy__snapshot", "original__snapshot")

    @staticmethod
    def _document(document):
        url = reverse("admin:provenance_document_change", args=[document.pk])
        publisher = document.publisher.name if document.publisher else "publisher unknown"
        when = f"{document.published_at:%Y-%m-%d %H:%M}" if document.published_at else "undated"
        return format_html('<a href="{}">{}</a> ({}, {})', url, document.title, publisher, when)

    @admin.display(description="copy")
    def copy_shown(self, reuse):
        return self._document(reuse.copy)

    @admin.display(description="reuses, without citing it")
    def original_shown(self, reuse):
        return self._document(reuse.original)

    @admin.display(description="overlap", ordering="overlap")
    def overlap_shown(self, reuse):
        return f"{reuse.overlap:.0%}"

    @admin.display(description="decide")
    def decide_row(self, reuse):
        if reuse.status != MatchStatus.SUGGESTED:
            by = f" by {reuse.decided_by.get_username()}" if reuse.decided_by else ""
            return f"{reuse.get_status_display()}{by}"
        return _buttons("provenance_documentreuse", reuse.pk, confirm="Confirm", reject="Reject")

    def decide(self, request, reuse, decision):
        if decision == "confirm":
            document_reuse_confirm(reuse_id=reuse.pk, actor=request.user)
            return f"Confirmed: “{reuse.copy.title}” reuses “{reuse.original.title}”."
        document_reuse_reject(reuse_id=reuse.pk, actor=request.user)
        return "Rejected: the pair is never suggested again."
