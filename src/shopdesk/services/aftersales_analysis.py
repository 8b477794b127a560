"""Case analysis (投诉分析 / 退货分析): where complaints come from, which products come back, how fast we are.

For a period [start, end):
- complaints (cases opened in the period) by class, sub-reason, product, channel and month;
- per SKU, units returned (received or lost, in the period) and units with a
  quality complaint, each ÷ units sold (shipped in the period; replacement orders
  are not sales). A SKU at or above the shop's high-return rate, once it sold at
  least the minimum, raises the high-return warning (高频退货商品预警);
- SLA: open cases overdue or due within a day (at `now`), and for the period's
  cases the average time to resolve, how many were reopened, and the average
  satisfaction score of their follow-ups (回访).
Rates are Decimal percentages rounded half up to one decimal; money is integer
minor units. Months are the shop computer's local calendar months.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Connection, func, select

from shopdesk.db.models import Product, StockMove
from shopdesk.db.models.aftersales import Case, CaseLine, ReturnReceipt
from shopdesk.db.models.orders import OrderRefund, SalesOrder, SalesOrderLine
from shopdesk.domain.aftersales import CaseClass, CaseStatus
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.services import aftersales_records as rec
from shopdesk.services.aftersales_queries import DUE_SOON
from shopdesk.services.aftersales_records import aware
from shopdesk.services.aftersales_refunds import REPLACEMENT_CHANNEL
from shopdesk.services.aftersales_returns import returned_at

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Tally:
    key: str
    cases: int


@dataclass(frozen=True)
class SubReasonTally:
    case_class: str
    sub_reason: str
    cases: int


@dataclass(frozen=True)
class ProductTally:
    sku: str
    name: str
    cases: int
    units: int


@dataclass(frozen=True)
class SkuReturns:
    sku: str
    name: str
    sold: int  # units shipped in the period
    returned: int  # units back (or lost on the way back) in the period
    defective: int  # units with a quality complaint opened in the period
    return_rate: Decimal | None  # percent of sold; None when nothing was sold
    defect_rate: Decimal | None
    high_return: bool


@dataclass(frozen=True)
class OverdueCase:
    number: str
    priority: str
    owner: str
    status: str
    due_at: datetime
    hours_overdue: Decimal


@dataclass(frozen=True)
class Sla:
    open: int
    overdue: int
    due_within_day: int
    resolved: int  # cases of the period that are closed
    average_hours_to_resolve: Decimal | None
    reopened: int
    reopen_rate: Decimal | None  # percent of the period's cases reopened at least once
    overdue_cases: list[OverdueCase] = field(default_factory=list)


@dataclass(frozen=True)
class Satisfaction:
    average: Decimal | None  # 1–5, two decimals
    scored: int
    without_followup: int  # closed with a reason instead of a score
    scores: dict[int, int] = field(default_factory=dict)  # score -> cases


@dataclass(frozen=True)
class CaseAnalysis:
    start: datetime
    end: datetime
    now: datetime
    cases: int
    by_class: list[Tally]
    by_sub_reason: list[SubReasonTally]
    by_product: list[ProductTally]
    by_channel: list[Tally]
    by_month: list[Tally]
    returns: list[SkuReturns]
    sla: Sla
    satisfaction: Satisfaction
    refunded: int  # minor units refunded on cases in the period
    high_return_percent: Decimal
    high_return_min_sold: int

    @property
    def high_return(self) -> list[SkuReturns]:
        """The SKUs that raise the high-return warning (高频退货商品预警)."""
        return [r for r in self.returns if r.high_return]


def percent(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / whole).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _tallies(counter: Counter[str]) -> list[Tally]:
    return [Tally(k, n) for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def analyse(conn: Connection, start: datetime, end: datetime, now: datetime | None = None) -> CaseAnalysis:
    """The analysis of cases opened in [start, end), returns and sales in it, and the SLA at `now`."""
    start, end, moment = aware(start), aware(end), aware(now)
    if end <= start:
        raise ValidationFailed([Problem("end", "the period ends after it starts", end.isoformat())], "No analysis")
    threshold = Decimal(str(rec.setting(conn, "high_return_rate_percent")))
    min_sold = int(rec.setting(conn, "high_return_min_units_sold"))
    in_period = (Case.opened_at >= start, Case.opened_at < end)
    cases = conn.execute(
        select(
            Case.id,
            Case.channel,
            Case.case_class,
            Case.sub_reason,
            Case.opened_at,
            Case.closed_at,
            Case.status,
            Case.reopen_count,
            Case.satisfaction,
            Case.no_followup_reason,
        ).where(*in_period)
    ).all()
    by_class: Counter[str] = Counter({c.value: 0 for c in CaseClass})
    by_sub: Counter[tuple[str, str]] = Counter()
    by_channel: Counter[str] = Counter()
    by_month: Counter[str] = Counter()
    hours_to_resolve: list[Decimal] = []
    scores: Counter[int] = Counter()
    without_followup = 0
    for c in cases:
        by_class[c.case_class] += 1
        by_sub[(c.case_class, c.sub_reason)] += 1
        by_channel[c.channel] += 1
        by_month[f"{aware(c.opened_at).astimezone():%Y-%m}"] += 1
        if c.status == CaseStatus.CLOSED and c.closed_at is not None:
            seconds = (aware(c.closed_at) - aware(c.opened_at)).total_seconds()
            hours_to_resolve.append(Decimal(int(seconds)) / 3600)
            if c.satisfaction is not None:
                scores[c.satisfaction] += 1
            elif c.no_followup_reason:
                without_followup += 1
    reopened = sum(1 for c in cases if c.reopen_count > 0)
    scored = sum(scores.values())
    return CaseAnalysis(
        start=start,
        end=end,
        now=moment,
        cases=len(cases),
        by_class=[Tally(k, by_class[k]) for k in (c.value for c in CaseClass)],
        by_sub_reason=[
            SubReasonTally(cls, sub, n) for (cls, sub), n in sorted(by_sub.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        by_product=_by_product(conn, start, end),
        by_channel=_tallies(by_channel),
        by_month=sorted((Tally(k, n) for k, n in by_month.items()), key=lambda t: t.key),
        returns=_returns(conn, start, end, threshold, min_sold),
        sla=Sla(
            open=_count_open(conn),
            overdue=len(overdue := _overdue(conn, moment)),
            due_within_day=_due_soon(conn, moment),
            resolved=len(hours_to_resolve),
            average_hours_to_resolve=(sum(hours_to_resolve, Decimal(0)) / len(hours_to_resolve)).quantize(
                _TENTH, rounding=ROUND_HALF_UP
            )
            if hours_to_resolve
            else None,
            reopened=reopened,
            reopen_rate=percent(reopened, len(cases)),
            overdue_cases=overdue,
        ),
        satisfaction=Satisfaction(
            average=(Decimal(sum(k * n for k, n in scores.items())) / scored).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            if scored
            else None,
            scored=scored,
            without_followup=without_followup,
            scores={k: scores[k] for k in range(1, 6)},
        ),
        refunded=int(
            conn.execute(
                select(func.coalesce(func.sum(OrderRefund.amount), 0)).where(
                    OrderRefund.case_id.is_not(None), OrderRefund.refunded_at >= start, OrderRefund.refunded_at < end
                )
            ).scalar_one()
        ),
        high_return_percent=threshold,
        high_return_min_sold=min_sold,
    )


def _by_product(conn: Connection, start: datetime, end: datetime) -> list[ProductTally]:
    rows = conn.execute(
        select(
            SalesOrderLine.sku,
            SalesOrderLine.name,
            func.count(func.distinct(CaseLine.case_id)),
            func.sum(CaseLine.quantity),
        )
        .select_from(CaseLine)
        .join(Case, Case.id == CaseLine.case_id)
        .join(SalesOrderLine, SalesOrderLine.id == CaseLine.order_line_id)
        .where(Case.opened_at >= start, Case.opened_at < end)
        .group_by(SalesOrderLine.sku, SalesOrderLine.name)
    ).all()
    merged: dict[str, list] = {}
    for sku, name, cases, units in rows:  # one SKU sold under two names is one product
        entry = merged.setdefault(sku, [name, 0, 0])
        entry[1] += int(cases)
        entry[2] += int(units)
    return sorted(
        (ProductTally(sku, name, n, u) for sku, (name, n, u) in merged.items()), key=lambda p: (-p.cases, p.sku)
    )


def _returns(conn: Connection, start: datetime, end: datetime, threshold: Decimal, min_sold: int) -> list[SkuReturns]:
    counted_at = returned_at()  # the month-end workbook counts returns in the same month everywhere
    returned = dict(
        conn.execute(
            select(ReturnReceipt.product_id, func.sum(ReturnReceipt.quantity))
            .outerjoin(StockMove, StockMove.id == ReturnReceipt.move_id)
            .where(counted_at >= start, counted_at < end)
            .group_by(ReturnReceipt.product_id)
        ).all()
    )
    defective = dict(
        conn.execute(
            select(SalesOrderLine.product_id, func.sum(CaseLine.quantity))
            .select_from(CaseLine)
            .join(Case, Case.id == CaseLine.case_id)
            .join(SalesOrderLine, SalesOrderLine.id == CaseLine.order_line_id)
            .where(
                Case.case_class == CaseClass.QUALITY.value,
                Case.opened_at >= start,
                Case.opened_at < end,
                SalesOrderLine.product_id.is_not(None),
            )
            .group_by(SalesOrderLine.product_id)
        ).all()
    )
    ids: set[int] = {int(i) for i in (*returned, *defective) if i is not None}
    if not ids:
        return []
    sold: dict[int, int] = defaultdict(int)
    for product_id, units in conn.execute(
        select(SalesOrderLine.product_id, func.sum(SalesOrderLine.qty_shipped))
        .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
        .where(
            SalesOrderLine.product_id.in_(ids),
            SalesOrder.shipped_at >= start,
            SalesOrder.shipped_at < end,
            SalesOrder.channel != REPLACEMENT_CHANNEL,
        )
        .group_by(SalesOrderLine.product_id)
    ):
        if product_id is not None:  # the query asks for known products only; this tells the type checker
            sold[product_id] = int(units or 0)
    names = {
        r.id: (r.sku, r.name)
        for r in conn.execute(select(Product.id, Product.sku, Product.name).where(Product.id.in_(ids)))
    }
    result = []
    for product_id in ids:
        back, bad, out = int(returned.get(product_id) or 0), int(defective.get(product_id) or 0), sold[product_id]
        rate = percent(back, out)
        high = out >= min_sold and out > 0 and Decimal(back) * 100 >= threshold * out
        sku, name = names[product_id]
        result.append(SkuReturns(sku, name, out, back, bad, rate, percent(bad, out), high))
    return sorted(result, key=lambda r: (not r.high_return, -(r.return_rate or 0), -r.returned, r.sku))


def _count_open(conn: Connection) -> int:
    return int(
        conn.execute(select(func.count()).select_from(Case).where(Case.status != CaseStatus.CLOSED.value)).scalar_one()
    )


def _due_soon(conn: Connection, now: datetime) -> int:
    return int(
        conn.execute(
            select(func.count())
            .select_from(Case)
            .where(Case.status != CaseStatus.CLOSED.value, Case.due_at >= now, Case.due_at < now + DUE_SOON)
        ).scalar_one()
    )


def _overdue(conn: Connection, now: datetime) -> list[OverdueCase]:
    rows = conn.execute(
        select(Case.number, Case.priority, Case.owner, Case.status, Case.due_at)
        .where(Case.status != CaseStatus.CLOSED.value, Case.due_at < now)
        .order_by(Case.due_at, Case.id)
    ).all()
    return [
        OverdueCase(
            r.number,
            r.priority,
            r.owner,
            r.status,
            aware(r.due_at),
            (Decimal(int((now - aware(r.due_at)).total_seconds())) / 3600).quantize(_TENTH, rounding=ROUND_HALF_UP),
        )
        for r in rows
    ]
