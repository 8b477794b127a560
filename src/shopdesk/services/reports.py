"""Reports (报表): the month-end workbook and the analyses, each as data for the screen and as an Excel file.

The analyses themselves are in services/report_tables.py. `Reports(shop)` is used by the CLI (`shopdesk report …`) and the Reports tab.
Each report is a use case reading through `shop.db.read()`; `run(kind, params)`
returns it as tables (reports.tables.Report) in the report's language, and
`save(kind, params, path)` writes those tables as a workbook (the month-end
workbook has its own layout: services/report_month_end.py). The definitions of
the figures are in services/report_sales.py, report_stock.py,
report_customers.py and reports/analytics.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from shopdesk.db.models import SalesOrderLine, StockMove
from shopdesk.db.models.orders import SalesOrder
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.reports import terms
from shopdesk.reports.analytics import SegmentRules, month_period
from shopdesk.reports.tables import Report, Table, TypedValue, write_report
from shopdesk.reports.workbook import Col, Kind, check_target
from shopdesk.services import aftersales_analysis
from shopdesk.services.access import guarded
from shopdesk.services.report_common import (
    COST_REPORTS,
    KINDS,
    NEEDS_MOMENT,
    NEEDS_PERIOD,
    ReportParams,
    Saved,
    terms_of,
)
from shopdesk.services.report_month_end import MonthEnd, ProgressFn, write_month_end
from shopdesk.services.report_sales import period_sales
from shopdesk.services.report_stock import product_flows
from shopdesk.services.report_tables import ReportTables

__all__ = ["COST_REPORTS", "KINDS", "NEEDS_MOMENT", "NEEDS_PERIOD", "ReportParams", "Reports", "Saved"]


class Reports(ReportTables):
    """The month-end workbook, and every report run by name and saved as a workbook."""

    # Settings --------------------------------------------------------------------------------
    def set_segment_rules(self, rules: SegmentRules) -> None:
        """Keep the shop's RFM rules; refused (ValidationFailed) when they do not make sense."""
        rules.check()
        self.shop.set_setting(
            "customer_segments",
            {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(rules).items()},
        )

    def _mask(self, params: ReportParams) -> bool:
        """Buyers masked: always for a role without VIEW_PERSONAL_DATA, else as asked or as the shop chose."""
        if not self.shop.can(Permission.VIEW_PERSONAL_DATA):
            return True
        if params.mask_customers is not None:
            return params.mask_customers
        return bool(self.shop.setting("report_mask_customers"))

    # The month-end workbook --------------------------------------------------------------------
    @guarded(Permission.VIEW_COSTS, "see the month-end figures (cost of goods, margins, stock value)")
    def month_end_data(self, month: str, *, now: datetime | None = None) -> MonthEnd:
        """The month's figures; a month that has not started is refused, and so is a role without VIEW_COSTS."""
        now = now or datetime.now(UTC)
        period = month_period(month, now)
        with self.db.read() as conn:
            sales = period_sales(conn, period.start, period.end)
            ledger = self.shop.inventory.roll_forward(period.start, period.end)
            flows = product_flows(conn, period.start, period.end, ledger)
            analysis = aftersales_analysis.analyse(conn, period.start, period.end, min(period.end, now))
            line_count = conn.execute(
                select(func.count())
                .select_from(SalesOrderLine)
                .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
                .where(SalesOrder.shipped_at >= period.start, SalesOrder.shipped_at < period.end)
            ).scalar_one()
            move_count = conn.execute(
                select(func.count())
                .select_from(StockMove)
                .where(StockMove.moved_at >= period.start, StockMove.moved_at < period.end)
            ).scalar_one()
        return MonthEnd(
            period,
            now if period.is_partial(now) else None,
            self.shop.money.currency,
            sales,
            ledger,
            flows,
            analysis,
            int(line_count),
            int(move_count),
        )

    def month_end(
        self,
        month: str,
        path: str | Path,
        language: str = "en",
        mask_customers: bool | None = None,
        progress: ProgressFn | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[Path, MonthEnd]:
        """Write the month-end workbook to `path` (.xlsx). A bad path or a role without VIEW_COSTS
        is refused before any work, and a failed or cancelled report leaves no file behind."""
        self.shop.require(Permission.VIEW_COSTS, "write the month-end workbook (cost of goods, margins, stock value)")
        language = terms.check_language(language)
        target = check_target(Path(path))
        data = self.month_end_data(month)
        mask = self._mask(ReportParams(mask_customers=mask_customers))
        written = write_month_end(
            data,
            self.db.read,
            target,
            exponent=self.shop.money.exponent,
            language=language,
            mask_customers=mask,
            progress=progress,
            cancelled=cancelled,
        )
        return written, data

    # Every report as tables -----------------------------------------------------------------------
    def run(self, kind: str, params: ReportParams) -> Report:
        """The report as tables in its language, for the screen or a workbook."""
        language = terms.check_language(params.language)
        params = dataclasses.replace(params, language=language)
        runner = {
            "month-end": self._month_end_tables,
            "stock": self.stock_on_hand,
            "low-stock": self.low_stock,
            "abc": self.abc,
            "turnover": self.turnover,
            "movers": self.movers,
            "segments": self.segments,
            "repurchase": self.repurchase,
            "complaints": self.complaints,
            "sales": self.sales_by,
        }.get(kind)
        if runner is None:
            raise ValidationFailed([Problem("report", f"one of {', '.join(KINDS)}", kind)], "Unknown report")
        return runner(params)

    def save(
        self,
        kind: str,
        params: ReportParams,
        path: str | Path,
        progress: ProgressFn | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Saved:
        """Write the report as a workbook (the month-end workbook in its own layout)."""
        target = check_target(Path(path))
        if kind == "month-end":
            written, data = self.month_end(
                params.month, target, params.language, params.mask_customers, progress, cancelled
            )
            return Saved(written, kind, data.line_count)
        report = self.run(kind, params)
        if progress is not None:
            progress(1, 2)
        written = write_report(
            report,
            target,
            currency=self.shop.money.currency,
            exponent=self.shop.money.exponent,
            language=params.language,
            total_label=terms.term("total", params.language),
            cancelled=cancelled,
        )
        if progress is not None:
            progress(2, 2)
        return Saved(written, kind, sum(len(t.rows) for t in report.tables))

    # Month-end on screen --------------------------------------------------------------------------
    def _month_end_tables(self, params: ReportParams) -> Report:
        t = terms_of(params.language)
        data = self.month_end_data(params.month)
        summary = Table(
            t("sheet_summary"),
            [Col(t("figure"), width=44), Col(t("value"), width=18)],
            [(label, value) for label, value, _ in data.summary(params.language) if label],
        )
        kinds = [kind for label, _, kind in data.summary(params.language) if label]
        return Report(self.title("month-end", params.language), [_typed(summary, kinds)])


def _typed(table: Table, kinds: list[Kind]) -> Table:
    """A two-column figures table whose value column's kind changes row by row: typed per row for the screen."""
    return dataclasses.replace(
        table, rows=[(label, TypedValue(value, kind)) for (label, value), kind in zip(table.rows, kinds, strict=True)]
    )
