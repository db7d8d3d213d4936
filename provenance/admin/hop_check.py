"""Checking one hop: both sides' words side by side, the cited document's text with the
passage highlighted, and one button per finding (faithful, distorted, unsupported).

The finding is recorded by `citation_check` with the version the checker saw, so a hop someone
else changed in between is refused, not overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from provenance.hints import locate
from provenance.models import Assertion, Citation
from provenance.services import citation_check
from provenance.services.validation import StaleVersion

TEMPLATE = "admin/provenance/citation/check.html"
FINDINGS = (
    (Citation.Fidelity.FAITHFUL, "Faithful", "The citing side says what the cited side says."),
    (Citation.Fidelity.DISTORTED, "Distorted", "Changed: a number, a hedge, who said it…"),
    (Citation.Fidelity.UNSUPPORTED, "Unsupported", "The cited side does not say it."),
)


@dataclass(frozen=True, slots=True)
class Passage:
    """A document's text cut around the passage a selector (or the quote) points to."""

    before: str
    passage: str
    after: str
    found_by: str  # "selector" | "quote" | ""


def hop_title(citation: Citation) -> str:
    """ "Caliber.Az cites Axios": the hop named by its sources."""
    return (
        f"{citation.citing.source.name} {citation.get_relation_display()} "
        f"{citation.cited.source.name}"
    )


def passage_in_document(assertion: Assertion) -> Passage | None:
    """Where `assertion` sits in its document's stored text, if the text is stored."""
    document = assertion.document
    if document is None or not document.text:
        return None
    text = document.text
    span, found_by = None, ""
    if assertion.selector_exact:
        span = locate(
            text,
            exact=assertion.selector_exact,
            prefix=assertion.selector_prefix,
            suffix=assertion.selector_suffix,
        )
        found_by = "selector"
    if span is None and assertion.quote:
        span, found_by = locate(text, exact=assertion.quote), "quote"
    if span is None:
        return Passage(before=text, passage="", after="", found_by="")
    start, end = span
    return Passage(
        before=text[:start], passage=text[start:end], after=text[end:], found_by=found_by
    )


def hop_check_urls(admin_site: AdminSite) -> list[URLPattern]:
    def page(request, citation_id):
        return hop_check(request, citation_id=citation_id, admin_site=admin_site)

    return [
        path(
            "<int:citation_id>/check/",
            admin_site.admin_view(page),
            name="provenance_citation_check",
        )
    ]


def hop_check(request: HttpRequest, *, citation_id: int, admin_site: AdminSite) -> HttpResponse:
    if not request.user.has_perm("provenance.change_citation"):
        raise PermissionDenied
    citation = get_object_or_404(
        Citation.objects.select_related(
            "citing__source",
            "citing__document",
            "citing__claim",
            "cited__source",
            "cited__document",
            "cited__claim",
            "checked_by",
        ),
        pk=citation_id,
    )
    errors: list[str] = []
    note = citation.note
    if request.method == "POST":
        fidelity = request.POST.get("fidelity", "")
        note = request.POST.get("note", "")
        seen = request.POST.get("seen_version", "")
        try:
            citation_check(
                citation=citation,
                fidelity=fidelity,
                note=note,
                checked_by=request.user,
                expected_version=int(seen) if seen.isdigit() else None,
            )
        except StaleVersion as stale:
            errors.append(
                f"Someone else changed this hop after you opened it (you saw version "
                f"{stale.expected}; it is now at version {stale.current}), so your check was "
                "not saved. Read it again below, then check it."
            )
            citation.refresh_from_db()
        except ValidationError as error:
            errors.extend(error.messages)
        else:
            label = Citation.Fidelity(fidelity).label.lower()
            messages.success(request, f"Checked: {hop_title(citation)} — {label}.")
            return HttpResponseRedirect(
                reverse("admin:provenance_claim_change", args=[citation.citing.claim_id])
            )
    context = {
        **admin_site.each_context(request),
        "title": hop_title(citation),
        "opts": Citation._meta,
        "citation": citation,
        "citing": citation.citing,
        "cited": citation.cited,
        "passage": passage_in_document(citation.cited),
        "findings": FINDINGS,
        "note": note,
        "errors": errors,
        "claim_url": reverse("admin:provenance_claim_change", args=[citation.citing.claim_id]),
        "change_url": reverse("admin:provenance_citation_change", args=[citation.pk]),
    }
    return TemplateResponse(request, TEMPLATE, context, status=409 if errors else 200)
