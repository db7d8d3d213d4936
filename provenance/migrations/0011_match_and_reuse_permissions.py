"""Editors and reviewers confirm or reject suggested claim matches and document reuses."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("view_claimmatch", "change_claimmatch", "view_documentreuse", "change_documentreuse")


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
    dependencies = [("provenance", "0010_claim_matches_and_document_reuse")]

    operations = [migrations.RunPython(grant, revoke)]
