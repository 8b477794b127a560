"""`shopdesk stock …` as a warehouse clerk or a script uses it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from shopdesk.cli import main
from shopdesk.db.models.base import clock_at
from shopdesk.services.stock_ledger import SourceDoc
from tests.stock_helpers import build_layout, ledger_snapshot, new_product


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, "stock", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def mugs(shop, db_url):  # type: ignore[no-untyped-def]
    build_layout(shop)
    new_product(shop, "MUG-1", barcodes=["6901234567892"])
    return db_url


def test_receive_by_barcode_then_show_as_json(shop, mugs, capsys) -> None:
    assert run(mugs, capsys, "receive", "6901234567892", "10", "--cost", "3.20", "--location", "WH1/A/A-01")[0] == 0
    assert run(mugs, capsys, "receive", "mug-1", "5", "--cost", "3.50", "--location", "A-02")[0] == 0
    code, out, _ = run(mugs, capsys, "show", "MUG-1", "--json")
    assert code == 0
    data = json.loads(out)
    # 10 × 3.20 + 5 × 3.50 = 49.50 for 15 mugs (average 3.30), shared over the bins by quantity.
    assert (data["sku"], data["on_hand"], data["reserved"], data["available"], data["value"]) == (
        "MUG-1",
        15,
        0,
        15,
        "49.50",
    )
    by_bin = {loc["location"]: (loc["on_hand"], loc["available"], loc["value"]) for loc in data["locations"]}
    assert by_bin == {"WH1/A/A-01": (10, 10, "33.00"), "WH1/A/A-02": (5, 5, "16.50")}


def test_receive_without_location_uses_the_default_bin_or_says_how_to_choose(shop, mugs, capsys) -> None:
    code, _, err = run(mugs, capsys, "receive", "MUG-1", "4", "--cost", "2")
    assert code == 1
    assert "no default bin in WH1" in err and "--location" in err and "stock set-bin" in err
    assert run(mugs, capsys, "set-bin", "MUG-1", "WH1/A/A-02")[0] == 0
    assert run(mugs, capsys, "receive", "MUG-1", "4", "--cost", "2")[0] == 0
    assert shop.inventory.product_stock("MUG-1").locations[0].path == "WH1/A/A-02"


def test_move_and_adjust_to_a_count(shop, mugs, capsys) -> None:
    run(mugs, capsys, "receive", "MUG-1", "10", "--cost", "3.20", "--location", "WH1/A/A-01")
    assert run(mugs, capsys, "move", "MUG-1", "4", "--from", "WH1/A/A-01", "--to", "WH1/A/A-02")[0] == 0
    code, out, _ = run(mugs, capsys, "adjust", "MUG-1", "--set", "5", "--reason", "stocktake", "--location", "A-01")
    assert code == 0 and "Adjusted MUG-1 by 1 unit(s) worth 3.20" in out
    stock = shop.inventory.product_stock("MUG-1")
    assert [(loc.path, loc.on_hand) for loc in stock.locations] == [("WH1/A/A-01", 5), ("WH1/A/A-02", 4)]


def test_move_to_another_warehouse_goes_through_transit_until_it_arrives(shop, mugs, capsys) -> None:
    run(mugs, capsys, "receive", "MUG-1", "10", "--cost", "1", "--location", "WH1/A/A-01")
    code, out, _ = run(mugs, capsys, "move", "MUG-1", "3", "--from", "WH1/A/A-01", "--to", "WH2/B/B-01", "--json")
    transfer = json.loads(out)["transfer"]
    assert code == 0 and transfer is not None
    assert json.loads(run(mugs, capsys, "show", "MUG-1", "--json")[1])["in_transit"] == 3
    assert run(mugs, capsys, "arrive", str(transfer))[0] == 0
    code, _, err = run(mugs, capsys, "arrive", str(transfer))
    assert code == 1 and "already received" in err
    data = json.loads(run(mugs, capsys, "show", "MUG-1", "--json")[1])
    assert data["in_transit"] == 0
    assert {loc["location"]: loc["on_hand"] for loc in data["locations"]} == {"WH1/A/A-01": 7, "WH2/B/B-01": 3}


def test_show_counts_nothing_held_in_quarantine_or_in_transit_as_available(shop, mugs, capsys) -> None:
    run(mugs, capsys, "receive", "MUG-1", "10", "--cost", "1", "--location", "WH1/A/A-01")
    shop.inventory.reserve("MUG-1", 2, "WH1/A/A-01", SourceDoc("sales_order", 1, "SO-0001"))
    shop.inventory.quarantine("MUG-1", 1, "WH1/A/A-01", reason="chipped")
    run(mugs, capsys, "move", "MUG-1", "3", "--from", "WH1/A/A-01", "--to", "WH2/B/B-01")
    data = json.loads(run(mugs, capsys, "show", "MUG-1", "--json")[1])
    # 6 in the bin, 2 of them reserved: 4 can be sold; the held 4 are owned, not available.
    assert (data["on_hand"], data["reserved"], data["available"]) == (6, 2, 4)
    assert (data["quarantine"], data["in_transit"]) == (1, 3)
    assert [(loc["location"], loc["on_hand"], loc["available"]) for loc in data["locations"]] == [("WH1/A/A-01", 6, 4)]
    assert [(loc["location"], loc["on_hand"], loc["available"]) for loc in data["held"]] == [
        ("@quarantine", 1, 0),
        ("@transit", 3, 0),
    ]
    code, text, _ = run(mugs, capsys, "show", "MUG-1")
    assert code == 0
    held_lines = [line for line in text.splitlines() if line.strip().startswith(("@quarantine", "@transit"))]
    assert len(held_lines) == 2 and all("available      0" in line for line in held_lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("receive", "MUG-1", "0", "--cost", "1", "--location", "A-01"), "QTY must be above zero"),
        (("receive", "MUG-1", "-3", "--cost", "1", "--location", "A-01"), "QTY must be a whole number above zero"),
        (
            ("receive", "MUG-1", "1", "--cost", "-3.20", "--location", "A-01"),
            "--cost must be zero or more (found: '-3.20')",
        ),
        (("receive", "MUG-1", "1", "--cost", "1.234", "--location", "A-01"), "more than 2 decimal places"),
        (("receive", "NO-SUCH", "1", "--cost", "1", "--location", "A-01"), "No product with SKU or barcode 'NO-SUCH'"),
        (("receive", "6900000000000", "1", "--cost", "1", "--location", "A-01"), "No product with SKU or barcode"),
        (("receive", "MUG-1", "1", "--cost", "1", "--location", "WH9/Z/Z-9"), "No location 'WH9/Z/Z-9'"),
        (("move", "MUG-1", "99", "--from", "A-01", "--to", "A-02"), "Not enough stock of MUG-1 at WH1/A/A-01"),
        (("move", "MUG-1", "1", "--from", "A-01", "--to", "WH1/A/A-01"), "same location"),
        (("adjust", "MUG-1", "--set", "-1", "--reason", "count", "--location", "A-01"), "whole number"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(shop, mugs, capsys, args, message) -> None:
    run(mugs, capsys, "receive", "MUG-1", "2", "--cost", "1", "--location", "WH1/A/A-01")
    before = ledger_snapshot(shop)
    code, out, err = run(mugs, capsys, *args)
    assert code == 1
    assert message in err
    assert out == ""
    assert ledger_snapshot(shop) == before


def test_history_lists_the_moves_newest_first(shop, mugs, capsys) -> None:
    run(mugs, capsys, "receive", "MUG-1", "2", "--cost", "1", "--location", "A-01", "--ref", "PO-7")
    run(mugs, capsys, "move", "MUG-1", "1", "--from", "A-01", "--to", "A-02", "--reason", "tidy up")
    rows = json.loads(run(mugs, capsys, "history", "MUG-1", "--json")[1])
    assert [(r["kind"], r["from"], r["to"], r["quantity"]) for r in rows] == [
        ("transfer", "WH1/A/A-01", "WH1/A/A-02", 1),
        ("receipt", "@supplier", "WH1/A/A-01", 2),
    ]
    assert rows[1]["source"] == "PO-7" and rows[0]["reason"] == "tidy up"


def test_history_is_newest_first_by_when_the_moves_happened_not_when_they_were_recorded(shop, mugs, capsys) -> None:
    def on(day: str, move) -> None:  # type: ignore[no-untyped-def]
        month, _, day_of_month = day.partition("-")
        with clock_at(datetime(2026, int(month), int(day_of_month), 10, tzinfo=UTC)):
            move()

    receive = shop.inventory.receive
    on("11-28", lambda: receive("MUG-1", 5, "WH1/A/A-01", unit_cost=100, reason="second delivery"))
    on("11-30", lambda: shop.inventory.transfer("MUG-1", 2, "WH1/A/A-01", "WH1/A/A-02", reason="tidy up"))
    # Booked afterwards, dated when it happened (an import, a return booked late, the demo's history).
    on("11-27", lambda: receive("MUG-1", 3, "WH1/A/A-01", unit_cost=100, reason="first delivery"))
    on("12-04", lambda: receive("MUG-1", 1, "WH1/A/A-02", unit_cost=100, reason="third delivery"))
    on("12-04", lambda: shop.inventory.transfer("MUG-1", 1, "WH1/A/A-02", "WH1/A/A-01", reason="back"))
    rows = json.loads(run(mugs, capsys, "history", "MUG-1", "--json")[1])
    assert [(r["at"][:10], r["reason"]) for r in rows] == [
        ("2026-12-04", "back"),  # the same moment: the one recorded later first
        ("2026-12-04", "third delivery"),
        ("2026-11-30", "tidy up"),
        ("2026-11-28", "second delivery"),
        ("2026-11-27", "first delivery"),
    ]
    # The paged history the Stock tab reads goes on where the first page stopped.
    pages = shop.inventory.history("MUG-1", limit=2) + shop.inventory.history("MUG-1", limit=3, offset=2)
    assert [m.reason for m in pages] == [r["reason"] for r in rows]
    text = run(mugs, capsys, "history", "MUG-1")[1]
    assert [line[:10] for line in text.splitlines()] == [r["at"][:10] for r in rows]
