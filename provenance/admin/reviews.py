"""Verdicts: recorded by reviewers, never edited (append-only)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from provenance import services
from provenance.models import Review


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("claim", "verdict", "reviewer", "created_at")
    list_filter = ("verdict", ("created_at", admin.DateFieldListFilter))
    list_select_related = ("claim", "reviewer")
    search_fields = ("claim__text", "rationale", "evidence")
    autocomplete_fields = ("claim",)
    fields = ("claim", "verdict", "rationale", "evidence")
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        # Existing verdicts are shown, never edited: a new verdict is a new review.
        return (*self.fields, "reviewer", "created_at") if obj else ()

    def get_fields(self, request, obj=None):
        return (*self.fields, "reviewer", "created_at") if obj else self.fields

    def get_changeform_initial_data(self, request):
        return {"claim": request.GET.get("claim")}

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied("Reviews are append-only.")
        review = services.review_record(
            claim=obj.claim,
            verdict=obj.verdict,
            rationale=obj.rationale,
            evidence=obj.evidence,
            reviewer=request.user,
        )
        obj.pk, obj.reviewer, obj.created_at = review.pk, review.reviewer, review.created_at
        obj._state.adding = False
