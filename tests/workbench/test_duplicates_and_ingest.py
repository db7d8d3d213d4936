"""Duplicates are refused with a link to the record that exists, a pasted copy of an ingested
article is recognised before anything is written, and the ingest preview draws and analyses
each chain, turns "Ingest" off for a duplicate and links every claim it created."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from provenance import services
from provenance.models import Claim, Document, Source
from provenance.services.validation import DuplicateRecord
from tests.factories import DocumentFactory, SourceFactory
from tests.ingest.test_ingestion_service import FOUNDING

pytestmark = pytest.mark.django_db

INGEST = reverse("admin:provenance_document_ingest")
TEXT = " ".join(f"Paragraph {n} of the harbour levy story, with its own words." for n in range(40))


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def source_add(client, **fields):
    data = {"name": "", "kind": "outlet", "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0}
    return client.post(reverse("admin:provenance_source_add"), {**data, **fields})


def test_a_second_anonymous_source_with_the_same_name_is_refused_with_a_link(as_editor):
    first = services.source_create(
        name="two shipping executives", kind="anonymous", descriptor="shipping executives"
    )
    response = source_add(
        as_editor, name="Two  Shipping Executives", kind="anonymous", descriptor="executives"
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["name"]
    url = reverse("admin:provenance_source_change", args=[first.pk])
    assert f'Already recorded: <a href="{url}">two shipping executives</a>' in errors[0]
    assert Source.objects.count() == 1


def test_a_source_named_by_anothers_alias_is_refused_with_a_link(as_editor):
    axios = services.source_create(name="Axios", kind="outlet", aliases=["Axios Media"])
    response = source_add(as_editor, name="axios media", kind="outlet")
    url = reverse("admin:provenance_source_change", args=[axios.pk])
    assert f'<a href="{url}">Axios</a>' in response.context["adminform"].form.errors["name"][0]


def test_the_same_name_of_another_kind_is_a_different_source(as_editor):
    SourceFactory(name="Mercury", kind="outlet")
    assert source_add(as_editor, name="Mercury", kind="organization").status_code == 302


def document_add(client, **fields):
    data = {"title": "", "url": "", "status": "published", "status_note": "", "text": ""}
    # The archive links inline (issue 17) posts its empty formset.
    data |= {"archive_links-TOTAL_FORMS": "0", "archive_links-INITIAL_FORMS": "0"}
    return client.post(reverse("admin:provenance_document_add"), {**data, **fields})


def test_a_document_at_a_recorded_address_is_refused_with_a_link(as_editor):
    first = DocumentFactory(url="https://harbor.example/levy", title="Levy")
    response = document_add(as_editor, title="Levy again", url="https://harbor.example/levy")
    errors = response.context["adminform"].form.errors
    url = reverse("admin:provenance_document_change", args=[first.pk])
    assert errors["url"] == [f'Already recorded with the same address: <a href="{url}">“Levy”</a>.']
    assert Document.objects.count() == 1


def test_the_same_article_by_title_publisher_and_text_is_refused_with_a_link(as_editor):
    gazette = SourceFactory(name="Harbor Gazette")
    first = DocumentFactory(title="Port levy", publisher=gazette, url=None, text=TEXT)
    response = document_add(
        as_editor, title="port levy", publisher=gazette.pk, text=TEXT.replace("  ", " ") + " End."
    )
    errors = response.context["adminform"].form.errors
    url = reverse("admin:provenance_document_change", args=[first.pk])
    assert errors["text"] == [
        f'Already recorded with the same title, publisher and text: <a href="{url}">“Port '
        "levy”</a>."
    ]
    # Another article under the same title is welcome.
    other = " ".join(f"Line {n} about something else entirely today." for n in range(40))
    assert (
        document_add(as_editor, title="Port levy", publisher=gazette.pk, text=other).status_code
        == 302
    )


def test_a_pasted_copy_of_an_ingested_article_is_recognised_before_writing(as_editor, articles):
    html = (articles / FOUNDING).read_text()
    first = as_editor.post(INGEST, {"file": SimpleUploadedFile("a.html", html.encode())})
    as_editor.post(
        INGEST, {"pending": first.context["pending"], "_confirm": "1", "as_extracted": "1"}
    )
    counts = (Document.objects.count(), Claim.objects.count())
    assert counts[0] == 1

    # Pasted: other bytes (an editor's copy adds whitespace), so another SHA-256.
    pasted = as_editor.post(INGEST, {"text": html.replace("</p>", "</p>\n\n")})

    preview = pasted.context["preview"]
    assert (preview.already_ingested, preview.matched_by) == (True, "text")
    assert "(same title, publisher and text)" in pasted.text
    assert 'value="Ingest" class="default" disabled' in pasted.text
    assert (Document.objects.count(), Claim.objects.count()) == counts


def test_the_preview_draws_each_chain_and_confirming_links_every_claim(as_editor, articles):
    preview = as_editor.post(
        INGEST, {"file": SimpleUploadedFile("a.html", (articles / FOUNDING).read_bytes())}
    )
    chains = preview.context["chains"]
    assert len(chains) == len(preview.context["preview"].plan.claims) >= 2
    assert preview.text.count(
        '<svg xmlns="http://www.w3.org/2000/svg" class="provenance-drawing"'
    ) == len(chains)
    assert chains[0]["analysis"].summary.startswith("1 independent origin (anonymous: four US")

    done = as_editor.post(
        INGEST,
        {"pending": preview.context["pending"], "_confirm": "1", "as_extracted": "1"},
        follow=True,
    )
    message = str(list(done.context["messages"])[0])
    for claim in Claim.objects.all():
        assert f'<a href="{reverse("admin:provenance_claim_change", args=[claim.pk])}">' in message


SHIPPING_DUPLICATE = (
    "Already recorded: two shipping executives (Anonymous source). Use it, or merge the two; "
    "if these are different people, give a name that tells them apart."
)


def test_the_service_refuses_a_second_anonymous_source_of_the_same_name():
    existing = services.source_create(
        name="two shipping executives", kind="anonymous", descriptor="shipping executives"
    )
    with pytest.raises(DuplicateRecord) as refused:
        services.source_create(name="Two  Shipping Executives", kind="anonymous")
    assert refused.value.existing == existing
    assert Source.objects.count() == 1
    # Renaming another anonymous source to that name is the same duplicate.
    other = services.source_create(name="a port official", kind="anonymous")
    with pytest.raises(DuplicateRecord) as renamed:
        services.source_update(source=other, name="two shipping executives")
    assert renamed.value.existing == existing


def test_the_api_answers_409_with_the_existing_anonymous_source(editor_api):
    existing = SourceFactory(name="two shipping executives", kind="anonymous")
    response = editor_api.post(
        "/api/sources/", {"name": "Two shipping executives", "kind": "anonymous"}, format="json"
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": f"name: {SHIPPING_DUPLICATE}",
        "code": "duplicate",
        "errors": {"name": [SHIPPING_DUPLICATE]},
        "existing": {"id": existing.pk, "url": f"http://testserver/api/v1/sources/{existing.pk}/"},
    }
    assert Source.objects.count() == 1


def test_a_chain_naming_it_again_with_other_people_is_a_409_too(editor_api):
    existing = SourceFactory(
        name="two shipping executives", kind="anonymous", descriptor="shipping executives"
    )
    hops = [
        {"source": {"name": "Quay Courier", "kind": "outlet"}, "relation": "cites"},
        {
            "source": {
                "name": "Two shipping executives",
                "kind": "anonymous",
                "descriptor": "executives of a rival line",
            }
        },
    ]
    response = editor_api.post(
        "/api/chains/", {"claim": {"text": "Freight rates fall."}, "hops": hops}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["errors"] == {"hops[1].source.name": [SHIPPING_DUPLICATE]}
    assert body["existing"]["id"] == existing.pk
    assert not Claim.objects.exists()
