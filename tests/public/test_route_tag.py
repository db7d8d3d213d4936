"""The public pages' `{% route %}` tag gives what `{% url %}` gives, one reverse() per route."""

import pytest
from django.urls import reverse

from provenance.templatetags.provenance_public import route


@pytest.mark.parametrize(
    ("view_name", "args"),
    [
        ("public:claims", ()),
        ("api:docs", ()),
        ("public:claim", (7,)),
        ("public:source", (123456789,)),
        ("api:claim-provenance", (42,)),
        ("api:claim-claimreview", (1,)),
        ("api:claim-prov", (99,)),
        ("api:claim-bundle", (3,)),
    ],
)
def test_route_is_reverse(view_name, args):
    for _ in range(2):  # the first call reverses, the second reuses the split path
        assert route(view_name, *args) == reverse(view_name, args=args)
