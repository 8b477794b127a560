"""`shopdesk order …` and `shopdesk import orders` as a script or the shop's acceptance checks use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopdesk.cli import main
from shopdesk.services.shop import Shop
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


ORDER = {
    "channel": "phone",
    "customer": "zhang_88",
    "ship_to": {
        "name": "张三",
        "phone": "13812345678",
        "province": "上海市",
        "city": "上海市",
        "street": "世纪大道100号",
    },
    "lines": [{"sku": "MUG", "quantity": 2, "unit_price": 12.5, "discount": "10%"}, {"sku": "TEE", "quantity": 1}],
    "shipping_fee": 8,
}


def test_an_order_from_a_json_file_is_listed_and_shown_with_its_lines_and_timeline(shop_url, capsys, tmp_path) -> None:
    path = tmp_path / "order.json"
    path.write_text(json.dumps(ORDER, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(shop_url, capsys, "order", "new", "--file", str(path), "--confirm")
    assert (code, out.strip()) == (0, "Order SO-000001: allocated, total 55.50 CNY")
    code, out, _ = run(shop_url, capsys, "order", "list", "--json")
    listed = json.loads(out)
    assert (listed["shown"], listed["total"], listed["offset"]) == (1, 1, 0)
    assert [(o["number"], o["channel"], o["status"], o["total"], o["phone"]) for o in listed["orders"]] == [
        ("SO-000001", "phone", "allocated", "55.50", "138****5678")
    ]
    code, out, _ = run(shop_url, capsys, "order", "show", "so-000001", "--json")
    shown = json.loads(out)
    # 2 × 12.50 = 25.00 less 10% = 22.50; 1 × 25.00 (list price); + 8.00 shipping
    assert [(ln["sku"], ln["quantity"], ln["net"]) for ln in shown["lines"]] == [
        ("MUG", 2, "22.50"),
        ("TEE", 1, "25.00"),
    ]
    assert (shown["total"], shown["total_minor"], shown["customer_name"]) == ("55.50", 5550, "zhang_88")
    assert [(t["action"], t["to_status"]) for t in shown["timeline"]] == [
        ("created", None),
        ("status", "confirmed"),
        ("status", "allocated"),
    ]


def test_a_script_packs_by_scanning_and_ships_and_a_reused_tracking_number_is_refused_in_any_case(
    shop_url, capsys
) -> None:
    for _ in range(2):
        assert run(shop_url, capsys, "order", "new", "--line", "MUG:1", "--name", "王五", "--phone", "13700002222",
                   "--province", "北京市", "--city", "北京市", "--street", "长安街1号", "--confirm")[0] == 0  # fmt: skip
    code, out, _ = run(shop_url, capsys, "order", "pack", "SO-000001", "--scan", "TEE")
    assert code == 1
    code, out, err = run(shop_url, capsys, "order", "pack", "SO-000001", "--scan", "mug")
    assert (code, out.splitlines()[-1]) == (0, "SO-000001: packed")
    code, out, _ = run(shop_url, capsys, "order", "ship", "SO-000001", "--tracking", "SF001", "--carrier", "SF")
    assert (code, out.strip()) == (0, "SO-000001: shipped 1 item(s) by SF SF001; cost of goods 10.00")
    run(shop_url, capsys, "order", "pack", "SO-000002")
    for typed in ("SF001", "sf001", " Sf001 "):  # carriers print capitals; a clerk may type either
        code, _, err = run(shop_url, capsys, "order", "ship", "SO-000002", "--tracking", typed, "--carrier", "SF")
        assert code == 1
        assert err.strip() == (
            "error: Tracking number SF001 is already on order SO-000001; order SO-000002 was not shipped."
        )
    code, out, _ = run(shop_url, capsys, "order", "list", "--status", "packed", "--json")
    assert [o["number"] for o in json.loads(out)["orders"]] == ["SO-000002"]


def test_a_listing_cut_at_its_limit_says_how_many_there_are_in_json_as_in_text(shop_url, capsys) -> None:
    for _ in range(3):
        run(shop_url, capsys, "order", "new", "--line", "MUG:1", "--name", "王五", "--phone", "13700002222",
            "--province", "北京市", "--city", "北京市", "--street", "长安街1号")  # fmt: skip
    code, out, _ = run(shop_url, capsys, "order", "list", "--limit", "2", "--json")
    page = json.loads(out)
    assert (code, page["shown"], page["total"], page["offset"]) == (0, 2, 3, 0)
    assert [o["number"] for o in page["orders"]] == ["SO-000003", "SO-000002"]
    code, out, _ = run(shop_url, capsys, "order", "list", "--limit", "2", "--offset", "2", "--json")
    assert [o["number"] for o in json.loads(out)["orders"]] == ["SO-000001"]
    assert run(shop_url, capsys, "order", "list", "--limit", "2")[1].splitlines()[-1] == "2 of 3 order(s)"


def test_a_wrong_scan_is_refused_loudly(shop_url, capsys) -> None:
    run(shop_url, capsys, "order", "new", "--line", "MUG:1", "--name", "王五", "--province", "北京市", "--city", "北京市",
        "--street", "长安街1号", "--phone", "13700002222", "--confirm")  # fmt: skip
    code, _, err = run(shop_url, capsys, "order", "pack", "SO-000001", "--scan", "TEE")
    assert (code, err.strip()) == (1, "error: WRONG ITEM: TEE is not in order SO-000001. Take it out.")


def test_approving_several_orders_reports_each_and_fails_if_one_was_refused(shop_url, capsys) -> None:
    for remark in ("call first", "gift", ""):
        run(shop_url, capsys, "order", "new", "--line", "TEE:1", "--name", "李四", "--phone", "13900001111",
            "--province", "江苏省", "--city", "南京市", "--street", "中山路1号", "--remark", remark, "--confirm")  # fmt: skip
    code, out, _ = run(shop_url, capsys, "order", "list", "--bucket", "on_hold", "--json")
    assert [o["hold_reasons"] for o in json.loads(out)["orders"]] == ["the buyer left a remark to read"] * 2
    code, out, err = run(shop_url, capsys, "order", "approve", "SO-000001", "SO-000002", "SO-000003", "--reason", "ok")
    assert code == 1
    assert out.splitlines() == [
        "SO-000001: allocated (allocated from WH1)",
        "SO-000002: allocated (allocated from WH1)",
    ]
    assert "SO-000003 is allocated, not on hold for review" in err
    code, out, _ = run(shop_url, capsys, "order", "counts", "--json")
    assert json.loads(out)["to_ship"] == 3


def test_bad_input_lists_every_problem_and_enters_nothing(shop_url, capsys) -> None:
    code, _, err = run(shop_url, capsys, "order", "new", "--line", "NOPE:1", "--line", "MUG:0", "--line", "TEE:1:3.456")
    assert code == 1
    assert err.splitlines() == [
        "error: The order cannot be saved",
        "  ship_to: this channel ships the order: a shipping address is required",
        "  line 1: product: no product has this SKU or barcode (found: 'NOPE')",
        "  line 2: quantity: quantity must be above zero (found: '0')",
        "  line 3: unit price: unit price has more than 2 decimal places (found: '3.456')",
    ]
    assert run(shop_url, capsys, "order", "list")[1].strip() == "0 of 0 order(s)"
    code, _, err = run(shop_url, capsys, "order", "ship", "SO-000404", "--tracking", "X1", "--carrier", "SF")
    assert (code, err.strip()) == (1, "error: No order SO-000404")


def test_import_orders_generic_then_again_changes_nothing(shop_url, capsys, tmp_path: Path) -> None:
    rows = [
        ["订单号", "收货人", "手机", "省", "市", "详细地址", "商家编码", "数量", "单价"],
        ["T1", "张三", "13812345678", "上海市", "上海市", "世纪大道100号", "MUG", "1", "25.00"],
        ["T1", "张三", "13812345678", "上海市", "上海市", "世纪大道100号", "TEE", "2", "30.00"],
        ["T2", "李四", "13900001111", "江苏省", "南京市", "中山路1号", "MUG", "1", "25.00"],
    ]
    path = write_csv(tmp_path / "taobao.csv", rows, encoding="gb18030")
    args = ("import", "orders", str(path), "--profile", "generic", "--channel", "taobao")
    code, out, _ = run(shop_url, capsys, *args)
    assert (code, out.strip()) == (0, "Imported 2 order(s) from taobao.csv: SO-000001, SO-000002.")
    code, out, err = run(shop_url, capsys, *args)
    assert (code, out.strip()) == (0, "Nothing changed: all 2 order(s) in taobao.csv were imported before.")
    assert "Order T1 from taobao was already imported as SO-000001; skipped." in err
    rows.append(["T3", "王五", "13700002222", "浙江省", "杭州市", "", "MUG", "x", "25.00"])
    write_csv(path, rows, encoding="gb18030")
    code, _, err = run(shop_url, capsys, *args)
    assert code == 1
    assert err.splitlines()[1:] == [
        "  row 5, column F (详细地址): the street address is required to ship",
        "  row 5, column H (数量): quantity must be a whole number above zero (found: 'x')",
    ]
    assert json.loads(run(shop_url, capsys, "order", "counts", "--json")[1])["all"] == 2
