"""Pagination for every list: `?page=` and `?page_size=` up to MAX_PAGE_SIZE."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = (
        f"Results per page: 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}). "
        "A value outside that range is a 400 error, not silently changed."
    )
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {"page_size": [f"Must be a whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)
