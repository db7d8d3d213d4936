"""factory_boy factories for the domain model. They write through the ORM for speed;
tests of validation call the services instead."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from provenance.models import Assertion, Citation, Claim, Document, Review, Source
from provenance.roles import roles_sync


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.example")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            # A flushed database (transactional tests) has lost the migrations' groups.
            if Group.objects.filter(name__in=names).count() < len(names):
                roles_sync()
            self.groups.add(*Group.objects.filter(name__in=names))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Outlet {n}")
    kind = Source.Kind.OUTLET


class AnonymousSourceFactory(SourceFactory):
    name = factory.Sequence(lambda n: f"officials {n}")
    kind = Source.Kind.ANONYMOUS
    descriptor = factory.LazyAttribute(lambda source: source.name)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example/articles/{n}")
    publisher = factory.SubFactory(SourceFactory)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"Claim number {n} is true.")
    # Published, so that tests of the public surfaces keep their meaning; drafts are asked for
    # explicitly (`published_at=None`), as in tests/public/test_drafts.py.
    published_at = factory.LazyFunction(timezone.now)


class AssertionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assertion

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    citing = factory.SubFactory(AssertionFactory)
    cited = factory.SubFactory(AssertionFactory)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    claim = factory.SubFactory(ClaimFactory)
    verdict = Review.Verdict.TRUE
    rationale = "Checked against the primary source."
    reviewer = factory.SubFactory(UserFactory, groups=["reviewer"])
