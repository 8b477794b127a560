"""`shopdesk picklist`, `labels` and `packing-slip` as the packer at the label printer uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopdesk.cli import main
from shopdesk.services.shop import Shop
from tests.documents.reading import read_pdf, squeeze
from tests.order_helpers import NANJING, draft, lenient_rules, stocked_shop


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def orders(shop: Shop, db_url: str) -> tuple[str, list[str]]:
    """Two allocated orders (to Shanghai and Nanjing) and one waiting for stock."""
    stocked_shop(shop, {"MUG": 5, "TEE": 5})
    lenient_rules(shop)
    shop.set_setting("default_carrier", "中通快递")
    numbers = [
        shop.orders.create_order(draft(("MUG", 2)), confirm=True),
        shop.orders.create_order(draft(("TEE", 1), ("MUG", 1), ship_to=NANJING), confirm=True),
        shop.orders.create_order(draft(("TEE", 40)), confirm=True),
    ]
    return db_url, numbers


def test_labels_for_every_allocated_order_decode_to_their_order_numbers(orders, capsys, tmp_path: Path) -> None:
    url, (first, second, _) = orders
    target = tmp_path / "labels.pdf"
    code, out, err = run(
        url, capsys, "labels", "--status", "allocated", "--size", "100x150", "-o", str(target), "--json"
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["orders"] == 2
    pages = read_pdf(target.read_bytes())
    assert [dict(p.symbols)["Code 128"] for p in pages] == [first, second]
    assert "李四" in squeeze(pages[1].text) and "中通快递" in squeeze(pages[1].text)


def test_zpl_labels_go_to_a_thermal_printer_file(orders, capsys, tmp_path: Path) -> None:
    url, (first, _, _) = orders
    target = tmp_path / "labels.zpl"
    code, _, _ = run(url, capsys, "labels", first, "--format", "zpl", "-o", str(target))
    assert code == 0
    zpl = target.read_text(encoding="utf-8")
    assert zpl.startswith("^XA") and zpl.count("^XZ") == 1 and first in zpl


def test_a_label_for_an_order_still_waiting_is_refused_and_leaves_no_file(orders, capsys, tmp_path: Path) -> None:
    url, (first, _, waiting) = orders
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = run(url, capsys, "labels", first, waiting, "-o", str(out_dir / "labels.pdf"))
    assert code == 1 and out == ""
    assert f"{waiting}: is confirmed" in err
    assert list(out_dir.iterdir()) == []


def test_a_waybill_scanned_at_the_bench_goes_on_the_label_and_a_shipped_parcel_can_have_it_reprinted(
    orders, capsys, tmp_path: Path
) -> None:
    url, (first, _, _) = orders
    code, out, err = run(url, capsys, "order", "waybill", first, "--carrier", "中通快递", "--tracking", "zt7500123",
                         "--service", "标快")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.strip() == f"{first}: allocated (waybill 中通快递 标快 ZT7500123)"
    code, out, _ = run(url, capsys, "order", "show", first)
    assert "waybill 中通快递 标快 ZT7500123" in out and "shipped by" not in out
    label = tmp_path / "label.pdf"
    assert run(url, capsys, "labels", first, "--size", "76x130", "-o", str(label))[0] == 0
    [page] = read_pdf(label.read_bytes())
    assert dict(page.symbols)["Code 128"] == "ZT7500123"
    assert "中通快递" in squeeze(page.text) and "标快" in squeeze(page.text)

    assert run(url, capsys, "order", "pack", first)[0] == 0
    code, out, _ = run(url, capsys, "order", "ship", first)  # no --tracking: the waybill's
    assert (code, out.split(";")[0]) == (0, f"{first}: shipped 2 item(s) by 中通快递 ZT7500123")
    reprint = tmp_path / "reprint.pdf"
    assert run(url, capsys, "labels", first, "-o", str(reprint))[0] == 0
    assert dict(read_pdf(reprint.read_bytes())[0].symbols)["Code 128"] == "ZT7500123"


def test_a_waybill_for_an_order_still_waiting_is_refused(orders, capsys) -> None:
    url, (_, _, waiting) = orders
    code, _, err = run(url, capsys, "order", "waybill", waiting, "--carrier", "中通快递", "--tracking", "ZT1")
    assert code == 1
    assert err.strip() == (
        f"error: Order {waiting} is confirmed: a waybill is recorded for allocated, picked or packed orders "
        "(a shipped order keeps the number it left with)."
    )


def test_a_consolidated_pick_list_for_every_allocated_order(orders, capsys, tmp_path: Path) -> None:
    url, (first, second, _) = orders
    target = tmp_path / "pick.pdf"
    code, out, _ = run(url, capsys, "picklist", "--status", "allocated", "--consolidated", "-o", str(target))
    assert code == 0 and str(target) in out
    text = squeeze(" ".join(p.text for p in read_pdf(target.read_bytes(), dpi=100)))
    assert first in text and second in text and "A-01" in text


def test_nothing_to_pick_says_so(orders, capsys, tmp_path: Path) -> None:
    url, _ = orders
    code, _, err = run(url, capsys, "picklist", "--status", "packed", "-o", str(tmp_path / "p.pdf"))
    assert code == 1 and "No order is packed" in err
    code, _, err = run(url, capsys, "picklist", "-o", str(tmp_path / "p.pdf"))
    assert code == 1 and "Name the orders" in err


def test_a_packing_slip_for_one_order(orders, capsys, tmp_path: Path) -> None:
    url, (_, second, _) = orders
    target = tmp_path / "slip.pdf"
    code, _, _ = run(url, capsys, "packing-slip", second.lower(), "-o", str(target))
    assert code == 0
    text = squeeze(read_pdf(target.read_bytes(), dpi=100)[0].text)
    assert second in text and "中山路1号" in text and "TEE" in text
