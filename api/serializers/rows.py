"""A serializer's representation built from `values()` rows instead of model instances.

DRF builds a ModelSerializer's fields afresh for every instance of it (introspecting the model
each time) and reads every attribute through `get_attribute`: for the claim list that was
about half of an uncached request, for one claim more than the SQL. A `RowPlan` reads the
serializer's declared fields once per process and turns each into a `values()` lookup and the
field's own `to_representation`, so the answer stays the serializer's, key for key and byte
for byte (tests/api/test_fast_paths.py), and the serializer stays the one place the fields are
declared: a field added there is either understood here or makes `supported` false, and the
view then answers through the serializer as before.

Understood: model fields and annotations read as they are (`CharField`, `IntegerField`,
`DateTimeField`...), `get_<field>_display`, a foreign key shown as its id, a user shown by
username, the record's own API address (`SelfLinkField`, built from its id and the request's
origin), and nested model serializers over foreign keys (recursively). Anything else (a method
field, a many-valued relation, another hyperlink) is left to the caller: `unsupported` lists
it, and the caller passes a function for it or falls back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils.encoding import force_str
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers

from api.links import SelfLinkField, record_url
from api.serializers.common import UsernameField

_PLAIN = (
    drf_fields.BooleanField,
    drf_fields.CharField,
    drf_fields.ChoiceField,
    drf_fields.DateTimeField,
    drf_fields.FloatField,
    drf_fields.IntegerField,
    drf_fields.JSONField,
)

_GET_ATTRIBUTE = drf_fields.Field.get_attribute


class RowPlan:
    """How to build `serializer_class`'s representation from a `values(*plan.lookups)` row."""

    _plans: dict[tuple, RowPlan] = {}

    @classmethod
    def of(cls, serializer_class: type[serializers.ModelSerializer], *, annotations=()) -> RowPlan:
        """The plan for a serializer class, built once per process. `annotations` are the names
        the queryset annotates (read like columns)."""
        key = (serializer_class, tuple(annotations))
        if key not in cls._plans:
            cls._plans[key] = cls(serializer_class(), annotations=annotations)
        return cls._plans[key]

    _children: dict[tuple, type] = {}

    @classmethod
    def child_class(cls, serializer_class: type[serializers.Serializer], name: str) -> type:
        """The serializer class of a `many=True` field, found once per process (building a
        serializer's fields is what the plans exist to avoid per request)."""
        key = (serializer_class, name)
        if key not in cls._children:
            cls._children[key] = type(serializer_class().fields[name].child)
        return cls._children[key]

    def __init__(self, serializer, *, annotations=(), prefix: str = "") -> None:
        model = serializer.Meta.model
        self.lookups: list[str] = []
        self.unsupported: list[str] = []
        # (output name, build(row, request) -> value) in the serializer's field order; None
        # marks a field the caller supplies.
        self.steps: list[tuple[str, Callable[[dict], Any] | None]] = []
        for name, field in serializer.fields.items():
            if field.write_only:
                continue
            step = self._step(model, field, prefix, annotations)
            if step is None:
                self.unsupported.append(name)
            self.steps.append((name, step))

    def _step(self, model, field, prefix: str, annotations) -> Callable[[dict], Any] | None:
        source = field.source
        if type(field) is SelfLinkField:
            lookup = prefix + model._meta.pk.name
            self.lookups.append(lookup)
            view_name = field.view_name
            return lambda row, request: record_url(view_name, row[lookup], request)
        if "." in source or source == "*":
            return None
        if isinstance(field, serializers.ModelSerializer) and not getattr(field, "many", False):
            return self._nested(model, field, prefix)
        if isinstance(field, relations.PrimaryKeyRelatedField):
            if not _is_foreign_key(model, source):
                return None
            return self._column(prefix + source, lambda value: value)
        if isinstance(field, UsernameField):
            if not _is_foreign_key(model, source):
                return None
            username = get_user_model().USERNAME_FIELD
            return self._column(f"{prefix}{source}__{username}", lambda value: value)
        if not isinstance(field, _PLAIN) or type(field).get_attribute is not _GET_ATTRIBUTE:
            return None
        if source.startswith("get_") and source.endswith("_display"):
            name = source[len("get_") : -len("_display")]
            try:
                choices = dict(model._meta.get_field(name).flatchoices)
            except FieldDoesNotExist:
                return None
            # As the model's get_<name>_display() gives it.
            return self._column(
                prefix + name,
                lambda value: field.to_representation(
                    force_str(choices.get(value, value), strings_only=True)
                ),
            )
        if source in annotations or _is_concrete(model, source):
            return self._column(prefix + source, field.to_representation)
        return None

    def _column(self, lookup: str, represent) -> Callable[[dict], Any]:
        self.lookups.append(lookup)

        def build(row: dict, request):
            value = row[lookup]
            return None if value is None else represent(value)

        return build

    def _nested(self, model, field, prefix: str) -> Callable[[dict], Any] | None:
        if not _is_foreign_key(model, field.source):
            return None
        inner = RowPlan(field, prefix=f"{prefix}{field.source}__")
        if inner.unsupported:
            return None
        self.lookups.extend(inner.lookups)
        key = prefix + field.source  # the foreign key's id: None when nothing is linked
        self.lookups.append(key)

        def build(row: dict, request):
            return None if row[key] is None else inner.represent(row, request=request)

        return build

    @property
    def supported(self) -> bool:
        return not self.unsupported

    def represent(
        self, row: dict, extra: dict[str, Callable[[dict], Any]] | None = None, *, request=None
    ) -> dict:
        """The serializer's representation of `row`; `extra` builds the unsupported fields, and
        `request` gives absolute addresses their origin (as the serializer's context does)."""
        return {
            name: step(row, request) if step is not None else extra[name](row)
            for name, step in self.steps
        }


def _is_concrete(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.concrete and not field.is_relation


def _is_foreign_key(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.many_to_one and field.concrete
