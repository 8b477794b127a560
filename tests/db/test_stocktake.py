"""Stocktakes (库存盘点): frozen expected quantities, counting by scan, typing and file, moves during the count, posting once."""

from __future__ import annotations

import pytest

from shopdesk.db import migrate
from shopdesk.domain.errors import Conflict, ValidationFailed
from shopdesk.domain.stocktake import Uncounted
from shopdesk.services.scanning import UnknownCode
from shopdesk.services.shop import Shop
from tests.factories import ean13
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

MUG_CODE = ean13(4242)


def counted_shop(shop: Shop) -> Shop:
    """WH1 A-01: 20 mugs at 3.00 and 5 teapots at 12.00; WH1 A-02: 8 cups at 1.50; WH2 B-01: 4 mugs."""
    build_layout(shop)
    new_product(shop, "MUG", barcodes=[MUG_CODE], category_path="厨房/杯子")
    new_product(shop, "TEAPOT", category_path="厨房/茶具")
    new_product(shop, "CUP", category_path="厨房/杯子")
    inv = shop.inventory
    inv.receive("MUG", 20, "WH1/A/A-01", unit_cost=300)
    inv.receive("TEAPOT", 5, "WH1/A/A-01", unit_cost=1200)
    inv.receive("CUP", 8, "WH1/A/A-02", unit_cost=150)
    inv.receive("MUG", 4, "WH2/B/B-01", unit_cost=300)
    return shop


def lines_of(shop: Shop, number: str, **kw) -> list[tuple]:  # type: ignore[no-untyped-def, type-arg]
    return [
        (ln.location, ln.sku, ln.expected, ln.counted, ln.moved_during_count, ln.difference, ln.value)
        for ln in shop.stocktakes.count_lines(number, **kw)
    ]


def test_a_sale_during_the_count_is_not_booked_as_a_loss(shop: Shop) -> None:
    counted_shop(shop)
    st = shop.stocktakes.start(warehouse="WH1")
    assert (st.number, st.lines, st.counted, st.scope) == ("ST-000001", 3, 0, "WH1")
    # While the shelf is being counted, a counter sale takes 2 mugs from A-01: the book says 18.
    shop.inventory.ship("MUG", 2, "WH1/A/A-01")
    shop.stocktakes.set_count(st.number, "MUG", 17)  # 17 on the shelf: one mug is really missing
    shop.stocktakes.set_count(st.number, "TEAPOT", 5)
    shop.stocktakes.set_count(st.number, "CUP", 8)
    # difference = counted − (frozen expected + moves since the freeze) = 17 − (20 − 2) = −1, worth 1 × 3.00
    assert lines_of(shop, st.number, only="differences") == [("WH1/A/A-01", "MUG", 20, 17, -2, -1, -300)]
    summary = shop.stocktakes.summary(st.number)
    assert (summary.differences, summary.gain_value, summary.loss_value) == (1, 0, 300)
    result = shop.stocktakes.post(st.number)
    assert (result.lines_adjusted, result.units_lost, result.value_lost, result.units_gained) == (1, 1, 300, 0)
    mug = shop.inventory.product_stock("MUG")
    # 24 received, 2 sold, 1 lost: 21 left (17 on the counted shelf, 4 in WH2), worth 21 × 3.00.
    assert (mug.on_hand, mug.value) == (21, 6300)
    assert [(loc.path, loc.on_hand) for loc in mug.locations] == [("WH1/A/A-01", 17), ("WH2/B/B-01", 4)]
    assert migrate.check(shop.db).ok


def test_a_sale_after_the_count_is_left_alone_by_posting(sqlite_shop: Shop) -> None:
    shop = counted_shop(sqlite_shop)
    st = shop.stocktakes.start(zone="WH1/A")
    shop.stocktakes.set_count(st.number, "MUG", 20)
    shop.inventory.ship("MUG", 3, "WH1/A/A-01")  # after the mugs were counted, before posting
    shop.stocktakes.post(st.number, uncounted=Uncounted.SKIP)
    assert shop.inventory.product_stock("MUG").locations[0].on_hand == 17
    assert shop.inventory.history("MUG")[0].kind == "shipment"  # no adjustment was written


