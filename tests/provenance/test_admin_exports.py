"""The admin's CSV export action on the claim list."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_export_selected_claims_as_csv(client, editor, build_chain):
    client.force_login(editor)
    chained, _ = build_chain(2)
    formula = ClaimFactory(text="@SUM(1+1)*cmd")
    ClaimFactory(text="Not selected.")
    response = client.post(
        reverse("admin:provenance_claim_changelist"),
        {"action": "export_csv", ACTION_CHECKBOX_NAME: [chained.pk, formula.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="claims.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        ["id", "claim", "status", "independent_origins", "depth", "circular",
         "unchecked_links", "retracted", "url"],
        [str(formula.pk), "'@SUM(1+1)*cmd", "unverified", "0", "0", "false", "0", "false",
         f"http://testserver/claims/{formula.pk}/"],
        [str(chained.pk), chained.text, "unverified", "1", "2", "false", "2", "false",
         f"http://testserver/claims/{chained.pk}/"],
    ]  # fmt: skip
