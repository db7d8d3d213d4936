"""Writes to claims: create, edit with history, publish, retract."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from provenance.models import REVIEWED_VERDICTS, Claim
from provenance.roles import PUBLISH_PERMISSION
from provenance.services.validation import assign, locked, validated_save

_UPDATABLE = frozenset({"text", "context", "assignee"})
# Who may be given a claim to work on: an editor or a reviewer (or a superuser).
_ASSIGNABLE_PERMISSION = "provenance.change_claim"


def _check_assignee(assignee: AbstractBaseUser | None) -> None:
    if assignee is None:
        return
    if not assignee.is_active or not assignee.has_perm(_ASSIGNABLE_PERMISSION):
        raise ValidationError(
            {"assignee": f"{assignee.get_username()} is not an editor or a reviewer."},
            code="invalid",
        )


@transaction.atomic
def claim_create(
    *,
    text: str,
    context: str = "",
    created_by: AbstractBaseUser | None,
    publish: bool = False,
    assignee: AbstractBaseUser | None = None,
) -> Claim:
    """Record a new claim in canonical wording; its verdict starts as unverified.

    It is a draft, seen by editors and reviewers only, unless `publish` (which needs the
    permission to publish: `claim_publish`).

    It is then matched against the recorded claims (provenance.services.matching): the same
    wording merges it into the existing claim at once (`duplicate_of` then names that claim),
    close wordings become suggestions for an editor.
    """
    from provenance.services.matching import claim_matches_find

    _check_assignee(assignee)
    claim = Claim(
        text=text.strip(), context=context.strip(), created_by=created_by, assignee=assignee
    )
    if publish:
        _check_may_publish(created_by)
        claim.published_at = timezone.now()
        claim.published_by = created_by if created_by and created_by.is_authenticated else None
    validated_save(claim, actor=created_by)
    if claim_matches_find(claim_id=claim.pk, actor=created_by):
        claim.refresh_from_db(fields=["duplicate_of", "version", "updated_at"])
        if publish and claim.duplicate_of_id is not None:
            # Merged into a claim of the same wording: publishing this one publishes that one.
            kept = Claim.objects.get(pk=claim.duplicate_of_id)
            if kept.published_at is None:
                claim_publish(claim=kept, actor=created_by)
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
    if "assignee" in fields:
        _check_assignee(fields["assignee"])
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


def _check_may_publish(actor: AbstractBaseUser | None) -> None:
    # No actor: a command or a task acting for the newsroom (load_demo, a migration's data).
    if actor is not None and not actor.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied("Publishing a claim needs the editor's permission to publish.")


@transaction.atomic
def claim_publish(
    *,
    claim: Claim,
    expected_version: int | None = None,
    actor: AbstractBaseUser | None = None,
) -> Claim:
    """Publish a draft: from now on the public pages, the exports and the anonymous API show
    it. Recorded in the history with who published it and when (`published_at`,
    `published_by`). A claim published already is refused (code `published`)."""
    _check_may_publish(actor)
    claim = locked(Claim, claim.pk, expected_version=expected_version)
    if claim.published_at is not None:
        raise ValidationError("This claim is published already.", code="published")
    claim.published_at = timezone.now()
    claim.published_by = actor if actor is not None and actor.is_authenticated else None
    claim._change_reason = "Published"
    return validated_save(claim, actor=actor)


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
