"""The admin refuses to overwrite a record someone else changed since the form was opened."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import router, transaction


class VersionCheckedForm(forms.ModelForm):
    """Carries the version the editor saw; saving over a newer version is a form error.

    The admin saves inside a transaction; the row is locked while the version is compared, so
    two editors saving at once cannot both pass the check.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set on the revert form: its instance is an old revision, carrying that revision's version.
    reverting = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            version = self.instance.version
            if self.reverting:
                # The editor reverts the record as it is now: that version is the one they saw.
                model = type(self.instance)
                version = model.objects.values_list("version", flat=True).get(pk=self.instance.pk)
            self.fields["seen_version"].initial = version

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("seen_version")
        if self.instance.pk is None or seen is None:
            return cleaned
        model = type(self.instance)
        current = (
            model.objects.select_for_update()
            .values_list("version", flat=True)
            .get(pk=self.instance.pk)
        )
        if current != seen:
            name = model._meta.verbose_name
            raise ValidationError(
                f"Someone else changed this {name} after you opened it (you saw version {seen}; "
                f"it is now at version {current}), so your changes were not saved. Open it again "
                "to see their changes, then make yours.",
                code="stale",
            )
        # A revert's instance holds the old revision's version: the save counts on from now.
        self.instance.version = current
        return cleaned


class VersionCheckedAdmin:
    """ModelAdmin mixin: the version check above on the change form."""

    form = VersionCheckedForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.provenance_reverting = True
        # The admin's change view runs in a transaction; simple_history's revert view does not,
        # and the version check locks the row (PostgreSQL refuses a lock outside one).
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if getattr(request, "provenance_reverting", False):
            return type(form.__name__, (form,), {"reverting": True})
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": (*options["fields"], "seen_version")}), *rest]
