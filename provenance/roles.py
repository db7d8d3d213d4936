"""The editorial roles as Django groups, and what each may do.

- editor: records claims, sources, documents and chains; checks links; sends a claim to review;
  publishes drafts;
  confirms or rejects suggested claim matches and document reuses.
- reviewer: everything an editor does, and gives verdicts.

Claims, sources and documents are retracted, merged or corrected rather than deleted, so
neither role may delete them; assertions, citations and aliases entered by mistake may be.
The migrations created the groups; `roles_sync` brings them back to this definition (after a
database was flushed, or when a new permission is added).
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITOR = {
    "source": ("view", "add", "change"),
    "sourcealias": ("view", "add", "change", "delete"),
    "document": ("view", "add", "change"),
    "claim": ("view", "add", "change", "flag_for_review", "publish_claim"),
    "assertion": ("view", "add", "change", "delete"),
    "citation": ("view", "add", "change", "delete"),
    "review": ("view",),
    # Confirming or rejecting a suggested match or reuse is a change to it.
    "claimmatch": ("view", "change"),
    "documentreuse": ("view", "change"),
    # Evidence: captures and checks are written by fetching and watching, never by hand;
    # archived copies are entered (or requested) by editors.
    "capture": ("view",),
    "sourcecheck": ("view",),
    "archivelink": ("view", "add", "change", "delete"),
}
REVIEWER = {**EDITOR, "review": ("view", "add")}
ROLES = {"editor": EDITOR, "reviewer": REVIEWER}


def _codename(action: str, model: str) -> str:
    return action if action in ("flag_for_review", "publish_claim") else f"{action}_{model}"


PUBLISH_PERMISSION = "provenance.publish_claim"


def sees_drafts(user) -> bool:
    """Whether `user` sees draft claims: signed in, active, and allowed to view claims (editors,
    reviewers, superusers). Everyone else (the public) sees published claims only.

    Costs nothing for an anonymous visitor; for a signed-in one, the permission lookup Django
    caches on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("provenance.view_claim")


@transaction.atomic
def roles_sync() -> None:
    """Create the groups if missing and give each exactly its permissions."""
    # Permissions too may be missing (a database flushed without post-migrate signals).
    create_permissions(apps.get_app_config("provenance"), verbosity=0)
    permissions = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="provenance")
    }
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [
            permissions[_codename(action, model)]
            for model, actions in grants.items()
            for action in actions
        ]
        group.permissions.set(wanted)
