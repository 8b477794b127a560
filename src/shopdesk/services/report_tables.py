"""The analyses as tables (stock on hand, low stock, ABC, turnover, slow movers, RFM segments, repurchase,
complaints and returns, sales by a dimension), in the report's language; services/reports.py runs and saves them.

Here are those of sales and customers (ABC, RFM segments, repurchase, complaints and
returns, sales by a dimension); the stock ones are in services/report_stock_tables.py,
what a report is asked for and what they all share in services/report_common.py.

Who may run which: a report whose point is costs, margins or stock value (month-end,
stock on hand and value, turnover, slow movers with their value, ABC and sales with
their margins) is refused with PermissionDenied for a role without VIEW_COSTS, rather
than produced with holes in it (COST_REPORTS). Low stock, segments, repurchase and
complaints carry no cost figures and are open to every role.
"""

from __future__ import annotations

from datetime import UTC, datetime

from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.reports import terms
from shopdesk.reports.analytics import SEGMENTS, AbcItem, AbcThresholds, Period, SegmentRules, abc_classes
from shopdesk.reports.tables import Report, Table
from shopdesk.reports.workbook import Col, Kind
from shopdesk.services import aftersales_analysis
from shopdesk.services.access import guarded
from shopdesk.services.report_common import ReportParams, terms_of
from shopdesk.services.report_customers import (
    RepurchaseRow,
    RfmRow,
    never_bought,
    repurchase,
    rfm_rows,
    segment_rules_from,
    segment_summary,
)
from shopdesk.services.report_sales import GROUPINGS, SalesGroup, grouped_sales, product_sales
from shopdesk.services.report_stock_tables import StockTables

M, INT, P, D = Kind.MONEY, Kind.INTEGER, Kind.PERCENT, Kind.DATE


class ReportTables(StockTables):
    """The analyses; `Reports` adds the month-end workbook, running a report by name and saving it."""

    def segment_rules(self) -> SegmentRules:
        """The shop's RFM rules (its own over the defaults)."""
        return segment_rules_from(self.shop.setting("customer_segments"))

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
        at = self.moment(params)
        rows = self.rfm(at, params.rules, mask=True)
        with self.db.read() as conn:
            summary = segment_summary(rows, never_bought(conn, at))
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
                    notes=(t("segments_note"),),
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
                            terms.channel(r.channel, params.language),
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
                        Col(t("returned"), INT, total=True, note=t("returned_note")),
                        Col(t("defective"), INT, total=True, width=14, note=t("defective_note")),
                        Col(t("return_rate"), P),
                        Col(t("defect_rate"), P, width=12, note=t("defective_note")),
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
                    notes=(f"{t('defective')}: {t('defective_note')}",),
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
                            terms.channel(g.key, params.language) if by == "channel" else g.key,
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
