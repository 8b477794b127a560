"""What a report is asked for (its kind, ReportParams) and what every analysis shares: period, moment, title, terms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from shopdesk.reports import terms
from shopdesk.reports.analytics import AbcThresholds, Period, SegmentRules, date_period

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

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


class ReportBase:
    """What the analyses share: the shop, and a report's period, moment and title."""

    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

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


def terms_of(language: str) -> Callable[[str], str]:
    return lambda key: terms.term(key, language)


def as_of_note(t: Callable[[str], str], at: datetime) -> str:
    """'As of the end of 2026-10-15' for a day's end (what --at DAY asks for), else the moment itself."""
    local = at.astimezone()
    if local.time() == time(0):
        return t("as_of_end").format(day=f"{local - timedelta(days=1):%Y-%m-%d}")
    return f"{t('as_of')} {local:%Y-%m-%d %H:%M}"
