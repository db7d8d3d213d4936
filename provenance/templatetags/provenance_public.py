"""Template filters for the public pages."""

from urllib.parse import urlsplit

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse

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


# (view name, number of arguments, script prefix) -> the path split around each argument.
_ROUTES: dict[tuple, list[str]] = {}
# Stand-ins for the arguments while reversing once: no record has these ids.
_STAND_INS = (987_654_321_987_654_301, 987_654_321_987_654_302, 987_654_321_987_654_303)


@receiver(setting_changed)
def _forget_routes(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":  # a test's own URLs
        _ROUTES.clear()


@register.simple_tag
def route(view_name: str, *args) -> str:
    """`{% url view_name *args %}` for the public pages' own links, with one reverse() per
    view name and process instead of one per link (a 10-hop claim's page made 21, a tenth of
    its uncached time). Positional integer arguments only, as the pages use."""
    key = (view_name, len(args), get_script_prefix())
    parts = _ROUTES.get(key)
    if parts is None:
        path = reverse(view_name, args=_STAND_INS[: len(args)])
        parts = []
        for stand_in in _STAND_INS[: len(args)]:
            before, path = path.split(str(stand_in), 1)
            parts.append(before)
        parts.append(path)
        _ROUTES[key] = parts
    pieces = [parts[0]]
    for arg, after in zip(args, parts[1:], strict=True):
        pieces.append(str(int(arg)))
        pieces.append(after)
    return "".join(pieces)
