"""The "Ingest article" admin page: upload, paste or fetch; preview and correct; confirm.

Nothing is written before the editor confirms. Between the steps the article is held in the
session (database-backed, so any app server can answer the next step), keyed by its SHA-256:
the form carries only that hash, never a path, and the bytes are checked against it again.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence

from django.conf import settings
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join

from provenance import services
from provenance.admin.ingest_forms import (
    ArticleForm,
    DocumentForm,
    extraction_from_forms,
    fields_needed,
    forms_from_extraction,
    forms_from_post,
    show_errors,
)
from provenance.analysis import analyze
from provenance.drawing import draw
from provenance.evidence.warc import exchange_as_dict, exchange_from_dict
from provenance.graph import Edge, Node, ProvenanceGraph, SourceRef
from provenance.ingest import MAX_CONTENT_BYTES, ExtractionError, Fetched, FetchError
from provenance.models import Document
from provenance.names import normalize_name
from provenance.roles import PUBLISH_PERMISSION
from provenance.services.ingestion import IngestPreview, IngestResult, SourcePreview

INGEST_PERMISSIONS = ("provenance.add_document", "provenance.add_claim")
SESSION_KEY = "provenance_ingest_pending"
PENDING_KEPT = 3  # articles held per session: a few previews open in tabs, not an archive
TEMPLATE = "admin/provenance/document/ingest.html"
_SHA256 = re.compile(r"[0-9a-f]{64}")
MATCHED_BY = {
    "sha256": "content, by SHA-256",
    "url": "address",
    "text": "title, publisher and text",
    None: "record",
}
# Past this many claims the preview draws the first ones only; the tables list all.
DRAWN_CLAIMS = 12
_SECTIONS = (
    ("sources", "Sources"),
    ("claims", "Draft claims"),
    ("citations", "Citations"),
    ("quotes", "Quotes"),
)


def ingest_urls(admin_site: AdminSite) -> list[URLPattern]:
    """The page's URL, to add to an admin's `get_urls()`."""

    def view(request: HttpRequest) -> HttpResponse:
        return ingest_article(request, admin_site=admin_site)

    return [path("ingest/", admin_site.admin_view(view), name="provenance_document_ingest")]


def ingest_article(request: HttpRequest, *, admin_site: AdminSite) -> HttpResponse:
    """The page: step 1 (the article), step 2 (the preview), then the confirmation."""
    if not request.user.has_perms(INGEST_PERMISSIONS):
        raise PermissionDenied
    if request.method != "POST":
        return _start_page(request, admin_site, ArticleForm())
    if "_confirm" in request.POST or "_check" in request.POST:
        return _correct(request, admin_site, confirm="_confirm" in request.POST)
    return _read(request, admin_site)


def _read(request: HttpRequest, admin_site: AdminSite) -> HttpResponse:
    """Step 1 → 2: get the article, extract it, hold it, show the preview."""
    form = ArticleForm(request.POST, request.FILES)
    if not form.is_valid():
        return _start_page(request, admin_site, form)
    data = form.cleaned_data
    try:
        content, url, content_type, name, fetched = _article(data)
        preview = services.ingestion_preview(content=content, url=url, content_type=content_type)
    except FetchError as error:
        form.add_error("url", str(error))
        return _start_page(request, admin_site, form)
    except ExtractionError as error:
        form.add_error(
            "file" if data.get("file") else "text" if data.get("text") else "url", str(error)
        )
        return _start_page(request, admin_site, form)
    except ValidationError as error:
        for message in _messages(error):
            form.add_error(None, message)
        return _start_page(request, admin_site, form)
    _hold(request, preview.sha256, content, url, content_type, name, fetched)
    document, formsets = forms_from_extraction(preview.extraction.as_dict())
    return _preview_page(request, admin_site, preview.sha256, name, preview, document, formsets)


def _article(data: dict) -> tuple[bytes, str | None, str | None, str, Fetched | None]:
    """The article's bytes, URL, content type, a name to show and the fetch (kept as a
    capture when the article is recorded), from the step 1 form."""
    url = data.get("url") or None
    upload = data.get("file")
    if upload is not None:
        if upload.size > MAX_CONTENT_BYTES:
            raise ExtractionError(
                f"The file is {upload.size:,} bytes; the limit is {MAX_CONTENT_BYTES:,} bytes."
            )
        kind = services.ingestion_content_type(filename=upload.name, declared=upload.content_type)
        return upload.read(), url, kind, upload.name, None
    if data.get("text"):
        content, kind = services.ingestion_text_content(text=data["text"])
        return content, url, kind, "pasted text", None
    fetched = services.ingestion_fetch(url=url)
    kind = services.ingestion_content_type(declared=fetched.content_type)
    return fetched.content, fetched.final_url, kind, fetched.final_url, fetched


def _correct(request: HttpRequest, admin_site: AdminSite, *, confirm: bool) -> HttpResponse:
    """Step 2: check the corrections again, or confirm and write."""
    sha256 = request.POST.get("pending", "")
    held = _held(request, sha256)
    if held is None:
        message = (
            "The article is no longer held (the session ended, or several others were "
            "previewed since): please give it again."
        )
        return _start_page(request, admin_site, ArticleForm(), [message])
    content, url, content_type, name, fetched = held
    arguments = {
        "content": content,
        "url": url,
        "content_type": content_type,
    }
    publish = bool(request.POST.get("publish"))
    if request.POST.get("as_extracted"):
        # Too many rows to correct on one page: confirmed as extracted (see _preview_page).
        return _confirm_as_extracted(request, admin_site, arguments, fetched, publish=publish)
    document, formsets = forms_from_post(request.POST)
    if not (document.is_valid() and all(f.is_valid() for f in formsets.values())):
        return _preview_page(request, admin_site, sha256, name, None, document, formsets)
    extraction, rows = extraction_from_forms(document, formsets)
    try:
        if confirm:
            result = services.ingestion_apply(
                **arguments,
                extraction=extraction,
                created_by=request.user,
                fetched=fetched,
                publish=publish,
            )
        else:
            preview = services.ingestion_preview(**arguments, extraction=extraction)
    except ValidationError as error:
        left = show_errors(error, document, rows)
        return _preview_page(request, admin_site, sha256, name, None, document, formsets, left)
    except ExtractionError as error:  # the held article was read before: only if it changed
        return _start_page(request, admin_site, ArticleForm(), [str(error)])
    if not confirm:
        document, formsets = forms_from_extraction(preview.extraction.as_dict())
        return _preview_page(request, admin_site, sha256, name, preview, document, formsets)
    _release(request, sha256)
    return _done(request, result)


def _confirm_as_extracted(
    request: HttpRequest,
    admin_site: AdminSite,
    arguments: dict,
    fetched: Fetched | None,
    *,
    publish: bool,
) -> HttpResponse:
    try:
        result = services.ingestion_apply(
            **arguments, created_by=request.user, fetched=fetched, publish=publish
        )
    except ValidationError as error:
        advice = "Correct the extraction through the API (POST /api/ingest/)."
        return _start_page(request, admin_site, ArticleForm(), [*_messages(error), advice])
    _release(request, hashlib.sha256(arguments["content"]).hexdigest())
    return _done(request, result)


def _done(request: HttpRequest, result: IngestResult) -> HttpResponse:
    """The success message and the page to see the result on."""
    record = result.document
    if result.already_ingested:
        messages.warning(
            request,
            f"Already ingested: “{record.title}” is document #{record.pk} (same "
            f"{MATCHED_BY[result.matched_by]}); nothing was written.",
        )
        return HttpResponseRedirect(reverse("admin:provenance_document_change", args=[record.pk]))
    claims = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        (
            (reverse("admin:provenance_claim_change", args=[claim.pk]), str(claim))
            for claim in result.claims
        ),
    )
    if result.claims:
        drafts = sum(1 for claim in result.claims if claim.published_at is None)
        if not drafts:
            label = "Published claims"
        elif drafts == len(result.claims):
            label = "Draft claims (not public until an editor publishes them)"
        else:
            label = f"Claims ({drafts} still drafts)"
        messages.success(
            request, format_html("Ingested: {}. {}: {}.", result.counts, label, claims)
        )
    else:
        messages.success(request, f"Ingested: {result.counts}.")
    if result.claims:
        target = reverse("admin:provenance_claim_change", args=[result.claims[0].pk])
    else:
        target = reverse("admin:provenance_document_change", args=[record.pk])
    return HttpResponseRedirect(target)


# -- holding the article between the steps -------------------------------------------------------


def _hold(
    request: HttpRequest,
    sha256: str,
    content: bytes,
    url: str | None,
    content_type: str | None,
    name: str,
    fetched: Fetched | None,
) -> None:
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(sha256, None)
    pending[sha256] = {
        "content": base64.b64encode(content).decode("ascii"),
        "url": url,
        "content_type": content_type,
        "name": name,
        # The exchange without its body, for the capture written on confirmation.
        "exchange": exchange_as_dict(fetched) if fetched is not None else None,
    }
    while len(pending) > PENDING_KEPT:
        pending.pop(next(iter(pending)))
    request.session[SESSION_KEY] = pending


def _held(
    request: HttpRequest, sha256: str
) -> tuple[bytes, str | None, str | None, str, Fetched | None] | None:
    if not _SHA256.fullmatch(sha256):
        return None
    item = request.session.get(SESSION_KEY, {}).get(sha256)
    if item is None:
        return None
    content = base64.b64decode(item["content"])
    if hashlib.sha256(content).hexdigest() != sha256:
        return None
    exchange = item.get("exchange")
    fetched = exchange_from_dict(exchange, content) if exchange else None
    return content, item["url"], item["content_type"], item["name"], fetched


def _release(request: HttpRequest, sha256: str) -> None:
    pending = request.session.get(SESSION_KEY, {})
    if pending.pop(sha256, None) is not None:
        request.session[SESSION_KEY] = pending


# -- pages ---------------------------------------------------------------------------------------


def _context(request: HttpRequest, admin_site: AdminSite, **extra) -> dict:
    return {
        **admin_site.each_context(request),
        "title": "Ingest article",
        "opts": Document._meta,
        **extra,
    }


def _start_page(
    request: HttpRequest, admin_site: AdminSite, form: ArticleForm, errors: Sequence[str] = ()
) -> HttpResponse:
    context = _context(request, admin_site, step=1, form=form, errors=errors)
    return TemplateResponse(request, TEMPLATE, context)


def _preview_page(
    request: HttpRequest,
    admin_site: AdminSite,
    sha256: str,
    name: str,
    preview: IngestPreview | None,
    document: DocumentForm,
    formsets: dict[str, BaseFormSet],
    errors: Sequence[str] = (),
) -> HttpResponse:
    """Step 2: the corrections as forms; `preview` is None when they have errors to show."""
    resolved = {}
    others = []
    if preview is not None:
        resolved = {normalize_name(s.name): s for s in preview.sources}
        others = [s for s in preview.sources if "source" not in s.roles]
    sections = []
    for part, title in _SECTIONS:
        formset = formsets[part]
        rows = []
        for form in formset.forms:
            name_value = form["name"].value() if part == "sources" else None
            source = resolved.get(normalize_name(name_value or "")) if name_value else None
            rows.append({"form": form, "resolution": _resolution(source) if source else ""})
        sections.append(
            {
                "part": part,
                "title": title,
                "formset": formset,
                "rows": rows,
                "sources": part == "sources",
            }
        )
    extraction = preview.extraction.as_dict() if preview is not None else None
    editable = (
        extraction is None or fields_needed(extraction) <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    )
    context = _context(
        request,
        admin_site,
        step=2,
        chains=_drawn_chains(preview) if preview is not None else [],
        matched_by=MATCHED_BY.get(preview.matched_by) if preview is not None else None,
        pending=sha256,
        name=name,
        preview=preview,
        document_form=document,
        sections=sections,
        others=[(s, _resolution(s)) for s in others],
        errors=errors,
        editable=editable,
        can_publish=request.user.has_perm(PUBLISH_PERMISSION),
        publish=bool(request.POST.get("publish")),
    )
    return TemplateResponse(request, TEMPLATE, context)


def _drawn_chains(preview: IngestPreview) -> list[dict]:
    """Each draft claim's chain as the confirmation would record it: drawn and analysed, so a
    loop or an anonymous origin shows before anything is written."""
    kinds = {normalize_name(s.name): s.kind for s in preview.sources}
    drawn = []
    for index, claim in enumerate(preview.plan.claims[:DRAWN_CLAIMS]):
        nodes = tuple(
            Node(
                id=number + 1,
                claim_id=0,
                source=SourceRef(
                    id=-(number + 1),
                    name=node.source,
                    kind=kinds.get(normalize_name(node.source), "outlet"),
                ),
                quote=node.quote,
                quote_kind=node.quote_kind,
            )
            for number, node in enumerate(claim.nodes)
        )
        edges = tuple(
            Edge(
                id=number + 1,
                citing=hop.citing + 1,
                cited=hop.cited + 1,
                relation=hop.relation,
                fidelity="unchecked",
            )
            for number, hop in enumerate(claim.hops)
        )
        graph = ProvenanceGraph(claim_id=0, nodes=nodes, edges=edges)
        analysis = analyze(graph)
        drawn.append(
            {
                "text": claim.text,
                "analysis": analysis,
                "drawing": draw(graph, analysis, id_prefix=f"ingest-{index}") if nodes else None,
            }
        )
    return drawn


def _resolution(source: SourcePreview) -> str:
    """ "new", or a link to the existing record, named when it is known by another name."""
    if not source.written:
        return "not used: nothing refers to it"
    existing = source.existing
    if existing is None:
        return "new"
    url = reverse("admin:provenance_source_change", args=[existing.pk])
    link = format_html('existing <a href="{}">#{}</a>', url, existing.pk)
    if normalize_name(existing.name) != normalize_name(source.name):
        link = format_html("{} “{}”", link, existing.name)
    if existing.kind != source.kind:
        link = format_html("{} ({})", link, existing.kind)
    return link


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{field}: {message}" if field != "__all__" else message
            for field, items in error.message_dict.items()
            for message in items
        ]
    return list(error.messages)
