"""shopdesk report month-end --month YYYY-MM -o FILE.xlsx [--lang en|zh_CN], and the other reports.

Every report prints its tables (or --json); with -o FILE.xlsx it writes them as
a workbook instead. Periods are a calendar month (--month 2026-10) or --from
DATE --to DATE (up to, not including), in the computer's local time; the
default period is the last 30 days. A moment (--at) is the end of that day.
"""

from __future__ import annotations

import argparse
import dataclasses
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from shopdesk.cli.common import Context
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.money import format_plain
from shopdesk.reports.analytics import AbcThresholds, month_period
from shopdesk.reports.tables import Report, TypedValue
from shopdesk.reports.workbook import Kind
from shopdesk.services.report_sales import GROUPINGS
from shopdesk.services.reports import KINDS, ReportParams, Reports

MAX_PRINTED_ROWS = 200


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    report = sub.add_parser("report", parents=[common], help="reports: the month-end workbook and the analyses")
    kinds = report.add_subparsers(dest="report", metavar="REPORT", required=True)

    def add(name: str, help_text: str, *, period: bool = False, moment: bool = False) -> argparse.ArgumentParser:
        parser = kinds.add_parser(name, parents=[common], help=help_text)
        parser.add_argument("-o", "--output", metavar="FILE.xlsx", help="write the report as an Excel workbook")
        parser.add_argument("--lang", default="en", choices=["en", "zh_CN"], help="language of the workbook")
        if period:
            parser.add_argument("--month", metavar="YYYY-MM", help="a calendar month")
            parser.add_argument("--from", dest="start", metavar="DATE", help="from this day (default: 30 days ago)")
            parser.add_argument("--to", dest="end", metavar="DATE", help="up to this day, not included (default: now)")
        if moment:
            parser.add_argument("--at", metavar="DATE", help="as of the end of this day (default: now)")
        parser.set_defaults(handler=run_report, kind=name)
        return parser

    month_end = add("month-end", "the month-end workbook for the accountant (月结报表)")
    month_end.add_argument("--month", required=True, metavar="YYYY-MM", help="the calendar month")
    month_end.add_argument("--mask-customers", action="store_true", default=None, help="show buyers masked (张**)")
    add("stock", "stock on hand and its value, per product and location", moment=True)
    add("low-stock", "products at or below their warning line, and reorder suggestions")
    abc = add("abc", "ABC analysis of the products sold, by revenue or by margin", period=True)
    abc.add_argument("--by", choices=["revenue", "margin"], default="revenue")
    abc.add_argument("--thresholds", default="80/15/5", metavar="A/B/C", help="percent of the total (default 80/15/5)")
    add("turnover", "inventory turnover (库存周转率) and days of inventory per SKU and category", period=True)
    movers = add("movers", "slow movers and dead stock", moment=True)
    movers.add_argument("--window-days", type=int, default=90, help="sales looked at over this many days (90)")
    movers.add_argument("--slow-days", type=int, default=180, help="slow when the stock lasts longer (180 days)")
    segments = add("segments", "customer segments by RFM (新客户/活跃/沉睡/流失) with each customer", moment=True)
    segments.add_argument("--new-days", type=int, help="new while the first order is at most this old")
    segments.add_argument("--active-days", type=int, help="active while the last order is at most this old")
    segments.add_argument("--lost-days", type=int, help="lost once the last order is older than this")
    add("repurchase", "repurchase rate (复购率) per month", period=True)
    add("complaints", "complaints by class and reason, returns per SKU with the high-return warning", period=True)
    sales = add("sales", "sales by channel, category, product, day, week or month", period=True)
    sales.add_argument("--by", choices=GROUPINGS, default="channel")


