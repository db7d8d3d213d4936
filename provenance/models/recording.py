"""What every record keeps about itself: its version, when it was made and changed, by whom."""

from django.conf import settings
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


class Timestamped(Versioned):
    """A versioned record with its creation and last-change times."""

    created_at = models.DateTimeField(
        "created", auto_now_add=True, help_text="When the record was made."
    )
    updated_at = models.DateTimeField(
        "updated", auto_now=True, help_text="When the record last changed."
    )

    class Meta:
        abstract = True


class Recorded(Timestamped):
    """A timestamped record that also says who made it (who changed it: see its history)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who recorded it.",
    )

    class Meta:
        abstract = True
