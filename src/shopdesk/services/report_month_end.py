"""The month-end workbook (月结报表) for the accountant: one file per month that opens cleanly and adds up.

Sheets: Summary (with a chart of sales by day), Sales (one row per order line),
Refunds and returns, Purchases and receipts, Stock movements, Stock valuation
(per product: opening + received − shipped + returns ± adjustments − scrapped −
to supplier = closing), Stock by location, Channels, Complaints and Returns per
SKU. The Summary's figures are the detail sheets' totals (services/report_sales.py
has the definitions); its stock figures are the ledger's own roll-forward, so a
month's closing is the next month's opening to the cent. The complaint and return
figures come from the after-sales analysis as it is; units returned are the
Refunds and returns sheet's, counted at the one moment a return has (its stock
move's), as the analysis and the stock valuation count them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.chart import LineChart, Reference

from shopdesk.reports import terms
from shopdesk.reports.analytics import Period, days_of_inventory, rate, turnover
from shopdesk.reports.tables import currency_symbol
from shopdesk.reports.workbook import Col, Kind, ReportBook, ReportCancelled, discard, save_atomically
from shopdesk.services.aftersales_analysis import CaseAnalysis
from shopdesk.services.report_sales import PeriodSales, refunds_and_returns, sale_lines
from shopdesk.services.report_stock import ProductFlow, location_holdings, move_lines, receipt_lines
from shopdesk.services.stock_queries import RollForward

M, INT, T, P, D, DT, N = Kind.MONEY, Kind.INTEGER, Kind.TEXT, Kind.PERCENT, Kind.DATE, Kind.DATETIME, Kind.DECIMAL
# progress(done, total): services take one; ui.tasks.Progress is one (and raises once cancelled).
ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class MonthEnd:
    """The month's figures (without the detail rows, which are streamed into the workbook)."""

    period: Period
    as_of: datetime | None  # set when the month is not over yet
    currency: str
    sales: PeriodSales
    stock: RollForward  # the ledger's own
    flows: list[ProductFlow]
    complaints: CaseAnalysis
    line_count: int
    move_count: int

    @property
    def returned_units(self) -> int:
        """Units back (or lost on the way back) in the month: the Refunds and returns sheet's quantity."""
        return self.sales.returned_units

    @property
    def return_rate(self) -> Decimal | None:
        return rate(self.returned_units, self.sales.total.units_sold)

    @property
    def flow_totals(self) -> dict[str, int]:
        return (
            {column: sum(f.value[column] for f in self.flows) for column in self.flows[0].value} if self.flows else {}
        )

    @property
    def turnover(self) -> Decimal | None:
        return turnover(self.sales.total.cost_of_goods, self.stock.opening.value, self.stock.closing.value)

    @property
    def days_of_inventory(self) -> Decimal | None:
        return days_of_inventory(
            self.period.days, self.sales.total.cost_of_goods, self.stock.opening.value, self.stock.closing.value
        )

    @property
    def is_empty(self) -> bool:
        return not (self.line_count or self.move_count or self.sales.refund_count or self.complaints.cases)

    def summary(self, language: str) -> list[tuple[str, Any, Kind]]:
        """(label, value, kind) of each figure of the Summary, in order; ("", None, TEXT) is a gap."""
        t = lambda key: terms.term(key, language)  # noqa: E731
        s, total = self.sales, self.sales.total
        gap = ("", None, T)
        rows: list[tuple[str, Any, Kind]] = [(t("month"), self.period.label, T)]
        if self.as_of is not None:
            rows.append((t("month_to_date"), self.as_of, DT))
        rows += [(t("currency"), self.currency, T), gap]
        rows += [
            (t("gross_sales"), total.gross, M),
            (t("discounts"), total.discounts, M),
            (t("goods_sales"), total.goods_sales, M),
        ]
        if s.has_tax:
            rows.append((t("tax_included"), total.tax, M))
        rows += [
            (t("refunds"), total.refunds, M),
            (t("net_sales"), total.net_sales, M),
            (t("shipping_income"), total.shipping, M),
            (t("platform_fees"), total.platform_fees, M),
            (t("cost_shipped"), total.cost_shipped, M),
            (t("cost_returned"), total.cost_returned, M),
            (t("cost_of_goods"), total.cost_of_goods, M),
            # The Sales sheet's Margin total; gross margin is it less refunds plus the cost of returns back.
            (t("margin_on_sales"), total.goods_sales - total.cost_shipped, M),
            (t("gross_margin_after"), total.gross_margin, M),
            (t("margin_rate"), total.margin_rate, P),
            (t("contribution"), total.contribution, M),
            gap,
            (t("orders"), total.orders, INT),
            (t("units"), total.units, INT),
            (t("aov"), total.average_order_value, M),
            (t("buyers"), s.buyers, INT),
            (t("repeat_buyers"), s.repeat_buyers, INT),
            (t("repurchase_rate"), s.repurchase_rate, P),
            (t("returned_units"), self.returned_units, INT),
            (t("return_rate"), self.return_rate, P),
            (t("complaints"), self.complaints.cases, INT),
            gap,
            (t("stock_opening"), self.stock.opening.value, M),
        ]
        flows = self.flow_totals
        for column in ("received", "shipped", "customer_returns", "adjustments", "scrapped", "to_supplier", "other"):
            if column == "other" and not flows.get(column):
                continue
            rows.append((t(f"stock_{column}"), flows.get(column, 0), M))
        rows += [
            (t("stock_closing"), self.stock.closing.value, M),
            (t("turnover"), self.turnover, N),
            (t("days_of_inventory"), self.days_of_inventory, N),
            gap,
            (t("definitions"), None, T),
        ]
        if self.is_empty:
            rows.append((t("empty_month"), None, T))
        return rows


