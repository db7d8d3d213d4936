"""A FilterSet per resource (django-filter). Malformed values are 400 errors with messages,
keyed by the query parameter's own name.

django-filter's defaults are lenient: a boolean reads "1" as "unknown" and filters nothing, a
number takes "0.9", an unknown `ordering` is dropped. Here a boolean is `true` or `false`, a
count a whole number within its bounds, an ordering one of the listed fields; anything else is
a 400 that says what the parameter takes.
"""

from datetime import UTC

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Case, IntegerField, Q, Value, When
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter, SearchFilter, search_smart_split

from api.parameters import MAX_ID, whole_number
from provenance.models import Assertion, Citation, Claim, Document, Review, Source, SourceAlias


class _TextWithNul(forms.CharField):
    """Text that may hold NUL characters (Django's form field refuses them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]


class TextFilter(filters.CharFilter):
    """An exact text filter for which a value with a NUL matches nothing: no name, URL or
    username holds one (PostgreSQL refuses NUL in text), and the schema allows any string,
    so it is not a 400 either."""

    field_class = _TextWithNul

    def filter(self, qs, value):
        if value and "\x00" in value:
            return qs.none()
        return super().filter(qs, value)


def _search_phrase(request, param: str) -> str:
    """The `?search=` phrase with NUL characters dropped: PostgreSQL refuses them in text (a
    500), and DRF's own search refuses them (a 400) for a value the schema allows."""
    return request.query_params.get(param, "").replace("\x00", "")


class FilterBackend(DjangoFilterBackend):
    """django-filter, skipped when the request has no query parameters at all: building a
    FilterSet and its form costs a few milliseconds per request even with nothing to filter."""

    def filter_queryset(self, request, queryset, view):
        if not request.query_params:
            return queryset
        filterset_class = self.get_filterset_class(view, queryset)
        for name, field in getattr(filterset_class, "base_filters", {}).items():
            # django-filter reads an empty value as "no filter"; only text takes an empty one.
            if not isinstance(field, filters.CharFilter) and "" in request.query_params.getlist(
                name
            ):
                raise exceptions.ValidationError(
                    {name: ["Must not be empty: leave the parameter out to not filter on it."]}
                )
        return super().filter_queryset(request, queryset, view)


class _TrueFalseField(forms.Field):
    """`true` or `false`, as the README writes them; nothing else (not 1, not yes)."""

    # The text as sent: Django's boolean widgets turn "1" or "yes" into "unknown" (no filter).
    widget = forms.TextInput

    def to_python(self, value):
        if value is None:
            return None
        if value in ("true", "false"):
            return value == "true"
        raise ValidationError("Must be true or false.", code="invalid")

    def validate(self, value):
        pass


class TrueFalseFilter(filters.BooleanFilter):
    field_class = _TrueFalseField


# A count on a claim (origins, hops) fits in a small integer; beyond it nothing matches.
COUNT_CEILING = 32767


class _WholeNumberField(forms.Field):
    def __init__(self, *, floor: int = 0, ceiling: int = COUNT_CEILING, **kwargs):
        self.floor, self.ceiling = floor, ceiling
        super().__init__(**kwargs)

    def to_python(self, value):
        if value is None:
            return None
        number = whole_number(value, floor=self.floor, ceiling=self.ceiling)
        if number is None:
            raise ValidationError(
                f"Must be a whole number from {self.floor} to {self.ceiling}.", code="invalid"
            )
        return number


class WholeNumberFilter(filters.NumberFilter):
    field_class = _WholeNumberField

    def __init__(self, *args, floor: int = 0, ceiling: int = COUNT_CEILING, **kwargs):
        super().__init__(*args, floor=floor, ceiling=ceiling, **kwargs)


def id_filter(**kwargs) -> filters.NumberFilter:
    """A record's id, a whole number: beyond 64 bits it matches nothing, and SQLite cannot even
    compare it (OverflowError, a 500), so it is a 400; so is "0.5", which a NumberFilter took
    (and matched nothing with) while the schema says integer."""
    return WholeNumberFilter(floor=0, ceiling=MAX_ID, **kwargs)


class _StorableIsoDateTimeField(IsoDateTimeField):
    """ISO 8601, and within the years a database can hold once in UTC: year 1 at +14:00 or
    9999-12-31 at -14:00 overflows the conversion (a 500 on SQLite). Handed on in UTC: Python
    takes offsets up to ±23:59, PostgreSQL refuses beyond ±15:59 (a 500 too)."""

    def to_python(self, value):
        parsed = super().to_python(value)
        try:
            return parsed.astimezone(UTC) if parsed is not None else None
        except OverflowError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class DateTimeFilter(filters.IsoDateTimeFilter):
    """ISO 8601; `<name>_after` (from, inclusive) and `<name>_before` (up to, inclusive) are two
    filters, so that an error names the parameter sent, not the pair's stem."""

    field_class = _StorableIsoDateTimeField


class ClaimFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(
        choices=Claim.Verdict.choices, distinct=False, help_text="Verdict; repeat for several."
    )
    source = id_filter(
        field_name="assertions__source", distinct=True, help_text="Asserted by this source id."
    )
    source_kind = filters.ChoiceFilter(
        field_name="assertions__source__kind",
        choices=Source.Kind.choices,
        distinct=True,
        help_text="Asserted by a source of this kind.",
    )
    created_after = DateTimeFilter(
        field_name="created_at", lookup_expr="gte", help_text="Recorded at or after (ISO 8601)."
    )
    created_before = DateTimeFilter(
        field_name="created_at", lookup_expr="lte", help_text="Recorded at or before (ISO 8601)."
    )
    retracted = TrueFalseFilter(
        field_name="retracted_at", lookup_expr="isnull", exclude=True, help_text="Retracted or not."
    )
    independent_origins = WholeNumberFilter(
        help_text="Exactly this many independent origins (0 for circular or unsourced chains)."
    )
    independent_origins_min = WholeNumberFilter(
        field_name="independent_origins", lookup_expr="gte", help_text="At least this many."
    )
    independent_origins_max = WholeNumberFilter(
        field_name="independent_origins", lookup_expr="lte", help_text="At most this many."
    )
    circular = TrueFalseFilter(help_text="Its chain has a loop (circular reporting).")
    merged = TrueFalseFilter(
        field_name="duplicate_of",
        lookup_expr="isnull",
        exclude=True,
        help_text="Merged into another claim (a confirmed match). Left out when not given.",
    )
    flagged = TrueFalseFilter(help_text="A document in its chain was corrected or retracted.")
    unchecked = TrueFalseFilter(
        method="filter_unchecked", help_text="Has links no one has checked yet."
    )
    hints = TrueFalseFilter(
        method="filter_hints",
        help_text='"Needs a look": an automatic change hint on a hop of its chain (a number '
        "changed, a hedge dropped, a quote not found…).",
    )
    needs_rereview = TrueFalseFilter(
        help_text="A verdict was given, then the wording or the chain changed: it waits for a "
        "reviewer again."
    )
    assignee = id_filter(help_text="Assigned to this user id.")
    published = TrueFalseFilter(
        field_name="published_at",
        lookup_expr="isnull",
        exclude=True,
        help_text="Published or draft. Drafts are listed to editors and reviewers only.",
    )
    depth_min = WholeNumberFilter(
        field_name="chain_depth", lookup_expr="gte", help_text="Chains at least this many hops."
    )
    depth_max = WholeNumberFilter(
        field_name="chain_depth", lookup_expr="lte", help_text="Chains at most this many hops."
    )

    class Meta:
        model = Claim
        fields = (
            "status",
            "source",
            "source_kind",
            "created_after",
            "created_before",
            "retracted",
            "independent_origins",
            "circular",
            "flagged",
        )

    def filter_hints(self, queryset, name, value):
        return queryset.filter(hints__gt=0) if value else queryset.filter(hints=0)

    def filter_unchecked(self, queryset, name, value):
        return (
            queryset.filter(unchecked_links__gt=0) if value else queryset.filter(unchecked_links=0)
        )


