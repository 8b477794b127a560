"""A big delivery received in one go, opening stock for a demo shop; all or nothing."""

from __future__ import annotations

import random

import pytest

from shopdesk.db import migrate
from shopdesk.domain.errors import ValidationFailed
from shopdesk.services.demo_stock import seed_opening_stock
from shopdesk.services.stock_bulk import ReceiptLine
from shopdesk.services.stock_ledger import SourceDoc
from tests.stock_helpers import build_layout, ledger_snapshot, new_product


@pytest.mark.parametrize("method", ["average", "fifo"])
def test_a_300_line_delivery_is_received_in_one_transaction(shop, method) -> None:
    shop.inventory.set_valuation_method(method)
    layout = build_layout(shop)
    products = [new_product(shop, f"BULK-{n}", barcodes=[]) for n in range(3)]
    # 100 lines per product, alternating bins, 1..100 units at 1.00 each.
    lines = [
        ReceiptLine(products[n % 3], n // 3 + 1, layout.bin_a if n % 2 else layout.bin_b, (n // 3 + 1) * 100)
        for n in range(300)
    ]
    ids = shop.inventory.receive_many(lines, source=SourceDoc("purchase_order", 7, "PO-0007"))
    assert len(ids) == 300 and ids == sorted(ids)
    for product_id in products:
        stock = shop.inventory.product_stock(product_id)
        assert (stock.on_hand, stock.value) == (5050, 505000)  # 1 + 2 + … + 100 units at 1.00
    # It is valued like any other stock afterwards.
    assert shop.inventory.ship(products[0], 10, layout.bin_a).value == 1000
    assert migrate.check(shop.db).ok


def test_a_delivery_with_bad_lines_is_refused_whole_with_every_problem(shop) -> None:
    layout = build_layout(shop)
    mug = new_product(shop, "MUG-1")
    before = ledger_snapshot(shop)
    lines = [
        ReceiptLine(mug, 5, layout.bin_a, 500),
        ReceiptLine(mug, 0, layout.bin_a, 0),
        ReceiptLine(mug, 2, layout.bin_a, -1),
        ReceiptLine(999_999, 1, layout.bin_a, 100),
        ReceiptLine(mug, 1, "@customer", 100),
    ]
    with pytest.raises(ValidationFailed) as raised:
        shop.inventory.receive_many(lines)
    assert [p.where for p in raised.value.problems] == ["line 2", "line 3", "line 5", "line 4"]
    assert ledger_snapshot(shop) == before


def test_demo_opening_stock_gives_default_bins_and_balances_that_add_up(shop) -> None:
    build_layout(shop)
    products = [new_product(shop, f"DEMO-{n}", barcodes=[], cost=250) for n in range(20)]
    bins = [[b.id for b in shop.locations.bins("WH1")], [b.id for b in shop.locations.bins("WH2")]]
    summary = seed_opening_stock(shop, random.Random(7), products, bins)
    assert summary.default_bins == 40
    assert summary.units > 0 and summary.value == summary.units * 250
    assert shop.inventory.total_value() == summary.value
    assert all(shop.locations.default_bin(p) is not None for p in products)
    assert migrate.check(shop.db).ok
    # Same seed, same stock.
    again = [new_product(shop, f"AGAIN-{n}", barcodes=[], cost=250) for n in range(20)]
    assert seed_opening_stock(shop, random.Random(7), again, bins) == summary
