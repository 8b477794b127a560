"""Bad input gets a clear message and leaves the ledger exactly as it was."""

from __future__ import annotations

import pytest

from shopdesk.domain.errors import NotFound, ShopDeskError, ValidationFailed
from shopdesk.domain.stock import NotEnoughStock
from shopdesk.services.stock_ledger import SourceDoc
from tests.stock_helpers import build_layout, ledger_snapshot, new_product


@pytest.fixture
def stocked(shop):  # type: ignore[no-untyped-def]
    layout = build_layout(shop)
    mug = new_product(shop, "MUG-1")
    shop.inventory.receive(mug, 5, layout.bin_a, unit_cost=200)
    return layout, mug


CASES = [
    (
        "receiving zero",
        lambda inv, lay: inv.receive("MUG-1", 0, lay.bin_a, unit_cost=1),
        ValidationFailed,
        "above zero",
    ),
    (
        "receiving minus 3",
        lambda inv, lay: inv.receive("MUG-1", -3, lay.bin_a, unit_cost=1),
        ValidationFailed,
        "above zero",
    ),
    (
        "receiving 1.5",
        lambda inv, lay: inv.receive("MUG-1", 1.5, lay.bin_a, unit_cost=1),
        ValidationFailed,
        "whole number",
    ),
    (
        "a negative cost",
        lambda inv, lay: inv.receive("MUG-1", 1, lay.bin_a, unit_cost=-1),
        ValidationFailed,
        "zero or more",
    ),
    ("no cost at all", lambda inv, lay: inv.receive("MUG-1", 1, lay.bin_a), ValidationFailed, "unit cost"),
    (
        "moving more than the bin holds",
        lambda inv, lay: inv.transfer("MUG-1", 6, lay.bin_a, lay.bin_b),
        NotEnoughStock,
        "Not enough stock of MUG-1 at WH1/A/A-01: 6 asked for",
    ),
    (
        "moving from an empty bin",
        lambda inv, lay: inv.transfer("MUG-1", 1, lay.bin_b, lay.bin_a),
        NotEnoughStock,
        "at WH1/A/A-02",
    ),
    (
        "a transfer to the same location",
        lambda inv, lay: inv.transfer("MUG-1", 1, lay.bin_a, "WH1/A/A-01"),
        ValidationFailed,
        "same location",
    ),
    ("an unknown SKU", lambda inv, lay: inv.receive("NOPE-9", 1, lay.bin_a, unit_cost=1), NotFound, "'NOPE-9'"),
    (
        "an unknown barcode",
        lambda inv, lay: inv.ship("6900000000017", 1, lay.bin_a),
        NotFound,
        "No product with SKU or barcode '6900000000017'",
    ),
    (
        "a location that does not exist",
        lambda inv, lay: inv.receive("MUG-1", 1, "WH1/Z/Z-99", unit_cost=1),
        NotFound,
        "No location 'WH1/Z/Z-99'",
    ),
    (
        "receiving into a virtual location",
        lambda inv, lay: inv.receive("MUG-1", 1, "@customer", unit_cost=1),
        ValidationFailed,
        "warehouse, zone or bin",
    ),
    ("scrapping more than there is", lambda inv, lay: inv.scrap("MUG-1", 9, lay.bin_a), NotEnoughStock, "9 asked for"),
    (
        "counting a negative quantity",
        lambda inv, lay: inv.adjust("MUG-1", lay.bin_a, set_to=-1, reason="count"),
        ValidationFailed,
        "zero or more",
    ),
    (
        "an adjustment without a reason",
        lambda inv, lay: inv.adjust("MUG-1", lay.bin_a, set_to=2, reason=" "),
        ValidationFailed,
        "say why",
    ),
    (
        "taking more by a difference than is there",
        lambda inv, lay: inv.adjust("MUG-1", lay.bin_a, delta=-6, reason="lost"),
        NotEnoughStock,
        "6 asked for",
    ),
    (
        "shipping an order that reserved nothing",
        lambda inv, lay: inv.ship("MUG-1", 1, lay.bin_a, order=SourceDoc("sales_order", 1, "SO-0001")),
        NotEnoughStock,
        "SO-0001 has 0",
    ),
]


@pytest.mark.parametrize(("what", "action", "error", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_and_changes_nothing(shop, stocked, what, action, error, message) -> None:
    layout, _ = stocked
    before = ledger_snapshot(shop)
    with pytest.raises(error) as raised:
        action(shop.inventory, layout)
    assert isinstance(raised.value, ShopDeskError)
    assert message in str(raised.value)
    assert ledger_snapshot(shop) == before


def test_an_ambiguous_bin_code_asks_for_the_full_path(shop, stocked) -> None:
    shop.locations.create_bin("WH2/B", "A-01")  # WH1/A/A-01 exists too
    with pytest.raises(NotFound, match="ambiguous: it could be WH1/A/A-01, WH2/B/A-01"):
        shop.locations.resolve("A-01")
    assert shop.locations.resolve("wh2/b/a-01").path == "WH2/B/A-01"
