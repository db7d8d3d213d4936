"""`manage.py load_demo`: the founding chain and the project's own articles, idempotently."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from provenance.demo import demo_load


class Command(BaseCommand):
    help = (
        "Load the demo claims, sources, documents (with their snapshots) and citation chains "
        "(the founding Caliber.Az chain and the project's own articles) plus the demo users "
        "'editor' and 'reviewer'. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            default="",
            help="The address the server will answer on (e.g. http://127.0.0.1:8000): the "
            "command then ends with the pages to open and the demo logins.",
        )

    def handle(self, *args, site: str, **options):
        site = site.rstrip("/")
        if site:
            try:
                URLValidator(schemes=["http", "https"])(site)
            except ValidationError:
                raise CommandError(f"--site {site!r} is not an http(s) address.") from None
        report = demo_load()
        created = ", ".join(f"{count} {what}" for what, count in report.created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded (new: {created})."))
        if not report.passwords:
            self.stdout.write(
                "Demo users have no password (DEBUG is off): "
                "set one with `manage.py changepassword editor`."
            )
        if site:
            self._welcome(site, report.passwords)
        elif report.passwords:
            self.stdout.write("Demo users (DEBUG is on; never use these passwords in production):")
            for username, password in report.passwords.items():
                self.stdout.write(f"  {username} / {password}")

    def _welcome(self, site: str, passwords: dict[str, str]) -> None:
        rows = [
            ("Public claim pages", f"{site}/claims/"),
            ("Editors' admin", f"{site}/admin/"),
            ("REST API", f"{site}/api/"),
            ("API docs", f"{site}/api/docs/"),
        ]
        lines = ["", "Provenance is starting. Open:"]
        lines += [f"  {label:<20} {url}" for label, url in rows]
        if passwords:
            logins = ", ".join(f"{name} / {password}" for name, password in passwords.items())
            lines.append(f"  {'Admin logins':<20} {logins}")
        lines.append("  Stop with Ctrl-C.")
        self.stdout.write("\n".join(lines) + "\n")
