"""Taobao/Tmall and Pinduoduo order exports, and a shop's own saved order layout: all of it or nothing, never twice."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from shopdesk.domain.errors import NotFound, ValidationFailed
from shopdesk.services.channels import UnmatchedSku, link_channel_sku, unmatched_skus
from shopdesk.services.marketplace_import import (
    delete_order_layout,
    list_order_layouts,
    save_order_layout,
    split_address,
)
from shopdesk.services.order_import import OrderImport, OrderImportOptions
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.shop import Shop
from tests.imports.files import write_csv, write_xlsx
from tests.order_helpers import stocked_shop
from tests.stock_helpers import ledger_snapshot

TAOBAO_HEADINGS = [
    "订单编号",
    "买家会员名",
    "收货人姓名",
    "联系手机",
    "收货地址",
    "商家编码",
    "宝贝标题",
    "购买数量",
    "价格",
    "实付款",
    "订单创建时间",
    "订单状态",
    "买家留言",
]


def taobao_rows() -> list[list[str]]:
    """Order 2901 has two lines; 2902 one; 2903 was closed on Taobao. Numbers protected as ="..." as Taobao does."""
    first = ['="2901234567890"', "tb_zhang", "张三", "138****5678", "上海 上海市 浦东新区 世纪大道100号(200120)"]
    second = ['="2901234567891"', "tb_li", "李四", "139****1111", "江苏省 南京市 鼓楼区 中山路1号"]
    closed = ['="2901234567892"', "tb_wang", "王五", "137****2222", "浙江省 杭州市 西湖区 文三路5号"]
    return [
        TAOBAO_HEADINGS,
        [*first, "MUG", "陶瓷马克杯", "2", "25.00", "89.90", "2026-11-20 09:15:00", "买家已付款，等待卖家发货", ""],
        [*first, "TEE", "纯棉T恤", "1", "39.90", "89.90", "2026-11-20 09:15:00", "买家已付款，等待卖家发货", ""],
        [*second, "TEE", "纯棉T恤", "1", "39.90", "39.90", "2026-11-21 20:00:00", "等待卖家发货", ""],
        [*closed, "MUG", "陶瓷马克杯", "1", "25.00", "0.00", "2026-11-21 21:00:00", "交易关闭", ""],
    ]


PDD_HEADINGS = [
    "订单号",
    "订单状态",
    "商品",
    "商品规格编码",
    "商品数量",
    "商品总价",
    "邮费",
    "用户实付金额",
    "收货人",
    "手机",
    "省",
    "市",
    "区",
    "街道",
    "订单成交时间",
]


def pdd_rows() -> list[list[str]]:
    """One row per order as Pinduoduo exports it; 251120-0003 was cancelled."""
    rows = (
        "251120-0001|待发货|马克杯|MUG|2|49.80|0.00|49.80|赵六|186****0000|广东省|深圳市|南山区|科技园路1号",
        "251120-0002|待发货|T恤 三件装|TEE|3|100.00|5.00|105.00|钱七|155****3333|北京市|北京市|朝阳区|建国路8号",
        "251120-0003|已取消|马克杯|MUG|1|24.90|0.00|0.00|孙八|133****4444|湖北省|武汉市|洪山区|珞喻路1号",
    )
    return [PDD_HEADINGS] + [[*row.split("|"), f"2026-11-20 {n:02d}:00:00"] for n, row in enumerate(rows, start=8)]


def run(shop: Shop, path: Path, profile: str, **options: object) -> object:
    return OrderImport(shop).run(path, OrderImportOptions(profile=profile, **options))  # type: ignore[arg-type]


def test_a_taobao_export_in_gbk_becomes_orders_with_masked_phones_and_split_addresses(
    shop: Shop, tmp_path: Path
) -> None:
    stocked_shop(shop)
    path = write_csv(tmp_path / "ExportOrderList.csv", taobao_rows(), encoding="gbk")
    result = run(shop, path, "taobao")
    assert result.created == ["SO-000001", "SO-000002"]
    assert result.closed == ["2901234567892"]  # closed on Taobao: nothing to ship, not imported
    first = shop.orders.get_order("SO-000001")
    assert (first.channel, first.channel_order_no, first.customer_name) == ("taobao", "2901234567890", "tb_zhang")
    assert [(ln.sku, ln.quantity, ln.unit_price) for ln in first.lines] == [("MUG", 2, 2500), ("TEE", 1, 3990)]
    assert (first.currency, first.payment_status, first.paid_amount) == ("CNY", "paid", 8990)
    ship_to = first.ship_to
    assert (ship_to.name, ship_to.phone) == ("张三", "138****5678")  # kept exactly as Taobao masked it
    assert (ship_to.province, ship_to.city, ship_to.district, ship_to.street, ship_to.postcode) == (
        "上海",
        "上海市",
        "浦东新区",
        "世纪大道100号",
        "200120",
    )
    # Taobao writes Beijing time, whatever zone this computer is in.
    assert first.placed_at == datetime(2026, 11, 20, 1, 15, tzinfo=UTC)


def test_importing_the_same_taobao_export_twice_changes_nothing(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    path = write_csv(tmp_path / "taobao.csv", taobao_rows(), encoding="gbk")
    run(shop, path, "taobao")
    before = ledger_snapshot(shop)
    again = run(shop, path, "taobao")
    assert again.created == []
    assert [(theirs, ours) for _, theirs, ours in again.already_imported] == [
        ("2901234567890", "SO-000001"),
        ("2901234567891", "SO-000002"),
    ]
    assert ledger_snapshot(shop) == before
    assert len(shop.orders.list_orders(OrderFilter())) == 2


def test_two_buyers_behind_the_same_masked_phone_stay_two_customers(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    rows = taobao_rows()[:4]
    rows[3][3] = "138****5678"  # tb_li's phone masks to the same text as tb_zhang's
    run(shop, write_csv(tmp_path / "taobao.csv", rows, encoding="gbk"), "taobao")
    zhang, li = shop.orders.get_order("SO-000001"), shop.orders.get_order("SO-000002")
    assert zhang.customer_id != li.customer_id
    assert (zhang.customer_name, li.customer_name) == ("tb_zhang", "tb_li")


def test_a_pinduoduo_export_prices_lines_from_their_totals_to_the_cent(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    path = write_xlsx(tmp_path / "pdd.xlsx", pdd_rows(), sheet="订单")
    result = run(shop, path, "pinduoduo")
    assert (result.created, result.closed) == (["SO-000001", "SO-000002"], ["251120-0003"])
    mugs = shop.orders.get_order("SO-000001")
    assert [(ln.sku, ln.quantity, ln.unit_price, ln.discount) for ln in mugs.lines] == [("MUG", 2, 2490, 0)]
    tees = shop.orders.get_order("SO-000002")
    # 100.00 for three does not divide: 3 × 33.34 less 0.02 keeps the line at exactly 100.00.
    assert [(ln.quantity, ln.unit_price, ln.discount) for ln in tees.lines] == [(3, 3334, 2)]
    assert (tees.shipping_fee, tees.total, tees.channel, tees.ship_to.city) == (500, 10500, "pinduoduo", "北京市")


def test_a_taobao_export_without_the_quantity_column_is_refused_and_nothing_is_written(
    shop: Shop, tmp_path: Path
) -> None:
    stocked_shop(shop)
    before = ledger_snapshot(shop)
    rows = [[c for i, c in enumerate(r) if i != 7] for r in taobao_rows()]
    path = write_csv(tmp_path / "taobao.csv", rows, encoding="gbk")
    with pytest.raises(ValidationFailed) as caught:
        run(shop, path, "taobao")
    assert [(p.where, p.message) for p in caught.value.problems] == [
        ("row 1", "missing column 购买数量 / 宝贝数量 (quantity)")
    ]
    assert ledger_snapshot(shop) == before
    assert len(shop.orders.list_orders(OrderFilter())) == 0


def test_a_taobao_export_read_in_the_wrong_encoding_says_so(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    path = write_csv(tmp_path / "taobao.csv", taobao_rows(), encoding="gbk")
    with pytest.raises(ValidationFailed) as caught:
        run(shop, path, "taobao", encoding="latin-1")
    message = str(caught.value.problems[0])
    assert "no row has the headings of a Taobao/Tmall order export" in message
    assert "read as LATIN-1" in message or "read as ISO8859-1" in message
    assert len(shop.orders.list_orders(OrderFilter())) == 0


def test_a_shop_selling_in_euros_is_not_given_yuan_orders_silently(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    shop.set_setting("currency", "EUR")
    path = write_csv(tmp_path / "taobao.csv", taobao_rows(), encoding="gbk")
    with pytest.raises(ValidationFailed) as caught:
        run(shop, path, "taobao")
    flagged = [p for p in caught.value.problems if "the shop sells in EUR and this order is in CNY" in p.message]
    assert [p.where for p in flagged] == ["row 2", "row 4"]
    assert len(shop.orders.list_orders(OrderFilter())) == 0


def test_an_order_naming_an_unknown_taobao_code_waits_until_the_code_is_linked_once(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    rows = taobao_rows()
    rows[2][5] = "TB-TEE-WHITE"  # Taobao's own code for our TEE on the second line of order 2901
    path = write_csv(tmp_path / "taobao.csv", rows, encoding="gbk")
    result = run(shop, path, "taobao")
    assert (result.created, result.waiting) == (["SO-000001"], ["2901234567890"])  # 2901...891 had no unknown code
    assert unmatched_skus(shop) == [UnmatchedSku("taobao", "TB-TEE-WHITE", "纯棉T恤", ["2901234567890"], 1)]
    again = run(shop, path, "taobao")  # the waiting order is not queued twice
    assert (again.created, again.waiting, len(again.already_imported)) == ([], [], 2)

    linked = link_channel_sku(shop, "taobao", "TB-TEE-WHITE", "tee")
    assert (linked.product_sku, linked.created, linked.still_waiting) == ("TEE", ["SO-000002"], [])
    order = shop.orders.get_order("SO-000002")
    assert (order.channel_order_no, [(ln.sku, ln.quantity) for ln in order.lines]) == (
        "2901234567890",
        [("MUG", 2), ("TEE", 1)],
    )
    assert unmatched_skus(shop) == []

    later = [TAOBAO_HEADINGS, ['="2901234567899"', *rows[2][1:]]]  # a new order with the same code: no wait now
    result = run(shop, write_csv(tmp_path / "later.csv", later, encoding="gbk"), "taobao")
    assert (result.created, result.waiting) == (["SO-000003"], [])
    assert [ln.sku for ln in shop.orders.get_order("SO-000003").lines] == ["TEE"]


def test_a_code_is_linked_to_a_product_that_exists_or_not_at_all(shop: Shop) -> None:
    stocked_shop(shop)
    with pytest.raises(NotFound, match="No product has SKU 'CUP-404'"):
        link_channel_sku(shop, "taobao", "TB-CUP", "CUP-404")
    assert unmatched_skus(shop) == []


def test_a_bad_quantity_refuses_the_file_even_beside_an_unknown_code(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    rows = taobao_rows()
    rows[1][5], rows[3][7] = "TB-MUG", "two"
    path = write_csv(tmp_path / "taobao.csv", rows, encoding="gbk")
    with pytest.raises(ValidationFailed) as caught:
        run(shop, path, "taobao")
    assert [(p.where, p.found) for p in caught.value.problems] == [("row 4, column H (购买数量)", "two")]
    assert unmatched_skus(shop) == []
    assert len(shop.orders.list_orders(OrderFilter())) == 0


def test_a_shop_saves_its_own_export_layout_once_and_the_generic_import_reads_it(shop: Shop, tmp_path: Path) -> None:
    stocked_shop(shop)
    headings = ["Ref", "Article", "Pieces", "Each", "Deliver to", "Tel", "Town", "Street line", "When"]
    rows = [
        headings,
        ["W-17", "MUG", "1", "25.00", "Anna", "13812345678", "苏州市", "人民路2号", "2026-11-22 10:00"],
        ["W-17", "TEE", "2", "39.90", "Anna", "13812345678", "苏州市", "人民路2号", "2026-11-22 10:00"],
    ]
    path = write_csv(tmp_path / "webshop.csv", rows)
    with pytest.raises(ValidationFailed):  # our generic headings are not there
        run(shop, path, "generic")
    columns = {
        "order_no": "Ref",
        "sku": "Article",
        "quantity": "Pieces",
        "unit_price": "Each",
        "recipient": "Deliver to",
        "phone": "Tel",
        "city": "Town",
        "street": "Street line",
        "placed_at": "When",
    }
    saved = save_order_layout(shop, path, columns, name="Webshop", channel="webshop", time_zone="Asia/Shanghai")
    assert [(s.name, s.channel) for s in list_order_layouts(shop)] == [("Webshop", "webshop")]
    result = run(shop, path, "generic")
    order = shop.orders.get_order(result.created[0])
    assert (order.channel, order.channel_order_no, order.goods_total) == ("webshop", "W-17", 10480)
    delete_order_layout(shop, saved.id)
    assert list_order_layouts(shop) == []


def test_a_layout_without_the_sku_column_cannot_be_saved(shop: Shop, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "webshop.csv", [["Ref", "Pieces"], ["W-1", "1"]])
    with pytest.raises(ValidationFailed) as caught:
        save_order_layout(shop, path, {"order_no": "Ref", "quantity": "Pieces", "colour": "Ref"})
    assert [p.where for p in caught.value.problems] == ["field colour", "field sku"]
    assert list_order_layouts(shop) == []


@pytest.mark.parametrize(
    ("cell", "parts"),
    [
        ("浙江省 杭州市 西湖区 文三路100号(310000)", ("浙江省", "杭州市", "西湖区", "文三路100号", "310000")),
        ("广东省深圳市南山区科技园路1号", ("广东省", "深圳市", "南山区", "科技园路1号", "")),
        ("北京市朝阳区建国路8号", ("北京市", "北京市", "朝阳区", "建国路8号", "")),
        ("somewhere unknown", ("", "", "", "somewhere unknown", "")),
    ],
)
def test_a_one_cell_chinese_address_is_split_into_its_parts(cell: str, parts: tuple[str, ...]) -> None:
    assert split_address(cell) == parts
