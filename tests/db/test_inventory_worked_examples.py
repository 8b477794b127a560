"""Worked examples with the numbers computed by hand, under moving average and under FIFO.

The story: receive 100 mugs at 3.20 and 50 at 3.50; ship 120; a customer sends
5 back (into quarantine for inspection): 3 go back on the shelf, 2 are scrapped;
then the shelf is counted: 31.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shopdesk.db import migrate
from shopdesk.domain.stock import MoveKind
from tests.stock_helpers import build_layout, new_product


def run_story(shop):  # type: ignore[no-untyped-def]
    layout = build_layout(shop)
    mug = new_product(shop, "MUG-1")
    inv = shop.inventory
    inv.receive(mug, 100, layout.bin_a, unit_cost=320)
    inv.receive(mug, 50, layout.bin_a, unit_cost=350)
    shipped = inv.ship(mug, 120, layout.bin_a)
    returned = inv.customer_return(mug, 5, "quarantine", shipment_move_id=shipped.id)
    inv.release_quarantine(mug, 3, layout.bin_a)
    scrapped = inv.scrap(mug, 2, "quarantine", reason="broken handle")
    counted = inv.adjust(mug, layout.bin_a, set_to=31, reason="stocktake")
    return mug, shipped, returned, scrapped, counted


def test_moving_average_worked_example(shop) -> None:
    mug, shipped, returned, scrapped, counted = run_story(shop)
    # Receipts: 100 × 3.20 = 320.00 and 50 × 3.50 = 175.00 → 150 units worth 495.00, average 3.30.
    # Ship 120: 495.00 × 120/150 = 396.00 → cost of goods sold 396.00; left 30 units worth 99.00.
    assert shipped.value == 39600
    # Return 5 at the cost they left with: 396.00 × 5/120 = 16.50 → 35 units worth 115.50 (still 3.30).
    assert returned.value == 1650
    # Restock 3 (quarantine → shelf, value unchanged); scrap 2: 115.50 × 2/35 = 6.60 → 33 units worth 108.90.
    assert scrapped.value == 660
    # Count 31 on the shelf, which holds 30 + 3 = 33: a loss of 2 at 108.90 × 2/33 = 6.60 → 31 units worth 102.30.
    assert (counted.quantity, counted.value) == (2, 660)
    stock = shop.inventory.product_stock(mug)
    assert (stock.on_hand, stock.reserved, stock.available, stock.quarantine) == (31, 0, 31, 0)
    assert stock.value == 10230
    assert stock.unit_cost == 330
    assert migrate.check(shop.db).ok


def test_fifo_worked_example(shop) -> None:
    shop.inventory.set_valuation_method("fifo")
    mug, shipped, returned, scrapped, counted = run_story(shop)
    # Layers: L1 100 units worth 320.00, L2 50 units worth 175.00.
    # Ship 120: all of L1 (320.00) + 20 of L2 (175.00 × 20/50 = 70.00) = 390.00 cost of goods sold.
    # Left: L2 30 units worth 105.00.
    assert shipped.value == 39000
    # Return 5 at the shipment's cost: 390.00 × 5/120 = 16.25 → a new layer L3 of 5 units worth 16.25.
    assert returned.value == 1625
    # Scrap 2 takes the oldest layer first (FIFO, not the physical returned units):
    # L2 105.00 × 2/30 = 7.00 → L2 28 units worth 98.00.
    assert scrapped.value == 700
    # Count 31 of 33: a loss of 2 from L2: 98.00 × 2/28 = 7.00 → L2 26 units worth 91.00.
    assert (counted.quantity, counted.value) == (2, 700)
    # On hand 31 = L2 26 (91.00) + L3 5 (16.25) = 107.25.
    stock = shop.inventory.product_stock(mug)
    assert (stock.on_hand, stock.value) == (31, 10725)
    assert migrate.check(shop.db).ok


def test_cost_of_goods_sold_is_on_the_shipment_move_and_in_the_roll_forward(shop) -> None:
    start = datetime.now(UTC) - timedelta(seconds=1)
    mug, *_ = run_story(shop)
    period = shop.inventory.roll_forward(start, datetime.now(UTC) + timedelta(seconds=1), mug)
    assert period.outgoing_by_kind[MoveKind.SHIPMENT].value == 39600
    # In: receipts 495.00 + return 16.50. Out: shipment 396.00 + scrap 6.60 + count loss 6.60.
    assert period.incoming.value == 49500 + 1650
    assert period.outgoing.value == 39600 + 660 + 660
    assert period.closing.value == 10230 and period.reconciles


def test_issuing_a_third_at_a_time_never_drifts(shop) -> None:
    layout = build_layout(shop)
    pen = new_product(shop, "PEN-3")
    # 3 pens for 10.00 together: the average 3.333… has more decimals than money.
    shop.inventory.receive(pen, 3, layout.bin_a, value=1000)
    # 10.00 × 1/3 = 3.333 → 3.33; then 6.67 × 1/2 = 3.335 → 3.34 (half up); the last pen takes what is left, 3.33.
    values = [shop.inventory.ship(pen, 1, layout.bin_a).value for _ in range(3)]
    assert values == [333, 334, 333]
    assert sum(values) == 1000
    assert shop.inventory.product_stock(pen).value == 0
