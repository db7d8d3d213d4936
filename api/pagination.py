"""Pagination for every list: `?page=` and `?page_size=` up to MAX_PAGE_SIZE.

Counting every matching row costs as much as the rows (246 ms for 1M claims on PostgreSQL), so
`count` is exact up to EXACT_COUNT_UP_TO and beyond that PostgreSQL's planner estimate, with
`count_exact: false` saying so. A list then costs the same at 10k claims as at 1M.
"""

import json
from functools import cached_property
from urllib.parse import urlsplit, urlunsplit

from django.core.paginator import EmptyPage, Page
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connections
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from api.links import canonical_path, canonical_url
from api.parameters import whole_number

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
EXACT_COUNT_UP_TO = 1000


class EstimatingPaginator(DjangoPaginator):
    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not hasattr(queryset, "query"):
            self.count_exact = True
            return len(queryset)
        ids = queryset.values("pk").order_by()
        bounded = ids[: EXACT_COUNT_UP_TO + 1].count()
        self.count_exact = bounded <= EXACT_COUNT_UP_TO
        if self.count_exact:
            return bounded
        return max(bounded, self._estimate(ids))

    def _estimate(self, queryset) -> int:
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            self.count_exact = True
            return queryset.count()
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return int(plan[0]["Plan"]["Plan Rows"])

    def validate_number(self, number):
        """An estimated count may be low: a page past it is served if rows are there."""
        if self.count is not None and self.count_exact:  # reading count sets count_exact
            return super().validate_number(number)
        number = int(number)
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number

    def page(self, number):
        """Slices by rows actually read, never by the estimate, which may undercount.

        With an estimated count the page reads one row more than it shows, so `next` is right
        whatever the planner guessed, and `count` is raised to at least what was seen.
        """
        number = self.validate_number(number)
        if self.count_exact:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        more = len(rows) > self.per_page
        rows = rows[: self.per_page]
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        self.count = max(self.count, bottom + len(rows) + (1 if more else 0))
        page = self._get_page(rows, number, self)
        page.has_more = more
        return page

    def _get_page(self, *args, **kwargs):
        return EstimatedPage(*args, **kwargs)


class EstimatedPage(Page):
    has_more = None

    def has_next(self):
        if self.has_more is None:
            return super().has_next()
        return self.has_more


class Pagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = (
        f"Results per page: 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}). "
        "A value outside that range is a 400 error, not silently changed."
    )
    max_page_size = MAX_PAGE_SIZE
    django_paginator_class = EstimatingPaginator

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = whole_number(raw, floor=1, ceiling=self.max_page_size)
        if size is None:
            raise ValidationError(
                {"page_size": [f"Must be a whole number from 1 to {self.max_page_size}."]}
            )
        return size

    def get_page_number(self, request, paginator):
        """A malformed page is a 400 like a malformed page size; one past the last is a 404."""
        # Absent is the first page; empty is malformed (the schema's integer admits no "").
        raw = request.query_params.get(self.page_query_param, "1")
        if raw in self.last_page_strings:
            return paginator.num_pages
        number = whole_number(raw, floor=1)
        if number is None:
            raise ValidationError({"page": ['Must be a whole number from 1, or "last".']})
        return number

    def get_paginated_response(self, data):
        next_link, previous_link = self.get_next_link(), self.get_previous_link()
        return Response(
            {
                "count": self.page.paginator.count,
                "count_exact": self.page.paginator.count_exact,
                "next": next_link,
                "previous": previous_link,
                "results": data,
            },
            headers={"Link": self.link_header(next_link, previous_link)},
        )

    def get_next_link(self):
        return self._canonical(super().get_next_link())

    def get_previous_link(self):
        return self._canonical(super().get_previous_link())

    def _canonical(self, link: str | None) -> str | None:
        # The page links name /api/v1/ also when the request came in on the /api/ alias.
        if link is None:
            return None
        parts = urlsplit(link)
        return urlunsplit(parts._replace(path=canonical_path(parts.path)))

    def link_header(self, next_link: str | None, previous_link: str | None) -> str:
        """RFC 8288 links beside the body: first, prev, next, and last when the count is
        exact (an estimated count has no sure last page)."""
        url = canonical_url(self.request)
        links = {"first": remove_query_param(url, self.page_query_param)}
        if previous_link:
            links["prev"] = previous_link
        if next_link:
            links["next"] = next_link
        if self.page.paginator.count_exact:
            last = self.page.paginator.num_pages
            links["last"] = (
                replace_query_param(url, self.page_query_param, last)
                if last > 1
                else links["first"]
            )
        return ", ".join(f'<{target}>; rel="{rel}"' for rel, target in links.items())

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_exact"] = {
            "type": "boolean",
            "description": f"False when more than {EXACT_COUNT_UP_TO} match and `count` is the "
            "database's estimate.",
        }
        response["required"] = [*response.get("required", []), "count_exact"]
        return response
