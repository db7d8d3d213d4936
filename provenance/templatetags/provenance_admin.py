"""Admin template tags: the "My work" lists on the admin index."""

from django import template

from provenance.selectors_work import my_work

register = template.Library()


@register.inclusion_tag("admin/provenance/my_work.html", takes_context=True)
def my_work_lists(context):
    user = context["request"].user
    return {"lists": my_work(user=user) if user.has_perm("provenance.view_claim") else []}
