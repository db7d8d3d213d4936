"""Version numbers for optimistic concurrency: no edit silently overwrites another."""

from django.db import models


class Versioned(models.Model):
    """A record whose `version` grows by one with every save.

    Clients read it (the API's ETag, a hidden field in the admin form) and send it back with
    their change; a service compares it under a row lock, so a change made in between is
    reported instead of overwritten.
    """

    version = models.PositiveIntegerField(
        "version",
        default=1,
        editable=False,
        help_text="Grows by one with every change; sent back with edits to detect conflicts.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)
