"""Entering orders: numbers, totals, customers, and bad input that changes nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from shopdesk.db.models import AuditEvent, Customer
from shopdesk.db.models.orders import SalesOrder
from shopdesk.domain.errors import Conflict, ValidationFailed
from shopdesk.domain.order_draft import OrderLineDraft
from shopdesk.services.orders import CreatedOrder
from shopdesk.services.shop import Shop
from tests.factories import ean13
from tests.order_helpers import SHANGHAI, draft, stocked_shop
from tests.stock_helpers import new_product


def counts(shop: Shop) -> tuple[int, int, int]:
    with shop.db.read() as conn:
        return (
            conn.execute(select(func.count()).select_from(SalesOrder)).scalar_one(),
            conn.execute(select(func.count()).select_from(Customer)).scalar_one(),
            conn.execute(select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "order")).scalar_one(),
        )


def test_orders_get_readable_numbers_one_after_another_and_totals_in_minor_units(shop: Shop) -> None:
    stocked_shop(shop)
    first = shop.orders.create_order(
        draft(OrderLineDraft("MUG", 2, "12.50", "1.00"), OrderLineDraft("TEE", 3, "3.35", "5%"), shipping_fee="8")
    )
    second = shop.orders.create_order(draft(("MUG", 1)))
    assert (first, second) == ("SO-000001", "SO-000002")
    order = shop.orders.get_order(first)
    # MUG: 2 × 12.50 − 1.00 = 24.00; TEE: 3 × 3.35 = 10.05, 5% off = 0.5025 -> 0.50 (half up, on the line) = 9.55
    assert [(ln.sku, ln.net, ln.discount) for ln in order.lines] == [("MUG", 2400, 100), ("TEE", 955, 50)]
    assert (order.goods_total, order.discount_total, order.shipping_fee, order.total) == (3355, 150, 800, 4155)
    assert order.status == "draft" and order.currency == "CNY"
    assert shop.orders.get_order(second).lines[0].unit_price == 2500  # no price given: the list price


def test_a_product_is_found_by_its_barcode_and_the_line_keeps_the_sku(sqlite_shop: Shop) -> None:
    code = ean13()
    new_product(sqlite_shop, "CUP-RED", barcodes=[code])
    number = sqlite_shop.orders.create_order(draft((code, 1)))
    assert sqlite_shop.orders.get_order(number).lines[0].sku == "CUP-RED"


def test_the_buyer_is_found_by_phone_or_created_once(shop: Shop) -> None:
    stocked_shop(shop)
    first = shop.orders.create_order(draft(("MUG", 1), customer_name="zhangsan_88"))
    again = shop.orders.create_order(draft(("TEE", 1)))  # same phone, no name given
    a, b = shop.orders.get_order(first), shop.orders.get_order(again)
    assert a.customer_id is not None and a.customer_id == b.customer_id
    assert a.customer_name == "zhangsan_88"
    assert shop.parties.customer_addresses(a.customer_id)[0].street == "世纪大道100号"
    assert counts(shop)[1] == 1


def test_bad_lines_and_a_missing_address_are_all_reported_and_nothing_is_written(shop: Shop) -> None:
    stocked_shop(shop)
    before = counts(shop)
    bad = draft(
        OrderLineDraft("NO-SUCH-SKU", 1),
        OrderLineDraft("MUG", 0),
        OrderLineDraft("TEE", -1),
        OrderLineDraft("MUG", 1, "3.456"),
        ship_to=replace(SHANGHAI, street=""),
        customer_name="new buyer",
    )
    with pytest.raises(ValidationFailed) as caught:
        shop.orders.create_order(bad)
    assert [str(p) for p in caught.value.problems] == [
        "ship_to.street: the street address is required to ship",
        "line 1: product: no product has this SKU or barcode (found: 'NO-SUCH-SKU')",
        "line 2: quantity: quantity must be above zero (found: '0')",
        "line 3: quantity: quantity must be above zero (found: '-1')",
        "line 4: unit price: unit price has more than 2 decimal places (found: '3.456')",
    ]
    assert counts(shop) == before
    assert shop.orders.create_order(draft(("MUG", 1))) == "SO-000001"  # no number was used up


def test_a_platform_order_imported_twice_is_refused_by_hand_and_skipped_by_an_import(shop: Shop) -> None:
    stocked_shop(shop)
    platform = draft(("MUG", 1), channel="shopify", channel_order_no="#1001")
    number = shop.orders.create_order(platform)
    before = counts(shop)
    with pytest.raises(ValidationFailed) as caught:
        shop.orders.create_order(replace(platform, lines=[OrderLineDraft("TEE", 5)]))
    assert str(caught.value.problems[0]) == (
        "channel_order_no: order #1001 from shopify was already imported as SO-000001 (found: '#1001')"
    )
    again = shop.orders.create_orders([platform, draft(("TEE", 1), channel="shopify", channel_order_no="#1002")])
    assert again == [
        CreatedOrder(number, False, "shopify", "#1001"),
        CreatedOrder("SO-000002", True, "shopify", "#1002"),
    ]
    assert counts(shop)[0] == before[0] + 1
    assert [ln.sku for ln in shop.orders.get_order(number).lines] == ["MUG"]  # the first import is unchanged


def test_the_same_number_from_another_channel_is_another_order(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    sqlite_shop.orders.create_order(draft(("MUG", 1), channel="shopify", channel_order_no="1001"))
    assert sqlite_shop.orders.create_order(draft(("MUG", 1), channel="woocommerce", channel_order_no="1001"))


def test_an_order_in_another_currency_is_refused_unless_explicitly_allowed(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    with pytest.raises(ValidationFailed, match="the shop sells in CNY and this order is in EUR"):
        sqlite_shop.orders.create_order(draft(OrderLineDraft("MUG", 1, "9.99"), currency="EUR"))
    number = sqlite_shop.orders.create_order(
        draft(OrderLineDraft("MUG", 1, "9.99"), currency="EUR", allow_other_currency=True)
    )
    assert (sqlite_shop.orders.get_order(number).currency, sqlite_shop.orders.get_order(number).total) == ("EUR", 999)


def test_a_style_with_variants_cannot_be_ordered_only_its_variants(sqlite_shop: Shop) -> None:
    new_product(sqlite_shop, "TEE-STYLE")
    new_product(sqlite_shop, "TEE-STYLE-M", parent_sku="TEE-STYLE")
    with pytest.raises(ValidationFailed, match="this is a style with variants"):
        sqlite_shop.orders.create_order(draft(("TEE-STYLE", 1)))
    assert sqlite_shop.orders.create_order(draft(("TEE-STYLE-M", 1)))


def test_a_held_order_is_edited_and_the_edit_is_in_its_timeline(shop: Shop) -> None:
    stocked_shop(shop)
    number = shop.orders.create_order(draft(("MUG", 1), buyer_remark="please gift wrap"), confirm=True)
    assert shop.orders.get_order(number).status == "on_hold"
    edit, version = shop.orders.draft_of(number)
    edit.lines.append(OrderLineDraft("TEE", 2))
    edit.internal_note = "wrapped in red paper"
    shop.orders.update_order(number, edit, version, reason="buyer added a T-shirt by phone")
    order = shop.orders.get_order(number)
    assert [(ln.sku, ln.quantity) for ln in order.lines] == [("MUG", 1), ("TEE", 2)]
    assert order.total == 3 * 2500
    last = order.timeline[-1]
    assert (last.action, last.reason, last.user) == ("edited", "buyer added a T-shirt by phone", "tester")
    assert last.changes["total"] == [2500, 7500]
    with pytest.raises(Conflict, match=r"changed by someone else \(tester at .*: .*total") as refused:
        shop.orders.update_order(number, edit, version)
    assert "reopen it to see the changes" in str(refused.value)


def test_an_allocated_order_cannot_be_edited_until_its_stock_is_given_back(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    number = sqlite_shop.orders.create_order(draft(("MUG", 1)), confirm=True)
    edit, version = sqlite_shop.orders.draft_of(number)
    with pytest.raises(Conflict, match="is allocated; only draft, confirmed and on-hold orders can be edited"):
        sqlite_shop.orders.update_order(number, edit, version)
    sqlite_shop.order_flow.deallocate(number, "buyer changes the order")
    edit, version = sqlite_shop.orders.draft_of(number)
    edit.lines[0].quantity = 2
    sqlite_shop.orders.update_order(number, edit, version)
    assert sqlite_shop.orders.get_order(number).lines[0].quantity == 2
