"""The editors' and reviewers' work lists ("My work" on the admin index)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from provenance.models import Citation, Claim, Verdict

# Claims still open for a verdict: nobody rated them yet, or an editor sent them to review.
_OPEN = Q(status__in=(Verdict.UNVERIFIED, Verdict.IN_REVIEW))
_LIVE = Q(retracted_at__isnull=True, duplicate_of__isnull=True)


def work_claims(queryset: QuerySet[Claim], *, list_name: str, user: AbstractBaseUser):
    """The claims of one work list: "mine", "verdict", "rereview" or "drafts"."""
    match list_name:
        case "mine":
            return queryset.filter(_LIVE, assignee=user)
        case "verdict":
            return queryset.filter(_LIVE, _OPEN)
        case "rereview":
            return queryset.filter(_LIVE, needs_rereview=True)
        case "drafts":
            return queryset.filter(_LIVE, published_at__isnull=True)
    raise ValueError(list_name)


@dataclass(frozen=True, slots=True)
class WorkList:
    label: str
    count: int
    url: str


def my_work(*, user: AbstractBaseUser) -> list[WorkList]:
    """Each list with its count and the admin list it opens: two queries."""
    claims = Claim.objects.filter(_LIVE).aggregate(
        mine=Count("pk", filter=Q(assignee=user)),
        verdict=Count("pk", filter=_OPEN),
        rereview=Count("pk", filter=Q(needs_rereview=True)),
        drafts=Count("pk", filter=Q(published_at__isnull=True)),
    )
    hops = Citation.objects.filter(
        fidelity=Citation.Fidelity.UNCHECKED, citing__claim__duplicate_of__isnull=True
    ).count()
    claim_list = reverse("admin:provenance_claim_changelist")
    return [
        WorkList("Claims assigned to me", claims["mine"], f"{claim_list}?work=mine"),
        WorkList(
            "Hops waiting for a check",
            hops,
            reverse("admin:provenance_citation_changelist") + "?fidelity__exact=unchecked",
        ),
        WorkList("Claims waiting for a verdict", claims["verdict"], f"{claim_list}?work=verdict"),
        WorkList(
            "Rated claims needing re-review", claims["rereview"], f"{claim_list}?work=rereview"
        ),
        WorkList("Drafts not yet published", claims["drafts"], f"{claim_list}?work=drafts"),
    ]
