"""Pick, pack by scanning, ship with a tracking number: the stock leaves with its cost, the timeline says who did what."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shopdesk.db.models import StockMove
from shopdesk.domain.errors import Conflict, ShopDeskError, ValidationFailed
from shopdesk.domain.orders import IllegalTransition
from shopdesk.services.order_fulfilment import WrongItem
from shopdesk.services.shop import Shop
from tests.factories import ean13
from tests.order_helpers import draft, reservation_problems, stocked_shop
from tests.stock_helpers import ledger_snapshot, new_product


def allocated(shop: Shop, *lines) -> str:  # type: ignore[no-untyped-def]
    number = shop.orders.create_order(draft(*lines))
    assert shop.order_flow.confirm(number).status == "allocated"
    return number


def test_an_order_is_picked_packed_by_scan_shipped_delivered_and_completed(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 1})
    cup_code = ean13()
    new_product(shop, "CUP", barcodes=[cup_code], price=1500)
    shop.inventory.receive("CUP", 2, "WH1/A/A-01", unit_cost=400)
    shop.inventory.receive("CUP", 2, "WH1/A/A-02", unit_cost=600)  # average cost 5.00
    number = allocated(shop, ("CUP", 3), ("MUG", 1))
    flow = shop.order_flow
    flow.mark_picked(number)
    scans = [flow.pack_scan(number, code) for code in (cup_code, "mug", cup_code, f" {cup_code} ")]
    assert [(s.sku, s.line_packed, s.items_left, s.packed) for s in scans] == [
        ("CUP", 1, 3, False),
        ("MUG", 1, 2, False),
        ("CUP", 2, 1, False),
        ("CUP", 3, 0, True),
    ]
    shipped = flow.ship(number, "SF1234567890", "SF Express", service="标快", weight_g=850)
    assert (shipped.units, shipped.cost_of_goods, shipped.lines) == (4, 3 * 500 + 1000, {1: 1500, 2: 1000})
    flow.mark_delivered(number)
    flow.complete(number)
    order = shop.orders.get_order(number)
    assert order.status == "completed"
    assert [(ln.qty_shipped, ln.cost_of_goods) for ln in order.lines] == [(3, 1500), (1, 1000)]
    assert (order.tracking_no, order.carrier, order.carrier_service, order.weight_g) == (
        "SF1234567890",
        "SF Express",
        "标快",
        850,
    )
    with shop.db.read() as conn:
        moves = conn.execute(
            select(StockMove.kind, StockMove.quantity, StockMove.value, StockMove.source_number).where(
                StockMove.kind == "shipment"
            )
        ).all()
    assert sorted(moves) == [("shipment", 1, 500, number), ("shipment", 1, 1000, number), ("shipment", 2, 1000, number)]
    steps = [(t.from_status, t.to_status, t.user) for t in order.timeline if t.action == "status"]
    assert steps == [
        ("draft", "confirmed", "tester"),
        ("confirmed", "allocated", "tester"),
        ("allocated", "picked", "tester"),
        ("picked", "packed", "tester"),
        ("packed", "shipped", "tester"),
        ("shipped", "delivered", "tester"),
        ("delivered", "completed", "tester"),
    ]
    assert order.timeline[-3].reason == "SF Express SF1234567890"
    assert reservation_problems(shop) == []


def test_a_wrong_or_extra_item_is_refused_loudly_and_counts_nothing(shop: Shop) -> None:
    stocked_shop(shop)
    number = allocated(shop, ("MUG", 1))
    with pytest.raises(WrongItem, match=r"WRONG ITEM: TEE is not in order SO-000001\. Take it out\."):
        shop.order_flow.pack_scan(number, "TEE")
    with pytest.raises(WrongItem, match="'4006381333931' is not a product we know"):
        shop.order_flow.pack_scan(number, "4006381333931")
    shop.order_flow.mark_picked(number)
    assert shop.order_flow.pack_scan(number, "MUG").packed
    with pytest.raises(WrongItem, match="already packed"):
        shop.order_flow.pack_scan(number, "MUG")


def test_one_mug_too_many_is_an_extra_item(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    number = allocated(sqlite_shop, ("MUG", 2), ("TEE", 1))
    sqlite_shop.order_flow.pack_scan(number, "MUG")
    sqlite_shop.order_flow.pack_scan(number, "MUG")
    with pytest.raises(WrongItem, match=r"EXTRA ITEM: order SO-000001 has 2 × MUG, all already packed"):
        sqlite_shop.order_flow.pack_scan(number, "MUG")
    assert [ln.qty_packed for ln in sqlite_shop.orders.get_order(number).lines] == [2, 0]
    assert sqlite_shop.orders.get_order(number).status == "allocated"


def test_an_order_without_stock_cannot_be_packed_or_shipped(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop, {"MUG": 0})
    number = sqlite_shop.orders.create_order(draft(("MUG", 1)))
    with pytest.raises(IllegalTransition, match="Order SO-000001 is draft; it cannot become packed"):
        sqlite_shop.order_flow.pack_scan(number, "MUG")
    with pytest.raises(IllegalTransition, match="is draft; it cannot become shipped"):
        sqlite_shop.order_flow.ship(number, "YT1", "YTO")


def test_a_tracking_number_already_on_another_order_is_refused_and_nothing_ships(shop: Shop) -> None:
    stocked_shop(shop)
    first, second = allocated(shop, ("MUG", 1)), allocated(shop, ("TEE", 1))
    for number in (first, second):
        shop.order_flow.mark_packed(number)
    shop.order_flow.ship(first, "YT0001", "YTO")
    before = ledger_snapshot(shop)
    with pytest.raises(Conflict, match="Tracking number YT0001 is already on order SO-000001"):
        shop.order_flow.ship(second, "YT0001", "YTO")
    with pytest.raises(ValidationFailed) as caught:
        shop.order_flow.ship(second, "", "")
    assert [p.where for p in caught.value.problems] == ["tracking_no"]
    assert ledger_snapshot(shop) == before
    assert shop.orders.get_order(second).status == "packed"
    assert reservation_problems(shop) == []


def test_a_tracking_number_is_kept_in_capitals_and_another_case_is_no_way_round_the_duplicate_check(
    shop: Shop,
) -> None:
    stocked_shop(shop)
    first, second = allocated(shop, ("MUG", 1)), allocated(shop, ("TEE", 1))
    for number in (first, second):
        shop.order_flow.mark_packed(number)
    assert shop.order_flow.ship(first, " yt115681100169 ", "YTO").tracking_no == "YT115681100169"
    assert shop.orders.get_order(first).tracking_no == "YT115681100169"
    for typed in ("YT115681100169", "yt115681100169", "Yt115681100169\t"):
        with pytest.raises(Conflict, match="Tracking number YT115681100169 is already on order SO-000001"):
            shop.order_flow.ship(second, typed, "YTO")
    assert shop.orders.get_order(second).status == "packed"


def test_a_waybill_recorded_before_the_parcel_leaves_is_what_it_ships_with(shop: Shop) -> None:
    stocked_shop(shop)
    first, second = allocated(shop, ("MUG", 1)), allocated(shop, ("TEE", 1))
    flow = shop.order_flow
    flow.record_waybill(first, "zt7500001", "中通快递")
    flow.record_waybill(first, "ZT7500002", "中通快递", service="标快")  # the first label jammed: a new waybill
    with pytest.raises(Conflict, match="Tracking number ZT7500002 is already on order SO-000001; no waybill was"):
        flow.record_waybill(second, "zt7500002", "中通快递")
    with pytest.raises(ValidationFailed, match="No waybill was recorded on order SO-000002"):
        flow.record_waybill(second, "  ", "中通快递")
    flow.mark_packed(first)
    shipped = flow.ship(first)
    assert (shipped.tracking_no, shipped.carrier) == ("ZT7500002", "中通快递")
    order = shop.orders.get_order(first)
    assert (order.status, order.tracking_no, order.carrier, order.carrier_service) == (
        "shipped",
        "ZT7500002",
        "中通快递",
        "标快",
    )
    notes = [(t.action, t.reason) for t in order.timeline if t.action == "waybill" or t.to_status == "shipped"]
    assert notes == [
        ("waybill", "中通快递 ZT7500001"),
        ("waybill", "中通快递 标快 ZT7500002"),
        ("status", "中通快递 ZT7500002"),
    ]
    with pytest.raises(ShopDeskError, match="Order SO-000001 is shipped: a waybill is recorded for allocated"):
        flow.record_waybill(first, "ZT7500003", "中通快递")
    assert shop.orders.get_order(second).tracking_no == ""  # nothing of the refused waybills stayed
    assert reservation_problems(shop) == []


def test_a_shipped_order_can_no_longer_be_cancelled(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    number = allocated(sqlite_shop, ("MUG", 1))
    sqlite_shop.order_flow.mark_packed(number)
    sqlite_shop.order_flow.ship(number, "JD001", "JD")
    with pytest.raises(IllegalTransition) as caught:
        sqlite_shop.order_flow.cancel(number, "too late")
    assert str(caught.value) == (
        "Order SO-000001 is shipped; it cannot become cancelled. Allowed: completed, delivered."
    )


def test_packing_can_be_confirmed_without_a_scanner(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    number = allocated(sqlite_shop, ("MUG", 2))
    result = sqlite_shop.order_flow.mark_packed(number)
    assert result.status == "packed"
    assert sqlite_shop.orders.get_order(number).lines[0].qty_packed == 2


def test_marking_many_orders_picked_reports_the_ones_that_were_not_ready(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    ready = [allocated(sqlite_shop, ("MUG", 1)) for _ in range(2)]
    draft_only = sqlite_shop.orders.create_order(draft(("TEE", 1)))
    results = sqlite_shop.order_flow.bulk(sqlite_shop.order_flow.mark_picked, [*ready, draft_only])
    assert [(r.status, r.ok) for r in results] == [("picked", True), ("picked", True), ("", False)]
    assert "is draft; it cannot become picked" in results[2].message
