"""History pages a person can read: whole values, every tracked field, real reasons, no links
to pages an editor may not open."""

from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

# Bookkeeping that changes with every save; listing it would bury the change itself.
NOT_SHOWN = frozenset({"id", "version", "created_at", "updated_at"})
# simple_history keeps the reason in a 100-character column.
REASON_LENGTH = 100


class _WholeValues(HistoricalRecordContextHelper):
    """Old and new values in full: a wording cut to "The p[15 chars]…" cannot be compared."""

    def get_obj_diff_display(self) -> ObjDiffDisplay:
        return ObjDiffDisplay(max_length=1_000_000)


def _shown(record, field) -> str:
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return str(getattr(record, field.name))
    return str(value)


def _uneditable_changes(old, new) -> list[dict[str, str]]:
    """Changes to fields no form edits (a verdict set by a review, a merge): simple_history
    compares editable fields only, so a reviewer's row read "Changed" with nothing listed."""
    changes = []
    for field in new.tracked_fields:
        if field.editable or field.name in NOT_SHOWN:
            continue
        if getattr(old, field.attname) != getattr(new, field.attname):
            changes.append(
                {
                    "field": str(field.verbose_name).capitalize(),
                    "old": _shown(old, field),
                    "new": _shown(new, field),
                }
            )
    return changes


class ReadableHistoryAdmin:
    """SimpleHistoryAdmin mixin: the history list shows what changed, why and by whom."""

    object_history_list_template = "admin/provenance/history_list.html"

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(current, foreign_keys_are_objs=foreign_keys_are_objs)
                helper = _WholeValues(self.model, previous)
                changes = helper.context_for_delta_changes(delta)
                previous.history_delta_changes = changes + _uneditable_changes(current, previous)
            previous = current

    def save_model(self, request, obj, form, change):
        if getattr(request, "provenance_reverting", False):
            reason = "Reverted to an earlier revision in the admin"
        elif change:
            names = [form.fields[name].label or name for name in form.changed_data]
            names = [str(name) for name in names if name != "seen_version"]
            reason = f"Edited in the admin: {', '.join(names)}" if names else "Saved in the admin"
        else:
            reason = "Created in the admin"
        obj._change_reason = reason[:REASON_LENGTH]
        super().save_model(request, obj, form, change)
