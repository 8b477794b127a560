"""The stock analyses as tables: stock on hand and value, low stock and reorder suggestions, turnover, slow movers."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.reports.analytics import days_of_inventory, turnover
from shopdesk.reports.tables import Report, Table
from shopdesk.reports.workbook import Col, Kind
from shopdesk.services.access import guarded
from shopdesk.services.report_common import ReportBase, ReportParams, as_of_note, terms_of
from shopdesk.services.report_stock import ProductFlow, location_holdings, movers, product_flows

M, INT, D, N = Kind.MONEY, Kind.INTEGER, Kind.DATE, Kind.DECIMAL


class StockTables(ReportBase):
    """The stock analyses; ReportTables adds those of sales and customers."""

    def stock_flows(self, start: datetime, end: datetime) -> list[ProductFlow]:
        """Per product roll-forward over [start, end), checked against the ledger's."""
        with self.db.read() as conn:
            return product_flows(conn, start, end, self.shop.inventory.roll_forward(start, end))

    @guarded(Permission.VIEW_COSTS, "see the stock value report")
    def stock_on_hand(self, params: ReportParams) -> Report:
        """Quantity and value per product and location as of a moment (the ledger's value then); needs VIEW_COSTS."""
        t = terms_of(params.language)
        at = self.moment(params)
        with self.db.read() as conn:
            flows = product_flows(conn, at, at, self.shop.inventory.roll_forward(at, at))
            holdings = location_holdings(conn, at, flows)
        products = Table(
            t("sheet_stock_on_hand"),
            [
                Col(t("sku"), width=16),
                Col(t("name"), width=32),
                Col(t("category"), width=20),
                Col(t("on_hand"), INT, total=True),
                Col(t("stock_value"), M, total=True),
            ],
            [
                (f.sku, f.name, f.category, f.closing_qty, f.closing_value)
                for f in flows
                if f.closing_qty or f.closing_value
            ],
            totals=True,
            notes=(as_of_note(t, at),),
        )
        places = Table(
            t("sheet_locations"),
            [
                Col(t("sku"), width=16),
                Col(t("name"), width=32),
                Col(t("location"), width=20),
                Col(t("quantity"), INT, total=True),
                Col(t("amount"), M, total=True),
            ],
            [(h.sku, h.name, h.location, h.quantity, h.value) for h in holdings],
            totals=True,
        )
        return Report(self.title("stock", params.language), [products, places])

    def low_stock(self, params: ReportParams) -> Report:
        """Products at or below their warning line, and the reorder suggestions (services/reorder.py)."""
        t = terms_of(params.language)
        low = self.shop.reordering.low_stock()
        suggestions = self.shop.reordering.suggestions()
        return Report(
            self.title("low-stock", params.language),
            [
                Table(
                    t("sheet_low_stock"),
                    [
                        Col(t("sku"), width=16),
                        Col(t("name"), width=32),
                        Col(t("warehouse")),
                        Col(t("available"), INT),
                        Col(t("warning_line"), INT),
                        Col(t("safety_stock"), INT),
                    ],
                    [(r.sku, r.name, r.warehouse, r.available, r.warning_line, r.safety_stock) for r in low],
                ),
                Table(
                    t("sheet_reorder"),
                    [
                        Col(t("supplier")),
                        Col(t("sku"), width=16),
                        Col(t("name"), width=32),
                        Col(t("lead_time"), INT),
                        Col(t("daily_sales"), N),
                        Col(t("available"), INT),
                        Col(t("on_order"), INT),
                        Col(t("reorder_point"), INT),
                        Col(t("suggested"), INT, total=True),
                    ],
                    [
                        (
                            s.supplier,
                            s.sku,
                            s.name,
                            s.lead_time_days,
                            s.daily_sales,
                            s.available,
                            s.on_order,
                            s.reorder_point,
                            s.suggested,
                        )
                        for s in suggestions
                    ],
                    totals=True,
                ),
            ],
        )

    @guarded(Permission.VIEW_COSTS, "see the turnover report (it is built on cost of goods)")
    def turnover(self, params: ReportParams) -> Report:
        """Inventory turnover (库存周转率) and days of inventory per SKU and per category; needs VIEW_COSTS."""
        t = terms_of(params.language)
        period = self.period(params)
        flows = self.stock_flows(period.start, period.end)
        columns = [
            Col(t("cost_of_goods"), M, total=True),
            Col(t("opening_value"), M, total=True),
            Col(t("closing_value"), M, total=True),
            Col(t("turnover"), N),
            Col(t("days_of_inventory"), N),
        ]

        def figures(cogs: int, opening: int, closing: int) -> tuple[Any, ...]:
            return (
                cogs,
                opening,
                closing,
                turnover(cogs, opening, closing),
                days_of_inventory(period.days, cogs, opening, closing),
            )

        by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for f in flows:
            totals = by_category[f.category]
            totals[0] += f.cost_of_goods
            totals[1] += f.opening_value
            totals[2] += f.closing_value
        return Report(
            self.title("turnover", params.language),
            [
                Table(
                    t("sheet_turnover_category"),
                    [Col(t("category"), width=24), *columns],
                    [(c, *figures(*v)) for c, v in sorted(by_category.items())],
                    totals=True,
                    notes=(period.label,),
                ),
                Table(
                    t("sheet_turnover_sku"),
                    [Col(t("sku"), width=16), Col(t("name"), width=32), Col(t("category"), width=20), *columns],
                    [
                        (f.sku, f.name, f.category, *figures(f.cost_of_goods, f.opening_value, f.closing_value))
                        for f in flows
                    ],
                    totals=True,
                ),
            ],
        )

    @guarded(Permission.VIEW_COSTS, "see the slow movers report (it shows stock value)")
    def movers(self, params: ReportParams) -> Report:
        """Products in stock with no sales in the window (dead) or stock for longer than the cover (slow);
        needs VIEW_COSTS (the stock value of each)."""
        t = terms_of(params.language)
        if params.window_days <= 0 or params.slow_cover_days <= 0:
            raise ValidationFailed(
                [Problem("window_days", "whole days above zero", f"{params.window_days}/{params.slow_cover_days}")],
                "No slow-mover report",
            )
        at = self.moment(params)
        with self.db.read() as conn:
            flows = product_flows(conn, at, at, self.shop.inventory.roll_forward(at, at))
            rows = movers(conn, flows, at, params.window_days, params.slow_cover_days)
        return Report(
            self.title("movers", params.language),
            [
                Table(
                    t("sheet_movers"),
                    [
                        Col(t("status")),
                        Col(t("sku"), width=16),
                        Col(t("name"), width=32),
                        Col(t("category"), width=20),
                        Col(t("on_hand"), INT, total=True),
                        Col(t("stock_value"), M, total=True),
                        Col(t("first_in"), D),
                        Col(t("last_sold"), D),
                        Col(t("sold_in_window"), INT),
                        Col(t("days_of_cover"), N),
                    ],
                    [
                        (
                            t(f"status_{r.status}"),
                            r.sku,
                            r.name,
                            r.category,
                            r.on_hand,
                            r.value,
                            r.first_in,
                            r.last_sold,
                            r.sold_in_window,
                            r.days_of_cover,
                        )
                        for r in rows
                    ],
                    totals=True,
                )
            ],
        )
