"""The "Record a chain" admin page: a claim and its hops in one screen, one save.

The form is read into `chain_record`'s hops (provenance/services/chain_record.py), which writes
everything in one transaction or nothing: this page adds no rule of its own. While the editor
types, the page posts the same form to `preview/`, which draws the chain as it stands (the
project's drawing and analysis on a graph built in memory; nothing is written), and asks
`lookup/` for sources (by name or alias) and documents (by URL or title) to offer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from provenance.analysis import analyze
from provenance.drawing import draw
from provenance.graph import DocumentRef, Edge, Node, ProvenanceGraph, SourceRef
from provenance.models import Claim, Document, QuoteKind, Relation, Source, SourceAlias, SourceKind
from provenance.names import normalize_name
from provenance.roles import PUBLISH_PERMISSION
from provenance.selectors import sources_by_names
from provenance.services.chain_record import (
    MAX_HOPS,
    DocumentSpec,
    Hop,
    SourceSpec,
    chain_record,
)
from provenance.services.hops import claim_links_refresh
from provenance.services.matching import claim_matches_find
from provenance.services.validation import DuplicateRecord

PERMISSIONS = (
    "provenance.add_claim",
    "provenance.add_assertion",
    "provenance.add_citation",
    "provenance.add_source",
    "provenance.add_document",
)
TEMPLATE = "admin/provenance/claim/record_chain.html"
HOP_FIELDS = (
    "source_name",
    "source_kind",
    "descriptor",
    "anonymous_count",
    "anonymity_reason",
    "document_url",
    "document_title",
    "quote",
    "quote_kind",
    "relation",
)
# What a hop's fields are called in messages (the service's keys, after "hops[I].").
FIELD_LABELS = {
    "source": "Source",
    "source.name": "Source",
    "source.kind": "Kind",
    "source.descriptor": "Descriptor",
    "source.anonymous_count": "Number of people",
    "source.anonymity_reason": "Why anonymous",
    "source.affiliation": "Affiliation",
    "document": "Document",
    "document.url": "Document URL",
    "document.title": "Document title",
    "document.publisher": "Publisher",
    "quote": "Quote",
    "quote_kind": "Quote kind",
    "relation": "Relation to the next hop",
    "evidence": "Evidence",
}
LOOKUP_LIMIT = 12
_HOP_KEY = re.compile(r"^hops\[(\d+)\](?:\.(.+))?$")


@dataclass
class HopRow:
    """One hop as typed in the form, with the errors that belong to it."""

    number: int  # 1-based, as the editor reads it
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)

    def __getitem__(self, name: str) -> str:
        # Templates try `row[name]` before `row.name`: only the form's fields answer here.
        if name not in HOP_FIELDS:
            raise KeyError(name)
        return self.values.get(name, "")

    @property
    def anonymous(self) -> bool:
        return self["source_kind"] == SourceKind.ANONYMOUS


@dataclass
class ChainForm:
    """The page's form: the claim and its hops, read from POST or made empty."""

    claim_text: str = ""
    context: str = ""
    publish: bool = False
    rows: list[HopRow] = field(default_factory=list)
    claim_errors: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    duplicate_links: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def empty(cls, hops: int = 2) -> ChainForm:
        rows = [
            HopRow(number=i + 1, values={"source_kind": SourceKind.OUTLET, "relation": "cites"})
            for i in range(hops)
        ]
        return cls(rows=rows)

    @classmethod
    def from_post(cls, data) -> ChainForm:
        """Rows in the order posted; rows left entirely blank are dropped (an empty last hop)."""
        indexes = sorted({int(m.group(1)) for key in data if (m := re.match(r"^hop-(\d+)-", key))})[
            : MAX_HOPS + 1
        ]
        rows = []
        for index in indexes:
            values = {name: data.get(f"hop-{index}-{name}", "").strip() for name in HOP_FIELDS}
            typed = (
                "source_name",
                "descriptor",
                "document_url",
                "document_title",
                "quote",
            )
            if any(values[name] for name in typed):
                rows.append(HopRow(number=len(rows) + 1, values=values))
        return cls(
            claim_text=data.get("claim_text", "").strip(),
            context=data.get("context", "").strip(),
            publish=bool(data.get("publish")),
            rows=rows,
        )

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.claim_errors or any(row.errors for row in self.rows))

    def hops(self) -> list[Hop] | None:
        """The rows as `chain_record` hops; None (with errors noted) when a row cannot be read."""
        hops = []
        last = len(self.rows) - 1
        for index, row in enumerate(self.rows):
            count = None
            if row.anonymous and row["anonymous_count"]:
                try:
                    count = int(row["anonymous_count"])
                except ValueError:
                    row.errors.append("Number of people: give a whole number, such as 4.")
                    continue
            source = SourceSpec(
                name=row["source_name"],
                kind=row["source_kind"],
                descriptor=row["descriptor"] if row.anonymous else "",
                anonymous_count=count,
                anonymity_reason=row["anonymity_reason"] if row.anonymous else "",
            )
            document = None
            if row["document_url"] or row["document_title"]:
                # A document created here is the hop's own publication when the hop is an
                # outlet ("Caliber.Az's article"); otherwise its publisher stays unknown.
                document = DocumentSpec(
                    url=row["document_url"] or None,
                    title=row["document_title"],
                    publisher=source if source.kind == SourceKind.OUTLET else None,
                )
            hops.append(
                Hop(
                    source=source,
                    document=document,
                    quote=row["quote"],
                    quote_kind=row["quote_kind"],
                    relation=(row["relation"] or Relation.CITES) if index < last else None,
                )
            )
        return None if self.has_errors else hops

    def note(self, error: ValidationError) -> None:
        """Place the service's errors (keyed by path) on the claim, a hop, or the whole form."""
        existing = getattr(error, "existing", None)
        if hasattr(error, "error_dict"):
            items = error.message_dict.items()
        else:
            items = [(getattr(error, "field", None) or "", error.messages)]
        for key, found in items:
            match = _HOP_KEY.match(key or "")
            if match and int(match.group(1)) < len(self.rows):
                row = self.rows[int(match.group(1))]
                label = FIELD_LABELS.get(match.group(2) or "", "")
                row.errors.extend(f"{label}: {m}" if label else m for m in found)
            elif key.startswith("claim"):
                self.claim_errors.extend(found)
            else:
                self.errors.extend(found)
        if existing is not None and existing.pk is not None:
            meta = existing._meta
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[existing.pk])
            self.duplicate_links.append((str(existing), url))


