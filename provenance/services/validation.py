"""The one way services lock, validate and save a model instance."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models


class StaleVersion(Exception):
    """The record changed since the caller read it: their edit would overwrite another."""

    def __init__(self, *, instance: models.Model, expected: int) -> None:
        self.instance = instance
        self.expected = expected
        self.current = instance.version
        name = instance._meta.verbose_name
        super().__init__(
            f"This {name} was changed by someone else since you read it (you had version "
            f"{expected}, it is now at version {self.current}). Read it again, then retry."
        )


class DuplicateRecord(ValidationError):
    """A write refused because the record exists already; `existing` is that record.

    The API answers it with 409 and the existing record's id; the admin links to the record.
    """

    def __init__(self, message, *, existing, field=None, code="duplicate"):
        # `message` may be a ValidationError's own structure (a dict of field errors), kept as is.
        super().__init__({field: [message]} if field else message, code=code)
        self.existing = existing


def _unique_refusals(instance: models.Model, exclude) -> list[tuple[set[str], models.Model]]:
    """Each unique rule `instance` breaks: (the messages full_clean gave, the record it meets).

    Asked only after full_clean refused the instance, so a valid save costs no extra query.
    """
    model = type(instance)
    others = model._default_manager.exclude(pk=instance.pk) if instance.pk else None
    others = model._default_manager.all() if others is None else others
    refusals = []
    for field in model._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if not field.unique or field.primary_key or value is None or field.name in exclude:
            continue
        existing = others.filter(**{field.attname: value}).first()
        if existing is not None:
            message = instance.unique_error_message(model, (field.name,))
            refusals.append((set(message.messages), existing))
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
            continue
        try:
            constraint.validate(model, instance, exclude=exclude)
        except ValidationError as refusal:
            lookup = {}
            for name in constraint.fields:
                field = model._meta.get_field(name)
                lookup[field.attname] = getattr(instance, field.attname)
            matching = others.filter(**lookup)
            if constraint.condition is not None:
                matching = matching.filter(constraint.condition)
            existing = matching.first()
            if existing is not None:
                refusals.append((set(refusal.messages), existing))
    return refusals


def full_clean_or_duplicate(instance: models.Model, *, exclude: tuple[str, ...] = ()) -> None:
    """`full_clean()`, raising DuplicateRecord when a unique rule is the only refusal.

    The error keeps full_clean's fields and messages (forms and the admin show them as before);
    `existing` is the record already holding those values, looked up by the rule's fields.
    """
    try:
        instance.full_clean(exclude=exclude or None)
    except ValidationError as error:
        refusals = _unique_refusals(instance, set(exclude))
        duplicate_messages = set().union(*(messages for messages, _ in refusals))
        if not refusals or not set(error.messages) <= duplicate_messages:
            raise
        structure = error.error_dict if hasattr(error, "error_dict") else error.error_list
        raise DuplicateRecord(structure, existing=refusals[0][1]) from error


def locked[M: models.Model](model: type[M], pk: int, *, expected_version: int | None = None) -> M:
    """The row, locked for this transaction; StaleVersion if it moved past `expected_version`.

    Comparing under the lock makes check-and-write atomic: of two editors who read version 3,
    the first to write makes it 4 and the second gets StaleVersion instead of a lost update.
    """
    instance = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and instance.version != expected_version:
        raise StaleVersion(instance=instance, expected=expected_version)
    return instance


def validated_save(
    instance: models.Model,
    *,
    actor: AbstractBaseUser | None = None,
    exclude: tuple[str, ...] = (),
) -> models.Model:
    """Run model validation (fields, choices and database constraints), then save.

    DRF and plain ORM calls skip `full_clean()`; running it here gives the same per-field
    messages from every interface before the database would refuse the row; a record that exists
    already is a DuplicateRecord naming it. `actor` is who the
    history records as making the change (inside a request the middleware knows it already;
    commands and background tasks must say).
    """
    full_clean_or_duplicate(instance, exclude=exclude)
    if actor is not None and actor.is_authenticated:
        instance._history_user = actor
    instance.save()
    return instance


def assign(instance: models.Model, fields: dict, *, allowed: frozenset[str]) -> list[str]:
    """Set `fields` on `instance`; refuse unknown ones. Returns the names that changed."""
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Cannot update {', '.join(sorted(unknown))} through this service.")
    changed = []
    for name, value in fields.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed
