"""A FilterSet per resource (django-filter). Malformed values are 400 errors with messages."""

from datetime import UTC

import django_filters as filters
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django_filters.fields import IsoDateTimeField, RangeField
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.widgets import DateRangeWidget
from rest_framework.filters import OrderingFilter, SearchFilter

from api.parameters import MAX_ID
from provenance.models import Assertion, Citation, Claim, Document, Review, Source, SourceAlias


class FilterBackend(DjangoFilterBackend):
    """django-filter, skipped when the request has no query parameters at all: building a
    FilterSet and its form costs a few milliseconds per request even with nothing to filter."""

    def filter_queryset(self, request, queryset, view):
        if not request.query_params:
            return queryset
        return super().filter_queryset(request, queryset, view)


def id_filter(**kwargs) -> filters.NumberFilter:
    """A record's id: beyond 64 bits it matches nothing, and SQLite cannot even compare it
    (OverflowError, a 500), so it is a 400."""
    return filters.NumberFilter(min_value=0, max_value=MAX_ID, **kwargs)


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


class _StorableIsoDateTimeRangeField(RangeField):
    widget = DateRangeWidget

    def __init__(self, *args, **kwargs):
        fields = (_StorableIsoDateTimeField(), _StorableIsoDateTimeField())
        super().__init__(fields, *args, **kwargs)


class DateTimeRangeFilter(filters.IsoDateTimeFromToRangeFilter):
    """`<name>_after` / `<name>_before`, ISO 8601."""

    field_class = _StorableIsoDateTimeRangeField


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
    created = DateTimeRangeFilter(
        field_name="created_at",
        help_text="Recorded within a range: created_after / created_before (ISO 8601).",
    )
    retracted = filters.BooleanFilter(
        field_name="retracted_at", lookup_expr="isnull", exclude=True, help_text="Retracted or not."
    )
    independent_origins = filters.NumberFilter(
        help_text="Exactly this many independent origins (0 for circular or unsourced chains)."
    )
    independent_origins_min = filters.NumberFilter(
        field_name="independent_origins", lookup_expr="gte", help_text="At least this many."
    )
    independent_origins_max = filters.NumberFilter(
        field_name="independent_origins", lookup_expr="lte", help_text="At most this many."
    )
    circular = filters.BooleanFilter(help_text="Its chain has a loop (circular reporting).")
    merged = filters.BooleanFilter(
        field_name="duplicate_of",
        lookup_expr="isnull",
        exclude=True,
        help_text="Merged into another claim (a confirmed match). Left out when not given.",
    )
    flagged = filters.BooleanFilter(help_text="A document in its chain was corrected or retracted.")
    unchecked = filters.BooleanFilter(
        method="filter_unchecked", help_text="Has links no one has checked yet."
    )
    hints = filters.BooleanFilter(
        method="filter_hints",
        help_text='"Needs a look": an automatic change hint on a hop of its chain (a number '
        "changed, a hedge dropped, a quote not found…).",
    )
    depth_min = filters.NumberFilter(
        field_name="chain_depth", lookup_expr="gte", help_text="Chains at least this many hops."
    )
    depth_max = filters.NumberFilter(
        field_name="chain_depth", lookup_expr="lte", help_text="Chains at most this many hops."
    )

    class Meta:
        model = Claim
        fields = (
            "status",
            "source",
            "source_kind",
            "created",
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
    name = filters.CharFilter(
        field_name="name", lookup_expr="icontains", help_text="Name contains (any case)."
    )
    affiliation = id_filter(help_text="Affiliated to this source id.")

    class Meta:
        model = Source
        fields = ("kind", "name", "affiliation")


class DocumentFilter(filters.FilterSet):
    publisher = id_filter(help_text="Published by this source id.")
    status = filters.ChoiceFilter(choices=Document.Status.choices)
    published = DateTimeRangeFilter(
        field_name="published_at",
        help_text="Published within a range: published_after / published_before (ISO 8601).",
    )
    url = filters.CharFilter(help_text="Exact canonical URL.")

    class Meta:
        model = Document
        fields = ("publisher", "status", "published", "url")


class AssertionFilter(filters.FilterSet):
    quote_kind = filters.ChoiceFilter(choices=Assertion.QuoteKind.choices)

    class Meta:
        model = Assertion
        fields = ("claim", "source", "document", "quote_kind")


class CitationFilter(filters.FilterSet):
    fidelity = filters.MultipleChoiceFilter(choices=Citation.Fidelity.choices, distinct=False)
    relation = filters.MultipleChoiceFilter(choices=Citation.Relation.choices, distinct=False)
    claim = id_filter(field_name="citing__claim", help_text="Citing claim id.")
    checked = filters.BooleanFilter(
        field_name="checked_at", lookup_expr="isnull", exclude=True, help_text="Checked or not."
    )

    class Meta:
        model = Citation
        fields = ("fidelity", "relation", "claim", "citing", "cited", "checked")


class ReviewFilter(filters.FilterSet):
    verdict = filters.MultipleChoiceFilter(choices=Review.Verdict.choices, distinct=False)
    reviewer = filters.CharFilter(field_name="reviewer__username", help_text="Reviewer username.")

    class Meta:
        model = Review
        fields = ("claim", "verdict", "reviewer")


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
        # NUL dropped, as DRF's own SearchFilter does: PostgreSQL refuses it in text (a 500).
        phrase = request.query_params.get(self.search_param, "").replace("\x00", "")
        phrase = " ".join(phrase.split())
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


class SearchRankOrderingFilter(OrderingFilter):
    """DRF's ordering, with the best-ranked `?search=` matches first when no `?ordering=` is
    asked for (ties in the view's default order)."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if "search_rank" in queryset.query.annotations and not request.query_params.get(
            self.ordering_param
        ):
            return ("-search_rank", *(ordering or ()))
        return ordering