def record_chain_urls(admin_site: AdminSite) -> list[URLPattern]:
    """The page's URLs, to add to the claim admin's `get_urls()`."""

    def page(request):
        return record_chain(request, admin_site=admin_site)

    return [
        path(
            "record-chain/",
            admin_site.admin_view(page),
            name="provenance_claim_record_chain",
        ),
        path(
            "record-chain/preview/",
            admin_site.admin_view(require_POST(record_chain_preview)),
            name="provenance_claim_record_chain_preview",
        ),
        path(
            "record-chain/lookup/",
            admin_site.admin_view(record_chain_lookup),
            name="provenance_claim_record_chain_lookup",
        ),
    ]


def _allowed(request: HttpRequest) -> None:
    if not request.user.has_perms(PERMISSIONS):
        raise PermissionDenied


def record_chain(request: HttpRequest, *, admin_site: AdminSite) -> HttpResponse:
    _allowed(request)
    claim = None
    claim_id = request.POST.get("claim") or request.GET.get("claim")
    if claim_id:
        if not str(claim_id).isdigit():
            raise PermissionDenied
        claim = get_object_or_404(Claim, pk=claim_id)
    if request.method != "POST":
        return _page(request, admin_site, ChainForm.empty(), claim)
    form = ChainForm.from_post(request.POST)
    if claim is None and not form.claim_text:
        form.claim_errors.append("Write the claim's wording: the statement the chain carries.")
    if not form.rows:
        form.errors.append("Add at least one hop: the source that asserts the claim.")
    hops = form.hops()
    if hops is None or form.has_errors:
        return _page(request, admin_site, form, claim, status=400)
    try:
        with transaction.atomic():
            recorded = chain_record(
                claim=claim if claim is not None else form.claim_text,
                hops=hops,
                context=form.context,
                created_by=request.user,
                publish=form.publish,
            )
            # As when assertions are added on the claim page: an outlet's own report of a
            # claim that cites it joins the chain, and a new claim is matched.
            claim_links_refresh(claim_id=recorded.claim.pk, actor=request.user)
            if recorded.claim_created:
                claim_matches_find(claim_id=recorded.claim.pk, actor=request.user)
    except DuplicateRecord as error:
        form.note(error)
        return _page(request, admin_site, form, claim, status=409)
    except ValidationError as error:
        form.note(error)
        return _page(request, admin_site, form, claim, status=400)
    created = recorded.created.counts()
    made = (
        ", ".join(
            f"{n} {kind if n > 1 else kind.removesuffix('s')}" for kind, n in created.items() if n
        )
        or "nothing new"
    )
    kept = recorded.claim.duplicate_of or recorded.claim
    state = (
        "The claim is published."
        if kept.published_at is not None
        else "The claim is a draft: not public until an editor publishes it."
    )
    messages.success(
        request,
        f"Recorded the chain: {chain_sentence(recorded.assertions, hops)}. Created {made}. {state}",
    )
    return HttpResponseRedirect(reverse("admin:provenance_claim_change", args=[recorded.claim.pk]))


