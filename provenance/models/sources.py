"""Sources: anyone or anything that can assert."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from provenance.models.recording import Timestamped
from provenance.names import normalize_name


class SourceKind(models.TextChoices):
    OUTLET = "outlet", "Outlet"
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    ANONYMOUS = "anonymous", "Anonymous source"
    DOCUMENT = "document", "Document"


# Kinds whose names identify one source: two outlets called "Axios" are the same outlet.
# Anonymous descriptors ("US officials") and generic documents ("internal memo") are not unique.
NAMED_KINDS = (SourceKind.OUTLET, SourceKind.PERSON, SourceKind.ORGANIZATION)


class NormalizedName(models.Model):
    """Keeps `normalized_name` derived from `name`, and validated like any other field.

    The key is not a form field, so a ModelForm would leave it out of constraint validation
    and the database would be the first to notice a duplicate; computing it before validation
    gives the admin, the API and the services the same clear message.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalized_name = normalize_name(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "normalized_name"}
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        self.normalized_name = normalize_name(self.name)
        if exclude and "name" not in exclude:
            exclude = set(exclude) - {"normalized_name"}
        super().validate_constraints(exclude=exclude)


class Source(Timestamped, NormalizedName):
    """An outlet, person, organization, anonymous source or document that can assert a claim."""

    Kind = SourceKind

    name = models.CharField(
        "name",
        max_length=300,
        help_text='As published: "Axios", "Jake Sullivan", "four US officials".',
    )
    normalized_name = models.CharField(
        "normalized name",
        max_length=300,
        editable=False,
        db_index=True,
        help_text="Comparison key for de-duplication: lower case, no leading article.",
    )
    kind = models.CharField(
        "kind", max_length=20, choices=SourceKind.choices, help_text="What sort of source this is."
    )
    description = models.TextField(
        "description", blank=True, help_text="Who this is, for editors and readers."
    )
    url = models.URLField(
        "web address", max_length=2000, blank=True, help_text="Home page or profile, if any."
    )
    affiliation = models.ForeignKey(
        "self",
        verbose_name="affiliation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliates",
        help_text="The organization this source speaks for (Jake Sullivan → White House). "
        "Sources sharing an affiliation count as one independent origin.",
    )
    descriptor = models.CharField(
        "anonymous descriptor",
        max_length=300,
        blank=True,
        help_text='Anonymous sources only: how they are described ("US officials").',
    )
    anonymous_count = models.PositiveSmallIntegerField(
        "number of anonymous people",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Anonymous sources only: how many people, when the report says (4).",
    )
    anonymity_reason = models.TextField(
        "why anonymity was granted",
        blank=True,
        help_text='Anonymous sources only: "because the talks are private".',
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "source"
        verbose_name_plural = "sources"
        ordering = ("name", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=SourceKind.ANONYMOUS)
                | (Q(descriptor="") & Q(anonymous_count__isnull=True) & Q(anonymity_reason="")),
                name="source_anonymous_fields_only_for_anonymous",
                violation_error_message="Only anonymous sources have a descriptor, a number of "
                "people or a reason for anonymity.",
            ),
            models.CheckConstraint(
                condition=Q(anonymous_count__isnull=True) | Q(anonymous_count__gte=1),
                name="source_anonymous_count_positive",
                violation_error_message="The number of anonymous people must be at least 1.",
            ),
            models.CheckConstraint(
                condition=~Q(affiliation=F("id")),
                name="source_not_own_affiliation",
                violation_error_message="A source cannot be its own affiliation.",
            ),
            models.UniqueConstraint(
                fields=("normalized_name", "kind"),
                condition=Q(kind__in=NAMED_KINDS),
                name="source_unique_named_source",
                violation_error_message="A source of this kind with this name already exists.",
            ),
        )

    def __str__(self) -> str:
        return self.name


class SourceAlias(NormalizedName):
    """Another name a source is known by ("Associated Press" for "AP")."""

    source = models.ForeignKey(
        Source,
        verbose_name="source",
        on_delete=models.CASCADE,
        related_name="aliases",
        help_text="The source this name refers to.",
    )
    name = models.CharField("alias", max_length=300, help_text="The other name, as published.")
    normalized_name = models.CharField(
        "normalized alias",
        max_length=300,
        editable=False,
        help_text="Comparison key: lower case, no leading article.",
    )

    class Meta:
        verbose_name = "alias"
        verbose_name_plural = "aliases"
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(
                fields=("normalized_name",),
                name="source_alias_unique",
                violation_error_message="This alias already names another source.",
            ),
        )

    def __str__(self) -> str:
        return self.name
