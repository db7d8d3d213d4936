"""Template filters for the public pages."""

from urllib.parse import urlsplit

from django import template

from provenance.models import Relation

register = template.Library()
_RELATIONS = dict(Relation.choices)


@register.filter
def relation_label(value: str) -> str:
    """ "links_to" -> "links to", "confirms" -> "independently confirms"."""
    return _RELATIONS.get(value, value.replace("_", " "))


@register.filter
def web_url(value: str | None) -> str:
    """The address if it is a web page (http or https), else "": a `javascript:` or `data:`
    address recorded by an import must not become a link. Forms and the API accept only web
    addresses; this guards the pages against whatever else reached the database."""
    if value and urlsplit(value.strip()).scheme.lower() in ("http", "https"):
        return value
    return ""