def _day(text: str, label: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ShopDeskError(f"{label} {text!r} is not a date: write it like 2026-10-01") from None
    return parsed if parsed.tzinfo else parsed.astimezone()


def _params(ctx: Context) -> ReportParams:
    a = ctx.args
    fields: dict[str, Any] = {"language": a.lang}
    if a.kind == "month-end":
        fields["month"] = a.month
        fields["mask_customers"] = a.mask_customers
    if getattr(a, "month", None) and a.kind != "month-end":
        period = month_period(a.month, datetime.now(UTC))
        fields["start"], fields["end"] = period.start, period.end
    elif hasattr(a, "start"):
        end = _day(a.end, "--to") if a.end else datetime.now(UTC)
        fields["end"] = end
        fields["start"] = _day(a.start, "--from") if a.start else end - timedelta(days=30)
    if getattr(a, "at", None):
        fields["at"] = _day(a.at, "--at") + timedelta(days=1)
    if a.kind == "abc":
        fields["by"] = a.by
        fields["thresholds"] = AbcThresholds.parse(a.thresholds)
    if a.kind == "sales":
        fields["by"] = a.by
    if a.kind == "movers":
        fields["window_days"], fields["slow_cover_days"] = a.window_days, a.slow_days
    return ReportParams(**fields)


def run_report(ctx: Context) -> int:
    shop = ctx.shop()
    reports = Reports(shop)
    params = _params(ctx)
    if ctx.args.kind == "segments":
        overrides = {
            k: v
            for k, v in (
                ("new_days", ctx.args.new_days),
                ("active_days", ctx.args.active_days),
                ("lost_days", ctx.args.lost_days),
            )
            if v is not None
        }
        if overrides:
            params = dataclasses.replace(params, rules=dataclasses.replace(reports.segment_rules(), **overrides))
    if ctx.args.kind == "month-end":
        if not ctx.args.output:
            raise ShopDeskError("Name the workbook to write: -o FILE.xlsx")
        path, data = reports.month_end(
            params.month, Path(ctx.args.output), params.language, params.mask_customers, _progress(ctx)
        )
        figures = {
            label: _plain(shop, value, kind) for label, value, kind in data.summary("en") if label and value is not None
        }
        lines = [f"Month-end workbook for {data.period.label} written to {path}"]
        lines += [f"  {label}: {value}" for label, value in figures.items()]
        ctx.out({"file": path, "month": data.period.label, "figures": figures}, "\n".join(lines))
        return 0
    if ctx.args.output:
        saved = reports.save(ctx.args.kind, params, Path(ctx.args.output))
        ctx.out({"file": saved.path, "rows": saved.rows}, f"{KINDS[ctx.args.kind][0]} written to {saved.path}")
        return 0
    report = reports.run(ctx.args.kind, params)
    ctx.out(_as_json(shop, report), _as_text(shop, report))
    return 0


def _progress(ctx: Context):  # type: ignore[no-untyped-def]
    last = [0]

    def progress(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent >= last[0] + 25:
            last[0] = percent
            ctx.info(f"writing… {percent}%")

    return progress


def _plain(shop: Any, value: Any, kind: Kind) -> Any:
    if isinstance(value, TypedValue):
        return _plain(shop, value.value, value.kind)
    if value is None:
        return None
    if kind is Kind.MONEY:
        return format_plain(int(value), shop.money.exponent)
    if kind is Kind.PERCENT:
        return f"{Decimal(value) * 100:.1f}%"
    if kind in (Kind.DATE, Kind.DATETIME) and isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d" if kind is Kind.DATE else "%Y-%m-%d %H:%M")
    if isinstance(value, Decimal):
        return str(value)
    return value


def _as_json(shop: Any, report: Report) -> dict[str, Any]:
    return {
        "report": report.title,
        "tables": [
            {
                "title": table.title,
                "notes": list(table.notes),
                "columns": [c.title for c in table.columns],
                "rows": [
                    [_plain(shop, v, c.kind) for v, c in zip(row, table.columns, strict=True)] for row in table.rows
                ],
            }
            for table in report.tables
        ],
    }


def _as_text(shop: Any, report: Report) -> str:
    lines = [report.title]
    for table in report.tables:
        lines += ["", f"== {table.title} ({len(table.rows)} rows)", *table.notes]
        cells = [[c.title for c in table.columns]]
        for row in table.rows[:MAX_PRINTED_ROWS]:
            cells.append(
                ["" if v is None else str(_plain(shop, v, c.kind)) for v, c in zip(row, table.columns, strict=True)]
            )
        widths = [min(max(len(r[i]) for r in cells), 40) for i in range(len(table.columns))]
        lines += [
            "  ".join(text[:40].ljust(width) for text, width in zip(r, widths, strict=True)).rstrip() for r in cells
        ]
        if len(table.rows) > MAX_PRINTED_ROWS:
            lines.append(f"… {len(table.rows) - MAX_PRINTED_ROWS} more rows: write them with -o FILE.xlsx")
    return "\n".join(lines)
