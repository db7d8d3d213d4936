from api.views.chain_record import ChainViewSet
from api.views.chains import AssertionViewSet, CitationViewSet
from api.views.claims import ClaimViewSet
from api.views.documents import DocumentViewSet
from api.views.reviews import ReviewViewSet
from api.views.sources import SourceViewSet

__all__ = [
    "AssertionViewSet",
    "ChainViewSet",
    "CitationViewSet",
    "ClaimViewSet",
    "DocumentViewSet",
    "ReviewViewSet",
    "SourceViewSet",
]
