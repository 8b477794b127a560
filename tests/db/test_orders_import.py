"""The generic order file: one row per line, grouped by order number; all of it or nothing, and never twice."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from shopdesk.domain.errors import ValidationFailed
from shopdesk.services.order_import import OrderImport, OrderImportOptions
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.shop import Shop
from tests.imports.files import write_csv, write_xlsx
from tests.order_helpers import stocked_shop
from tests.stock_helpers import ledger_snapshot

HEADINGS = [
    "订单号",
    "下单时间",
    "买家",
    "收货人",
    "手机",
    "省",
    "市",
    "区",
    "详细地址",
    "商家编码",
    "数量",
    "单价",
    "运费",
    "买家留言",
]


def taobao_rows() -> list[list[object]]:
    """Three orders, the first with two lines; the address repeated on every line as exports do."""
    a = [
        "T1001",
        "2026-11-20 09:15",
        "zhang_88",
        "张三",
        "13812345678",
        "上海市",
        "上海市",
        "浦东新区",
        "世纪大道100号",
    ]
    b = ["T1002", "2026/11/20 10:05", "lisi", "李四", "13900001111", "江苏省", "南京市", "鼓楼区", "中山路1号"]
    c = ["T1003", "2026-11-21", "wangwu", "王五", "13700002222", "浙江省", "杭州市", "西湖区", "文三路5号"]
    return [
        ["淘宝订单导出 2026-11"],  # a title row above the headings
        HEADINGS,
        [*a, "MUG", "2", "25.00", "8", ""],
        [*a, "TEE", "1", "39.90", "8", ""],
        [*b, "tee", "1", "39.90", "0", ""],
        [*c, "MUG", "1", "25.00", "0", "请周末送"],
    ]


def importer(shop: Shop) -> OrderImport:
    return OrderImport(shop)


def test_a_marketplace_file_becomes_orders_reviewed_and_allocated(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    path = write_csv(tmp_path / "orders.csv", taobao_rows(), encoding="gb18030")
    result = importer(shop).run(path, OrderImportOptions(channel="taobao"))
    assert (result.orders_in_file, result.created, result.header_row) == (3, ["SO-000001", "SO-000002", "SO-000003"], 2)
    assert result.on_hold == ["SO-000003"]  # the buyer left a remark
    first = shop.orders.get_order("SO-000001")
    assert (first.channel, first.channel_order_no, first.customer_name, first.status) == (
        "taobao",
        "T1001",
        "zhang_88",
        "allocated",
    )
    assert [(ln.sku, ln.quantity, ln.unit_price) for ln in first.lines] == [("MUG", 2, 2500), ("TEE", 1, 3990)]
    assert (first.shipping_fee, first.total, first.payment_status, first.paid_amount) == (800, 9790, "paid", 9790)
    assert first.placed_at == datetime(2026, 11, 20, 9, 15).astimezone(UTC)  # written in the shop's local time
    assert first.timeline[0].reason == "imported from orders.csv"


def test_importing_the_same_file_again_changes_nothing_and_says_so(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    path = write_csv(tmp_path / "orders.csv", taobao_rows())
    importer(shop).run(path, OrderImportOptions(channel="taobao"))
    before = (ledger_snapshot(shop), shop.orders.bucket_counts())
    again = importer(shop).run(path, OrderImportOptions(channel="taobao"))
    assert again.created == []
    assert again.already_imported == [
        ("taobao", "T1001", "SO-000001"),
        ("taobao", "T1002", "SO-000002"),
        ("taobao", "T1003", "SO-000003"),
    ]
    assert (ledger_snapshot(shop), shop.orders.bucket_counts()) == before


def test_every_bad_cell_is_reported_by_row_and_column_and_nothing_is_imported(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    rows = taobao_rows()
    rows[2][HEADINGS.index("数量")] = "0"
    rows[3][HEADINGS.index("商家编码")] = "NOPE"
    rows[3][HEADINGS.index("详细地址")] = "世纪大道200号"  # the same order, another address
    rows[4][HEADINGS.index("单价")] = "39.905"
    rows[5][HEADINGS.index("详细地址")] = ""
    rows[5][HEADINGS.index("下单时间")] = "yesterday"
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(ValidationFailed) as caught:
        importer(shop).run(path, OrderImportOptions(channel="taobao"))
    assert caught.value.headline == "bad.csv: nothing was imported"
    assert [str(p) for p in caught.value.problems] == [
        "row 3, column K (数量): quantity must be above zero (found: '0')",
        "row 4, column I (详细地址): differs from row 3 of the same order ('世纪大道100号') (found: '世纪大道200号')",
        "row 4, column J (商家编码): no product has this SKU or barcode (found: 'NOPE')",
        "row 5, column L (单价): unit price has more than 2 decimal places (found: '39.905')",
        "row 6, column B (下单时间): is not a date and time like 2026-11-20 14:30 (found: 'yesterday')",
        "row 6, column I (详细地址): the street address is required to ship",
    ]
    assert shop.orders.count_orders() == 0


def test_a_file_without_the_needed_columns_says_which_are_missing(sqlite_shop: Shop, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["订单号", "买家", "数量"], ["T1", "a", "1"]])
    with pytest.raises(ValidationFailed) as caught:
        importer(sqlite_shop).run(path)
    assert [str(p) for p in caught.value.problems] == [
        "row 1: missing required column SKU (商家编码) (found: '订单号, 买家, 数量')"
    ]


def test_an_excel_file_in_english_with_a_channel_column_and_a_dry_run(sqlite_shop: Shop, tmp_path: Path) -> None:
    stocked_shop(sqlite_shop)
    rows = [
        [
            "Order number",
            "Channel",
            "Order time",
            "Recipient",
            "Phone",
            "Country",
            "City",
            "Address",
            "Postcode",
            "SKU",
            "Qty",
            "Price",
            "Payment status",
        ],
        [
            "1001",
            "shopify",
            "2026-11-20T08:00:00Z",
            "Anna Schmidt",
            "+49 30 1234567",
            "DE",
            "Berlin",
            "Torstraße 1",
            "10119",
            "MUG",
            2,
            25,
            "unpaid",
        ],
    ]
    path = write_xlsx(tmp_path / "shopify.xlsx", rows, sheet="Orders")
    dry = importer(sqlite_shop).run(path, OrderImportOptions(confirm=False), dry_run=True)
    assert (dry.orders_in_file, dry.created, dry.sheet) == (1, [], "Orders")
    assert sqlite_shop.orders.count_orders() == 0
    result = importer(sqlite_shop).run(path, OrderImportOptions(confirm=False))
    order = sqlite_shop.orders.get_order(result.created[0])
    assert (order.channel, order.status, order.total, order.payment_status) == ("shopify", "draft", 5000, "unpaid")
    assert (order.ship_to.country, order.ship_to.postcode) == ("DE", "10119")
    assert sqlite_shop.orders.list_orders(OrderFilter(text="anna"))[0].buyer == "A*** S******"
