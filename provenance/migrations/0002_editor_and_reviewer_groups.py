"""Creates the two editorial roles as Django groups with their model permissions.

Editors record claims, sources, documents and chains; reviewers do the same and also give
verdicts. Claims, sources and documents are retracted, merged or corrected rather than deleted,
so neither role may delete them; assertions, citations and aliases entered by mistake may be.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = {
    "source": ("view", "add", "change"),
    "sourcealias": ("view", "add", "change", "delete"),
    "document": ("view", "add", "change"),
    "claim": ("view", "add", "change"),
    "assertion": ("view", "add", "change", "delete"),
    "citation": ("view", "add", "change", "delete"),
    "review": ("view",),
}
REVIEWER = {**EDITOR, "review": ("view", "add")}
ROLES = {"editor": EDITOR, "reviewer": REVIEWER}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); create them now so
    # the groups can reference them within this migration.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for model, actions in grants.items() for action in actions]
        permissions = Permission.objects.filter(
            content_type__app_label="provenance", codename__in=codenames
        )
        group.permissions.set(permissions)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("provenance", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
