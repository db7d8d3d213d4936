"""The forms of the "Ingest article" page: the article (step 1) and the corrections (step 2).

Step 2 holds one small formset per part of the extraction; `extraction_from_forms` turns them
back into the JSON shape the ingestion service checks, and `show_errors` puts the service's
messages ("claims[2].text") beside the field they are about.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from provenance.ingest import MAX_CONTENT_BYTES, RELATIONS, SOURCE_KINDS

CHAIN_SEPARATOR = " → "
_CHAIN_SPLIT = re.compile(r"\s*(?:→|->)\s*")
_ERROR_KEY = re.compile(r"^(?P<part>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<field>[a-z_]+))?")
_BLANK = [("", "—")]


def _text(**kwargs) -> forms.CharField:
    return forms.CharField(required=False, **kwargs)


def _area(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "cols": 40})


class ArticleForm(forms.Form):
    """Step 1: the article, as a file, pasted text, or a URL to fetch."""

    file = forms.FileField(
        required=False,
        allow_empty_file=True,  # the extraction says so, in the same words as everywhere else
        label="Upload a file",
        help_text="An HTML page or a text file.",
    )
    text = forms.CharField(
        required=False,
        strip=False,
        label="or paste the article",
        widget=forms.Textarea(attrs={"rows": 10, "cols": 80, "maxlength": MAX_CONTENT_BYTES}),
        help_text="HTML or plain text: title on the first line, then the paragraphs.",
    )
    url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        label="or its URL",
        help_text="Fetched when there is no file or text; otherwise the article's canonical "
        "address.",
    )

    def clean(self):
        data = super().clean()
        if data.get("file") and data.get("text"):
            raise ValidationError("Upload a file or paste the text, not both.")
        if not (data.get("file") or data.get("text") or data.get("url")):
            raise ValidationError("Upload a file, paste the text, or give the article's URL.")
        return data


class DocumentForm(forms.Form):
    publisher = _text(max_length=300, help_text="Who asserts the claims in this document.")
    title = _text(max_length=500, widget=forms.TextInput(attrs={"size": 80}))
    url = _text(label="canonical URL", max_length=2000, widget=forms.TextInput(attrs={"size": 80}))
    published_at = _text(label="published", help_text="ISO 8601: 2024-10-09 or 2024-10-09T14:00Z.")
    authors = _text(help_text="Comma-separated.", widget=forms.TextInput(attrs={"size": 60}))


class SourceForm(forms.Form):
    name = _text(max_length=300)
    kind = forms.ChoiceField(choices=_BLANK + [(k, k) for k in SOURCE_KINDS], required=False)
    role = _text()
    affiliation = _text(max_length=300)
    descriptor = _text(max_length=300)
    count = forms.IntegerField(required=False, min_value=1, max_value=32767)
    anonymity_reason = _text(widget=_area())
    url = _text(max_length=2000)
    seen_by = _text(widget=forms.HiddenInput)
    confidence = forms.FloatField(
        required=False, disabled=True, help_text="The extractor's confidence (0-1)."
    )


class CitationForm(forms.Form):
    source = _text(label="from", max_length=300)
    target = _text(label="to", max_length=300)
    relation = forms.ChoiceField(choices=_BLANK + [(r, r) for r in RELATIONS], required=False)
    evidence = _text(widget=_area(3))
    url = _text(widget=forms.HiddenInput)


class QuoteForm(forms.Form):
    speaker = _text(max_length=300)
    confidence = forms.FloatField(
        required=False, disabled=True, help_text="The extractor's confidence in the speaker (0-1)."
    )
    text = _text(widget=_area())
    evidence = _text(widget=forms.HiddenInput)


class ClaimForm(forms.Form):
    text = _text(widget=_area(3))
    chain = _text(help_text="Publisher → … → the source it is attributed to.", widget=_area(2))
    relation = forms.ChoiceField(choices=_BLANK + [(r, r) for r in RELATIONS], required=False)
    sentence = _text(widget=forms.HiddenInput)
    explicit = forms.BooleanField(required=False, initial=True, widget=forms.HiddenInput)


FORMSETS = {
    "sources": forms.formset_factory(SourceForm, extra=1, can_delete=True),
    "claims": forms.formset_factory(ClaimForm, extra=1, can_delete=True),
    "citations": forms.formset_factory(CitationForm, extra=1, can_delete=True),
    "quotes": forms.formset_factory(QuoteForm, extra=1, can_delete=True),
}
FIELDS_PER_ROW = {"sources": 10, "claims": 6, "citations": 6, "quotes": 4}


def forms_from_extraction(extraction: dict) -> tuple[DocumentForm, dict[str, forms.BaseFormSet]]:
    """Step 2's forms, filled with an extraction (`Extraction.as_dict()`)."""
    document = DocumentForm(
        initial={
            "publisher": extraction["publisher"],
            "title": extraction["title"],
            "url": extraction["url"],
            "published_at": extraction["published_at"],
            "authors": ", ".join(extraction["authors"]),
        },
        prefix="document",
    )
    initial = {
        "sources": extraction["sources"],
        "claims": [
            {**claim, "chain": CHAIN_SEPARATOR.join(name or "" for name in claim["chain"])}
            for claim in extraction["claims"]
        ],
        "citations": [
            {**citation, "source": citation["from"], "target": citation["to"]}
            for citation in extraction["citations"]
        ],
        "quotes": extraction["quotes"],
    }
    formsets = {part: FORMSETS[part](initial=initial[part], prefix=part) for part in FORMSETS}
    return document, formsets


