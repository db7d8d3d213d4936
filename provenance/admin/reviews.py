"""Verdicts: recorded by reviewers (editors may only send a claim to review), never edited."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError

from provenance import services
from provenance.models import Review
from provenance.services.reviews import FLAG_PERMISSION, review_allowed_verdicts


class ReviewForm(forms.ModelForm):
    """Applies the verdict workflow (who may give which verdict, evidence, a checked link) in
    validation, so a refused verdict is a form error rather than a failed save."""

    user = None  # set per request by ReviewAdmin.get_form

    class Meta:
        model = Review
        fields = ("claim", "verdict", "rationale", "evidence")

    def clean(self):
        cleaned = super().clean()
        if self.errors or not cleaned.get("claim"):
            return cleaned
        try:
            services.review_check(
                claim=cleaned["claim"],
                verdict=cleaned["verdict"],
                rationale=cleaned.get("rationale", ""),
                evidence=cleaned.get("evidence", ""),
                reviewer=self.user,
            )
        except PermissionDenied as error:
            raise ValidationError(str(error)) from error
        return cleaned


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    form = ReviewForm
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        # A new form class per request, so the user set on it is this request's.
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            form.user = request.user
            allowed = set(review_allowed_verdicts(request.user))
            field = form.base_fields["verdict"]
            field.choices = [choice for choice in field.choices if choice[0] in allowed]
        return form

    def has_add_permission(self, request):
        return super().has_add_permission(request) or request.user.has_perm(FLAG_PERMISSION)

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
