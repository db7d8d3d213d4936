"""Writes to the citation graph: assertions, citations, and checking each link."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from provenance.models import Assertion, Citation, Claim, Document, Source
from provenance.services.validation import assign, locked, validated_save

_ASSERTION_UPDATABLE = frozenset(
    {
        "source",
        "document",
        "quote",
        "quote_kind",
        "selector_exact",
        "selector_prefix",
        "selector_suffix",
        "asserted_at",
    }
)


@transaction.atomic
def assertion_add(
    *,
    claim: Claim,
    source: Source,
    document: Document | None = None,
    quote: str = "",
    quote_kind: str = "",
    selector_exact: str = "",
    selector_prefix: str = "",
    selector_suffix: str = "",
    asserted_at: datetime | None = None,
    created_by: AbstractBaseUser | None,
) -> Assertion:
    """Record that `source` asserts `claim` (in `document`, when given).

    A bare assertion by an outlet whose own report of the claim is recorded (or that report's
    assertion, recorded after the bare one) is then folded in: citations reach the report
    (provenance.services.hops). The new assertion folded that way gives the report's assertion
    back, which stands for it from then on. A claim merged into another takes no assertions of
    its own any more: they go to the claim it was merged into.
    """
    from provenance.services.hops import claim_links_refresh

    kept = Claim.objects.filter(pk=claim.pk).values_list("duplicate_of_id", flat=True).first()
    if kept is not None:
        claim = Claim.objects.get(pk=kept)

    assertion = Assertion(
        claim=claim,
        source=source,
        document=document,
        quote=quote.strip(),
        quote_kind=quote_kind,
        selector_exact=selector_exact,
        selector_prefix=selector_prefix,
        selector_suffix=selector_suffix,
        asserted_at=asserted_at,
        created_by=created_by,
    )
    validated_save(assertion, actor=created_by)
    folded = claim_links_refresh(claim_id=claim.pk, actor=created_by)
    return folded.get(assertion.pk, assertion)


@transaction.atomic
def assertion_update(
    *,
    assertion: Assertion,
    expected_version: int | None = None,
    actor: AbstractBaseUser | None = None,
    **fields,
) -> Assertion:
    """Change an assertion's source, document, wording or position."""
    assertion = locked(Assertion, assertion.pk, expected_version=expected_version)
    if assign(assertion, fields, allowed=_ASSERTION_UPDATABLE):
        validated_save(assertion, actor=actor)
    return assertion


@transaction.atomic
def citation_add(
    *,
    citing: Assertion,
    cited: Assertion,
    relation: str = Citation.Relation.CITES,
    evidence: str = "",
    created_by: AbstractBaseUser | None,
) -> Citation:
    """Record that `citing` relies on `cited`. The link starts unchecked.

    A citation that closes a loop is accepted: circular reporting happens and must be recorded
    as it is; the analysis flags it. Both assertions are locked so that two editors adding the
    same edge at once get one edge and one clear error, not a constraint crash.
    """
    if citing.pk is not None and citing.pk == cited.pk:
        raise ValidationError({"cited": "An assertion cannot cite itself."}, code="self_citation")
    list(Assertion.objects.select_for_update().filter(pk__in=[citing.pk, cited.pk]))
    citation = Citation(
        citing=citing,
        cited=cited,
        relation=relation,
        evidence=evidence.strip(),
        created_by=created_by,
    )
    return validated_save(citation, actor=created_by)


@transaction.atomic
def citation_update(
    *,
    citation: Citation,
    expected_version: int | None = None,
    actor: AbstractBaseUser | None = None,
    **fields,
) -> Citation:
    """Change how a citation uses its source (relation) or the sentence that shows it."""
    citation = locked(Citation, citation.pk, expected_version=expected_version)
    if "evidence" in fields:
        fields["evidence"] = fields["evidence"].strip()
    if assign(citation, fields, allowed=frozenset({"relation", "evidence"})):
        validated_save(citation, actor=actor)
    return citation


@transaction.atomic
def citation_check(
    *,
    citation: Citation,
    fidelity: str,
    note: str = "",
    checked_by: AbstractBaseUser,
    expected_version: int | None = None,
) -> Citation:
    """Record an editor's check of one link: faithful, distorted, unsupported or unchecked."""
    citation = locked(Citation, citation.pk, expected_version=expected_version)
    if fidelity not in Citation.Fidelity.values:
        choices = ", ".join(Citation.Fidelity.values)
        raise ValidationError(
            {"fidelity": f'"{fidelity}" is not a fidelity; choose one of {choices}.'},
            code="invalid_choice",
        )
    citation.fidelity = fidelity
    citation.note = note.strip() or citation.note
    if fidelity == Citation.Fidelity.UNCHECKED:
        citation.checked_by, citation.checked_at = None, None
    else:
        citation.checked_by, citation.checked_at = checked_by, timezone.now()
    return validated_save(citation, actor=checked_by)


@transaction.atomic
def citations_check(
    *, citations: Iterable[Citation], fidelity: str, checked_by: AbstractBaseUser
) -> int:
    """Check several links at once (the admin's bulk action); each is recorded in history."""
    count = 0
    for citation in citations:
        citation_check(citation=citation, fidelity=fidelity, checked_by=checked_by)
        count += 1
    return count


@transaction.atomic
def assertion_delete(
    *, assertion: Assertion, expected_version: int | None = None, actor=None
) -> None:
    """Delete an assertion entered by mistake, with the citations from and to it."""
    assertion = locked(Assertion, assertion.pk, expected_version=expected_version)
    if actor is not None:
        assertion._history_user = actor
        for citation in Citation.objects.filter(Q(citing=assertion) | Q(cited=assertion)):
            citation._history_user = actor
            citation.delete()
    assertion.delete()


@transaction.atomic
def citation_delete(*, citation: Citation, expected_version: int | None = None, actor=None) -> None:
    """Delete a citation entered by mistake (a wrong link is checked as unsupported instead)."""
    citation = locked(Citation, citation.pk, expected_version=expected_version)
    if actor is not None:
        citation._history_user = actor
    citation.delete()
