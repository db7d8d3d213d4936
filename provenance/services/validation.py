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
        super().__init__({field: [message]} if field else message, code=code)
        self.existing = existing


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
    messages from every interface before the database would refuse the row. `actor` is who the
    history records as making the change (inside a request the middleware knows it already;
    commands and background tasks must say).
    """
    instance.full_clean(exclude=exclude or None)
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
