"""Writes to claims: create, edit with history, retract."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from provenance.models import REVIEWED_VERDICTS, Claim
from provenance.services.validation import assign, locked, validated_save

_UPDATABLE = frozenset({"text", "context"})


@transaction.atomic
def claim_create(*, text: str, context: str = "", created_by: AbstractBaseUser | None) -> Claim:
    """Record a new claim in canonical wording; its verdict starts as unverified.

    It is then matched against the recorded claims (provenance.services.matching): the same
    wording merges it into the existing claim at once (`duplicate_of` then names that claim),
    close wordings become suggestions for an editor.
    """
    from provenance.services.matching import claim_matches_find

    claim = Claim(text=text.strip(), context=context.strip(), created_by=created_by)
    validated_save(claim, actor=created_by)
    if claim_matches_find(claim_id=claim.pk, actor=created_by):
        claim.refresh_from_db(fields=["duplicate_of", "version", "updated_at"])
    return claim


@transaction.atomic
def claim_update(
    *,
    claim: Claim,
    expected_version: int | None = None,
    actor: AbstractBaseUser | None = None,
    reason: str = "",
    **fields,
) -> Claim:
    """Change a claim's wording or context; every version stays in the history, with
    `reason` (else the fields changed) as its reason."""
    claim = locked(Claim, claim.pk, expected_version=expected_version)
    if "text" in fields:
        fields["text"] = fields["text"].strip()
    reworded = "text" in fields and fields["text"] != claim.text
    if changed := assign(claim, fields, allowed=_UPDATABLE):
        if reworded:
            claim_reworded(claim)
        labels = ", ".join(str(Claim._meta.get_field(name).verbose_name) for name in changed)
        claim._change_reason = (reason or f"Edited: {labels}")[:100]
        validated_save(claim, actor=actor)
    return claim


def claim_reworded(claim: Claim) -> None:
    """A verdict was given on other words: it waits for a reviewer again (saved by the caller)."""
    if claim.status in REVIEWED_VERDICTS:
        claim.needs_rereview = True


@transaction.atomic
def claim_retract(
    *,
    claim: Claim,
    note: str,
    expected_version: int | None = None,
    actor: AbstractBaseUser | None = None,
) -> Claim:
    """Withdraw a claim from publication. Claims are retracted, not deleted."""
    claim = locked(Claim, claim.pk, expected_version=expected_version)
    if claim.retracted_at is not None:
        raise ValidationError("This claim is already retracted.", code="retracted")
    if not note.strip():
        raise ValidationError({"retraction_note": "Say why the claim is retracted."})
    claim.retracted_at = timezone.now()
    claim.retraction_note = note.strip()
    return validated_save(claim, actor=actor)


@transaction.atomic
def claim_revert(
    *,
    claim: Claim,
    revision: int,
    expected_version: int | None = None,
    actor: AbstractBaseUser | None = None,
) -> Claim:
    """Bring back the wording and context of an earlier revision, as a new revision.

    History is never rewritten: the revert is itself a change, recorded with who made it.
    """
    record = Claim.history.filter(id=claim.pk, history_id=revision).first()
    if record is None:
        raise ValidationError(
            {"revision": f"Claim #{claim.pk} has no revision {revision}."}, code="not_found"
        )
    return claim_update(
        claim=claim,
        text=record.text,
        context=record.context,
        expected_version=expected_version,
        actor=actor,
        reason=f"Reverted to revision {revision}",
    )