def write_month_end(
    month: MonthEnd,
    conn_factory: Callable[[], Any],
    target: Path,
    *,
    exponent: int,
    language: str,
    mask_customers: bool,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Write the workbook: figures from `month`, detail rows streamed from the database."""
    t = lambda key: terms.term(key, language)  # noqa: E731
    total_rows = month.line_count + month.move_count + 1000
    done = [0]

    def tick(rows: int = 1000) -> None:
        done[0] += rows
        if cancelled is not None and cancelled():
            raise ReportCancelled
        if progress is not None:
            progress(min(done[0], total_rows), total_rows)

    book = ReportBook(money_symbol=currency_symbol(month.currency, language), exponent=exponent)
    period = month.period
    try:
        _summary_sheet(book, month, language)
        tick(0)
        with conn_factory() as conn:
            sheet = book.sheet(t("sheet_sales"), _sales_columns(t, month.sales.has_tax))
            has_tax = month.sales.has_tax
            sheet.rows(
                (
                    (
                        line.shipped_at,
                        line.order,
                        terms.channel(line.channel, language),
                        line.customer,
                        line.sku,
                        line.name,
                        line.quantity,
                        line.unit_price,
                        line.gross,
                        line.discount,
                        *((line.tax,) if has_tax else ()),
                        line.net,
                        line.cost_of_goods,
                        line.margin,
                    )
                    for line in sale_lines(conn, period.start, period.end, mask=mask_customers)
                ),
                tick,
            )
            sheet.totals(t("total_before_refunds"))  # refunds and returns: next sheet

            sheet = book.sheet(
                t("sheet_refunds"),
                [
                    Col(t("time"), DT),
                    Col(t("type"), width=22),
                    Col(t("order")),
                    Col(t("case")),
                    Col(t("customer")),
                    Col(t("sku")),
                    Col(t("name"), width=30),
                    Col(t("quantity"), INT, total=True),
                    Col(t("refund"), M, total=True),
                    Col(t("returned_cost"), M, total=True),
                    Col(t("note"), width=30),
                ],
            )
            for back in refunds_and_returns(conn, period.start, period.end, mask=mask_customers):
                kind = t("refund_kind") if back.kind == "refund" else t(f"return_{back.kind}")
                sheet.row(
                    (
                        back.at,
                        kind,
                        back.order,
                        back.case,
                        back.customer,
                        back.sku,
                        back.name,
                        back.quantity,
                        back.refund,
                        back.returned_cost,
                        back.note,
                    )
                )
            sheet.totals(t("total"))
            tick(0)

            sheet = book.sheet(
                t("sheet_purchases"),
                [
                    Col(t("time"), DT),
                    Col(t("type")),
                    Col(t("purchase_order")),
                    Col(t("supplier"), width=24),
                    Col(t("sku")),
                    Col(t("name"), width=30),
                    Col(t("location")),
                    Col(t("quantity"), INT, total=True),
                    Col(t("unit_cost"), M),
                    Col(t("amount"), M, total=True),
                ],
            )
            for r in receipt_lines(conn, period.start, period.end):
                sheet.row(
                    (
                        r.received_at,
                        terms.move_kind(r.kind, language),
                        r.order,
                        r.supplier,
                        r.sku,
                        r.name,
                        r.location,
                        r.quantity,
                        r.unit_cost,
                        r.value,
                    )
                )
            sheet.totals(t("total"))

            sheet = book.sheet(
                t("sheet_moves"),
                [
                    Col(t("time"), DT),
                    Col(t("kind")),
                    Col(t("sku")),
                    Col(t("name"), width=30),
                    Col(t("from"), width=20),
                    Col(t("to"), width=20),
                    Col(t("quantity"), INT),
                    Col(t("amount"), M),
                    Col(t("stock_effect"), M, total=True),
                    Col(t("source")),
                    Col(t("user")),
                    Col(t("reason"), width=30),
                ],
            )
            sheet.rows(
                (
                    (
                        m.moved_at,
                        terms.move_kind(m.kind, language),
                        m.sku,
                        m.name,
                        m.from_path,
                        m.to_path,
                        m.quantity,
                        m.value,
                        m.stock_effect,
                        m.source,
                        m.user,
                        m.reason,
                    )
                    for m in move_lines(conn, period.start, period.end)
                ),
                tick,
            )
            sheet.totals(t("total"))
            _valuation_sheets(book, month, conn, t)
        _channel_sheet(book, month, t, language)
        _complaint_sheets(book, month, t, language)
        tick(0)
        return save_atomically(book, target, cancelled)
    except BaseException:
        discard(book)
        raise


def _sales_columns(t: Callable[[str], str], has_tax: bool) -> list[Col]:
    columns = [
        Col(t("shipped"), D),
        Col(t("order"), width=12),
        Col(t("channel"), width=12),
        Col(t("customer"), width=14),
        Col(t("sku"), width=16),
        Col(t("name"), width=32),
        Col(t("quantity"), INT, total=True),
        Col(t("unit_price"), M),
        Col(t("gross"), M, total=True),
        Col(t("discount"), M, total=True),
    ]
    if has_tax:
        columns.append(Col(t("tax"), M, total=True))
    return [
        *columns,
        Col(t("net"), M, total=True),
        Col(t("cost"), M, total=True),
        Col(t("margin"), M, total=True, note=t("margin_note")),
    ]


def _summary_sheet(book: ReportBook, month: MonthEnd, language: str) -> None:
    t = lambda key: terms.term(key, language)  # noqa: E731
    sheet = book.sheet(
        t("sheet_summary"),
        [
            Col(t("figure"), width=44),
            Col(t("value"), width=18),
            Col("", width=3),
            Col(t("date"), D),
            Col(t("orders"), INT, width=9),
            Col(t("goods_sales"), M, width=18),
        ],
        autofilter=False,
    )
    figures = month.summary(language)
    days = month.sales.days
    for n in range(max(len(figures), len(days))):
        label, value, kind = figures[n] if n < len(figures) else ("", None, T)
        values: list[Any] = [value, None]
        kinds = [kind, T]
        if n < len(days):
            values += [days[n].day, days[n].orders, days[n].goods_sales]
            kinds += [D, INT, M]
        sheet.labelled(label, values, kinds)
    if days:
        chart = LineChart()
        chart.title = t("sales_by_day")
        chart.height, chart.width = 8, 18
        chart.legend = None
        chart.y_axis.title = t("goods_sales")
        chart.y_axis.number_format = book.money_format.split(";")[0]
        chart.x_axis.number_format = "mm-dd"
        # openpyxl hides the axes unless told otherwise; Excel then shows a bare line.
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.add_data(Reference(sheet.sheet, min_col=6, min_row=1, max_row=1 + len(days)), titles_from_data=True)
        chart.set_categories(Reference(sheet.sheet, min_col=4, min_row=2, max_row=1 + len(days)))
        sheet.sheet.add_chart(chart, "H2")
    sheet.close()


def _valuation_sheets(book: ReportBook, month: MonthEnd, conn: Any, t: Callable[[str], str]) -> None:
    sheet = book.sheet(
        t("sheet_valuation"),
        [
            Col(t("sku"), width=16),
            Col(t("name"), width=32),
            Col(t("category"), width=20),
            Col(t("opening_qty"), INT, total=True),
            Col(t("opening_value"), M, total=True),
            Col(t("received"), M, total=True),
            Col(t("shipped_cost"), M, total=True),
            Col(t("customer_returns"), M, total=True),
            Col(t("adjustments"), M, total=True),
            Col(t("scrapped"), M, total=True),
            Col(t("to_supplier"), M, total=True),
            Col(t("other"), M, total=True),
            Col(t("closing_qty"), INT, total=True),
            Col(t("closing_value"), M, total=True),
        ],
    )
    for f in month.flows:
        v = f.value
        sheet.row(
            (
                f.sku,
                f.name,
                f.category,
                f.opening_qty,
                f.opening_value,
                v["received"],
                v["shipped"],
                v["customer_returns"],
                v["adjustments"],
                v["scrapped"],
                v["to_supplier"],
                v["other"],
                f.closing_qty,
                f.closing_value,
            )
        )
    sheet.totals(t("total"))
    sheet = book.sheet(
        t("sheet_locations"),
        [
            Col(t("sku"), width=16),
            Col(t("name"), width=32),
            Col(t("location"), width=20),
            Col(t("quantity"), INT, total=True),
            Col(t("amount"), M, total=True),
        ],
    )
    for h in location_holdings(conn, month.period.end, month.flows):
        sheet.row((h.sku, h.name, h.location, h.quantity, h.value))
    sheet.totals(t("total"))


def _channel_sheet(book: ReportBook, month: MonthEnd, t: Callable[[str], str], language: str) -> None:
    sheet = book.sheet(
        t("sheet_channels"),
        [
            Col(t("channel"), width=14),
            Col(t("orders"), INT, total=True),
            Col(t("units"), INT, total=True),
            Col(t("gross_sales"), M, total=True),
            Col(t("discounts"), M, total=True),
            Col(t("goods_sales"), M, total=True, width=18),
            Col(t("refunds"), M, total=True),
            Col(t("net_sales"), M, total=True),
            Col(t("shipping_income"), M, total=True),
            Col(t("platform_fees"), M, total=True),
            Col(t("cost_of_goods"), M, total=True),
            Col(t("gross_margin"), M, total=True),
            Col(t("margin_rate"), P),
            Col(t("contribution"), M, total=True, width=18),
        ],
    )
    for channel, c in month.sales.channels.items():
        sheet.row(
            (
                terms.channel(channel, language),
                c.orders,
                c.units,
                c.gross,
                c.discounts,
                c.goods_sales,
                c.refunds,
                c.net_sales,
                c.shipping,
                c.platform_fees,
                c.cost_of_goods,
                c.gross_margin,
                c.margin_rate,
                c.contribution,
            )
        )
    sheet.totals(t("total"))


def _complaint_sheets(book: ReportBook, month: MonthEnd, t: Callable[[str], str], language: str) -> None:
    a = month.complaints
    sheet = book.sheet(
        t("sheet_complaints"),
        [Col(t("class"), width=18), Col(t("sub_reason"), width=30), Col(t("cases"), INT, total=True)],
    )
    for s in a.by_sub_reason:
        sheet.row((terms.case_class(s.case_class, language), s.sub_reason, s.cases))
    sheet.totals(t("total"))
    sheet = book.sheet(
        t("sheet_returns_sku"),
        [
            Col(t("sku"), width=16),
            Col(t("name"), width=32),
            Col(t("sold"), INT, total=True),
            Col(t("returned"), INT, total=True, note=t("returned_note")),
            Col(t("defective"), INT, total=True, width=14, note=t("defective_note")),
            Col(t("return_rate"), P),
            Col(t("defect_rate"), P, width=12, note=t("defective_note")),
            Col(t("high_return"), width=12),
        ],
    )
    for r in a.returns:
        sheet.row(
            (
                r.sku,
                r.name,
                r.sold,
                r.returned,
                r.defective,
                None if r.return_rate is None else r.return_rate / 100,
                None if r.defect_rate is None else r.defect_rate / 100,
                t("yes") if r.high_return else "",
            )
        )
    sheet.totals(t("total"))