def chain_sentence(assertions, hops) -> str:
    """ "Caliber.Az cites Axios, which paraphrases four US officials"."""
    names = [assertion.source.name for assertion in assertions]
    if len(names) == 1:
        return f"{names[0]} asserts the claim"
    words = [names[0]]
    for index, name in enumerate(names[1:]):
        relation = Relation(hops[index].relation or Relation.CITES).label
        words.append(f" {relation} {name}" if index == 0 else f", which {relation} {name}")
    return "".join(words)


def _page(request, admin_site, form: ChainForm, claim, *, status: int = 200) -> HttpResponse:
    context = {
        **admin_site.each_context(request),
        "title": "Record a chain",
        "subtitle": str(claim) if claim else None,
        "opts": Claim._meta,
        "form": form,
        "claim": claim,
        "source_kinds": SourceKind.choices,
        "quote_kinds": QuoteKind.choices,
        "relations": [(v, label) for v, label in Relation.choices if v != Relation.REUSES],
        "max_hops": MAX_HOPS,
        "can_publish": request.user.has_perm(PUBLISH_PERMISSION),
        "preview": chain_preview(form, claim) if form.rows else None,
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)


def record_chain_preview(request: HttpRequest) -> HttpResponse:
    """The drawing and the analysis of the chain as typed so far (an HTML fragment)."""
    _allowed(request)
    form = ChainForm.from_post(request.POST)
    claim_id = request.POST.get("claim", "")
    claim = Claim.objects.filter(pk=claim_id).first() if claim_id.isdigit() else None
    return HttpResponse(chain_preview(form, claim))


def chain_preview(form: ChainForm, claim: Claim | None) -> str:
    graph = preview_graph(form)
    if not graph.nodes:
        return render_to_string("admin/provenance/claim/record_chain_preview.html", {})
    analysis = analyze(graph)
    return render_to_string(
        "admin/provenance/claim/record_chain_preview.html",
        {
            "drawing": draw(graph, analysis, id_prefix="chain-preview"),
            "analysis": analysis,
            "known": _known_names(form),
        },
    )


