"""`manage.py sync_roles`: the editor and reviewer groups, exactly as provenance.roles says."""

from django.core.management.base import BaseCommand

from provenance.roles import ROLES, roles_sync


class Command(BaseCommand):
    help = "Create the editor and reviewer groups if missing and reset their permissions."

    def handle(self, *args, **options):
        roles_sync()
        self.stdout.write(f"Roles in place: {', '.join(ROLES)}.")
