"""Sources: search, kinds, aliases, and merging duplicates."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from provenance import services
from provenance.admin.concurrency import VersionCheckedAdmin, VersionCheckedForm
from provenance.admin.history import ReadableHistoryAdmin
from provenance.models import Source, SourceAlias
from provenance.selectors import assertion_count
from provenance.selectors_duplicates import source_duplicate


class SourceForm(VersionCheckedForm):
    """Refuses a second source of the same kind under a name (or alias) already recorded,
    linking to the one that exists."""

    def clean(self):
        cleaned = super().clean()
        name, kind = cleaned.get("name"), cleaned.get("kind")
        if name and kind:
            existing = source_duplicate(name=name, kind=kind, exclude_pk=self.instance.pk)
            if existing is not None:
                url = reverse("admin:provenance_source_change", args=[existing.pk])
                self.add_error(
                    "name",
                    format_html(
                        'Already recorded: <a href="{}">{}</a> ({}). Use it, or merge the two; '
                        "if these are different people, give a name that tells them apart.",
                        url,
                        existing.name,
                        existing.get_kind_display(),
                    ),
                )
        return cleaned


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 0
    fields = ("name",)


@admin.register(Source)
class SourceAdmin(VersionCheckedAdmin, ReadableHistoryAdmin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "affiliation", "assertion_count", "updated_at")
    list_filter = ("kind",)
    list_select_related = ("affiliation",)
    search_fields = ("name", "aliases__name", "descriptor", "description")
    autocomplete_fields = ("affiliation",)
    form = SourceForm
    inlines = (SourceAliasInline,)
    readonly_fields = ("created_at", "updated_at")
    actions = ("merge_sources",)
    fieldsets = (
        (None, {"fields": ("name", "kind", "affiliation", "description", "url")}),
        (
            "Anonymous sources",
            {
                "fields": ("descriptor", "anonymous_count", "anonymity_reason"),
                "description": "Only for anonymous sources: who they are, how many, and why "
                "they were granted anonymity.",
            },
        ),
        ("Record", {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(assertion_total=assertion_count(per="source"))

    @admin.display(description="assertions", ordering="assertion_total")
    def assertion_count(self, source):
        return source.assertion_total

    @admin.action(description="Merge selected duplicate sources…", permissions=["change"])
    def merge_sources(self, request, queryset):
        sources = list(queryset.order_by("id"))
        if len(sources) < 2:
            self.message_user(request, "Select at least two sources to merge.", messages.WARNING)
            return None
        target_id = request.POST.get("target")
        if target_id and "confirm" in request.POST:
            target = next((s for s in sources if str(s.pk) == target_id), None)
            if target is None:
                self.message_user(request, "Choose the source to keep.", messages.ERROR)
                return None
            try:
                services.source_merge(target=target, duplicates=sources)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            self.message_user(
                request,
                f"Merged {len(sources) - 1} source(s) into “{target}”; their names are now "
                "its aliases.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/provenance/source/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge duplicate sources",
                "opts": self.model._meta,
                "sources": sources,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