def preview_graph(form: ChainForm) -> ProvenanceGraph:
    """The typed hops as a graph: a hop that repeats an earlier one (the same source in the
    same document) is the same node, as `chain_record` would reuse its assertion, so a loop
    shows as a loop before anything is saved."""
    known = {key: found[0] for key, found in sources_by_names(names=_names(form)).items() if found}
    node_ids: dict[tuple, int] = {}
    nodes: list[Node] = []
    order: list[int | None] = []
    for row in form.rows:
        name = row["source_name"]
        if not normalize_name(name):
            order.append(None)
            continue
        document_key = row["document_url"] or row["document_title"] or None
        key = (normalize_name(name), row["source_kind"], document_key)
        if key not in node_ids:
            node_ids[key] = len(nodes) + 1
            existing = known.get(normalize_name(name))
            count = row["anonymous_count"]
            source = SourceRef(
                id=existing.pk if existing else -len(nodes) - 1,
                name=existing.name if existing else name,
                kind=row["source_kind"] or SourceKind.OUTLET,
                descriptor=row["descriptor"],
                anonymous_count=int(count) if count.isdigit() else None,
            )
            document = (
                DocumentRef(id=-len(nodes) - 1, title=row["document_title"] or document_key)
                if document_key
                else None
            )
            nodes.append(
                Node(
                    id=node_ids[key],
                    claim_id=0,
                    source=source,
                    document=document,
                    quote=row["quote"],
                    quote_kind=row["quote_kind"],
                    distance=len(nodes),
                )
            )
        order.append(node_ids[key])
    edges: list[Edge] = []
    seen = set()
    for index, (citing, cited) in enumerate(zip(order, order[1:], strict=False)):
        if citing is None or cited is None or citing == cited or (citing, cited) in seen:
            continue
        seen.add((citing, cited))
        relation = form.rows[index]["relation"] or Relation.CITES
        edges.append(
            Edge(
                id=len(edges) + 1,
                citing=citing,
                cited=cited,
                relation=relation,
                fidelity="unchecked",
            )
        )
    return ProvenanceGraph(claim_id=0, nodes=tuple(nodes), edges=tuple(edges))


def _names(form: ChainForm) -> list[str]:
    return [row["source_name"] for row in form.rows if row["source_name"]]


def _known_names(form: ChainForm) -> list[tuple[str, bool]]:
    """Each hop's source and whether it is already recorded (else it will be created)."""
    known = sources_by_names(names=_names(form))
    listed: dict[tuple[str, str], tuple[str, bool]] = {}
    for row in form.rows:
        name, kind = row["source_name"], row["source_kind"]
        key = (normalize_name(name), kind)
        if name and key not in listed:
            found = known.get(key[0], [])
            listed[key] = (name, any(source.kind == kind for source in found))
    return list(listed.values())


def record_chain_lookup(request: HttpRequest) -> JsonResponse:
    """Sources whose name or alias contains `q`, and documents whose URL or title does."""
    _allowed(request)
    query = request.GET.get("q", "").strip()[:200]
    what = request.GET.get("what", "source")
    if len(query) < 2:
        return JsonResponse({"results": []})
    if what == "document":
        documents = (
            Document.objects.filter(Q(url__icontains=query) | Q(title__icontains=query))
            .exclude(url=None)
            .order_by("title", "id")[:LOOKUP_LIMIT]
        )
        return JsonResponse({"results": [{"url": d.url, "title": d.title} for d in documents]})
    key = normalize_name(query)
    alias_of = SourceAlias.objects.filter(normalized_name__contains=key).values("source_id")
    sources = (
        Source.objects.filter(Q(normalized_name__contains=key) | Q(pk__in=alias_of))
        .prefetch_related("aliases")
        .order_by("name", "id")[:LOOKUP_LIMIT]
    )
    return JsonResponse(
        {
            "results": [
                {
                    "name": s.name,
                    "kind": s.kind,
                    "kind_label": SourceKind(s.kind).label,
                    "aliases": [a.name for a in s.aliases.all()],
                    "descriptor": s.descriptor,
                    "anonymous_count": s.anonymous_count,
                }
                for s in sources
            ]
        }
    )
