"""Writes to claims: create, edit with history, retract."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from provenance.models import Claim
from provenance.services.validation import assign, validated_save

_UPDATABLE = frozenset({"text", "context"})


@transaction.atomic
def claim_create(*, text: str, context: str = "", created_by: AbstractBaseUser | None) -> Claim:
    """Record a new claim in canonical wording; its verdict starts as unverified."""
    claim = Claim(text=text.strip(), context=context.strip(), created_by=created_by)
    return validated_save(claim)


@transaction.atomic
def claim_update(*, claim: Claim, **fields) -> Claim:
    """Change a claim's wording or context; every version stays in the history."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if "text" in fields:
        fields["text"] = fields["text"].strip()
    if assign(claim, fields, allowed=_UPDATABLE):
        validated_save(claim)
    return claim


@transaction.atomic
def claim_retract(*, claim: Claim, note: str) -> Claim:
    """Withdraw a claim from publication. Claims are retracted, not deleted."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.retracted_at is not None:
        raise ValidationError("This claim is already retracted.", code="retracted")
    if not note.strip():
        raise ValidationError({"retraction_note": "Say why the claim is retracted."})
    claim.retracted_at = timezone.now()
    claim.retraction_note = note.strip()
    return validated_save(claim)
