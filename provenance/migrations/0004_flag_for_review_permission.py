"""Editors and reviewers may send a claim to review (or back); only reviewers give verdicts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    flag = Permission.objects.get(content_type__app_label="provenance", codename="flag_for_review")
    for group in Group.objects.filter(name__in=("editor", "reviewer")):
        group.permissions.add(flag)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="provenance", codename="flag_for_review"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("provenance", "0003_versions_and_cached_analysis")]

    operations = [migrations.RunPython(grant, revoke)]
