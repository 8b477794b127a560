"""The analyses as tables (stock on hand, low stock, ABC, turnover, slow movers, RFM segments, repurchase,
complaints and returns, sales by a dimension), in the report's language; services/reports.py runs and saves them.

Who may run which: a report whose point is costs, margins or stock value (month-end,
stock on hand and value, turnover, slow movers with their value, ABC and sales with
their margins) is refused with PermissionDenied for a role without VIEW_COSTS, rather
than produced with holes in it (COST_REPORTS). Low stock, segments, repurchase and
complaints carry no cost figures and are open to every role.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.reports import terms
from shopdesk.reports.analytics import (
    SEGMENTS,
    AbcItem,
    AbcThresholds,
    Period,
    SegmentRules,
    abc_classes,
    date_period,
    days_of_inventory,
    turnover,
)
from shopdesk.reports.tables import Report, Table
from shopdesk.reports.workbook import Col, Kind
from shopdesk.services import aftersales_analysis
from shopdesk.services.access import guarded
from shopdesk.services.report_customers import (
    RepurchaseRow,
    RfmRow,
    repurchase,
    rfm_rows,
    segment_rules_from,
    segment_summary,
)
from shopdesk.services.report_sales import GROUPINGS, SalesGroup, grouped_sales, product_sales
from shopdesk.services.report_stock import ProductFlow, location_holdings, movers, product_flows

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

M, INT, T, P, D, DT, N = Kind.MONEY, Kind.INTEGER, Kind.TEXT, Kind.PERCENT, Kind.DATE, Kind.DATETIME, Kind.DECIMAL

# The reports a person can choose, in the order the Reports tab lists them, and what each needs.
KINDS: dict[str, tuple[str, str]] = {
    "month-end": ("Month-end workbook", "月结报表"),
    "stock": ("Stock on hand and value", "库存现状与金额"),
    "low-stock": ("Low stock and reorder suggestions", "低库存与补货建议"),
    "abc": ("ABC analysis", "ABC分类分析"),
    "turnover": ("Inventory turnover", "库存周转率"),
    "movers": ("Slow movers and dead stock", "滞销与呆滞库存"),
    "segments": ("Customer segments (RFM)", "客户分层(RFM)"),
    "repurchase": ("Repurchase rate", "复购率"),
    "complaints": ("Complaints and returns", "投诉与退货分析"),
    "sales": ("Sales by channel, category, product or time", "销售分析"),
}
# The reports that are about costs, margins or stock value: refused without VIEW_COSTS.
COST_REPORTS = frozenset({"month-end", "stock", "abc", "turnover", "movers", "sales"})
NEEDS_PERIOD = frozenset({"abc", "turnover", "repurchase", "complaints", "sales"})
NEEDS_MOMENT = frozenset({"stock", "movers", "segments"})


@dataclass(frozen=True)
class ReportParams:
    """What a report is asked for; each report reads the fields it needs."""

    month: str = ""  # YYYY-MM, for the month-end workbook
    start: datetime | None = None  # a period [start, end)
    end: datetime | None = None
    at: datetime | None = None  # a moment ("as of"); None: now
    language: str = "en"
    by: str = "revenue"  # ABC: revenue or margin; sales: one of GROUPINGS
    thresholds: AbcThresholds = field(default_factory=AbcThresholds)
    window_days: int = 90  # slow movers: sales looked at over this many days
    slow_cover_days: int = 180  # ... slow when the stock lasts longer than this
    rules: SegmentRules | None = None  # None: the shop's rules
    mask_customers: bool | None = None  # None: the shop's setting


@dataclass(frozen=True)
class Saved:
    path: Path
    report: str
    rows: int  # data rows written, all sheets together (the month-end: order lines)


class ReportTables:
    """The analyses; `Reports` adds the month-end workbook, running a report by name and saving it."""

    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    def segment_rules(self) -> SegmentRules:
        """The shop's RFM rules (its own over the defaults)."""
        return segment_rules_from(self.shop.setting("customer_segments"))

    # Periods ----------------------------------------------------------------------------------------
    @staticmethod
    def period(params: ReportParams) -> Period:
        if params.start is None or params.end is None:
            end = params.end or datetime.now(UTC)
            return date_period(params.start or end - timedelta(days=30), end)
        return date_period(params.start, params.end)

    @staticmethod
    def moment(params: ReportParams) -> datetime:
        return params.at or datetime.now(UTC)

    def title(self, kind: str, language: str) -> str:
        english, chinese = KINDS[kind]
        return chinese if terms.is_chinese(language) else english

    # Stock ------------------------------------------------------------------------------------------
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

    # Sales and customers ------------------------------------------------------------------------------
    def abc_items(self, period: Period, by: str, thresholds: AbcThresholds) -> list[AbcItem[SalesGroup]]:
        """Products sold in the period, classed A/B/C by revenue (goods sales) or by margin."""
        if by not in ("revenue", "margin"):
            raise ValidationFailed([Problem("by", "revenue or margin", by)], "No ABC analysis")
        thresholds.check()
        with self.db.read() as conn:
            groups = product_sales(conn, period.start, period.end)
        return abc_classes([(g, g.goods_sales if by == "revenue" else g.margin) for g in groups], thresholds)

    @guarded(Permission.VIEW_COSTS, "see the ABC analysis (it shows margins)")
    def abc(self, params: ReportParams) -> Report:
        """Products classed A/B/C by revenue or margin, with their margins; needs VIEW_COSTS."""
        t = terms_of(params.language)
        period = self.period(params)
        items = self.abc_items(period, params.by, params.thresholds)
        basis = t("basis_revenue" if params.by == "revenue" else "basis_margin")
        return Report(
            self.title("abc", params.language),
            [
                Table(
                    t("sheet_abc"),
                    [
                        Col(t("class"), width=8),
                        Col(t("sku"), width=16),
                        Col(t("name"), width=32),
                        Col(t("units"), INT, total=True),
                        Col(t("goods_sales"), M, total=True),
                        Col(t("margin"), M, total=True),
                        Col(t("share"), P),
                        Col(t("cumulative"), P),
                    ],
                    [
                        (
                            i.abc_class,
                            i.key.key,
                            i.key.name,
                            i.key.units,
                            i.key.goods_sales,
                            i.key.margin,
                            i.share,
                            i.cumulative,
                        )
                        for i in items
                    ],
                    totals=True,
                    notes=(f"{period.label} · {t('basis')}: {basis} · {t('thresholds')}: {params.thresholds.label()}",),
                )
            ],
        )

    def rfm(self, at: datetime, rules: SegmentRules | None = None, *, mask: bool = True) -> list[RfmRow]:
        """Every customer who bought before `at`, with R/F/M scores, segment and high-value mark."""
        with self.db.read() as conn:
            mask = mask or not self.shop.can(Permission.VIEW_PERSONAL_DATA)
            return rfm_rows(conn, at, rules or self.segment_rules(), self.shop.money.exponent, mask=mask)

    def segments(self, params: ReportParams) -> Report:
        t = terms_of(params.language)
        rows = self.rfm(self.moment(params), params.rules, mask=True)
        summary = segment_summary(rows)
        return Report(
            self.title("segments", params.language),
            [
                Table(
                    t("sheet_segments"),
                    [
                        Col(t("segment")),
                        Col(t("customers"), INT, total=True),
                        Col(t("share"), P),
                        Col(t("orders"), INT, total=True),
                        Col(t("spent"), M, total=True),
                        Col(t("aov"), M),
                        Col(t("high_value"), INT, total=True),
                    ],
                    [
                        (
                            t(f"segment_{s.segment}"),
                            s.customers,
                            s.share,
                            s.orders,
                            s.spent,
                            s.average_order_value,
                            s.high_value,
                        )
                        for s in summary
                    ],
                    totals=True,
                ),
                Table(
                    t("sheet_customers"),
                    [
                        Col(t("segment")),
                        Col(t("customer")),
                        Col(t("phone"), width=14),
                        Col(t("region"), width=16),
                        Col(t("channel")),
                        Col(t("first_order"), D),
                        Col(t("last_order"), D),
                        Col(t("orders"), INT, total=True),
                        Col(t("spent"), M, total=True),
                        Col(t("aov"), M),
                        Col(t("recency_days"), INT),
                        Col(t("r_score"), INT, width=5),
                        Col(t("f_score"), INT, width=5),
                        Col(t("m_score"), INT, width=5),
                        Col(t("high_value"), width=10),
                    ],
                    [
                        (
                            t(f"segment_{r.segment}"),
                            r.name,
                            r.phone,
                            r.region,
                            r.channel,
                            r.first_order,
                            r.last_order,
                            r.orders,
                            r.spent,
                            r.average_order_value,
                            r.recency_days,
                            r.r,
                            r.f,
                            r.m,
                            t("yes") if r.high_value else "",
                        )
                        for r in sorted(rows, key=lambda r: (SEGMENTS.index(r.segment), -r.spent, r.customer_id))
                    ],
                    totals=True,
                ),
            ],
        )

    def repurchase_rows(self, period: Period) -> list[RepurchaseRow]:
        with self.db.read() as conn:
            return repurchase(conn, period.start, period.end, period.label)

    def repurchase(self, params: ReportParams) -> Report:
        t = terms_of(params.language)
        rows = self.repurchase_rows(self.period(params))
        return Report(
            self.title("repurchase", params.language),
            [
                Table(
                    t("sheet_repurchase"),
                    [
                        Col(t("period"), width=26),
                        Col(t("buyers"), INT),
                        Col(t("repeat_buyers"), INT),
                        Col(t("repurchase_rate"), P),
                        Col(t("returning_buyers"), INT),
                    ],
                    [(r.period, r.buyers, r.repeat_buyers, r.repurchase_rate, r.returning_buyers) for r in rows],
                )
            ],
        )

    def complaints(self, params: ReportParams) -> Report:
        """Complaints by class and sub-reason, returns per SKU with the high-return warning (the after-sales analysis)."""
        t = terms_of(params.language)
        period = self.period(params)
        with self.db.read() as conn:
            a = aftersales_analysis.analyse(conn, period.start, period.end, min(period.end, datetime.now(UTC)))
        return Report(
            self.title("complaints", params.language),
            [
                Table(
                    t("sheet_complaints"),
                    [Col(t("class"), width=18), Col(t("sub_reason"), width=30), Col(t("cases"), INT, total=True)],
                    [(terms.case_class(s.case_class, params.language), s.sub_reason, s.cases) for s in a.by_sub_reason],
                    totals=True,
                    notes=(
                        f"{period.label} · {t('complaints')}: {a.cases} · {t('overdue_now')}: {a.sla.overdue}"
                        + (f" · {t('satisfaction')}: {a.satisfaction.average}" if a.satisfaction.average else ""),
                    ),
                ),
                Table(
                    t("sheet_returns_sku"),
                    [
                        Col(t("sku"), width=16),
                        Col(t("name"), width=32),
                        Col(t("sold"), INT),
                        Col(t("returned"), INT, total=True),
                        Col(t("defective"), INT, total=True),
                        Col(t("return_rate"), P),
                        Col(t("defect_rate"), P),
                        Col(t("high_return"), width=12),
                    ],
                    [
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
                        for r in a.returns
                    ],
                    totals=True,
                ),
            ],
        )

    def sales_groups(self, period: Period, by: str) -> list[SalesGroup]:
        if by not in GROUPINGS:
            raise ValidationFailed([Problem("by", f"one of {', '.join(GROUPINGS)}", by)], "No sales report")
        with self.db.read() as conn:
            return grouped_sales(conn, period.start, period.end, by)

    @guarded(Permission.VIEW_COSTS, "see the sales report (it shows cost of goods and margins)")
    def sales_by(self, params: ReportParams) -> Report:
        """Sales by channel, category, product or time with cost of goods and margin; needs VIEW_COSTS."""
        t = terms_of(params.language)
        by = params.by if params.by in GROUPINGS else "channel"
        period = self.period(params)
        groups = self.sales_groups(period, by)
        label = t(f"by_{by}")
        title = terms.TERMS["sheet_sales_by"][1 if terms.is_chinese(params.language) else 0].format(by=label)
        return Report(
            self.title("sales", params.language),
            [
                Table(
                    title,
                    [
                        Col(label.capitalize(), width=24),
                        *([Col(t("name"), width=32)] if by == "product" else []),
                        Col(t("orders"), INT, total=True),
                        Col(t("units"), INT, total=True),
                        Col(t("gross_sales"), M, total=True),
                        Col(t("discounts"), M, total=True),
                        Col(t("goods_sales"), M, total=True),
                        Col(t("cost_of_goods"), M, total=True),
                        Col(t("gross_margin"), M, total=True),
                        Col(t("margin_rate"), P),
                    ],
                    [
                        (
                            g.key,
                            *((g.name,) if by == "product" else ()),
                            g.orders,
                            g.units,
                            g.gross,
                            g.discounts,
                            g.goods_sales,
                            g.cost_of_goods,
                            g.margin,
                            g.margin_rate,
                        )
                        for g in groups
                    ],
                    totals=True,
                    notes=(period.label,),
                )
            ],
        )


def terms_of(language: str) -> Callable[[str], str]:
    return lambda key: terms.term(key, language)


def as_of_note(t: Callable[[str], str], at: datetime) -> str:
    """'As of the end of 2026-10-15' for a day's end (what --at DAY asks for), else the moment itself."""
    local = at.astimezone()
    if local.time() == time(0):
        return t("as_of_end").format(day=f"{local - timedelta(days=1):%Y-%m-%d}")
    return f"{t('as_of')} {local:%Y-%m-%d %H:%M}"
