"""The one way services validate and save a model instance."""

from django.db import models


def validated_save(instance: models.Model, *, exclude: tuple[str, ...] = ()) -> models.Model:
    """Run model validation (fields, choices and database constraints), then save.

    DRF and plain ORM calls skip `full_clean()`; running it here gives the same per-field
    messages from every interface before the database would refuse the row.
    """
    instance.full_clean(exclude=exclude or None)
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