def test_posting_twice_is_refused_and_changes_nothing(shop: Shop) -> None:
    counted_shop(shop)
    st = shop.stocktakes.start(warehouse="WH2")
    shop.stocktakes.set_count(st.number, "MUG", 3)
    shop.stocktakes.post(st.number)
    before = ledger_snapshot(shop)
    with pytest.raises(Conflict, match=r"ST-000001 was already posted .* a stocktake is posted once"):
        shop.stocktakes.post(st.number)
    with pytest.raises(Conflict, match="already posted"):
        shop.stocktakes.set_count(st.number, "MUG", 2)
    assert ledger_snapshot(shop) == before
    assert shop.inventory.product_stock("MUG").on_hand == 20 + 3


def test_differences_are_shown_with_their_value_before_posting(sqlite_shop: Shop) -> None:
    shop = counted_shop(sqlite_shop)
    st = shop.stocktakes.start(warehouse="WH1")
    shop.stocktakes.set_count(st.number, "MUG", 22)  # 2 more than the book: a gain of 2 × 3.00
    shop.stocktakes.set_count(st.number, "TEAPOT", 4)  # a teapot missing: 12.00
    shop.stocktakes.set_count(st.number, "CUP", 8)
    assert lines_of(shop, st.number, only="differences") == [
        ("WH1/A/A-01", "MUG", 20, 22, 0, 2, 600),
        ("WH1/A/A-01", "TEAPOT", 5, 4, 0, -1, -1200),
    ]
    summary = shop.stocktakes.summary(st.number)
    assert (summary.gain_value, summary.loss_value) == (600, 1200)
    result = shop.stocktakes.post(st.number)
    assert (result.value_gained, result.value_lost) == (600, 1200)
    # Kept for review: the posted lines with their moves, and the stocktake in the list.
    assert lines_of(shop, st.number, only="differences") == [
        ("WH1/A/A-01", "MUG", 20, 22, 0, 2, 600),
        ("WH1/A/A-01", "TEAPOT", 5, 4, 0, -1, -1200),
    ]
    assert [(s.number, s.status, s.differences) for s in shop.stocktakes.stocktakes()] == [("ST-000001", "posted", 2)]
    adjustments = [m for m in shop.inventory.history("TEAPOT") if m.kind == "adjustment"]
    assert [(m.from_path, m.to_path, m.quantity, m.value, m.source) for m in adjustments] == [
        ("WH1/A/A-01", "@adjustment", 1, 1200, "ST-000001")
    ]


def test_scanning_counts_one_per_scan_or_a_typed_quantity(sqlite_shop: Shop) -> None:
    shop = counted_shop(sqlite_shop)
    st = shop.stocktakes.start(warehouse="WH1")
    for _ in range(3):
        result = shop.stocktakes.record_scan(st.number, MUG_CODE)
    assert result.message == "MUG at WH1/A/A-01: 3 counted"
    shop.stocktakes.record_scan(st.number, "mug", quantity="12")  # a carton of 12 scanned by its SKU
    assert shop.stocktakes.count_lines(st.number, only="counted")[0].counted == 15
    with pytest.raises(UnknownCode) as unknown:
        shop.stocktakes.record_scan(st.number, "6901234567892")
    assert unknown.value.scan.can_assign
    assert "Unknown code 6901234567892" in str(unknown.value)


