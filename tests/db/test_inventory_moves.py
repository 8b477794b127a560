"""Moving stock around the shop, reserving it for orders and shipping it, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError

from shopdesk.db import migrate
from shopdesk.domain.errors import Conflict, ValidationFailed
from shopdesk.domain.stock import NotEnoughStock
from shopdesk.services.stock_ledger import SourceDoc
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

ORDER_1 = SourceDoc("sales_order", 1, "SO-0001")
ORDER_2 = SourceDoc("sales_order", 2, "SO-0002")


@pytest.fixture
def stocked(shop):  # type: ignore[no-untyped-def]
    """10 mugs at 2.00 in WH1/A/A-01."""
    layout = build_layout(shop)
    mug = new_product(shop, "MUG-1")
    shop.inventory.receive(mug, 10, layout.bin_a, unit_cost=200)
    return layout, mug


def test_a_move_within_a_warehouse_is_direct(shop, stocked) -> None:
    layout, mug = stocked
    result = shop.inventory.transfer(mug, 4, layout.bin_a, layout.bin_b)
    assert not result.in_transit and result.moves[0].value == 800
    stock = shop.inventory.product_stock(mug)
    assert [(loc.path, loc.on_hand) for loc in stock.locations] == [(layout.bin_a, 6), (layout.bin_b, 4)]
    assert stock.value == 2000  # moving inside the shop changes no value


def test_a_move_to_another_warehouse_is_in_transit_until_received_once(shop, stocked) -> None:
    layout, mug = stocked
    result = shop.inventory.transfer(mug, 3, layout.bin_a, layout.bin_far)
    assert result.in_transit
    stock = shop.inventory.product_stock(mug)
    assert (stock.on_hand, stock.available, stock.in_transit, stock.value) == (7, 7, 3, 2000)
    assert [(loc.path, loc.on_hand, loc.available) for loc in stock.held] == [("@transit", 3, 0)]
    assert [t.quantity for t in shop.inventory.pending_transfers()] == [3]
    shop.inventory.receive_transfer(result.transfer_id)
    with pytest.raises(Conflict, match="already received"):
        shop.inventory.receive_transfer(result.transfer_id)
    by_warehouse = {w.warehouse: w.on_hand for w in shop.inventory.warehouse_stock(mug)}
    assert by_warehouse == {"WH1": 7, "WH2": 3}
    assert shop.inventory.pending_transfers() == []
    assert migrate.check(shop.db).ok


def test_reserved_stock_is_not_available_and_ships_with_its_order(shop, stocked) -> None:
    layout, mug = stocked
    shop.inventory.reserve(mug, 6, layout.bin_a, ORDER_1)
    stock = shop.inventory.product_stock(mug)
    assert (stock.on_hand, stock.reserved, stock.available) == (10, 6, 4)
    # Reserved units cannot be moved away, sold over the counter, or reserved again.
    with pytest.raises(NotEnoughStock, match="available 4"):
        shop.inventory.transfer(mug, 5, layout.bin_a, layout.bin_b)
    with pytest.raises(NotEnoughStock):
        shop.inventory.ship(mug, 5, layout.bin_a)
    with pytest.raises(NotEnoughStock):
        shop.inventory.reserve(mug, 5, layout.bin_a, ORDER_2)
    # The order ships part, then is cancelled: the rest is free again.
    shipped = shop.inventory.ship(mug, 4, layout.bin_a, order=ORDER_1)
    assert shipped.value == 800
    with pytest.raises(NotEnoughStock, match="SO-0001 has 2"):
        shop.inventory.ship(mug, 3, layout.bin_a, order=ORDER_1)
    assert shop.inventory.release_order(ORDER_1) == 2
    stock = shop.inventory.product_stock(mug)
    assert (stock.on_hand, stock.reserved, stock.available) == (6, 0, 6)
    assert migrate.check(shop.db).ok


def test_an_order_cannot_ship_what_another_order_reserved(shop, stocked) -> None:
    layout, mug = stocked
    shop.inventory.reserve(mug, 10, layout.bin_a, ORDER_1)
    with pytest.raises(NotEnoughStock, match="SO-0002 has 0"):
        shop.inventory.ship(mug, 1, layout.bin_a, order=ORDER_2)
    assert shop.inventory.release(mug, layout.bin_a, ORDER_1, 4) == 4
    assert shop.inventory.product_stock(mug).reserved == 6


def test_quarantine_keeps_value_but_not_availability(shop, stocked) -> None:
    layout, mug = stocked
    shop.inventory.quarantine(mug, 2, layout.bin_a, reason="dented box")
    stock = shop.inventory.product_stock(mug)
    assert (stock.on_hand, stock.available, stock.quarantine, stock.value) == (8, 8, 2, 2000)
    # Per place too: the quarantined two are on hand there, none of them available.
    assert [(loc.path, loc.on_hand, loc.available) for loc in stock.locations] == [(layout.bin_a, 8, 8)]
    assert [(loc.path, loc.on_hand, loc.available) for loc in stock.held] == [("@quarantine", 2, 0)]
    shop.inventory.release_quarantine(mug, 1, layout.bin_b)
    scrapped = shop.inventory.scrap(mug, 1, "@quarantine", reason="cracked")
    assert scrapped.value == 200
    stock = shop.inventory.product_stock(mug)
    assert (stock.on_hand, stock.quarantine, stock.value) == (9, 0, 1800)


def test_a_shipment_returned_in_parts_comes_back_at_exactly_its_cost(shop) -> None:
    layout = build_layout(shop)
    pen = new_product(shop, "PEN-1")
    shop.inventory.receive(pen, 3, layout.bin_a, value=1000)  # 3.333… each
    shipped = shop.inventory.ship(pen, 3, layout.bin_a)
    assert shipped.value == 1000
    parts = [shop.inventory.customer_return(pen, 1, layout.bin_a, shipment_move_id=shipped.id).value for _ in range(3)]
    assert parts == [333, 334, 333] and sum(parts) == 1000
    with pytest.raises(ValidationFailed, match="only 0 of the 3 shipped"):
        shop.inventory.customer_return(pen, 1, layout.bin_a, shipment_move_id=shipped.id)


def test_negative_stock_is_refused_unless_the_shop_allows_it(shop, stocked) -> None:
    layout, mug = stocked
    with pytest.raises(NotEnoughStock):
        shop.inventory.ship(mug, 11, layout.bin_a)
    shop.set_setting("allow_negative_stock", True)
    shipped = shop.inventory.ship(mug, 11, layout.bin_a)
    # 10 at 2.00 = 20.00, and the one beyond the stock at the last known unit cost 2.00.
    assert shipped.value == 2200
    assert shop.inventory.product_stock(mug).on_hand == -1
    shop.inventory.receive(mug, 5, layout.bin_a, unit_cost=200)
    assert shop.inventory.product_stock(mug).on_hand == 4
    assert migrate.check(shop.db).ok


def test_valuation_method_is_chosen_before_the_first_move(shop, stocked) -> None:
    with pytest.raises(Conflict, match="before the first stock move"):
        shop.inventory.set_valuation_method("fifo")
    with pytest.raises(Conflict, match="before the first stock move"):
        shop.set_setting("valuation", "fifo")
    assert shop.setting("valuation") == "average"


def test_an_unknown_valuation_method_is_refused(shop) -> None:
    with pytest.raises(ValidationFailed, match="'average' or 'fifo'"):
        shop.inventory.set_valuation_method("lifo")


def test_stock_moves_can_never_be_edited_or_deleted(shop, stocked) -> None:
    before = ledger_snapshot(shop)
    for sql in ("UPDATE stock_move SET quantity = 99", "DELETE FROM stock_move"):
        with pytest.raises(DBAPIError, match="never changed or deleted"), shop.db.engine.begin() as conn:
            conn.exec_driver_sql(sql)
    assert ledger_snapshot(shop) == before


def test_db_check_reports_a_balance_that_disagrees_with_its_moves(shop, stocked) -> None:
    with shop.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE stock_balance SET on_hand = on_hand + 1")
        conn.exec_driver_sql("UPDATE stock_valuation SET value = value - 5")
    problems = migrate.check(shop.db).problems
    assert any("MUG-1 at WH1/A/A-01: balance says 11 on hand, the moves add up to 10" in p for p in problems)
    assert any("valuation of MUG-1" in p and "worth 1995" in p for p in problems)
