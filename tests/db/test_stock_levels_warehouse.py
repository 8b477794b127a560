"""The Stock tab's warning-line filter and alert read per-warehouse lines as the low-stock report does."""

from __future__ import annotations

from shopdesk.services.shop import Shop
from shopdesk.services.stock_levels import LevelSetting, StockFilter, StockLevels
from tests.stock_helpers import build_layout, new_product


def listed(shop: Shop, warehouse: str | None = None) -> list[str]:
    wh = None if warehouse is None else shop.locations.resolve(warehouse).id
    levels = StockLevels(shop)
    flt = StockFilter(warehouse_id=wh, below_warning=True)
    rows = levels.page(flt, 0, 100)
    assert levels.count(flt) == len(rows) == levels.low_stock_count(wh)
    return [r.sku for r in rows]


def reported(shop: Shop, warehouse: str | None = None) -> list[str]:
    return sorted({r.sku for r in shop.reordering.low_stock(warehouse)})


def test_a_warehouse_line_alone_makes_the_product_low_there_and_in_the_shop(shop: Shop) -> None:
    """The audit's case: a WH1 line of 500 and no shop-wide line; the list, the count and the report agree."""
    build_layout(shop)
    new_product(shop, "CB-1002-2M", name="数据线 2m")
    shop.inventory.receive("CB-1002-2M", 120, "WH1/A/A-01", unit_cost=800)
    shop.reordering.set_levels("CB-1002-2M", warning_line=500, warehouse="WH1")

    assert reported(shop, "WH1") == reported(shop) == ["CB-1002-2M"]
    assert listed(shop, "WH1") == listed(shop) == ["CB-1002-2M"]
    assert listed(shop, "WH2") == reported(shop, "WH2") == []  # WH2 has no line of its own, nor the product
    wh1 = shop.locations.resolve("WH1").id
    row = StockLevels(shop).page(StockFilter(warehouse_id=wh1), 0, 10)[0]
    assert (row.available, row.warning_line, row.low) == (120, 500, True)


def test_in_one_warehouse_its_own_line_wins_else_the_products(shop: Shop) -> None:
    build_layout(shop)
    for sku in ("MUG", "CUP", "BOWL"):
        new_product(shop, sku)
        shop.inventory.receive(sku, 30, "WH1/A/A-01", unit_cost=100)
        shop.inventory.receive(sku, 5, "WH2/B/B-01", unit_cost=100)
        shop.reordering.set_levels(sku, warning_line=10)  # shop-wide: 35 available, not low
    shop.reordering.set_levels("MUG", warning_line=0, warehouse="WH2")  # no alert wanted in WH2
    shop.reordering.set_levels("CUP", warning_line=40, warehouse="WH1")  # low in WH1 only
    shop.reordering.set_levels("BOWL", safety_stock=3, warehouse="WH2")  # a safety stock only: the line is the shop's

    assert listed(shop, "WH1") == reported(shop, "WH1") == ["CUP"]
    assert listed(shop, "WH2") == reported(shop, "WH2") == ["BOWL", "CUP"]  # 5 ≤ the shop-wide 10; MUG's own 0
    assert listed(shop) == reported(shop) == ["CUP"]  # low in WH1 by its own line; WH2 has none of its own for it
    wh2 = shop.locations.resolve("WH2").id
    lines = {r.sku: r.warning_line for r in StockLevels(shop).page(StockFilter(warehouse_id=wh2), 0, 10)}
    assert lines == {"BOWL": 10, "CUP": 10, "MUG": 0}


def test_a_product_low_shop_wide_or_in_any_warehouse_with_its_own_line_counts_once(shop: Shop) -> None:
    build_layout(shop)
    for sku in ("A1", "B2", "C3"):
        new_product(shop, sku)
    shop.inventory.receive("A1", 4, "WH1/A/A-01", unit_cost=100)
    shop.reordering.set_levels("A1", warning_line=5)  # low shop-wide
    shop.reordering.set_levels("A1", warning_line=2, warehouse="WH1")  # and not low in WH1: still low once
    shop.inventory.receive("B2", 50, "WH2/B/B-01", unit_cost=100)
    shop.inventory.receive("B2", 1, "WH1/A/A-02", unit_cost=100)
    shop.reordering.set_levels("B2", warning_line=5, warehouse="WH1")  # plenty in WH2, 1 in WH1
    shop.reordering.set_levels("B2", warning_line=5, warehouse="WH2")
    shop.reordering.set_levels("C3", warning_line=5, warehouse="WH2")  # nothing anywhere: low in WH2
    shop.inventory.receive("C3", 2, "WH1/A/A-01", unit_cost=100)
    new_product(shop, "D4")
    shop.inventory.receive("D4", 8, "WH1/A/A-01", unit_cost=100)
    shop.reordering.set_levels("D4", warning_line=5, warehouse="WH1")  # 8 there: not low

    assert listed(shop) == reported(shop) == ["A1", "B2", "C3"]
    assert listed(shop, "WH1") == reported(shop, "WH1") == ["B2"]  # A1: 4 is above WH1's own line of 2
    assert listed(shop, "WH2") == reported(shop, "WH2") == ["A1", "C3"]  # A1: none there, the shop-wide line 5


def test_level_settings_show_the_shop_wide_figures_and_each_warehouses_own(shop: Shop) -> None:
    build_layout(shop)
    mug = new_product(shop, "MUG")
    levels = StockLevels(shop)
    wh1, wh2 = (shop.locations.resolve(code).id for code in ("WH1", "WH2"))
    assert levels.level_settings(mug) == [
        LevelSetting(None, "", 0, 0),
        LevelSetting(wh1, "WH1", None, None),
        LevelSetting(wh2, "WH2", None, None),
    ]
    shop.reordering.set_levels("MUG", safety_stock=30, warning_line=20)
    shop.reordering.set_levels("MUG", warning_line=8, warehouse="WH2")
    assert levels.level_settings(mug) == [
        LevelSetting(None, "", 30, 20),
        LevelSetting(wh1, "WH1", None, None),
        LevelSetting(wh2, "WH2", None, 8),
    ]