def test_blind_counting_hides_the_expected_quantity_from_the_counter(sqlite_shop: Shop) -> None:
    shop = counted_shop(sqlite_shop)
    st = shop.stocktakes.start(warehouse="WH1", blind=True)
    counted = shop.stocktakes.record_scan(st.number, MUG_CODE).line
    assert (counted.counted, counted.expected, counted.book_at_count, counted.difference, counted.value) == (
        1,
        None,
        None,
        None,
        None,
    )
    assert all(ln.expected is None for ln in shop.stocktakes.count_lines(st.number, for_counter=True))
    supervisor = shop.stocktakes.count_lines(st.number, only="counted")[0]
    assert (supervisor.expected, supervisor.difference, supervisor.value) == (20, -19, -5700)


def test_negative_or_fractional_counts_are_refused_and_nothing_changes(shop: Shop) -> None:
    counted_shop(shop)
    st = shop.stocktakes.start(warehouse="WH1")
    before = ledger_snapshot(shop)
    with pytest.raises(ValidationFailed, match="a count cannot be negative"):
        shop.stocktakes.set_count(st.number, "MUG", -1)
    with pytest.raises(ValidationFailed, match="a count is in whole pieces, not fractions"):
        shop.stocktakes.set_count(st.number, "MUG", "2.5")
    with pytest.raises(ValidationFailed, match="a count is a number of pieces"):
        shop.stocktakes.set_count(st.number, "MUG", "two")
    with pytest.raises(ValidationFailed, match="a scan adds at least 1"):
        shop.stocktakes.record_scan(st.number, MUG_CODE, quantity=0)
    with pytest.raises(ValidationFailed, match="not fractions"):
        shop.stocktakes.record_scan(st.number, MUG_CODE, quantity="0.5")
    assert shop.stocktakes.summary(st.number).counted == 0
    assert ledger_snapshot(shop) == before


def test_a_partial_stocktake_counts_only_its_zone_or_category(sqlite_shop: Shop) -> None:
    shop = counted_shop(sqlite_shop)
    cups = shop.stocktakes.start(category="厨房/杯子")  # mugs and cups, in every warehouse
    assert [(ln.location, ln.sku) for ln in shop.stocktakes.count_lines(cups.number)] == [
        ("WH1/A/A-01", "MUG"),
        ("WH1/A/A-02", "CUP"),
        ("WH2/B/B-01", "MUG"),
    ]
    assert cups.scope == "category 厨房/杯子"
    with pytest.raises(ValidationFailed, match="MUG is in 2 places on this count"):
        shop.stocktakes.set_count(cups.number, "MUG", 20)
    with pytest.raises(ValidationFailed, match="TEAPOT is not in the category this stocktake counts"):
        shop.stocktakes.set_count(cups.number, "TEAPOT", 5, location="WH1/A/A-01")
    teapots = shop.stocktakes.start(category="厨房/茶具")  # another category: counted at the same time
    assert teapots.lines == 1
    with pytest.raises(Conflict, match="ST-000001 is still counting MUG at WH1/A/A-01"):
        shop.stocktakes.start(zone="WH1/A")
    shop.stocktakes.cancel(cups.number, "wrong scope")
    shop.stocktakes.cancel(teapots.number, "wrong scope")
    zone = shop.stocktakes.start(zone="WH1/A")
    assert zone.lines == 3 and zone.scope == "WH1 / WH1/A"
    with pytest.raises(ValidationFailed, match="is not part of ST-000003"):
        shop.stocktakes.set_count(zone.number, "MUG", 4, location="WH2/B/B-01")


def test_goods_found_where_the_list_has_none_are_a_gain(sqlite_shop: Shop) -> None:
    shop = counted_shop(sqlite_shop)
    shop.locations.set_default_bin(shop.catalogue.find_by_code("TEAPOT").id, "WH1/A/A-02")  # type: ignore[union-attr]
    st = shop.stocktakes.start(zone="WH1/A")
    # The teapot's empty home bin is on the list at 0.
    assert ("WH1/A/A-02", "TEAPOT", 0, None, None, None, None) in lines_of(shop, st.number)
    shop.stocktakes.set_count(st.number, "CUP", 2, location="WH1/A/A-01")  # two cups on the wrong shelf
    shop.stocktakes.post(st.number, uncounted="skip")
    stock = shop.inventory.product_stock("CUP")
    # Found at the current unit cost (1.50): 10 cups worth 15.00.
    assert [(loc.path, loc.on_hand) for loc in stock.locations] == [("WH1/A/A-01", 2), ("WH1/A/A-02", 8)]
    assert stock.value == 1500


