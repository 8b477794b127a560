"""The audit trail from the command line: viewable and filterable."""

from __future__ import annotations

import json

from shopdesk.cli import main
from tests.factories import product


def test_price_edits_are_listed_with_old_and_new_values_and_filters_apply(sqlite_shop, capsys) -> None:
    pid = sqlite_shop.catalogue.create_product(product("AUD-9", price=1000))
    detail = sqlite_shop.catalogue.get_product(pid)
    detail.draft.price = 1500
    sqlite_shop.catalogue.update_product(pid, detail.draft, detail.version)
    db = str(sqlite_shop.db.file)
    capsys.readouterr()

    assert main(["--db", db, "audit", "--entity", "product", "--action", "edited", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["entity_label"], r["changes"]) for r in rows] == [("AUD-9", {"price": [1000, 1500]})]
    assert main(["--db", db, "audit", "--entity", "product", "--action", "edited"]) == 0
    assert "price: 10.00 → 15.00" in capsys.readouterr().out  # money as the shop reads it, not in cents

    assert main(["--db", db, "audit", "--user", "nobody"]) == 0
    assert "no events" in capsys.readouterr().out
    assert main(["--db", db, "audit", "--since", "yesterday"]) == 1
    assert "--since must be a date" in capsys.readouterr().err
