"""Writing ClaimReview feed items (provenance.claimreview_feed) as claims, chains and verdicts.

Each item becomes: the claim (found by its exact wording, else created); a source for the
claim's author and one for the reviewing organisation; a document per appearance (found by its
URL, else created); an assertion per appearance by whoever published it (the appearance's author,
else the claim's author, else an outlet named after the web site); and a verdict, recorded by the
importer account, a member of the reviewer group (only reviewers may give verdicts). Verdicts
are append-only, so a verdict already imported (same claim, verdict and provenance line in its
evidence: publisher, date and review URL) is not recorded twice. Importing the same feed again
therefore changes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction

from provenance.claimreview_feed import FeedItem, Party
from provenance.models import Assertion, Claim, Document, Source
from provenance.selectors import source_find
from provenance.services.chains import assertion_add
from provenance.services.claims import claim_create
from provenance.services.documents import document_create
from provenance.services.reviews import review_record
from provenance.services.sources import source_create

IMPORTER_USERNAME = "claimreview-importer"
_KINDS = {
    "Person": Source.Kind.PERSON,
    "NewsMediaOrganization": Source.Kind.OUTLET,
}


@dataclass
class ImportOutcome:
    """What one item created: counts by record type (empty when it changed nothing)."""

    created: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return any(self.created.values())


def claimreview_importer() -> AbstractBaseUser:
    """The account that records imported verdicts: a reviewer that cannot log in."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=IMPORTER_USERNAME,
        defaults={"is_staff": False, "is_active": True, "first_name": "ClaimReview importer"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name="reviewer"))
    return user


def _source(party: Party, outcome: ImportOutcome, *, default_kind: str) -> Source:
    kind = _KINDS.get(party.type)
    if kind is None and party.type in ("", "Thing"):
        # No type given: whoever already goes by this name, whatever their kind.
        existing = source_find(name=party.name)
        if existing is not None:
            return existing
    kind = kind or default_kind
    existing = source_find(name=party.name, kind=kind)
    if existing is not None:
        return existing
    outcome.created["sources"] += 1
    return source_create(name=party.name, kind=kind, url=party.url)


def _site(url: str) -> Party:
    host = urlsplit(url).hostname or url
    return Party(name=host.removeprefix("www."), type="NewsMediaOrganization")


@transaction.atomic
def claimreview_item_import(
    *, item: FeedItem, importer: AbstractBaseUser, publish: bool = False
) -> ImportOutcome:
    """Record one feed item; all or nothing (its own transaction). A new claim is a draft
    unless `publish` (the importer is a reviewer, who may publish)."""
    outcome = ImportOutcome()
    # A claim merged into another is found through that one (its wording merges again).
    claim = (
        Claim.objects.filter(text=item.claim_text, duplicate_of__isnull=True).order_by("id").first()
    )
    if claim is None:
        claim = claim_create(text=item.claim_text, created_by=importer, publish=publish)
        outcome.created["claims"] += 1

    author = (
        _source(item.claim_author, outcome, default_kind=Source.Kind.ORGANIZATION)
        if item.claim_author
        else None
    )
    for appearance in item.appearances:
        speaker_party = appearance.author or item.claim_author or _site(appearance.url)
        speaker = _source(speaker_party, outcome, default_kind=Source.Kind.ORGANIZATION)
        document = Document.objects.filter(url=appearance.url).first()
        if document is None:
            document = document_create(
                title=(appearance.title or appearance.url)[:500],
                url=appearance.url,
                publisher=speaker,
                published_at=appearance.published_at or item.claim_date,
                created_by=importer,
            )
            outcome.created["documents"] += 1
        if not Assertion.objects.filter(claim=claim, source=speaker, document=document).exists():
            assertion_add(claim=claim, source=speaker, document=document, created_by=importer)
            outcome.created["assertions"] += 1
    if author is not None and not item.appearances:
        if not Assertion.objects.filter(claim=claim, source=author, document=None).exists():
            assertion_add(claim=claim, source=author, created_by=importer)
            outcome.created["assertions"] += 1

    reviewer_name = item.reviewer.name if item.reviewer else "an unnamed fact checker"
    if item.reviewer:
        _source(item.reviewer, outcome, default_kind=Source.Kind.ORGANIZATION)
    when = item.reviewed_at.date().isoformat() if item.reviewed_at else "undated"
    evidence = f"ClaimReview by {reviewer_name}, {when}: “{item.rating_name}”"
    if item.review_url:
        evidence += f" — {item.review_url}"
    if not claim.reviews.filter(verdict=item.verdict, evidence=evidence).exists():
        rationale = item.review_body or (
            f"Rated “{item.rating_name}” by {reviewer_name} ({when}), imported from its "
            "ClaimReview."
        )
        review_record(
            claim=claim,
            verdict=item.verdict,
            rationale=rationale,
            evidence=evidence,
            reviewer=importer,
        )
        outcome.created["reviews"] += 1
    return outcome
