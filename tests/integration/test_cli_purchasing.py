"""`shopdesk po …`, `shopdesk stocktake …`, `shopdesk stock reorder`, `shopdesk import stock|stocktake` from a script."""

from __future__ import annotations

import json

import pytest

from shopdesk.cli import main
from shopdesk.services.parties import SupplierDraft
from tests.documents.reading import read_pdf
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

MUG_EAN = "6901234567892"


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop_url(shop, db_url):  # type: ignore[no-untyped-def]
    """WH1 (A-01, A-02), WH2; MUG-1 (default bin A-01) and PLATE from supplier ACME."""
    build_layout(shop)
    mug = new_product(shop, "MUG-1", barcodes=[MUG_EAN])
    new_product(shop, "PLATE", barcodes=[])
    shop.locations.set_default_bin(mug, "WH1/A/A-01")
    shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics", lead_time_days=7))
    return db_url


def test_a_purchase_order_from_draft_to_received(shop, shop_url, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(shop_url, capsys, "po", "new", "ACME", "MUG-1:60@3.50", "PLATE:20@5", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["number"], data["status"], data["total"]) == ("PO-000001", "draft", "310.00")
    assert run(shop_url, capsys, "po", "order", "po-000001")[1] == "PO-000001 is ordered\n"
    code, out, _ = run(shop_url, capsys, "po", "receive", "PO-000001", "1:40")
    assert code == 0 and "Received 40 unit(s) worth 140.00 CNY on PO-000001: now partially received" in out
    code, out, _ = run(shop_url, capsys, "po", "receive", "PO-000001", "--all", "--location", "WH1/A/A-02")
    assert code == 0 and "now received" in out
    code, out, _ = run(shop_url, capsys, "stock", "show", "MUG-1", "--json")
    by_bin = {loc["location"]: loc["on_hand"] for loc in json.loads(out)["locations"]}
    assert by_bin == {"WH1/A/A-01": 40, "WH1/A/A-02": 20}
    code, out, _ = run(shop_url, capsys, "po", "list", "--status", "received", "--json")
    assert [(r["number"], r["received"], r["ordered"]) for r in json.loads(out)] == [("PO-000001", 80, 80)]
    pdf = tmp_path / "po.pdf"
    assert run(shop_url, capsys, "po", "pdf", "PO-000001", "-o", str(pdf))[0] == 0
    assert "PO-000001" in read_pdf(pdf.read_bytes())[0].text


def test_bad_receipts_say_what_is_wrong_and_change_nothing(shop, shop_url, capsys) -> None:  # type: ignore[no-untyped-def]
    run(shop_url, capsys, "po", "new", "ACME", "MUG-1:10", "--order")
    before = ledger_snapshot(shop)
    code, _, err = run(shop_url, capsys, "po", "receive", "PO-000001", "1:0", "MUG-1:-2")
    assert code == 1
    assert "error: Nothing was received on PO-000001" in err
    assert "line 1 (MUG-1): the quantity received is a whole number above zero (found: '0')" in err
    assert "line 1 (MUG-1): the quantity received is a whole number above zero (found: '-2')" in err
    code, _, err = run(shop_url, capsys, "po", "receive", "PO-000001", "1:11")
    assert code == 1 and "10 ordered, 0 received: at most 10 more can be received" in err
    code, _, err = run(shop_url, capsys, "po", "new", "ACME", "NOSUCH:3")
    assert code == 1 and "No product with SKU or barcode 'NOSUCH'" in err
    assert ledger_snapshot(shop) == before


def test_a_stocktake_counted_by_scan_and_file_then_posted_once(shop, shop_url, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    opening = tmp_path / "opening.csv"
    opening.write_text("SKU,Location,Quantity,Unit cost\nMUG-1,,10,3.20\nPLATE,WH1/A/A-02,6,5.00\n", encoding="utf-8")
    code, out, err = run(shop_url, capsys, "import", "stock", str(opening))
    assert code == 0, err
    assert "brought in 16 unit(s) worth 62.00 CNY on 2 row(s)" in out
    code, _, err = run(shop_url, capsys, "import", "stock", str(opening))
    assert code == 1 and "MUG-1 already has stock moves" in err

    code, out, _ = run(shop_url, capsys, "stocktake", "start", "--warehouse", "WH1", "--blind")
    assert code == 0 and "Started ST-000001: 2 line(s) to count in WH1" in out
    for _ in range(2):
        assert run(shop_url, capsys, "stocktake", "count", "ST-000001", MUG_EAN, "--scan")[0] == 0
    code, out, _ = run(shop_url, capsys, "stocktake", "count", "ST-000001", MUG_EAN, "7", "--scan")
    assert out == "MUG-1 at WH1/A/A-01: 9 counted\n"
    code, _, err = run(shop_url, capsys, "stocktake", "count", "ST-000001", "4006381333931", "--scan")
    assert code == 1 and "Unknown code 4006381333931" in err
    code, _, err = run(shop_url, capsys, "stocktake", "count", "ST-000001", "PLATE", "-1")
    assert code == 1 and "a count cannot be negative" in err
    code, _, err = run(shop_url, capsys, "stocktake", "count", "ST-000001", "PLATE", "2.5")
    assert code == 1 and "a count is in whole pieces, not fractions" in err

    sheet = tmp_path / "count.csv"
    sheet.write_text("商品编码,库位,实盘数量\nPLATE,WH1/A/A-02,6\n", encoding="utf-8")
    code, out, err = run(shop_url, capsys, "import", "stocktake", str(sheet))
    assert code == 0, err
    assert "counted 1 line(s) of ST-000001" in out
    code, out, _ = run(shop_url, capsys, "stocktake", "show", "ST-000001", "--differences", "--json")
    data = json.loads(out)
    assert (data["differences"], data["loss_value"]) == (1, "3.20")
    assert [(ln["sku"], ln["expected"], ln["counted"], ln["difference"]) for ln in data["count_lines"]] == [
        ("MUG-1", 10, 9, -1)
    ]
    code, out, _ = run(shop_url, capsys, "stocktake", "post", "ST-000001")
    assert code == 0 and "Posted ST-000001: 1 line(s) adjusted" in out
    before = ledger_snapshot(shop)
    code, _, err = run(shop_url, capsys, "stocktake", "post", "ST-000001")
    assert code == 1 and "ST-000001 was already posted" in err
    assert ledger_snapshot(shop) == before


def test_reorder_suggestions_become_draft_purchase_orders(shop, shop_url, capsys) -> None:  # type: ignore[no-untyped-def]
    mug = shop.catalogue.find_by_code("MUG-1").id
    supplier = shop.parties.suppliers()[0][0]
    shop.catalogue.link_supplier(mug, supplier, cost=330, preferred=True)
    shop.inventory.receive("MUG-1", 30, "WH1/A/A-01", unit_cost=320)
    shop.inventory.ship("MUG-1", 30, "WH1/A/A-01")  # a day's worth a day over 30 days
    assert run(shop_url, capsys, "stock", "levels", "MUG-1", "--safety", "5", "--warning", "8")[0] == 0
    code, out, _ = run(shop_url, capsys, "stock", "low", "--json")
    assert [(r["sku"], r["available"], r["warning_line"]) for r in json.loads(out)] == [("MUG-1", 0, 8)]
    code, out, _ = run(shop_url, capsys, "stock", "reorder", "--create-pos", "--json")
    assert code == 0
    data = json.loads(out)
    # ⌈1/day × 7 days⌉ + 5 = 12; order up to 12 + 30 = 42.
    assert [(s["sku"], s["reorder_point"], s["suggested"]) for s in data["suggestions"]] == [("MUG-1", 12, 42)]
    assert data["created"] == ["PO-000001"]
    po = shop.purchasing.get("PO-000001")
    assert [(ln.sku, ln.quantity, ln.unit_cost) for ln in po.lines] == [("MUG-1", 42, 330)]
    assert "Nothing needs ordering" in run(shop_url, capsys, "stock", "reorder")[1]
