"""Demo data: the founding chain and the chains of the project's own articles, entered by hand.

Loading is idempotent: every row is looked up before it is created, so a second run changes
nothing (no new rows, no new history). The documents' snapshots are the articles in
`fixtures/articles/` (written for the project, with fictional outlets; the founding chain is
retold there around its short quotes), so the demo needs nothing outside the repository.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from provenance import services
from provenance.fixtures import ARTICLES_DIR
from provenance.models import Assertion, Citation, Claim, Document, Source


@dataclass(frozen=True)
class SourceSpec:
    name: str
    kind: str
    affiliation: str | None = None
    descriptor: str = ""
    anonymous_count: int | None = None
    anonymity_reason: str = ""
    description: str = ""
    url: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    key: str
    title: str
    publisher: str
    authors: tuple[str, ...] = ()
    url: str | None = None
    published_at: datetime | None = None
    article: str | None = None  # a file in ARTICLES_DIR: the snapshot


@dataclass(frozen=True)
class AssertionSpec:
    source: str
    document: str | None = None
    quote: str = ""
    quote_kind: str = ""


@dataclass(frozen=True)
class ClaimSpec:
    text: str
    assertions: tuple[AssertionSpec, ...]
    # (citing source, cited source, relation, fidelity); names refer to this claim's assertions.
    citations: tuple[tuple[str, str, str, str], ...]
    context: str = ""
    # (verdict, rationale, evidence), oldest first.
    verdicts: tuple[tuple[str, str, str], ...] = field(default=())


SOURCES = (
    SourceSpec("US government", "organization"),
    SourceSpec("White House", "organization", affiliation="US government"),
    SourceSpec(
        "Caliber.Az", "outlet", description="Azerbaijani news site.", url="https://caliber.az/"
    ),
    SourceSpec("Axios", "outlet", description="US news site.", url="https://www.axios.com/"),
    SourceSpec("Khagan Isayev", "person", affiliation="Caliber.Az"),
    # The article does not say which part of the government the officials speak for.
    SourceSpec("four US officials", "anonymous", descriptor="US officials", anonymous_count=4),
    SourceSpec("a US official", "anonymous", descriptor="US official", anonymous_count=1),
    SourceSpec(
        "Jake Sullivan",
        "person",
        affiliation="White House",
        description="White House National Security Adviser.",
    ),
    SourceSpec("Northport Herald", "outlet"),
    SourceSpec("Harbor Gazette", "outlet"),
    SourceSpec("Jonas Brekke", "person", affiliation="Northport Herald"),
    SourceSpec("Lindmark Port Authority", "organization"),
    SourceSpec("internal memo", "document", affiliation="Lindmark Port Authority"),
    SourceSpec(
        "Elin Sørvik",
        "person",
        affiliation="Lindmark Port Authority",
        description="Port director.",
    ),
    SourceSpec(
        "two shipping executives",
        "anonymous",
        descriptor="shipping executives",
        anonymous_count=2,
        anonymity_reason="The talks are private.",
    ),
    SourceSpec("ministry of trade", "organization"),
    SourceSpec("Meridian News Agency", "outlet"),
    SourceSpec("Priya Natarajan", "person", affiliation="Meridian News Agency"),
    SourceSpec(
        "national trial registry", "document", url="https://registry.example/trials/CT-2291"
    ),
    SourceSpec("BioLetter", "outlet", url="https://bioletter.example/"),
    SourceSpec(
        "two people familiar with the study",
        "anonymous",
        descriptor="people familiar with the study",
        anonymous_count=2,
    ),
    SourceSpec("Corvane", "organization"),
    SourceSpec(
        "Tomasz Wierzbicki", "person", affiliation="Corvane", description="Chief medical officer."
    ),
    SourceSpec("Kestrel University", "organization"),
    SourceSpec(
        "Aiko Mori", "person", affiliation="Kestrel University", description="Independent expert."
    ),
    SourceSpec("exchange data", "document"),
    SourceSpec("Valley Courier", "outlet"),
    SourceSpec("Eastside Daily", "outlet"),
    SourceSpec("Dana Holt", "person", description="City council member."),
)

DOCUMENTS = (
    DocumentSpec(
        "caliber",
        "Axios: US losing trust in Israel amid uncoordinated military actions",
        publisher="Caliber.Az",
        authors=("Khagan Isayev",),
        published_at=datetime(2024, 10, 10, 8, 0, tzinfo=UTC),
        article="founding-chain.html",
    ),
    DocumentSpec("axios", "Axios report on US trust in Israel (cited, not retrieved)", "Axios"),
    DocumentSpec(
        "herald",
        "Harbor Gazette: Lindmark port eyes levy on steel that never leaves the ship",
        publisher="Northport Herald",
        authors=("Jonas Brekke",),
        article="harbor-levy.txt",
    ),
    DocumentSpec("gazette", "Harbor Gazette report on transshipment levy", "Harbor Gazette"),
    DocumentSpec(
        "meridian",
        "Nasal flu vaccine trial paused after three hospitalisations",
        publisher="Meridian News Agency",
        authors=("Priya Natarajan",),
        url="https://meridian.example/health/nasal-flu-trial-halted",
        published_at=datetime(2026, 2, 11, 9, 30, tzinfo=UTC),
        article="nasal-vaccine.html",
    ),
    DocumentSpec(
        "bioletter",
        "BioLetter: Corvane pauses nasal vaccine trial",
        publisher="BioLetter",
        url="https://bioletter.example/corvane-pause",
    ),
    DocumentSpec(
        "courier",
        "Valley Courier: Mayor expected to quit in April, reports say",
        publisher="Valley Courier",
        article="mayor-loop.txt",
    ),
    DocumentSpec("eastside", "Eastside Daily report on the mayor's resignation", "Eastside Daily"),
)

CLAIMS = (
    ClaimSpec(
        "The Biden administration has become increasingly distrustful of what the Israeli "
        "government says about its military and diplomatic plans.",
        assertions=(
            AssertionSpec(
                "Caliber.Az",
                "caliber",
                "The Biden administration has become increasingly distrustful of what the "
                "Israeli government says about its military and diplomatic plans in the "
                "multi-front war it is waging, four US officials said.",
                "summary",
            ),
            AssertionSpec("Axios", "axios"),
            AssertionSpec("four US officials"),
        ),
        citations=(
            ("Caliber.Az", "Axios", "cites", "unchecked"),
            ("Axios", "four US officials", "paraphrases", "unchecked"),
        ),
        context="Founding example: one claim, three hops, one anonymous origin.",
        verdicts=(
            (
                "unverifiable",
                "Four anonymous US officials, relayed by Axios and rewritten by Caliber.Az: no "
                "named source and no document stands behind the claim.",
                "Caliber.Az article; the Axios report it cites.",
            ),
        ),
    ),
    ClaimSpec(
        "US trust in what the Israeli government says is very low.",
        assertions=(
            AssertionSpec(
                "Caliber.Az",
                "caliber",
                "Our trust of the Israelis is very low right now and for a good reason",
                "direct",
            ),
            AssertionSpec("Axios", "axios"),
            AssertionSpec(
                "a US official",
                quote="Our trust of the Israelis is very low right now and for a good reason",
                quote_kind="direct",
            ),
        ),
        citations=(
            ("Caliber.Az", "Axios", "cites", "unchecked"),
            ("Axios", "a US official", "quotes", "unchecked"),
        ),
    ),
    ClaimSpec(
        "Jake Sullivan told Ron Dermer that the US expects clarity and transparency about "
        "Israel's plans to retaliate against Iran.",
        assertions=(
            AssertionSpec("Caliber.Az", "caliber", "clarity and transparency", "paraphrase"),
            AssertionSpec("Axios", "axios"),
            AssertionSpec("Jake Sullivan", quote="clarity and transparency", quote_kind="direct"),
        ),
        citations=(
            ("Caliber.Az", "Axios", "cites", "unchecked"),
            ("Axios", "Jake Sullivan", "paraphrases", "unchecked"),
        ),
    ),
    ClaimSpec(
        "The Lindmark Port Authority is considering a 12 percent levy on steel that passes "
        "through its terminals without being unloaded.",
        assertions=(
            AssertionSpec("Northport Herald", "herald"),
            AssertionSpec("Harbor Gazette", "gazette"),
            AssertionSpec("internal memo"),
        ),
        citations=(
            ("Northport Herald", "Harbor Gazette", "cites", "faithful"),
            ("Harbor Gazette", "internal memo", "cites", "unchecked"),
        ),
    ),
    ClaimSpec(
        "The transshipment levy plan had been discussed with the ministry of trade.",
        assertions=(
            AssertionSpec("Northport Herald", "herald"),
            AssertionSpec("Harbor Gazette", "gazette"),
            AssertionSpec("two shipping executives"),
        ),
        citations=(
            ("Northport Herald", "Harbor Gazette", "cites", "unchecked"),
            ("Harbor Gazette", "two shipping executives", "paraphrases", "unchecked"),
        ),
    ),
    ClaimSpec(
        "The ministry of trade has taken no decision on port charges.",
        assertions=(
            AssertionSpec("Northport Herald", "herald"),
            AssertionSpec("Harbor Gazette", "gazette"),
            AssertionSpec(
                "ministry of trade", quote="no decision has been taken", quote_kind="direct"
            ),
        ),
        citations=(
            ("Northport Herald", "Harbor Gazette", "cites", "unchecked"),
            ("Harbor Gazette", "ministry of trade", "quotes", "unchecked"),
        ),
    ),
    ClaimSpec(
        "The port authority is looking at every option to fund its dredging programme.",
        assertions=(
            AssertionSpec("Northport Herald", "herald"),
            AssertionSpec("Harbor Gazette", "gazette"),
            AssertionSpec(
                "Elin Sørvik",
                quote="We are looking at every option to fund the dredging programme",
                quote_kind="direct",
            ),
        ),
        citations=(
            ("Northport Herald", "Harbor Gazette", "cites", "unchecked"),
            ("Harbor Gazette", "Elin Sørvik", "quotes", "unchecked"),
        ),
    ),
    ClaimSpec(
        "A late-stage trial of Corvane's nasal influenza vaccine was paused after three "
        "participants were hospitalised.",
        assertions=(
            AssertionSpec("Meridian News Agency", "meridian"),
            AssertionSpec("national trial registry"),
            AssertionSpec("BioLetter", "bioletter"),
            AssertionSpec("two people familiar with the study"),
        ),
        citations=(
            ("Meridian News Agency", "national trial registry", "links_to", "faithful"),
            ("Meridian News Agency", "BioLetter", "cites", "faithful"),
            ("BioLetter", "two people familiar with the study", "paraphrases", "unchecked"),
        ),
        verdicts=(
            (
                "mostly_true",
                "The registry filing confirms the pause and the hospitalisations; the cause "
                "rests on two anonymous sources.",
                "https://registry.example/trials/CT-2291",
            ),
        ),
    ),
    ClaimSpec(
        "Corvane paused dosing as soon as the data monitoring committee asked it to.",
        assertions=(
            AssertionSpec("Meridian News Agency", "meridian"),
            AssertionSpec(
                "Tomasz Wierzbicki",
                quote="Patient safety comes first, and we paused dosing as soon as the data "
                "monitoring committee asked us to",
                quote_kind="direct",
            ),
        ),
        citations=(("Meridian News Agency", "Tomasz Wierzbicki", "quotes", "unchecked"),),
    ),
    ClaimSpec(
        "Pauses of this kind are not unusual in phase three trials.",
        assertions=(
            AssertionSpec("Meridian News Agency", "meridian"),
            AssertionSpec("Aiko Mori", quote="not unusual in phase three", quote_kind="direct"),
        ),
        citations=(("Meridian News Agency", "Aiko Mori", "quotes", "unchecked"),),
    ),
    ClaimSpec(
        "Corvane shares fell 8% in early trading after the trial was paused.",
        assertions=(
            AssertionSpec("Meridian News Agency", "meridian"),
            AssertionSpec("exchange data"),
        ),
        citations=(("Meridian News Agency", "exchange data", "cites", "faithful"),),
        verdicts=(
            (
                "true",
                "Exchange data for the morning of 11 February show an 8.1% fall.",
                "Exchange closing and opening prices, 10-11 February 2026.",
            ),
        ),
    ),
    ClaimSpec(
        "Mayor Anton Reyes will step down in April.",
        assertions=(
            AssertionSpec("Valley Courier", "courier"),
            AssertionSpec("Eastside Daily", "eastside"),
        ),
        citations=(
            ("Valley Courier", "Eastside Daily", "cites", "unchecked"),
            ("Eastside Daily", "Valley Courier", "cites", "unchecked"),
        ),
        context="Circular reporting: the two outlets cite each other.",
        verdicts=(
            (
                "unverifiable",
                "Each outlet cites the other; no origin outside the loop has been found.",
                "Valley Courier and Eastside Daily articles, both read in full.",
            ),
        ),
    ),
    ClaimSpec(
        "Rumours of the mayor's resignation have circulated for a year.",
        assertions=(
            AssertionSpec("Valley Courier", "courier"),
            AssertionSpec(
                "Dana Holt", quote="heard the same rumours for a year", quote_kind="direct"
            ),
        ),
        citations=(("Valley Courier", "Dana Holt", "quotes", "unchecked"),),
    ),
)

DEMO_USERS = {"editor": "editor-demo-password", "reviewer": "reviewer-demo-password"}


@dataclass
class DemoReport:
    created: dict[str, int] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)

    def count(self, what: str, created: bool) -> None:
        self.created[what] = self.created.get(what, 0) + int(created)


def _users(report: DemoReport, *, show_passwords: bool):
    User = get_user_model()
    users = {}
    for name, password in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=name, defaults={"is_staff": True, "email": f"{name}@provenance.example"}
        )
        if created:
            # Known passwords are only for a development machine; elsewhere, set them by hand.
            if show_passwords:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=name))
        if show_passwords:
            report.passwords[name] = password
        report.count("users", created)
        users[name] = user
    return users


def _sources(report: DemoReport) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for spec in SOURCES:
        source, created = services.source_get_or_create(
            name=spec.name,
            kind=spec.kind,
            affiliation=sources[spec.affiliation] if spec.affiliation else None,
            descriptor=spec.descriptor,
            anonymous_count=spec.anonymous_count,
            anonymity_reason=spec.anonymity_reason,
            description=spec.description,
            url=spec.url,
        )
        report.count("sources", created)
        sources[spec.name] = source
    return sources


def _documents(report: DemoReport, sources, user) -> dict[str, Document]:
    documents = {}
    for spec in DOCUMENTS:
        publisher = sources[spec.publisher]
        document = Document.objects.filter(title=spec.title, publisher=publisher).first()
        report.count("documents", document is None)
        if document is None:
            snapshot, snapshot_type = b"", ""
            if spec.article:
                snapshot = (ARTICLES_DIR / spec.article).read_bytes()
                snapshot_type = "text/html" if spec.article.endswith(".html") else "text/plain"
            document = services.document_create(
                title=spec.title,
                url=spec.url,
                publisher=publisher,
                authors=[sources[name] for name in spec.authors],
                published_at=spec.published_at,
                retrieved_at=datetime(2026, 11, 1, tzinfo=UTC) if snapshot else None,
                snapshot=snapshot,
                snapshot_type=snapshot_type,
                created_by=user,
            )
        documents[spec.key] = document
    return documents


def _claim(spec: ClaimSpec, report: DemoReport, sources, documents, users) -> None:
    editor, reviewer = users["editor"], users["reviewer"]
    claim = Claim.objects.filter(text=spec.text).first()
    report.count("claims", claim is None)
    if claim is None:
        # The demo shows what the public sees: its claims are published as they are recorded.
        claim = services.claim_create(
            text=spec.text, context=spec.context, created_by=editor, publish=True
        )
    elif claim.published_at is None:
        claim = services.claim_publish(claim=claim, actor=editor)
    assertions = {}
    for item in spec.assertions:
        document = documents[item.document] if item.document else None
        assertion = Assertion.objects.filter(
            claim=claim, source=sources[item.source], document=document
        ).first()
        report.count("assertions", assertion is None)
        if assertion is None:
            assertion = services.assertion_add(
                claim=claim,
                source=sources[item.source],
                document=document,
                quote=item.quote,
                quote_kind=item.quote_kind,
                selector_exact=item.quote if item.quote_kind == "direct" and document else "",
                created_by=editor,
            )
        assertions[item.source] = assertion
    for citing, cited, relation, fidelity in spec.citations:
        citation = Citation.objects.filter(
            citing=assertions[citing], cited=assertions[cited], relation=relation
        ).first()
        report.count("citations", citation is None)
        if citation is None:
            citation = services.citation_add(
                citing=assertions[citing],
                cited=assertions[cited],
                relation=relation,
                created_by=editor,
            )
            if fidelity != citation.fidelity:
                services.citation_check(
                    citation=citation,
                    fidelity=fidelity,
                    note="Checked against the source for the demo.",
                    checked_by=editor,
                )
    if spec.verdicts and not claim.reviews.exists():
        for verdict, rationale, evidence in spec.verdicts:
            services.review_record(
                claim=claim,
                verdict=verdict,
                rationale=rationale,
                evidence=evidence,
                reviewer=reviewer,
            )
            report.count("reviews", True)


@transaction.atomic
def demo_load(*, show_passwords: bool | None = None) -> DemoReport:
    """Load the demo data; rows that exist already are left alone."""
    show_passwords = settings.DEBUG if show_passwords is None else show_passwords
    report = DemoReport()
    users = _users(report, show_passwords=show_passwords)
    sources = _sources(report)
    documents = _documents(report, sources, users["editor"])
    for spec in CLAIMS:
        _claim(spec, report, sources, documents, users)
    return report