def forms_from_post(data) -> tuple[DocumentForm, dict[str, forms.BaseFormSet]]:
    document = DocumentForm(data, prefix="document")
    formsets = {part: factory(data, prefix=part) for part, factory in FORMSETS.items()}
    return document, formsets


def fields_needed(extraction: dict) -> int:
    """How many form fields step 2 would post (Django refuses more than a set number)."""
    rows = sum(FIELDS_PER_ROW[part] * (len(extraction[part]) + 1) for part in FIELDS_PER_ROW)
    return rows + 5 * len(FORMSETS) + 10


def extraction_from_forms(
    document: DocumentForm, formsets: dict[str, forms.BaseFormSet]
) -> tuple[dict, dict[str, list[forms.Form]]]:
    """The corrected extraction, and which form each listed item came from (to show errors).

    Call after the forms validated. Rows marked for deletion and untouched blank rows are left out.
    """
    head = document.cleaned_data
    rows = {
        part: [
            form
            for form in formset.forms
            # Every row the preview showed counts, changed or not; a blank row added for a
            # new item counts once something is typed in it.
            if (form in formset.initial_forms or form.has_changed())
            and not form.cleaned_data.get("DELETE")
        ]
        for part, formset in formsets.items()
    }

    def value(form: forms.Form, name: str):
        found = form.cleaned_data.get(name)
        return found if found not in ("", None) else None

    extraction = {
        "publisher": head["publisher"] or None,
        "authors": [a.strip() for a in head["authors"].split(",") if a.strip()],
        "title": head["title"] or None,
        "url": head["url"] or None,
        "published_at": head["published_at"] or None,
        "sources": [
            {name: value(form, name) for name in SourceForm.base_fields} for form in rows["sources"]
        ],
        "citations": [
            {
                "from": value(form, "source"),
                "to": value(form, "target"),
                "relation": value(form, "relation"),
                "evidence": form.cleaned_data["evidence"],
                "url": value(form, "url"),
            }
            for form in rows["citations"]
        ],
        "quotes": [
            {
                "speaker": value(form, "speaker"),
                "text": form.cleaned_data["text"],
                "evidence": form.cleaned_data["evidence"],
                "confidence": value(form, "confidence"),
            }
            for form in rows["quotes"]
        ],
        "claims": [
            {
                "text": form.cleaned_data["text"],
                "chain": [name or None for name in _CHAIN_SPLIT.split(form.cleaned_data["chain"])]
                if form.cleaned_data["chain"].strip()
                else None,
                "relation": value(form, "relation"),
                "sentence": form.cleaned_data["sentence"],
                "explicit": form.cleaned_data["explicit"],
            }
            for form in rows["claims"]
        ],
    }
    return extraction, rows


# The service's names for fields that the forms call differently.
_FORM_FIELD = {
    "citations": {"from": "source", "to": "target"},
    "claims": {"attributed_to": "chain"},
}


def show_errors(
    error: ValidationError, document: DocumentForm, rows: dict[str, list[forms.Form]]
) -> list[str]:
    """Put each of the service's messages on its form field; returns those that fit none."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    left = []
    for key, messages in error.message_dict.items():
        match = _ERROR_KEY.match(key)
        part, index, field = (match.group("part"), match.group("index"), match.group("field"))
        if part in rows and index is not None and int(index) < len(rows[part]):
            form = rows[part][int(index)]
            field = _FORM_FIELD.get(part, {}).get(field, field)
        elif part in DocumentForm.base_fields:
            form, field = document, part
        else:
            left.extend(f"{key}: {message}" for message in messages)
            continue
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
    return left
