"""Returned goods and refunds on a case: stock moves at the original cost, checked to the cent."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from shopdesk.db.models import StockMove
from shopdesk.db.models.aftersales import ReturnReceipt
from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.services.aftersales import Solution
from shopdesk.services.aftersales_returns import ReturnLine
from shopdesk.services.shop import Shop
from tests.aftersales_helpers import (
    MONDAY,
    aftersales_snapshot,
    agreed_return,
    complaint,
    days,
    delivered_order,
    hours,
    satisfied,
    shop_with_mugs,
)
from tests.stock_helpers import new_product

SHANGHAI = ZoneInfo("Asia/Shanghai")


def moves_of(shop: Shop, case_number: str) -> list[tuple[str, str, str, int, int]]:
    from shopdesk.db.models import Location

    src, dst = Location.__table__.alias("src"), Location.__table__.alias("dst")
    with shop.db.read() as conn:
        rows = conn.execute(
            select(StockMove.kind, src.c.path, dst.c.path, StockMove.quantity, StockMove.value)
            .join(src, src.c.id == StockMove.from_location_id)
            .join(dst, dst.c.id == StockMove.to_location_id)
            .where(StockMove.source_number == case_number)
            .order_by(StockMove.id)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_five_mugs_come_back_three_to_stock_two_scrapped_with_value_and_refund_to_the_cent(shop: Shop) -> None:
    shop_with_mugs(shop, mugs=0)
    shop.inventory.receive("MUG", 6, "WH1/A/A-01", value=10000)  # 6 mugs for 100.00: 16.666… each
    order = delivered_order(shop, ("MUG", 5), shipping_fee=1000)  # 5 × 25.00 + 10.00 shipping, paid 135.00
    shipped = shop.orders.get_order(order)
    assert shipped.lines[0].cost_of_goods == 8333  # 5 × 16.666… = 83.33 left with the parcel
    assert shop.inventory.product_stock("MUG").value == 1667  # the one mug left

    cases = shop.aftersales
    number = cases.create_case(complaint(order, lines=((1, 5),)), at=MONDAY).number
    agreed_return(shop, number, 13500)  # the 5 mugs and the shipping back
    result = cases.receive_return(
        number,
        [
            ReturnLine(1, 3, "restock", note="boxes sealed, fine"),
            ReturnLine(1, 2, "scrap", note="cracked glaze"),
        ],
        at=MONDAY + days(3),
    )
    # Back at the cost they left with: 3/5 of 83.33 is 50.00 (49.998 rounded), the last 2 take exactly the rest.
    assert result.by_disposition == {"restock": (3, 5000), "scrap": (2, 3333)}
    assert (result.units, result.value) == (5, 8333)
    assert moves_of(shop, number) == [
        ("return", "@customer", "WH1/A/A-01", 3, 5000),
        ("return", "@customer", "@quarantine", 2, 3333),
        ("scrap", "@quarantine", "@scrap", 2, 3333),  # 6 mugs worth 100.00 again: 2 leave at 33.33
    ]
    stock = shop.inventory.product_stock("MUG")
    assert (stock.on_hand, stock.quarantine, stock.value) == (4, 0, 6667)  # 1 + 3 mugs, 100.00 − 33.33

    refund = cases.refund(number, 12500, "alipay", at=MONDAY + days(3), reason="5 mugs returned")
    assert (refund.refunded, refund.refundable, refund.payment_status) == (12500, 1000, "partially_refunded")
    before = aftersales_snapshot(shop)
    with pytest.raises(ValidationFailed, match=r"was paid 135.00 and 125.00 is already refunded, so at most 10.00"):
        cases.refund(number, 1001, at=MONDAY + days(3))
    assert aftersales_snapshot(shop) == before
    assert cases.refund(number, 1000, "alipay", reason="shipping too").payment_status == "refunded"

    detail = cases.get_case(number)
    assert [(r.quantity, r.disposition, r.value) for r in detail.returns] == [(3, "restock", 5000), (2, "scrap", 3333)]
    assert (detail.refunded, detail.refundable, [r.amount for r in detail.refunds]) == (13500, 0, [12500, 1000])
    order_view = shop.orders.get_order(order)
    assert (order_view.payment_status, order_view.lines[0].qty_returned) == ("refunded", 5)
    assert [r.amount for r in order_view.refunds] == [12500, 1000]
    assert "refund" in [t.action for t in order_view.timeline]


def test_a_refund_beyond_the_agreed_solution_is_refused_until_a_new_solution_is_agreed(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 10))  # paid 250.00 + 10.00 shipping
    cases = shop.aftersales
    number = cases.create_case(complaint(order, lines=((1, 5),), demand="refund_only"), at=MONDAY).number
    cases.confirm(number, at=MONDAY)
    cases.investigate(number, at=MONDAY)
    cases.agree_solution(number, Solution("refund_only", 12450, owner="bo"), at=MONDAY)
    before = aftersales_snapshot(shop)
    with pytest.raises(ValidationFailed) as refused:
        cases.refund(number, 20000, at=MONDAY + hours(1))
    assert (
        f"case {number} agreed refund_only with 124.50 back and 0.00 is already refunded on it, so at most 124.50 "
        "more; to pay back more, agree a new solution with the larger amount first (found: '200.00')"
    ) in str(refused.value)
    with pytest.raises(ValidationFailed, match=r"a refund is an amount above zero \(found: '-5.00'\)"):
        cases.refund(number, -500, at=MONDAY + hours(1))
    assert aftersales_snapshot(shop) == before

    cases.refund(number, 10000, at=MONDAY + hours(1))
    with pytest.raises(ValidationFailed, match=r"100\.00 is already refunded on it, so at most 24\.50 more"):
        cases.refund(number, 2451, at=MONDAY + hours(2))
    cases.investigate(number, "customer also wants the shipping back", at=MONDAY + hours(3))
    cases.agree_solution(number, Solution("refund_only", 13450, owner="bo"), at=MONDAY + hours(3))
    assert cases.refund(number, 3450, at=MONDAY + hours(4)).refunded == 13450


def test_a_return_booked_later_keeps_the_day_it_arrived_on_its_receipt_and_its_stock_moves(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 3))
    number = shop.aftersales.create_case(complaint(order, lines=((1, 3),)), at=MONDAY).number
    agreed_return(shop, number, 7500)
    arrived = MONDAY + days(2)
    shop.aftersales.receive_return(number, [ReturnLine(1, 2, "restock"), ReturnLine(1, 1, "scrap")], at=arrived)
    with shop.db.read() as conn:
        received = set(conn.execute(select(ReturnReceipt.received_at)).scalars())
        moved = set(conn.execute(select(StockMove.moved_at).where(StockMove.source_number == number)).scalars())
    assert received == moved == {arrived}  # restock, to quarantine and on to scrap: all when it arrived


def test_a_return_cannot_be_dated_in_the_future_before_the_case_or_before_the_goods_left(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 3))  # shipped Friday 30 October, delivered Saturday
    number = shop.aftersales.create_case(complaint(order, lines=((1, 3),), opened_at=MONDAY), at=MONDAY).number
    agreed_return(shop, number, 7500)
    before = aftersales_snapshot(shop)
    cases = shop.aftersales
    with pytest.raises(ValidationFailed, match="goods cannot come back in the future"):
        cases.receive_return(number, [ReturnLine(1, 1, "restock")], at=datetime.now(UTC) + hours(2))
    with pytest.raises(ValidationFailed, match=f"case {number} was opened .*: goods come back after that"):
        cases.close_return_as_lost(number, [ReturnLine(1, 1)], at=MONDAY - hours(1))
    with pytest.raises(ValidationFailed) as refused:
        cases.receive_return(number, [ReturnLine(1, 1, "restock")], at=MONDAY - days(4))
    assert f"order {order} shipped " in str(refused.value) and "goods come back after they left" in str(refused.value)
    assert aftersales_snapshot(shop) == before


def test_goods_are_not_put_back_on_a_shelf_before_a_stocktake_counted_it(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 3))
    number = shop.aftersales.create_case(complaint(order, lines=((1, 3),)), at=MONDAY).number
    agreed_return(shop, number, 7500)
    with time_machine.travel(MONDAY + days(3), tick=True):
        count = shop.stocktakes.start(warehouse="WH1")
        shop.stocktakes.set_count(count.number, "MUG", 7, location="WH1/A/A-01")
        shop.stocktakes.set_count(count.number, "TEE", 10, location="WH1/A/A-01")
        shop.stocktakes.post(count.number)
    before = aftersales_snapshot(shop)
    with pytest.raises(ValidationFailed) as refused:
        shop.aftersales.receive_return(number, [ReturnLine(1, 1, "restock")], at=MONDAY + days(2))
    assert "MUG in WH1/A/A-01 was counted " in str(refused.value)
    assert f"({count.number}): restock it at a later moment, or send it to quarantine" in str(refused.value)
    assert aftersales_snapshot(shop) == before
    shop.aftersales.receive_return(number, [ReturnLine(1, 1, "quarantine")], at=MONDAY + days(2))
    shop.aftersales.receive_return(number, [ReturnLine(1, 1, "restock")], at=MONDAY + days(4))


def test_returning_more_units_than_were_shipped_is_refused_and_nothing_moves(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 3))
    number = shop.aftersales.create_case(complaint(order, lines=((1, 3),)), at=MONDAY).number
    agreed_return(shop, number, 7500)
    shop.aftersales.receive_return(number, [ReturnLine(1, 2, "restock")], at=MONDAY + days(1))
    before = aftersales_snapshot(shop)
    with pytest.raises(ValidationFailed) as given:
        shop.aftersales.receive_return(
            number, [ReturnLine("MUG", 1, "quarantine"), ReturnLine(1, 1, "scrap")], at=MONDAY + days(2)
        )
    assert "line 1 (MUG): 3 shipped and 2 already came back or were lost, so at most 1 can come back" in str(
        given.value
    )
    assert aftersales_snapshot(shop) == before
    assert shop.orders.get_order(order).lines[0].qty_returned == 2


def test_a_return_that_never_arrives_is_closed_as_lost_with_its_value(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 2))
    number = shop.aftersales.create_case(complaint(order, lines=((1, 2),)), at=MONDAY).number
    agreed_return(shop, number, 5000)
    before_moves = len(moves_of(shop, number))
    lost = shop.aftersales.close_return_as_lost(
        number, [ReturnLine(1, 2, note="courier lost the parcel, claim SF-778")], at=MONDAY + days(10)
    )
    assert lost.by_disposition == {"lost": (2, 2000)}  # 2 mugs at their cost of 10.00
    assert len(moves_of(shop, number)) == before_moves  # nothing came into stock
    assert shop.orders.get_order(order).lines[0].qty_returned == 0
    with pytest.raises(ValidationFailed, match="at most 0 can come back"):
        shop.aftersales.receive_return(number, [ReturnLine(1, 1, "restock")])


def test_goods_for_the_supplier_and_quarantine_are_stock_moves_too(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 2), ("TEE", 1))
    number = shop.aftersales.create_case(complaint(order, lines=((1, 2), (2, 1))), at=MONDAY).number
    agreed_return(shop, number, 7500)
    shop.aftersales.receive_return(
        number, [ReturnLine("MUG", 2, "supplier"), ReturnLine("TEE", 1, "quarantine")], at=MONDAY + days(2)
    )
    assert moves_of(shop, number) == [
        ("return", "@customer", "@quarantine", 2, 2000),
        ("return", "@quarantine", "@supplier", 2, 2000),
        ("return", "@customer", "@quarantine", 1, 1000),
    ]
    assert shop.inventory.product_stock("TEE").quarantine == 1


def test_goods_come_back_only_once_a_return_is_agreed(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 2))
    cases = shop.aftersales
    number = cases.create_case(complaint(order), at=MONDAY).number
    with pytest.raises(ShopDeskError, match="goods come back once a solution is agreed"):
        cases.receive_return(number, [ReturnLine(1, 1)])
    cases.confirm(number, at=MONDAY)
    cases.agree_solution(number, Solution("refund_only", 2500), at=MONDAY)
    with pytest.raises(ShopDeskError, match=r"agreed solution \(refund_only\) takes no goods back"):
        cases.receive_return(number, [ReturnLine(1, 1)])


def test_a_7_day_window_on_the_6th_day_is_fine_and_on_the_8th_needs_an_override(shop: Shop) -> None:
    shop_with_mugs(shop)
    delivered = MONDAY - days(10)
    order = delivered_order(shop, ("MUG", 1), delivered_at=delivered)
    cases = shop.aftersales
    sixth = cases.create_case(complaint(order), at=delivered + days(6))
    assert sixth.window is not None and sixth.window.within and sixth.warning == ""
    agreed_return(shop, sixth.number, 2500, at=delivered + days(6))

    eighth = cases.create_case(complaint(order), at=delivered + days(8))
    assert eighth.warning == "day 8 after delivery, outside the 7-day return window: needs an override with a reason"
    cases.confirm(eighth.number, at=delivered + days(8))
    before = aftersales_snapshot(shop)
    with pytest.raises(ValidationFailed, match="outside the 7-day return window"):
        cases.agree_solution(eighth.number, Solution("return_refund", 2500), at=delivered + days(8))
    assert aftersales_snapshot(shop) == before
    cases.agree_solution(
        eighth.number,
        Solution("return_refund", 2500),
        window_override="VIP customer, courier delayed the pickup",
        at=delivered + days(8),
    )
    detail = cases.get_case(eighth.number)
    assert detail.window_override == "VIP customer, courier delayed the pickup"
    assert detail.timeline[-1].changes["window_override"] == [None, "VIP customer, courier delayed the pickup"]


def test_the_window_counts_the_shops_own_calendar_days_not_utc_ones(shop: Shop, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        shop_with_mugs(shop)
        # 07:00 on 1 October in Shanghai is still 30 September in UTC.
        delivered = datetime(2026, 10, 1, 7, 0, tzinfo=SHANGHAI)
        order = delivered_order(shop, ("MUG", 2), delivered_at=delivered)
        seventh = shop.aftersales.create_case(complaint(order), at=datetime(2026, 10, 8, 9, 0, tzinfo=SHANGHAI))
        assert seventh.window is not None and (seventh.window.within, seventh.window.days_since_delivery) == (True, 7)
        assert seventh.warning == ""
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_category_can_have_its_own_window(shop: Shop) -> None:
    shop_with_mugs(shop)
    new_product(shop, "PLATE", category_path="厨房/餐具/盘子")
    shop.inventory.receive("PLATE", 5, "WH1/A/A-02", unit_cost=500)
    delivered = MONDAY - days(20)
    mugs = delivered_order(shop, ("MUG", 1), delivered_at=delivered)
    plates = delivered_order(shop, ("PLATE", 1), ("MUG", 1), delivered_at=delivered)
    shop.aftersales.set_return_window(7, {"厨房": 15, "厨房/餐具": 3})

    def window(order: str, lines: tuple[tuple[int, int], ...], day: int):  # type: ignore[no-untyped-def]
        return shop.aftersales.create_case(complaint(order, lines=lines), at=delivered + days(day)).window

    assert window(mugs, ((1, 1),), 7).window_days == 7  # MUG has no category: the shop's window
    assert window(plates, ((1, 1),), 3).window_days == 3  # the deepest category counts: 厨房/餐具
    assert not window(plates, ((1, 1),), 4).within
    assert window(plates, (), 2).window_days == 3  # a case about the whole order: the strictest window


def test_an_exchange_sends_a_linked_replacement_order_at_no_charge(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("TEE", 1))
    cases = shop.aftersales
    number = cases.create_case(complaint(order, sub_reason="尺码不符 wrong size", demand="exchange"), at=MONDAY).number
    cases.confirm(number, at=MONDAY)
    cases.agree_solution(number, Solution("exchange", note="send size L"), at=MONDAY)
    started = cases.start(number, replacement=[("MUG", 1)], at=MONDAY + hours(1))
    replacement = shop.orders.get_order(started.replacement_order)
    assert (replacement.channel, replacement.channel_order_no, replacement.total) == ("aftersales", number, 0)
    assert [(ln.sku, ln.quantity, ln.unit_price) for ln in replacement.lines] == [("MUG", 1, 0)]
    assert replacement.status == "allocated"  # reserved for the warehouse like any order
    assert replacement.ship_to.street == shop.orders.get_order(order).ship_to.street
    assert cases.get_case(number).replacement_order == started.replacement_order
    cases.receive_return(number, [ReturnLine(1, 1, "restock")], at=MONDAY + days(2))
    cases.close(number, satisfied(5), "new size fits", at=MONDAY + days(4))


def refund_at_once(clerk: Shop, number: str, barrier) -> str:  # type: ignore[no-untyped-def]
    """Refund 100.00 the moment the other clerk does too; what the clerk is told."""
    barrier.wait()
    try:
        clerk.aftersales.refund(number, 10000, "alipay", at=MONDAY + hours(1))
    except ValidationFailed as exc:
        return str(exc)
    return "ok"


def test_two_clerks_refund_the_same_order_at_once_and_together_never_pay_back_more_than_was_paid(
    shop: Shop, db_url: str
) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from shopdesk.db.database import Database
    from shopdesk.services.shop import Shop as ShopOf

    shop_with_mugs(shop, mugs=30)
    clerks = [ShopOf(Database(db_url), user=name) for name in ("amy", "bo")]
    try:
        for round_no in range(5):
            order = delivered_order(shop, ("MUG", 5))  # paid 125.00 + 10.00 shipping
            numbers = [shop.aftersales.create_case(complaint(order), at=MONDAY).number for _ in clerks]
            for number in numbers:
                shop.aftersales.confirm(number, at=MONDAY)
                shop.aftersales.agree_solution(number, Solution("refund_only", 10000), at=MONDAY)
            barrier = Barrier(2)
            with ThreadPoolExecutor(2) as pool:
                outcomes = sorted(pool.map(refund_at_once, clerks, numbers, (barrier, barrier)))
            assert outcomes[1] == "ok", (round_no, outcomes)
            assert "so at most 35.00 can be refunded" in outcomes[0], (round_no, outcomes)
            view = shop.orders.get_order(order)
            assert ([r.amount for r in view.refunds], view.payment_status) == ([10000], "partially_refunded")
    finally:
        for clerk in clerks:
            clerk.close()
