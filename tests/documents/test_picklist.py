"""Pick lists: one walk through the warehouse, and the put wall says where every piece goes."""

from __future__ import annotations

import pytest

from shopdesk.documents.data import PickLine, PickListRequest
from shopdesk.documents.picklist import PutWallShare, consolidate, per_order, render_pick_list
from shopdesk.domain.errors import ValidationFailed
from tests.documents.reading import read_pdf, squeeze
from tests.factories import ean13

MUG, TEE, SOCKS = ean13(1001), ean13(1002), ean13(1003)


def wave() -> PickListRequest:
    """Three orders; the mug sits in two bins; bins in walking order A-01 (1), B-07 (2), A-20 (3) in WH1, then WH2."""
    return PickListRequest(
        "WAVE-0301-1",
        (
            PickLine("SO-1003", "MUG-01", "陶瓷马克杯 350ml", 1, "WH1", "A-20", 3, MUG),
            PickLine("SO-1001", "TEE-RED-M", "纯棉T恤", 2, "WH1", "B-07", 2, TEE, variant="红色 / M"),
            PickLine("SO-1001", "MUG-01", "陶瓷马克杯 350ml", 1, "WH1", "A-01", 1, MUG),
            PickLine("SO-1002", "SOCKS-3P", "Socken 3er-Pack Größe 39–42", 3, "WH2", "C-02", 1, SOCKS),
            PickLine("SO-1002", "MUG-01", "陶瓷马克杯 350ml", 2, "WH1", "A-01", 1, MUG),
            PickLine("SO-1003", "TEE-RED-M", "纯棉T恤", 1, "WH1", "B-07", 2, TEE, variant="红色 / M"),
        ),
        orders=("SO-1001", "SO-1002", "SO-1003"),
        created="2025-03-01 09:30",
        picker="李娜",
    )


def test_consolidated_rows_follow_the_walk_and_sum_each_product_per_bin() -> None:
    rows = consolidate(wave())

    assert [(r.warehouse, r.bin, r.sku, r.quantity) for r in rows] == [
        ("WH1", "A-01", "MUG-01", 3),
        ("WH1", "B-07", "TEE-RED-M", 3),
        ("WH1", "A-20", "MUG-01", 1),
        ("WH2", "C-02", "SOCKS-3P", 3),
    ]


def test_the_put_wall_split_says_which_slot_gets_how_many() -> None:
    rows = consolidate(wave())

    assert rows[0].shares == (PutWallShare(1, "SO-1001", 1), PutWallShare(2, "SO-1002", 2))
    assert rows[1].shares == (PutWallShare(1, "SO-1001", 2), PutWallShare(3, "SO-1003", 1))
    assert rows[2].shares == (PutWallShare(3, "SO-1003", 1),)
    assert sum(s.quantity for r in rows for s in r.shares) == sum(line.quantity for line in wave().lines)


def test_without_an_order_list_slots_follow_first_appearance() -> None:
    request = PickListRequest("W", wave().lines)

    assert consolidate(request)[0].shares == (PutWallShare(2, "SO-1001", 1), PutWallShare(3, "SO-1002", 2))


def test_per_order_sections_keep_the_walking_order_inside_each_order() -> None:
    sections = per_order(wave())

    assert [(slot, number, [r.bin for r in rows]) for slot, number, rows in sections] == [
        (1, "SO-1001", ["A-01", "B-07"]),
        (2, "SO-1002", ["A-01", "C-02"]),
        (3, "SO-1003", ["B-07", "A-20"]),
    ]


def test_the_consolidated_pdf_shows_every_row_and_its_barcodes_scan() -> None:
    [page] = read_pdf(render_pick_list(wave()))
    text = squeeze(page.text)

    codes = sorted(t for fmt, t in page.symbols if fmt == "Code 128")
    assert codes == sorted([MUG, MUG, TEE, SOCKS, "WAVE-0301-1"])
    for part in [
        "A-01",
        "B-07",
        "A-20",
        "C-02",
        "陶瓷马克杯350ml",
        "红色/M",
        "Socken3er-PackGröße39–42",
        "#1SO-1001×1",
        "#2SO-1002×2",
        "#3SO-1003×1",
        "李娜",
    ]:
        assert part in text
    assert text.index("A-01") < text.index("B-07") < text.index("A-20") < text.index("C-02")


def test_the_per_order_pdf_has_a_section_per_order() -> None:
    request = PickListRequest(wave().number, wave().lines, consolidated=False, orders=wave().orders)
    [page] = read_pdf(render_pick_list(request))
    text = squeeze(page.text)

    assert text.index("SO-1001→slot1") < text.index("SO-1002→slot2") < text.index("SO-1003→slot3")
    assert len([t for fmt, t in page.symbols if fmt == "Code 128"]) == 7


def test_a_long_wave_flows_over_pages_with_page_numbers() -> None:
    lines = tuple(
        PickLine(f"SO-{n // 3:04d}", f"SKU-{n:04d}", f"Product {n}", 1, "WH1", f"A-{n:03d}", n) for n in range(90)
    )
    pages = read_pdf(render_pick_list(PickListRequest("WAVE-LONG", lines)), dpi=40)

    assert len(pages) > 2
    assert all(f"{i}/{len(pages)}" in squeeze(p.text) for i, p in enumerate(pages, start=1))
    assert "".join(squeeze(p.text) for p in pages).count("SKU-") == 90


def test_bad_lines_are_all_reported_at_once() -> None:
    request = PickListRequest(
        "W",
        (
            PickLine("SO-1", "MUG-01", "Mug", 0, "WH1", "A-01"),
            PickLine("SO-9", "TEE", "Tee", 1, "WH1", ""),
            PickLine("SO-1", "SOCK", "Socks", 1, "WH1", "A-02", barcode="条码"),
        ),
        orders=("SO-1",),
    )

    with pytest.raises(ValidationFailed) as failed:
        render_pick_list(request)
    messages = [str(p) for p in failed.value.problems]
    assert any("line 1" in m and "more than zero" in m for m in messages)
    assert any("line 2" in m and "not among the orders" in m for m in messages)
    assert any("line 2" in m and "bin are required" in m for m in messages)
    assert any("line 3" in m and "printable ASCII" in m for m in messages)
