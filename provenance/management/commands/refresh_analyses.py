"""`manage.py refresh_analyses`: recompute the cached provenance analysis of claims."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from provenance.models import Claim
from provenance.services.analysis_cache import analyses_refresh


class Command(BaseCommand):
    help = (
        "Recompute the cached provenance analysis (independent origins, depth, circular "
        "reporting...) of every claim, or of the claims given. Claims already current are "
        "skipped unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("claim_ids", nargs="*", type=int, help="Only these claims.")
        parser.add_argument("--force", action="store_true", help="Recompute current ones too.")
        parser.add_argument("--batch", type=int, default=500, help="Claims per transaction.")

    def handle(self, *args, claim_ids, force, batch, **options):
        ids = claim_ids or list(Claim.objects.order_by("pk").values_list("pk", flat=True))
        refreshed = 0
        with tqdm(total=len(ids), unit="claim", disable=None) as progress:
            for start in range(0, len(ids), batch):
                chunk = ids[start : start + batch]
                refreshed += analyses_refresh(claim_ids=chunk, force=force)
                progress.update(len(chunk))
        self.stdout.write(f"Recomputed {refreshed} of {len(ids)} claim analyses.")
