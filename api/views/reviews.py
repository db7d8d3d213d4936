from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from api.filters import ReviewFilter, StrictOrderingFilter
from api.permissions import ReviewPermissions
from api.serializers.reviews import ReviewInput, ReviewSerializer
from api.views.base import ResourceViewSet
from provenance import services
from provenance.models import Review
from provenance.selectors import published_only


@extend_schema_view(
    list=extend_schema(summary="List verdicts", description="Append-only: newest first."),
    retrieve=extend_schema(summary="One verdict"),
)
class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ResourceViewSet):
    serializer_class = ReviewSerializer
    permission_classes = (ReviewPermissions,)
    filterset_class = ReviewFilter
    filter_backends = (*ResourceViewSet.filter_backends, StrictOrderingFilter)
    ordering_fields = ("created_at", "id")
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        # A draft's verdicts are as private as the draft.
        return published_only(
            Review.objects.select_related("reviewer"), user=self.request.user, claim="claim"
        )

    @extend_schema(
        summary="Record a verdict",
        description="Reviewers give any verdict; editors may only send a claim to review and "
        "back (unverified, in_review) while it has no verdict. A rating (true … false, "
        "misleading) needs `evidence` and a checked link into one of the claim's origins. The "
        "claim's status becomes this verdict; earlier verdicts stay.",
        request=ReviewInput,
        responses={201: ReviewSerializer},
    )
    def create(self, request):
        data = self.validated(ReviewInput).validated_data
        review = services.review_record(**data, reviewer=request.user)
        return self.respond(review, created=True)
