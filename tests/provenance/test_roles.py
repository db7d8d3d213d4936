"""The roles the migrations create are the roles provenance.roles defines."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from provenance.roles import ROLES, roles_sync

pytestmark = pytest.mark.django_db


def permissions_of(name):
    return sorted(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_the_migrated_groups_match_the_definition():
    migrated = {name: permissions_of(name) for name in ROLES}
    roles_sync()
    assert {name: permissions_of(name) for name in ROLES} == migrated


def test_sync_restores_deleted_groups(capsys):
    Group.objects.all().delete()
    call_command("sync_roles")
    assert "add_review" in permissions_of("reviewer")
    assert "add_review" not in permissions_of("editor")
    assert "flag_for_review" in permissions_of("editor")
    assert "delete_claim" not in permissions_of("reviewer")
    assert capsys.readouterr().out == "Roles in place: editor, reviewer.\n"
