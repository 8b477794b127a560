"""`shopdesk import orders --profile taobao|pinduoduo` and `shopdesk order-layout` as a shop's scripts use them."""

from __future__ import annotations

import json

import pytest

from shopdesk.cli import main
from shopdesk.services.shop import Shop
from tests.db.test_marketplace_import import pdd_rows, taobao_rows
from tests.imports.files import write_csv
from tests.order_helpers import stocked_shop


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop_url(shop: Shop, db_url: str) -> str:
    stocked_shop(shop)
    return db_url


def test_a_taobao_export_is_imported_once_and_its_closed_order_named(shop_url, capsys, tmp_path) -> None:
    path = write_csv(tmp_path / "ExportOrderList.csv", taobao_rows(), encoding="gbk")
    code, out, err = run(shop_url, capsys, "import", "orders", str(path), "--profile", "taobao")
    assert code == 0, err
    assert out.strip() == "Imported 2 order(s) from ExportOrderList.csv: SO-000001, SO-000002."
    assert "Order 2901234567892 was closed or cancelled on the platform; left out." in err
    code, out, _ = run(shop_url, capsys, "import", "orders", str(path), "--profile", "taobao")
    assert (code, out.strip()) == (0, "Nothing changed: all 2 order(s) in ExportOrderList.csv were imported before.")


def test_a_pinduoduo_file_given_as_taobao_is_refused_with_what_is_missing(shop_url, capsys, tmp_path) -> None:
    path = write_csv(tmp_path / "pdd.csv", pdd_rows(), encoding="gbk")
    code, out, err = run(shop_url, capsys, "import", "orders", str(path), "--profile", "taobao")
    assert (code, out) == (1, "")
    assert "no row has the headings of a Taobao/Tmall order export (订单编号, 商家编码, 购买数量)" in err
    code, out, _ = run(shop_url, capsys, "order", "list", "--json")
    assert json.loads(out) == []


def test_a_saved_layout_makes_another_systems_export_importable(shop_url, capsys, tmp_path) -> None:
    rows = [
        ["Ref", "Article", "Pieces", "Deliver to", "Tel", "Town", "Street line"],
        ["W-1", "MUG", "1", "Anna", "13812345678", "苏州市", "人民路2号"],
    ]
    path = write_csv(tmp_path / "webshop.csv", rows)
    maps = ["order_no=Ref", "sku=Article", "quantity=Pieces", "recipient=Deliver to", "phone=Tel"]
    args = [a for m in [*maps, "city=Town", "street=Street line"] for a in ("--map", m)]
    code, out, err = run(shop_url, capsys, "order-layout", "save", str(path), *args, "--channel", "webshop")
    assert code == 0, err
    assert out.strip() == "Saved order layout 1 'webshop': files with these headings import as webshop."
    code, out, err = run(shop_url, capsys, "import", "orders", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["created"] == ["SO-000001"]
    code, out, _ = run(shop_url, capsys, "order-layout", "delete", "1")
    assert code == 0
    code, _, err = run(shop_url, capsys, "order-layout", "delete", "1")
    assert (code, err.strip()) == (1, "error: No saved order layout has id 1.")


def test_an_order_waiting_for_a_sku_link_is_created_when_the_code_is_linked(shop_url, capsys, tmp_path) -> None:
    rows = taobao_rows()[:2]
    rows[1][5] = "TB-MUG"
    path = write_csv(tmp_path / "taobao.csv", rows, encoding="gbk")
    code, out, err = run(shop_url, capsys, "import", "orders", str(path), "--profile", "taobao")
    assert code == 0, err
    assert "Order 2901234567890 names SKUs no product has: it waits" in err
    code, out, _ = run(shop_url, capsys, "sku", "unmatched")
    assert out.strip() == "taobao  TB-MUG  陶瓷马克杯  2 unit(s) in 1 order(s): 2901234567890"
    code, out, err = run(shop_url, capsys, "sku", "link", "taobao", "TB-MUG", "MUG")
    assert (code, out.strip()) == (0, "Linked TB-MUG from taobao to MUG. Orders created: SO-000001.")
    code, out, _ = run(shop_url, capsys, "sku", "unmatched")
    assert out.strip() == "No order is waiting for a SKU link."
