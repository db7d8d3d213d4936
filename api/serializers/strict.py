"""Input that is taken as sent or refused: no unknown fields, no numbers read as text.

DRF ignores fields it does not know and turns `0` into `"0"` for a text field; a client's typo
(`"contxt"`) or a wrong type then passes silently. These refuse both with a 400 that says why.
"""

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """Text, and only text: a number or a boolean is refused rather than stored as "0"."""

    default_error_messages = {"not_text": "Must be text (a JSON string), not {kind}."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text", kind=type(data).__name__)
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false only: not "true", 1 or "yes"."""

    default_error_messages = {"not_boolean": "Must be true or false (a JSON boolean)."}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("not_boolean")
        return data


# What every record shows and no client sets.
READ_ONLY = frozenset({"id", "url", "api_url", "version", "created_by", "created_at", "updated_at"})


class StrictInput(serializers.Serializer):
    """Refuses fields it does not declare, and read-only ones, naming the writable ones."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            writable = sorted(name for name, field in self.fields.items() if not field.read_only)
            known = ", ".join(writable)
            errors = {}
            for name in data:
                field = self.fields.get(name)
                if field is None and name not in READ_ONLY:
                    errors[str(name)] = [f"Unknown field; the fields are {known}."]
                elif field is None or field.read_only:
                    errors[str(name)] = [f"Read-only field; the fields you may send are {known}."]
            if errors:
                raise serializers.ValidationError(errors)
        value = super().to_internal_value(data)
        self.check_given(set(data), value)
        return value

    def check_given(self, given: set, value: dict) -> None:
        """Checks on which fields were sent (not their defaults); a ValidationError with a
        message alone is keyed by this object's own path."""
