"""Template filters for the public pages."""

from django import template

from provenance.models import Relation

register = template.Library()
_RELATIONS = dict(Relation.choices)


@register.filter
def relation_label(value: str) -> str:
    """ "links_to" -> "links to", "confirms" -> "independently confirms"."""
    return _RELATIONS.get(value, value.replace("_", " "))