class SourceFilter(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(
        choices=Source.Kind.choices, distinct=False, help_text="Kind of source."
    )
    name = TextFilter(
        field_name="name", lookup_expr="icontains", help_text="Name contains (any case)."
    )
    affiliation = id_filter(help_text="Affiliated to this source id.")

    class Meta:
        model = Source
        fields = ("kind", "name", "affiliation")


class DocumentFilter(filters.FilterSet):
    publisher = id_filter(help_text="Published by this source id.")
    status = filters.ChoiceFilter(choices=Document.Status.choices)
    published_after = DateTimeFilter(
        field_name="published_at", lookup_expr="gte", help_text="Published at or after (ISO 8601)."
    )
    published_before = DateTimeFilter(
        field_name="published_at",
        lookup_expr="lte",
        help_text="Published at or before (ISO 8601).",
    )
    url = TextFilter(help_text="Exact canonical URL.")

    class Meta:
        model = Document
        fields = ("publisher", "status", "published_after", "published_before", "url")


class AssertionFilter(filters.FilterSet):
    # Ids as numbers, like every other id filter: an id no record has matches nothing. The
    # generated model-choice filters answered 400 "Select a valid choice" for it, and spent a
    # query finding out.
    claim = id_filter(help_text="Of this claim id.")
    source = id_filter(help_text="By this source id.")
    document = id_filter(help_text="In this document id.")
    quote_kind = filters.ChoiceFilter(choices=Assertion.QuoteKind.choices)

    class Meta:
        model = Assertion
        fields = ("claim", "source", "document", "quote_kind")


class CitationFilter(filters.FilterSet):
    fidelity = filters.MultipleChoiceFilter(choices=Citation.Fidelity.choices, distinct=False)
    relation = filters.MultipleChoiceFilter(choices=Citation.Relation.choices, distinct=False)
    claim = id_filter(field_name="citing__claim", help_text="Citing claim id.")
    citing = id_filter(help_text="The citing assertion's id.")
    cited = id_filter(help_text="The cited assertion's id.")
    checked = TrueFalseFilter(
        field_name="checked_at", lookup_expr="isnull", exclude=True, help_text="Checked or not."
    )

    class Meta:
        model = Citation
        fields = ("fidelity", "relation", "claim", "citing", "cited", "checked")


class ReviewFilter(filters.FilterSet):
    claim = id_filter(help_text="Of this claim id.")
    verdict = filters.MultipleChoiceFilter(choices=Review.Verdict.choices, distinct=False)
    reviewer = TextFilter(field_name="reviewer__username", help_text="Reviewer username.")

    class Meta:
        model = Review
        fields = ("claim", "verdict", "reviewer")


class TextSearchFilter(SearchFilter):
    """DRF's word-by-word search, over the phrase without NUL characters."""

    def get_search_terms(self, request):
        return search_smart_split(_search_phrase(request, self.search_param))


class ClaimSearchFilter(SearchFilter):
    """`?search=`: the phrase in the claim's wording or context, in a quote of one of its
    assertions, or in the name or an alias of a source that asserts it (any case).

    The three matches are found separately, each by its own index (trigram indexes on
    PostgreSQL), and their claim ids united; joining claims to all their assertions and sources
    instead multiplies rows, needs DISTINCT over the whole list and took seconds at 1M claims.
    The phrase is matched whole: claims are sentences, and a word-by-word match of "claim 9999"
    would find every claim that contains "claim".

    Each match is ranked (`search_rank`): 3 when the phrase is in the claim's wording, 2 in its
    context, 1 when only a quote or a source's name holds it; SearchRankOrderingFilter puts the
    best first unless `?ordering=` is given. The rank is computed on the matched claims' own
    rows, so it costs nothing beyond the matching.
    """

    def get_search_terms(self, request):
        phrase = " ".join(_search_phrase(request, self.search_param).split())
        return [phrase] if phrase else []

    def filter_queryset(self, request, queryset, view):
        for phrase in self.get_search_terms(request):
            sources = (
                Source.objects.filter(name__icontains=phrase)
                .values("pk")
                .union(SourceAlias.objects.filter(name__icontains=phrase).values("source_id"))
            )
            matching = (
                Claim.objects.filter(Q(text__icontains=phrase) | Q(context__icontains=phrase))
                .values("pk")
                .union(
                    Assertion.objects.filter(quote__icontains=phrase).values("claim_id"),
                    Assertion.objects.filter(source__in=sources).values("claim_id"),
                )
            )
            queryset = queryset.filter(pk__in=matching).annotate(
                search_rank=Case(
                    When(text__icontains=phrase, then=Value(3)),
                    When(context__icontains=phrase, then=Value(2)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
        return queryset


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=`: the listed fields only, each optionally with `-`; anything else is a 400
    naming the choices (DRF drops unknown terms silently and orders by the default)."""

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw is not None:
            allowed = [
                name for name, _ in self.get_valid_fields(queryset, view, {"request": request})
            ]
            # Terms as sent, no spaces: exactly what the schema's pattern for it admits.
            terms = raw.split(",")
            wrong = [term for term in terms if term.lstrip("-") not in allowed or not term]
            if wrong:
                choices = ", ".join(allowed)
                raise exceptions.ValidationError(
                    {
                        self.ordering_param: [
                            f"Order by {choices} (a leading - reverses), not {wrong[0]!r}."
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        names = getattr(view, "ordering_fields", None)
        if isinstance(names, list | tuple):
            term = f"-?({'|'.join(names)})"
            for parameter in parameters:
                parameter["schema"]["pattern"] = f"^{term}(,{term})*$"
                parameter["description"] = (
                    f"Comma-separated, from {', '.join(names)}; a leading - reverses."
                )
        return parameters


class SearchRankOrderingFilter(StrictOrderingFilter):
    """DRF's ordering, with the best-ranked `?search=` matches first when no `?ordering=` is
    asked for (ties in the view's default order)."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if "search_rank" in queryset.query.annotations and not request.query_params.get(
            self.ordering_param
        ):
            return ("-search_rank", *(ordering or ()))
        return ordering
