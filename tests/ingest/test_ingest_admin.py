"""The admin's "Ingest article" page: upload, paste or fetch; preview, correct; confirm."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from provenance import services
from provenance.admin.ingest import SESSION_KEY
from provenance.models import Claim, Document, Source
from tests.factories import SourceFactory, UserFactory
from tests.ingest.conftest import page
from tests.ingest.test_ingestion_service import FOUNDING, chain_of, rows

pytestmark = pytest.mark.django_db

URL = "/admin/provenance/document/ingest/"


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def founding(articles) -> bytes:
    return (articles / FOUNDING).read_bytes()


def upload(client, content: bytes, name: str = "article.html", **fields):
    return client.post(URL, {"file": SimpleUploadedFile(name, content), **fields})


def form_data(response, **changes) -> dict:
    """What the preview form posts back untouched, with `changes` applied (None deletes)."""
    context = response.context
    data = {"pending": context["pending"]}
    forms = [context["document_form"]]
    for section in context["sections"]:
        formset = section["formset"]
        management = formset.management_form
        data.update(
            {management[name].html_name: management[name].value() for name in management.fields}
        )
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if field.name == "DELETE" or value is None:
                continue
            data[field.html_name] = value
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# -- who may use it, and where it is linked from ---------------------------------------------------


def test_editors_see_the_page_and_its_links(as_editor):
    assert as_editor.get(URL).status_code == 200
    assert reverse("admin:provenance_document_ingest") == URL
    for page_url in (reverse("admin:index"), reverse("admin:provenance_document_changelist")):
        assert f'href="{URL}"' in as_editor.get(page_url).content.decode()


def test_it_needs_both_permissions(client):
    user = UserFactory()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_document", "add_document"])
    )
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert f'href="{URL}"' not in client.get(reverse("admin:index")).content.decode()
    changelist = client.get(reverse("admin:provenance_document_changelist"))
    assert (changelist.status_code, f'href="{URL}"' in changelist.content.decode()) == (200, False)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert (response.status_code, response["Location"]) == (
        302,
        f"/admin/login/?next={URL}",
    )


# -- step 1 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Upload a file, paste the text, or give the article&#x27;s URL."),
        ({"text": "x", "file": SimpleUploadedFile("a.txt", b"x")},
         "Upload a file or paste the text, not both."),
    ],
)  # fmt: skip
def test_step_one_says_what_is_missing(as_editor, fields, message):
    response = as_editor.post(URL, fields)
    assert response.status_code == 200
    assert f'<ul class="errorlist nonfield"><li>{message}</li></ul>' in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "The content is empty."),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00",
         "The content is a PNG image, not an HTML or text article."),
        ("huge.html", b"<p>" + b"a" * (20 * 1024 * 1024) + b"</p>",
         "The file is 20,971,527 bytes; the limit is 10,485,760 bytes."),
    ],
)  # fmt: skip
def test_unreadable_files_are_refused_on_the_form(as_editor, name, content, message):
    response = upload(as_editor, content, name)
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert rows() == dict.fromkeys(rows(), 0)


# -- step 2: the preview ---------------------------------------------------------------------------


def test_the_preview_shows_the_chain_and_writes_nothing(as_editor, founding):
    axios = SourceFactory(name="Axios")
    white_house = SourceFactory(name="Executive Office")  # another kind, and another name:
    services.source_alias_add(source=white_house, name="White House")
    response = upload(as_editor, founding)
    assert response.status_code == 200
    text = text_of(response)
    assert (
        "Confirming will create 1 document, 4 claims, 11 assertions, 7 citations, 6 new sources"
        in text
    )
    assert (
        "Also named: Khagan Isayev (author, person): new; US (affiliation, organization): new; "
        f"White House (affiliation, organization): existing #{white_house.pk} “Executive Office” "
        "(outlet)." in text
    )
    document = response.context["document_form"]
    assert (
        document["publisher"].value(),
        document["title"].value(),
        document["authors"].value(),
    ) == (
        "Caliber.Az",
        "Axios: US losing trust in Israel amid uncoordinated military actions",
        "Khagan Isayev",
    )
    sources = response.context["sections"][0]["rows"]
    assert [(row["form"]["name"].value(), row["form"]["kind"].value()) for row in sources[:3]] == [
        ("Caliber.Az", "outlet"),
        ("Axios", "outlet"),
        ("four US officials", "anonymous"),
    ]
    assert [str(row["resolution"]) for row in sources[:2]] == [
        "new",
        f'existing <a href="/admin/provenance/source/{axios.pk}/change/">#{axios.pk}</a>',
    ]
    claims = response.context["sections"][1]["formset"]
    assert claims.forms[0]["chain"].value() == "Caliber.Az → Axios → four US officials"
    citations = response.context["sections"][2]["formset"]
    assert [
        (f["source"].value(), f["target"].value(), f["relation"].value())
        for f in citations.forms[:2]
    ] == [
        ("Axios", "four US officials", "paraphrases"),
        ("Caliber.Az", "Axios", "cites"),
    ]
    quotes = response.context["sections"][3]["formset"]
    assert [(f["speaker"].value(), f["text"].value()) for f in quotes.forms[:2]] == [
        ("a US official", "Our trust of the Israelis is very low right now and for a good reason"),
        ("Jake Sullivan", "clarity and transparency"),
    ]
    assert rows()["Document"] == 0
    assert list(as_editor.session[SESSION_KEY]) == [response.context["pending"]]


def test_the_preview_shows_confidences_for_editors_to_check_first(as_editor, founding):
    response = upload(as_editor, founding)
    sources = response.context["sections"][0]["formset"]
    quotes = response.context["sections"][3]["formset"]
    assert [f["confidence"].value() for f in sources.forms[:3]] == [1.0, 0.8, 0.8]
    assert [f["confidence"].value() for f in quotes.forms[:2]] == [0.9, 0.9]
    html = response.content.decode()
    assert 'name="quotes-0-confidence" value="0.9"' in html
    assert "quotes-0-confidence" in html and "disabled" in html
    assert "Confidence" in text_of(response)


def test_confirming_writes_and_shows_the_chain_in_the_claim_page(as_editor, editor, founding):
    preview = upload(as_editor, founding)
    response = as_editor.post(URL, form_data(preview, _confirm="Ingest"))
    claim = Claim.objects.order_by("id").first()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("admin:provenance_claim_change", args=[claim.pk]),
    )
    assert claim.created_by == editor
    assert Document.objects.get().created_by == editor
    claim_page = as_editor.get(response["Location"])
    (message,) = [str(m) for m in claim_page.context["messages"]]
    # Every created claim is linked (issue 14), not only the first.
    assert message.startswith(
        "Ingested: 1 document, 4 claims, 11 assertions, 7 citations, 8 new sources. Draft "
        "claims (not public until an editor publishes them): "
        f'<a href="{response["Location"]}">'
    )
    assert message.count('<a href="/admin/provenance/claim/') == 4
    assert (
        '<span class="provenance-chain-text">Caliber.Az → Axios → four US officials (anonymous)'
        "</span>" in claim_page.content.decode()
    )
    assert SESSION_KEY not in as_editor.session or not as_editor.session[SESSION_KEY]


def test_an_editor_may_publish_the_claims_as_they_are_ingested(as_editor, editor, founding):
    preview = upload(as_editor, founding)
    assert 'name="publish"' in preview.content.decode()
    response = as_editor.post(URL, form_data(preview, publish="1", _confirm="Ingest"))
    assert response.status_code == 302
    claims = Claim.objects.all()
    assert claims.count() == 4
    assert all(claim.published_at and claim.published_by == editor for claim in claims)
    (message,) = [str(m) for m in as_editor.get(response["Location"]).context["messages"]]
    assert "Published claims: " in message


def test_claims_stay_drafts_unless_the_box_is_ticked(as_editor, founding):
    preview = upload(as_editor, founding)
    as_editor.post(URL, form_data(preview, _confirm="Ingest"))
    assert set(Claim.objects.values_list("published_at", flat=True)) == {None}


def test_the_box_is_kept_when_checking_again(as_editor, founding):
    preview = upload(as_editor, founding)
    again = as_editor.post(URL, form_data(preview, publish="1", _check="Check again"))
    assert re.search(r'name="publish" value="1" checked', again.content.decode())


def test_publishing_on_ingest_needs_the_permission_to_publish(client, founding):
    user = UserFactory()
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_document", "add_document", "view_claim", "add_claim"]
        )
    )
    client.force_login(user)
    preview = upload(client, founding)
    assert preview.status_code == 200
    assert 'name="publish"' not in preview.content.decode()
    forged = client.post(URL, form_data(preview, publish="1", _confirm="Ingest"))
    assert forged.status_code == 403
    assert (Claim.objects.count(), Document.objects.count()) == (0, 0)


def test_a_long_article_confirmed_as_extracted_may_be_published(as_editor, founding, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    preview = upload(as_editor, founding)
    assert 'name="publish"' in preview.content.decode()
    as_editor.post(
        URL,
        {
            "pending": preview.context["pending"],
            "as_extracted": "1",
            "publish": "1",
            "_confirm": "Ingest",
        },
    )
    assert Claim.objects.filter(published_at__isnull=False).count() == 4


def test_corrections_are_what_gets_written(as_editor, founding):
    preview = upload(as_editor, founding)
    changes = {
        "document-title": "US trust in Israel",
        "claims-0-text": "US officials distrust Israeli plans.",
        "sources-2-name": "four senior US officials",
        "claims-0-chain": "Caliber.Az -> Axios -> four senior US officials",
        "citations-0-target": "four senior US officials",
    }
    total = int(preview.context["sections"][1]["formset"].management_form["TOTAL_FORMS"].value())
    deletions = {f"claims-{n}-DELETE": "on" for n in range(1, total - 1)}
    deletions |= {f"quotes-{n}-DELETE": "on" for n in range(2)}
    data = form_data(preview, **changes, **deletions, _confirm="Ingest")
    response = as_editor.post(URL, data)
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.text == "US officials distrust Israeli plans."
    assert chain_of(claim) == [
        ("Axios", "four senior US officials", "paraphrases"),
        ("Caliber.Az", "Axios", "cites"),
    ]
    assert Document.objects.get().title == "US trust in Israel"
    assert not Source.objects.filter(name="four US officials").exists()


def test_a_new_row_adds_a_source_and_a_claim(as_editor, founding):
    preview = upload(as_editor, founding)
    sections = {s["part"]: s["formset"] for s in preview.context["sections"]}
    new_source = len(sections["sources"].forms) - 1
    new_claim = len(sections["claims"].forms) - 1
    data = form_data(
        preview,
        **{
            f"sources-{new_source}-name": "Reuters",
            f"sources-{new_source}-kind": "outlet",
            f"claims-{new_claim}-text": "Reuters confirmed the talks.",
            f"claims-{new_claim}-chain": "Caliber.Az → Reuters",
            f"claims-{new_claim}-relation": "cites",
        },
        _confirm="Ingest",
    )
    assert as_editor.post(URL, data).status_code == 302
    assert chain_of(Claim.objects.get(text="Reuters confirmed the talks.")) == [
        ("Caliber.Az", "Reuters", "cites")
    ]
    assert Claim.objects.count() == 5


def test_errors_are_shown_beside_their_fields_and_nothing_is_written(as_editor, founding):
    preview = upload(as_editor, founding)
    data = form_data(
        preview,
        **{"citations-1-target": "Reuters", "sources-1-kind": "", "document-published_at": "soon"},
        _confirm="Ingest",
    )
    response = as_editor.post(URL, data)
    assert response.status_code == 200
    sections = {s["part"]: s["formset"] for s in response.context["sections"]}
    assert sections["citations"].forms[1].errors == {
        "target": ['"Reuters" is not one of the sources.']
    }
    assert sections["sources"].forms[1].errors == {"kind": ["This field cannot be empty."]}
    assert response.context["document_form"].errors == {
        "published_at": ["Not an ISO 8601 date, or date and time."]
    }
    assert "Please correct the errors below." in response.content.decode()
    assert rows() == dict.fromkeys(rows(), 0)
    # The article is still held: fixing the row is enough.
    fixed = form_data(
        response,
        **{"citations-1-target": "Axios", "sources-1-kind": "outlet", "document-published_at": ""},
        _confirm="Ingest",
    )
    assert as_editor.post(URL, fixed).status_code == 302
    assert Document.objects.count() == 1


def test_checking_again_shows_the_corrected_resolution(as_editor, founding):
    caliber = SourceFactory(name="Caliber Azerbaijan")
    preview = upload(as_editor, founding)
    data = form_data(
        preview,
        **{"sources-0-name": "Caliber Azerbaijan", "document-publisher": "Caliber Azerbaijan"},
        _check="Check again",
    )
    data = {
        k: v.replace("Caliber.Az", "Caliber Azerbaijan") if k.endswith(("chain", "source")) else v
        for k, v in data.items()
    }
    response = as_editor.post(URL, data)
    assert response.status_code == 200
    assert response.context["errors"] == ()
    first = response.context["sections"][0]["rows"][0]
    assert str(first["resolution"]).startswith(
        f'existing <a href="/admin/provenance/source/{caliber.pk}/change/">'
    )
    assert "7 new sources" in text_of(response)
    assert rows()["Document"] == 0


def test_a_forged_or_forgotten_article_is_not_trusted(as_editor, founding):
    preview = upload(as_editor, founding)
    for pending in ("0" * 64, "../../etc/passwd", ""):
        response = as_editor.post(URL, form_data(preview, pending=pending, _confirm="Ingest"))
        assert response.context["errors"] == [
            "The article is no longer held (the session ended, or several others were previewed "
            "since): please give it again."
        ]
    assert rows()["Document"] == 0


def test_only_the_last_few_articles_are_held(as_editor):
    shas = [upload(as_editor, page(f"Story {n}.").encode()).context["pending"] for n in range(5)]
    assert list(as_editor.session[SESSION_KEY]) == shas[2:]


# -- other ways in, odd input ----------------------------------------------------------------------


def test_pasted_text(as_editor, articles):
    text = (articles / "mayor-loop.txt").read_text()
    preview = as_editor.post(URL, {"text": text, "url": "https://valley.example/mayor"})
    assert preview.context["preview"].url == "https://valley.example/mayor"
    response = as_editor.post(URL, form_data(preview, _confirm="Ingest"))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.url, document.snapshot_type) == (
        "https://valley.example/mayor",
        "text/plain; charset=utf-8",
    )
    claim = Claim.objects.get(text="Mayor Anton Reyes will step down in April.")
    assert chain_of(claim) == [
        ("Eastside Daily", "Valley Courier", "cites"),
        ("Valley Courier", "Eastside Daily", "cites"),
    ]


def test_a_url_is_fetched(as_editor, article_server, fetch_local):
    preview = as_editor.post(URL, {"url": f"{article_server}/caliber"})
    assert preview.context["preview"].extraction.publisher == "Caliber.Az"
    assert as_editor.post(URL, form_data(preview, _confirm="Ingest")).status_code == 302
    assert Document.objects.get().url == f"{article_server}/caliber"


def test_a_refused_fetch_is_an_error_on_the_url(as_editor, article_server, settings):
    settings.PROVENANCE_FETCH_ALLOW_PRIVATE = False
    response = as_editor.post(URL, {"url": f"{article_server}/caliber"})
    assert response.context["form"].errors == {
        "url": [
            "The host 127.0.0.1 resolves to 127.0.0.1, a private or reserved address, which is "
            "not fetched."
        ]
    }


def test_an_article_already_ingested(as_editor, founding):
    first = upload(as_editor, founding)
    as_editor.post(URL, form_data(first, _confirm="Ingest"))
    document = Document.objects.get()
    again = upload(as_editor, founding)
    assert f"Already ingested as document #{document.pk}" in text_of(again)
    before = rows()
    response = as_editor.post(URL, form_data(again, _confirm="Ingest"))
    assert response["Location"] == reverse("admin:provenance_document_change", args=[document.pk])
    shown = as_editor.get(response["Location"])
    assert [str(m) for m in shown.context["messages"]] == [
        f"Already ingested: “{document.title}” is document #{document.pk} (same content, by "
        "SHA-256); nothing was written."
    ]
    assert rows() == before


def test_odd_articles_never_fail_the_page(as_editor):
    nested = (
        '<meta property="og:site_name" content="Daily Planet">'
        + "<div>" * 100_000
        + "The fund grew, Reuters reported."
        + "</div>" * 100_000
    )
    articles = [
        page("Le ministère a confirmé la hausse.").encode("cp1252"),
        page("\u201cIt will close, she said. " * 40, "It reopens in May, Reuters said.").encode(),
        page("The weather was fine.", "The harbour stayed open all week.").encode(),
        nested.encode(),
    ]
    started = time.process_time()  # CPU time: a loaded machine does not count
    for article in articles:
        preview = upload(as_editor, article)
        assert preview.status_code == 200
        assert as_editor.post(URL, form_data(preview, _confirm="Ingest")).status_code == 302
    assert time.process_time() - started < 40
    assert Document.objects.count() == 4
    assert "Le ministère a confirmé la hausse." in Document.objects.values_list("text", flat=True)
    assert sorted(Claim.objects.values_list("text", flat=True)) == [
        "It reopens in May.",
        "The fund grew.",
    ]


def test_too_many_rows_to_correct_are_confirmed_as_extracted(as_editor, founding, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    preview = upload(as_editor, founding)
    assert preview.context["editable"] is False
    assert "This article has more rows than one page can correct" in text_of(preview)
    response = as_editor.post(
        URL, {"pending": preview.context["pending"], "as_extracted": "1", "_confirm": "Ingest"}
    )
    assert response.status_code == 302
    assert Claim.objects.count() == 4


@pytest.mark.parametrize("people", [1, 60])
def test_the_preview_page_takes_a_constant_number_of_queries(
    as_editor, people, django_assert_max_num_queries
):
    names = [f"{first} {last}" for first in FIRST for last in LAST][:people]
    for name in names[::2]:
        SourceFactory(name=name, kind="person")
    sentences = [f"The fund grew {n} percent, analyst {name} said." for n, name in enumerate(names)]
    # The session, the user and permissions, the document and sources (3), the same article
    # under another hash (1), the session saved.
    with django_assert_max_num_queries(11):
        response = upload(as_editor, page(*sentences).encode())
    assert len(response.context["sections"][1]["formset"].forms) == people + 1


FIRST = ("Anna", "Bert", "Carl", "Dora", "Emil", "Fay", "Gus", "Hana", "Ivo", "Jill")
LAST = ("Smith", "Jones", "Brown", "Olsen", "Berg", "Lind", "Moss", "Hart", "Wolf", "Kerr")
