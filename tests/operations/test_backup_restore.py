"""Backup and restore give back identical claims, chains, reviews and history.

Two documented paths: `manage.py dumpdata` / `loaddata` (any database) and, on PostgreSQL,
`pg_dump --format=custom` / `pg_restore` into a fresh database.
"""

import os
import shutil
import subprocess
from io import StringIO

import psycopg
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from provenance import services
from provenance.demo import demo_load
from provenance.models import Citation, Claim

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BACKED_UP = ("provenance", "auth", "authtoken")


def tables():
    """Every table the backup restores (permissions are rebuilt by `migrate`, not restored)."""
    return [
        model
        for label in BACKED_UP
        for model in apps.get_app_config(label).get_models()
        if model._meta.label != "auth.Permission"
    ]


def snapshot() -> dict[str, list]:
    rows = {
        model._meta.db_table: sorted(model.objects.order_by().values_list(), key=repr)
        for model in tables()
    }
    rows["group permissions"] = sorted(
        Group.objects.values_list("name", "permissions__codename"), key=repr
    )
    return rows


@pytest.fixture
def newsroom(editor, reviewer, settings):
    """Demo data, plus edits (history), link checks and verdicts."""
    settings.PROVENANCE_RATING_NEEDS_CHECKED_LINK = False
    demo_load(show_passwords=False)
    claim = Claim.objects.get(text="Mayor Anton Reyes will step down in April.")
    services.claim_update(claim=claim, context="Still circular in December.", actor=editor)
    for citation in Citation.objects.filter(citing__claim=claim):
        services.citation_check(citation=citation, fidelity="distorted", checked_by=editor)
    services.review_record(
        claim=claim,
        verdict="false",
        rationale="The mayor denied it.",
        evidence="Statement.",
        reviewer=reviewer,
    )


def test_dumpdata_and_loaddata_round_trip(newsroom, tmp_path):
    before = snapshot()
    backup = tmp_path / "backup.xml"
    call_command("backup", str(backup), stdout=StringIO())

    # Lose everything (flush keeps only what the migrations recreate), then restore.
    call_command("flush", "--no-input", stdout=StringIO())
    assert (Claim.objects.count(), get_user_model().objects.count()) == (0, 0)
    call_command("restore", str(backup), stdout=StringIO())

    assert snapshot() == before
    history = Claim.history.filter(text="Mayor Anton Reyes will step down in April.")
    assert history.filter(context="Still circular in December.").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is PostgreSQL's tool")
def test_pg_dump_and_pg_restore_round_trip(newsroom, tmp_path):
    pg_dump, pg_restore = shutil.which("pg_dump"), shutil.which("pg_restore")
    if not pg_dump or not pg_restore:
        pytest.fail("pg_dump and pg_restore are needed (postgresql-client)")
    before = snapshot()
    settings_dict = connection.settings_dict
    source = settings_dict["NAME"]
    target = f"{source}_restored"
    env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    common = [
        "-h",
        settings_dict["HOST"] or "127.0.0.1",
        "-p",
        str(settings_dict["PORT"] or 5432),
        "-U",
        settings_dict["USER"],
    ]
    dump = tmp_path / "backup.pgdump"
    subprocess.run(  # noqa: S603 -- fixed arguments from the test database's settings
        [pg_dump, *common, "--format=custom", "--file", str(dump), source], check=True, env=env
    )
    admin = psycopg.connect(
        host=common[1],
        port=int(common[3]),
        user=common[5],
        dbname="postgres",
        autocommit=True,
        password=env["PGPASSWORD"] or None,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
    admin.execute(f'CREATE DATABASE "{target}"')
    try:
        subprocess.run(  # noqa: S603 -- fixed arguments from the test database's settings
            [pg_restore, *common, "--dbname", target, str(dump)], check=True, env=env
        )
        with psycopg.connect(
            host=common[1],
            port=int(common[3]),
            user=common[5],
            dbname=target,
            password=env["PGPASSWORD"] or None,
        ) as restored:
            after = {
                table: sorted(
                    (
                        tuple(row)
                        for row in restored.execute(
                            f'SELECT {", ".join(columns)} FROM "{table}"'  # noqa: S608
                        )
                    ),
                    key=repr,
                )
                for table, columns in (
                    (model._meta.db_table, [f'"{f.column}"' for f in model._meta.concrete_fields])
                    for model in tables()
                )
            }
            after["group permissions"] = sorted(
                (
                    tuple(row)
                    for row in restored.execute(
                        "SELECT g.name, p.codename FROM auth_group g "
                        "LEFT JOIN auth_group_permissions gp ON gp.group_id = g.id "
                        "LEFT JOIN auth_permission p ON p.id = gp.permission_id"
                    )
                ),
                key=repr,
            )
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.close()
    assert after == before


def test_restore_refuses_a_database_that_holds_claims(newsroom, tmp_path):
    from django.core.management import CommandError

    backup = tmp_path / "backup.xml"
    call_command("backup", str(backup), stdout=StringIO())
    with pytest.raises(CommandError, match="The database already holds claims"):
        call_command("restore", str(backup), stdout=StringIO())
