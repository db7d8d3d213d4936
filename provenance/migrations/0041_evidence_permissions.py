"""Editors and reviewers see captures and source checks, and record archived copies."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = (
    "view_capture",
    "view_sourcecheck",
    "view_archivelink",
    "add_archivelink",
    "change_archivelink",
    "delete_archivelink",
)


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="provenance", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=("editor", "reviewer")):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="provenance", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=("editor", "reviewer")):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("provenance", "0040_evidence_captures_and_watch")]

    operations = [migrations.RunPython(grant, revoke)]
