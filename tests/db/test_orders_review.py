"""Review (审单): the shop's rules hold suspicious orders with their reasons; a reviewer approves or rejects them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from shopdesk.domain.errors import ValidationFailed
from shopdesk.domain.order_draft import OrderLineDraft
from shopdesk.domain.orders import IllegalTransition
from shopdesk.domain.review import ReviewRules
from shopdesk.services.shop import Shop
from tests.order_helpers import NANJING, SHANGHAI, draft, elsewhere, reservation_problems, stocked_shop

NOW = datetime.now(UTC).replace(microsecond=0)


def confirmed(shop: Shop, order, **kw):  # type: ignore[no-untyped-def]
    number = shop.orders.create_order(order)
    return number, shop.order_flow.confirm(number, **kw)


def test_an_ordinary_order_goes_straight_to_allocation(shop: Shop) -> None:
    stocked_shop(shop)
    _, result = confirmed(shop, draft(("MUG", 2)))
    assert (result.status, result.hold_reasons) == ("allocated", ())


def test_a_buyer_remark_holds_the_order_until_a_reviewer_approves_it(shop: Shop) -> None:
    stocked_shop(shop)
    number, result = confirmed(shop, draft(("MUG", 2), buyer_remark="请发顺丰"))
    assert (result.status, result.hold_reasons) == ("on_hold", ("the buyer left a remark to read",))
    assert shop.order_flow.reserved_units(number) == 0
    approved = shop.order_flow.approve(number, "SF is fine")
    assert approved.status == "allocated"
    steps = [(t.from_status, t.to_status, t.reason) for t in shop.orders.timeline(number) if t.action == "status"]
    assert steps == [
        ("draft", "confirmed", "confirmed"),
        ("confirmed", "on_hold", "held for review: the buyer left a remark to read"),
        ("on_hold", "allocated", "approved: SF is fine, from WH1"),
    ]


def test_an_order_above_the_shops_threshold_is_held_and_one_below_is_not(shop: Shop) -> None:
    stocked_shop(shop)
    shop.order_flow.set_review_rules(replace(ReviewRules(), max_amount=10_000))  # ¥100.00
    _, high = confirmed(shop, draft(OrderLineDraft("MUG", 1, "100.01")))
    _, fine = confirmed(shop, draft(OrderLineDraft("MUG", 1, "100.00")))
    assert (high.status, high.hold_reasons) == ("on_hold", ("order total is above the review threshold",))
    assert fine.status == "allocated"


def test_three_orders_from_one_phone_to_three_addresses_in_a_day_are_held(shop: Shop) -> None:
    stocked_shop(shop)
    first = [
        confirmed(shop, draft(("MUG", 1), ship_to=elsewhere(SHANGHAI, street), placed_at=NOW - timedelta(hours=h)))[1]
        for street, h in (("世纪大道100号", 5), ("南京西路1号", 3))
    ]
    _, third = confirmed(shop, draft(("MUG", 1), ship_to=elsewhere(SHANGHAI, "淮海中路8号"), placed_at=NOW))
    assert [r.status for r in first] == ["allocated", "allocated"]
    assert third.status == "on_hold"
    assert third.hold_reasons == ("3 orders to 3 different addresses within 24 h from one buyer or phone",)


def test_one_phone_written_three_ways_is_one_buyer_and_a_masked_phone_is_nobody_elses(shop: Shop) -> None:
    stocked_shop(shop)
    spellings = (("170-0739-0164", "世纪大道100号", 5), ("+86 17007390164", "南京西路1号", 3))
    first = [
        confirmed(
            shop,
            draft(
                ("MUG", 1),
                ship_to=replace(elsewhere(SHANGHAI, street), phone=phone),
                placed_at=NOW - timedelta(hours=h),
            ),
        )[1]
        for phone, street, h in spellings
    ]
    masked = replace(SHANGHAI, phone="170****0164")  # a marketplace's: it may be anyone
    _, other = confirmed(shop, draft(("MUG", 1), ship_to=elsewhere(masked, "延安路2号"), placed_at=NOW))
    _, third = confirmed(
        shop,
        draft(("MUG", 1), ship_to=replace(elsewhere(SHANGHAI, "淮海中路8号"), phone="170 0739 0164"), placed_at=NOW),
    )
    assert [r.status for r in first] == ["allocated", "allocated"]
    assert other.status == "allocated"
    assert third.hold_reasons == ("3 orders to 3 different addresses within 24 h from one buyer or phone",)


def test_a_loyal_customer_ordering_again_to_the_same_address_is_not_held(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    results = [confirmed(sqlite_shop, draft(("MUG", 1), placed_at=NOW - timedelta(hours=h)))[1] for h in (6, 4, 2, 0)]
    assert [r.status for r in results] == ["allocated"] * 4


def test_a_blocked_phone_an_incomplete_address_and_a_shortage_are_each_a_reason(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 1, "TEE": 10})
    shop.order_flow.set_review_rules(replace(ReviewRules(), blocked_phones=frozenset({NANJING.phone})))
    _, blocked = confirmed(shop, draft(("TEE", 1), ship_to=NANJING))
    _, no_phone = confirmed(shop, draft(("TEE", 1), ship_to=replace(SHANGHAI, phone="")))
    _, short = confirmed(shop, draft(("MUG", 3)))
    assert blocked.hold_reasons == ("the phone number is on the blocked list",)
    assert no_phone.hold_reasons == ("address is missing phone",)
    assert short.hold_reasons == ("not enough stock to ship the whole order",)


@pytest.mark.parametrize("typed", ["170-0739-0164", "+86 17007390164", "170 0739 0164", "0086 170 0739 0164"])
def test_a_blocked_phone_is_caught_however_it_is_written(sqlite_shop: Shop, typed: str) -> None:
    stocked_shop(sqlite_shop)
    sqlite_shop.order_flow.set_review_rules(replace(ReviewRules(), blocked_phones=frozenset({"17007390164"})))
    _, result = confirmed(sqlite_shop, draft(("MUG", 1), ship_to=replace(SHANGHAI, phone=typed)))
    assert result.hold_reasons == ("the phone number is on the blocked list",)


def test_a_counter_sale_has_no_address_to_review(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    number = sqlite_shop.orders.create_order(draft(("MUG", 1), channel="counter", ship_to=replace(SHANGHAI, street="")))
    assert sqlite_shop.order_flow.confirm(number).status == "allocated"


def test_a_reviewer_rejects_a_held_order_with_a_reason_and_it_is_cancelled(shop: Shop) -> None:
    stocked_shop(shop)
    number, _ = confirmed(shop, draft(("MUG", 1), buyer_remark="cheaper please?"))
    with pytest.raises(ValidationFailed, match="say why"):
        shop.order_flow.reject(number, " ")
    result = shop.order_flow.reject(number, "buyer asked for a price we do not offer")
    assert result.status == "cancelled"
    last = shop.orders.timeline(number)[-1]
    assert (last.from_status, last.to_status, last.reason) == (
        "on_hold",
        "cancelled",
        "rejected in review: buyer asked for a price we do not offer",
    )


def test_approving_in_bulk_reports_each_order_and_refuses_the_ones_not_on_hold(shop: Shop) -> None:
    stocked_shop(shop)
    held = [confirmed(shop, draft(("MUG", 1), buyer_remark=f"note {n}"))[0] for n in range(3)]
    allocated, _ = confirmed(shop, draft(("TEE", 1)))
    results = shop.order_flow.bulk(shop.order_flow.approve, [*held, allocated, "SO-999999"], reason="read")
    assert [(r.number, r.status, r.ok) for r in results[:3]] == [(n, "allocated", True) for n in held]
    assert results[3].ok is False and "is allocated, not on hold for review" in results[3].message
    assert results[4].ok is False and results[4].message == "No order SO-999999"
    assert reservation_problems(shop) == []


def test_approving_an_order_whose_stock_is_short_leaves_it_waiting_for_stock(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop, {"MUG": 1})
    number, held = confirmed(sqlite_shop, draft(("MUG", 2)))
    assert held.status == "on_hold"
    result = sqlite_shop.order_flow.approve(number)
    assert (result.status, result.message) == ("confirmed", "waiting for stock: short 1 × MUG")


def test_the_review_rules_are_a_shop_setting_checked_before_saving(sqlite_shop: Shop) -> None:
    flow = sqlite_shop.order_flow
    assert flow.review_rules() == ReviewRules()
    rules = replace(ReviewRules(), burst_orders=5, blocked_buyers=frozenset({"scalper"}), hold_on_remark=False)
    flow.set_review_rules(rules)
    assert flow.review_rules() == rules
    with pytest.raises(ValidationFailed) as caught:
        flow.set_review_rules(replace(rules, burst_hours=-1, max_amount=-5))
    assert [p.where for p in caught.value.problems] == ["burst_hours", "max_amount"]
    assert flow.review_rules() == rules


def test_a_draft_cannot_be_approved_or_allocated_past_its_review(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    number = sqlite_shop.orders.create_order(draft(("MUG", 1)))
    with pytest.raises(IllegalTransition, match="Order SO-000001 is draft; only a confirmed order can be allocated"):
        sqlite_shop.order_flow.allocate(number)
    held, _ = confirmed(sqlite_shop, draft(("MUG", 1), buyer_remark="hi"))
    with pytest.raises(Exception, match="is on hold for review: approve it"):
        sqlite_shop.order_flow.allocate(held)
