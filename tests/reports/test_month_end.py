"""The month-end workbook of a month computed by hand (tests/reports/shop_month.py tells the month)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine

from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.domain.order_draft import OrderLineDraft
from shopdesk.reports.workbook import ReportCancelled
from shopdesk.services.reports import Reports
from tests.order_helpers import draft
from tests.reports.reading import column, figures, open_book, rows, total_of, yuan
from tests.reports.shop_month import build_october

DECEMBER = dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC)
MONEY = '"CN¥"#,##0.00;-"CN¥"#,##0.00'


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder workbooks are written to (the test's SQLite file lives next to it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def october(shop):
    build_october(shop)
    with time_machine.travel(DECEMBER, tick=True):
        yield Reports(shop)


def test_october_adds_up_to_the_figures_computed_by_hand(october) -> None:
    month = october.month_end_data("2026-10")
    s = month.sales.total
    # Lines shipped: A (MUG 2×25.00 less 5.00, TEE 60.00), B (PEN 10×5.00), C (MUG 4×25.00). D is not shipped.
    assert (s.gross, s.discounts, s.goods_sales) == (26000, 500, 25500)
    assert s.refunds == 6000 and s.net_sales == 19500
    assert (s.shipping, s.platform_fees) == (1000, 250)
    # Cost: MUG 2×11.50 + TEE 20.00 + PEN 10×2.00 + MUG 4×11.50 = 109.00; the TEE came back at 20.00.
    assert (s.cost_shipped, s.cost_returned, s.cost_of_goods) == (10900, 2000, 8900)
    assert s.gross_margin == 19500 - 8900 == 10600
    assert s.margin_rate == Decimal("0.5436")  # 106 / 195 = 0.54358…
    assert s.contribution == 10600 + 1000 - 250
    assert (s.orders, s.units) == (3, 17)
    assert s.average_order_value == 8500  # 255.00 / 3 orders
    # 张三 ordered twice (A and C), 李四 once: one of two buyers came back.
    assert (month.sales.buyers, month.sales.repeat_buyers, month.sales.repurchase_rate) == (2, 1, Decimal("0.5"))
    assert month.returned_units == 1 and month.return_rate == Decimal("0.0588")  # 1 of 17 units
    assert month.complaints.cases == 1
    # Stock: 300.00 + 230.00 received − 109.00 shipped + 20.00 back − 4.00 counted short = 437.00.
    assert (month.stock.opening.value, month.stock.closing.value) == (30000, 43700)
    assert month.flow_totals == {
        "received": 23000,
        "shipped": -10900,
        "customer_returns": 2000,
        "adjustments": -400,
        "scrapped": 0,
        "to_supplier": 0,
        "other": 0,
    }
    closing = {f.sku: (f.closing_qty, f.closing_value) for f in month.flows}
    assert closing == {"MUG": (14, 16100), "TEE": (10, 20000), "PEN": (38, 7600)}
    # Turnover: 89.00 ÷ ((300.00 + 437.00) ÷ 2) = 0.2415 → 0.24; days: 368.50 × 31 ÷ 89.00 = 128.36 → 128.4.
    assert month.turnover == Decimal("0.24") and month.days_of_inventory == Decimal("128.4")
    assert month.sales.channels["taobao"].contribution == 5000 - 2000 + 0 - 250


def test_the_closing_of_october_is_the_opening_of_november(october) -> None:
    oct_, nov = october.month_end_data("2026-10"), october.month_end_data("2026-11")
    assert nov.stock.opening == oct_.stock.closing
    assert {f.sku: (f.opening_qty, f.opening_value) for f in nov.flows} == {
        f.sku: (f.closing_qty, f.closing_value) for f in oct_.flows
    }
    assert nov.stock.closing.value == 43700 - 1150  # E: one MUG at 11.50


def test_the_workbook_is_typed_formatted_and_its_summary_equals_its_sheets(october, out: Path) -> None:
    path, month = october.month_end("2026-10", out / "2026-10.xlsx")
    book = open_book(path)
    assert book.sheetnames == [
        "Summary",
        "Sales",
        "Refunds and returns",
        "Purchases and receipts",
        "Stock movements",
        "Stock valuation",
        "Stock by location",
        "Channels",
        "Complaints",
        "Returns per SKU",
    ]
    summary = figures(book["Summary"])
    sales, refunds, valuation = book["Sales"], book["Refunds and returns"], book["Stock valuation"]

    # Numbers are numbers, money in the shop's format, dates are dates.
    first = next(sales.iter_rows(min_row=2, max_row=2))
    by_title = dict(zip(rows(sales)[0], first, strict=True))
    assert isinstance(by_title["Shipped"].value, dt.datetime) and by_title["Shipped"].number_format == "yyyy-mm-dd"
    assert by_title["Quantity"].data_type == "n" and by_title["Quantity"].value == 2
    assert by_title["Net"].data_type == "n" and by_title["Net"].number_format == MONEY
    assert by_title["Net"].value == 45  # 2 × 25.00 − 5.00
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9  # A4
        if sheet.title != "Summary":
            assert sheet.auto_filter.ref.startswith("A1:")

    # The Summary is the detail sheets' totals.
    assert total_of(sales, "Gross") == yuan(26000) == summary["Gross sales"]
    assert total_of(sales, "Discount") == summary["Discounts"] == 5
    assert total_of(sales, "Net") == summary["Goods sales (after discounts)"] == 255
    assert total_of(sales, "Cost of goods") == summary["Cost of goods shipped"] == 109
    assert total_of(sales, "Quantity") == summary["Units shipped"] == 17
    assert len(set(column(sales, "Order"))) == summary["Orders"] == 3
    assert total_of(refunds, "Refund") == summary["Refunds"] == 60
    assert total_of(refunds, "Back in stock at cost") == summary["Cost of goods returned"] == 20
    assert summary["Net sales"] == 195 and summary["Gross margin (after refunds and returns)"] == 106
    assert summary["Gross margin %"] == pytest.approx(0.5436)
    assert summary["Average order value"] == 85 and summary["Repurchase rate"] == 0.5
    assert total_of(book["Purchases and receipts"], "Value") == summary["Received (purchases, opening balances)"] == 230
    assert total_of(valuation, "Opening value") == summary["Stock value at opening"] == 300
    assert total_of(valuation, "Closing value") == summary["Stock value at closing"] == 437
    assert total_of(valuation, "Shipped (cost)") == summary["Shipped (cost of goods)"] == -109
    assert total_of(valuation, "Adjustments") == summary["Stocktake adjustments"] == -4
    assert total_of(book["Stock by location"], "Value") == 437
    assert total_of(book["Stock movements"], "Stock value change") == 437 - 300
    channels = book["Channels"]
    assert total_of(channels, "Net sales") == summary["Net sales"]
    assert (
        total_of(channels, "Contribution (margin + shipping − fees)")
        == summary["Contribution (margin + shipping − fees)"]
    )
    assert total_of(book["Complaints"], "Cases") == summary["Complaints opened"] == 1
    # Sales by day on the Summary, with its chart.
    days = [(r[3], r[5]) for r in book["Summary"].iter_rows(min_row=2, values_only=True) if r[3]]
    assert [(d.day, v) for d, v in days] == [(5, 105), (12, 50), (20, 100)]
    assert sum(v for _, v in days) == summary["Goods sales (after discounts)"]
    assert month.line_count == 4


def test_the_sales_margin_before_refunds_reconciles_to_the_gross_margin(october, out: Path) -> None:
    """The Sales sheet's Margin total is before refunds and returns (they are on their own sheet); the Summary
    shows it too, so margin on sales − refunds + cost returned = gross margin is there to check."""
    path, _ = october.month_end("2026-10", out / "2026-10.xlsx")
    book = open_book(path)
    summary = figures(book["Summary"])
    sales = book["Sales"]
    # By hand: goods sales 255.00 − cost shipped 109.00 = 146.00; less 60.00 refunded, plus 20.00 back at cost.
    assert total_of(sales, "Margin") == summary["Margin on sales (before refunds and returns)"] == 146
    assert rows(sales)[-1][0] == "Total (before refunds and returns)"
    margin = next(c for c in sales[1] if c.value == "Margin")
    assert "before refunds and returns" in margin.comment.text
    refunds = book["Refunds and returns"]
    assert (
        summary["Margin on sales (before refunds and returns)"]
        - total_of(refunds, "Refund")
        + total_of(refunds, "Back in stock at cost")
        == summary["Gross margin (after refunds and returns)"]
        == 106
    )


def test_returns_per_sku_says_its_quality_column_counts_complaints(october, out: Path) -> None:
    """The column counts units on quality complaints opened in the month, returned or not; its name says so."""
    path, _ = october.month_end("2026-10", out / "2026-10.xlsx")
    sheet = open_book(path)["Returns per SKU"]
    header = rows(sheet)[0]
    assert "Defective" not in header
    tee = dict(zip(header, next(r for r in rows(sheet) if r[0] == "TEE"), strict=True))
    # The TEE of order A: one unit, complained about as product quality and returned.
    assert (tee["Returned"], tee["Units with a quality complaint"]) == (1, 1)
    path, _ = october.month_end("2026-10", out / "十月.xlsx", "zh_CN")
    chinese = open_book(path)["退货率-SKU"]
    assert {"质量投诉件数", "质量投诉率"} <= set(rows(chinese)[0])
    # Pointing at the header says what it counts, and that it can be more than the units returned.
    notes = {c.value: c.comment.text for c in chinese[1] if c.comment is not None}
    assert "仅退款也计入" in notes["质量投诉件数"] and "可能大于退货件数" in notes["质量投诉件数"]


def test_a_chinese_workbook_speaks_the_seeds_terms(october, out: Path) -> None:
    path, _ = october.month_end("2026-10", out / "十月.xlsx", "zh_CN", mask_customers=True)
    book = open_book(path)
    assert book.sheetnames[:3] == ["汇总", "销售明细", "退款与退货"]
    summary = figures(book["汇总"])
    assert summary["客单价"] == 85 and summary["复购率"] == 0.5 and summary["库存周转率"] == pytest.approx(0.24)
    assert book["汇总"]["B5"].number_format == '"¥"#,##0.00;-"¥"#,##0.00'
    assert set(column(book["销售明细"], "客户")) == {"张*", "李*"}  # masked, as the shop chose


def test_text_that_looks_like_a_formula_stays_text(shop, out: Path) -> None:
    build_october(shop)
    with time_machine.travel(dt.datetime(2026, 11, 5, 12, tzinfo=dt.UTC), tick=True):
        number = shop.orders.create_order(
            draft(OrderLineDraft("PEN", 1, name='=HYPERLINK("http://x","click")'), payment_status="paid"), confirm=True
        )
        shop.order_flow.mark_packed(number)
        shop.order_flow.ship(number, "SF0000009999", "SF Express")
    with time_machine.travel(DECEMBER, tick=True):
        path, _ = Reports(shop).month_end("2026-11", out / "nov.xlsx")
    sales = open_book(path)["Sales"]
    cell = next(c for row in sales.iter_rows(min_row=2) for c in row if "HYPERLINK" in str(c.value))
    assert cell.data_type == "s" and cell.quotePrefix


def test_a_month_without_data_gives_a_clearly_empty_workbook(sqlite_shop, out: Path) -> None:
    with time_machine.travel(DECEMBER, tick=True):
        path, month = Reports(sqlite_shop).month_end("2026-11", out / "empty.xlsx")
    book = open_book(path)
    summary = figures(book["Summary"])
    assert month.is_empty
    assert "No sales, refunds or stock movements in this month." in summary
    assert summary["Net sales"] == 0 and summary["Stock value at closing"] == 0 and summary["Orders"] == 0
    for sheet in book.worksheets[1:]:
        assert len(rows(sheet)) == 1, f"{sheet.title} should hold only its header"


def test_a_month_in_the_future_is_refused(sqlite_shop, out: Path) -> None:
    with time_machine.travel(DECEMBER, tick=True), pytest.raises(ValidationFailed) as refused:
        Reports(sqlite_shop).month_end("2027-01", out / "next.xlsx")
    assert "has not started yet" in str(refused.value)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("month", ["2026-13", "October", ""])
def test_a_month_must_be_written_as_year_and_month(sqlite_shop, out: Path, month: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        Reports(sqlite_shop).month_end(month, out / "m.xlsx")
    assert "YYYY-MM" in str(refused.value)


def test_an_unwritable_place_is_refused_clearly_and_leaves_no_file(sqlite_shop, out: Path) -> None:
    reports = Reports(sqlite_shop)
    with pytest.raises(ShopDeskError, match="does not exist"):
        reports.month_end("2026-10", out / "missing" / "m.xlsx")
    with pytest.raises(ShopDeskError, match=r"name the file \.xlsx"):
        reports.month_end("2026-10", out / "m.csv")
    # A folder nobody may write in (for root too: /proc takes no files).
    with pytest.raises(ShopDeskError, match=r"Cannot write|permission denied"):
        reports.month_end("2026-10", Path("/proc/shopdesk-month.xlsx"))
    if os.geteuid() != 0:  # root writes in a read-only folder anyway
        locked = out / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(ShopDeskError, match="permission denied"):
            reports.month_end("2026-10", locked / "m.xlsx")
        assert list(locked.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) in ([], ["locked"])  # nothing half-written


def test_a_report_cancelled_halfway_leaves_no_file(shop, out: Path) -> None:
    build_october(shop)
    target = out / "october.xlsx"
    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)

    with time_machine.travel(DECEMBER, tick=True), pytest.raises(ReportCancelled):
        Reports(shop).month_end("2026-10", target, progress=progress, cancelled=lambda: len(calls) >= 1)
    assert calls and list(out.iterdir()) == []
