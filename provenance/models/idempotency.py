"""Idempotency keys: a retried POST answers what the first one did instead of writing twice."""

from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """The first answer to a POST sent with an `Idempotency-Key` header, kept for 24 hours.

    Keys are per user: two clients that happen to pick the same key do not see each other's
    answers. The body's digest tells a retry (same body) from a misuse (another body, 422).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="user",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Who sent the request.",
    )
    key = models.CharField(
        "key", max_length=255, help_text="The Idempotency-Key header's value, as sent."
    )
    operation = models.CharField(
        "operation",
        max_length=100,
        help_text="What the request did (chain_record): one key may serve two operations.",
    )
    body_digest = models.CharField(
        "body digest",
        max_length=64,
        help_text="SHA-256 of the request body as parsed and re-encoded with sorted keys.",
    )
    status_code = models.PositiveSmallIntegerField(
        "status code", help_text="The HTTP status of the first answer."
    )
    response_body = models.BinaryField("response body", help_text="The first answer's body.")
    location = models.CharField(
        "location", max_length=500, blank=True, help_text="The first answer's Location header."
    )
    created_at = models.DateTimeField(
        "created", auto_now_add=True, db_index=True, help_text="When the first answer was given."
    )

    class Meta:
        verbose_name = "idempotency key"
        constraints = [
            models.UniqueConstraint(
                fields=("user", "operation", "key"), name="idempotency_key_unique_per_operation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.operation})"