def test_uncounted_lines_are_refused_unless_skipped_or_counted_as_zero(shop: Shop) -> None:
    counted_shop(shop)
    st = shop.stocktakes.start(warehouse="WH1")
    shop.stocktakes.set_count(st.number, "MUG", 20)
    with pytest.raises(ValidationFailed, match=r"2 line\(s\) are not counted") as refused:
        shop.stocktakes.post(st.number)
    assert [str(p) for p in refused.value.problems] == ["WH1/A/A-01 TEAPOT: not counted", "WH1/A/A-02 CUP: not counted"]
    result = shop.stocktakes.post(st.number, uncounted=Uncounted.ZERO, reason="shelf A-02 and the teapots are gone")
    assert (result.lines_adjusted, result.units_lost, result.value_lost) == (2, 5 + 8, 5 * 1200 + 8 * 150)
    assert shop.inventory.product_stock("CUP").on_hand == 0


def test_a_count_sheet_is_imported_all_rows_or_none(sqlite_shop: Shop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shop = counted_shop(sqlite_shop)
    st = shop.stocktakes.start(warehouse="WH1")
    bad = tmp_path / "count-bad.csv"
    bad.write_text(
        "盘点表 2026-11\n商品编码,库位,实盘数量\nMUG,WH1/A/A-01,19\nNOPE,,3\nTEAPOT,WH1/A/A-01,-1\nCUP,WH1/A/A-02,1.5\n",
        encoding="utf-8-sig",
    )
    with pytest.raises(ValidationFailed) as refused:
        shop.stocktakes.import_counts(st.number, bad)
    assert [str(p) for p in refused.value.problems] == [
        "row 4, column A (商品编码): no product has this SKU or barcode (found: 'NOPE')",
        "row 5, column C (实盘数量): a count cannot be negative: count what is there, 0 if nothing (found: '-1')",
        "row 6, column C (实盘数量): a count is in whole pieces, not fractions (found: '1.5')",
    ]
    assert shop.stocktakes.summary(st.number).counted == 0
    good = tmp_path / "count.csv"
    good.write_text(f"SKU;Location;Counted\n{MUG_CODE};;19\nTEAPOT;WH1/A/A-01;5\nCUP;;8\n", encoding="utf-8")
    result = shop.stocktakes.import_counts(st.number, good)
    assert (result.rows, result.lines_counted, result.new_lines) == (3, 3, 0)
    assert lines_of(shop, st.number, only="differences") == [("WH1/A/A-01", "MUG", 20, 19, 0, -1, -300)]


def test_fifo_losses_leave_at_the_oldest_cost(sqlite_shop: Shop) -> None:
    shop = sqlite_shop
    build_layout(shop)
    shop.inventory.set_valuation_method("fifo")
    new_product(shop, "MUG")
    shop.inventory.receive("MUG", 10, "WH1/A/A-01", unit_cost=300)
    shop.inventory.receive("MUG", 10, "WH1/A/A-01", unit_cost=400)
    st = shop.stocktakes.start(warehouse="WH1")
    shop.stocktakes.set_count(st.number, "MUG", 17)
    # Estimated at the average 3.50: 3 × 3.50 = 10.50; posted from the oldest layer: 3 × 3.00 = 9.00.
    assert shop.stocktakes.summary(st.number).loss_value == 1050
    assert shop.stocktakes.post(st.number).value_lost == 900
    assert shop.stocktakes.summary(st.number).loss_value == 900
