"""An order draft is checked as a whole: every problem at once, amounts in minor units, discounts rounded half up."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from shopdesk.domain.money import currency_exponent
from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo, parse_draft

ADDRESS = ShipTo("张三", "13812345678", "CN", "上海市", "上海市", "浦东新区", "世纪大道100号")


def parse(draft: OrderDraft, shop_currency: str = "CNY"):  # type: ignore[no-untyped-def]
    return parse_draft(draft, shop_currency, currency_exponent)


def wheres(draft: OrderDraft) -> list[str]:
    return [p.where for p in parse(draft)[1]]


def test_a_good_order_parses_with_prices_typed_as_text() -> None:
    order, problems = parse(
        OrderDraft(
            [OrderLineDraft("MUG", "2", "12.50", "1.00"), OrderLineDraft("TEE", 1)],
            ship_to=ADDRESS,
            shipping_fee="8",
            placed_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
        )
    )
    assert problems == []
    assert order is not None
    assert [(ln.code, ln.quantity, ln.unit_price, ln.discount) for ln in order.lines] == [
        ("MUG", 2, 1250, 100),
        ("TEE", 1, None, 0),
    ]
    assert order.shipping_fee == 800 and order.currency == "CNY" and order.ships


def test_every_problem_is_reported_at_once() -> None:
    problems = wheres(
        OrderDraft(
            [
                OrderLineDraft("", 1),
                OrderLineDraft("MUG", 0),
                OrderLineDraft("TEE", -2),
                OrderLineDraft("CAP", "1.5"),
                OrderLineDraft("PEN", 1, "3.456"),
            ],
            channel="shopify",
            ship_to=ShipTo(),
        )
    )
    assert problems == [
        "channel_order_no",
        "ship_to",
        "line 1: product",
        "line 2: quantity",
        "line 3: quantity",
        "line 4: quantity",
        "line 5: unit price",
    ]


def test_a_price_with_three_decimals_is_refused_not_rounded() -> None:
    _, problems = parse(OrderDraft([OrderLineDraft("MUG", 1, "3.456")], ship_to=ADDRESS))
    assert [str(p) for p in problems] == [
        "line 1: unit price: unit price has more than 2 decimal places (found: '3.456')"
    ]


def test_a_channel_that_ships_needs_an_address_a_counter_sale_does_not() -> None:
    lines = [OrderLineDraft("MUG", 1)]
    assert wheres(OrderDraft(lines, channel="phone")) == ["ship_to"]
    assert wheres(OrderDraft(lines, channel="phone", ship_to=ShipTo(name="王五", city="北京市"))) == ["ship_to.street"]
    order, problems = parse(OrderDraft(lines, channel="counter"))
    assert problems == [] and order is not None and not order.ships


def test_an_order_in_another_currency_is_refused_unless_allowed() -> None:
    lines = [OrderLineDraft("MUG", 1, "9.99")]
    _, problems = parse(OrderDraft(lines, ship_to=ADDRESS, currency="usd"))
    assert [p.where for p in problems] == ["currency"]
    assert "the shop sells in CNY and this order is in USD" in problems[0].message
    order, problems = parse(OrderDraft(lines, ship_to=ADDRESS, currency="usd", allow_other_currency=True))
    assert problems == [] and order is not None and order.currency == "USD"


def test_yen_prices_have_no_decimals() -> None:
    _, problems = parse(OrderDraft([OrderLineDraft("MUG", 1, "1200.5")], ship_to=ADDRESS), shop_currency="JPY")
    assert [str(p) for p in problems] == [
        "line 1: unit price: unit price has more than 0 decimal places (found: '1200.5')"
    ]


def test_a_percentage_discount_is_rounded_half_up_on_its_line() -> None:
    order, _ = parse(OrderDraft([OrderLineDraft("MUG", 3, "3.35", "5%")], ship_to=ADDRESS))
    assert order is not None
    line = order.lines[0]
    assert line.discount_percent == Decimal(5)
    # 3 × 3.35 = 10.05; 5% of it is 0.5025 -> 0.50; and 0.5 of a minor unit rounds up:
    assert line.priced(335) == (335, 50, 955)
    assert order.lines[0].priced(10) == (10, 2, 28)  # 5% of 0.30 = 0.015 -> 0.02


def test_a_discount_bigger_than_the_line_is_refused() -> None:
    assert wheres(OrderDraft([OrderLineDraft("MUG", 1, "5", "6")], ship_to=ADDRESS)) == ["line 1: discount"]
    assert wheres(OrderDraft([OrderLineDraft("MUG", 1, "5", "120%")], ship_to=ADDRESS)) == ["line 1: discount"]


def test_an_order_without_lines_or_with_an_odd_channel_is_refused() -> None:
    assert wheres(OrderDraft([], ship_to=ADDRESS)) == ["lines"]
    assert wheres(OrderDraft([OrderLineDraft("MUG", 1)], ship_to=ADDRESS, channel="my shop!")) == ["channel"]


def test_a_time_without_a_zone_is_the_shops_local_time() -> None:
    naive = datetime(2026, 11, 20, 8, 0)
    order, _ = parse(OrderDraft([OrderLineDraft("MUG", 1)], ship_to=ADDRESS, placed_at=naive))
    assert order is not None and order.placed_at.tzinfo is UTC
    assert order.placed_at == naive.astimezone(UTC)
