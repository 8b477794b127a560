"""Customer analysis (客户关系管理): RFM scores and segments, high-value customers, the repurchase rate.

A purchase is an order that is neither a draft nor cancelled, and not a
replacement order of an after-sales case; a customer's figures count the
purchases that are paid or shipped (is_bought: an unpaid order waiting to be
confirmed or reviewed is not money spent). At a moment `at`: recency is the
whole days since the last purchase, frequency the number of purchases,
monetary what the customer spent (goods after discounts, less refunds).
Customers without such a purchase are the "never bought" segment (NEVER_BOUGHT),
as on the Customers tab. The
scores and segments follow reports.analytics.SegmentRules; the shop keeps its
own rules in the `customer_segments` setting.

The repurchase rate (复购率) of a period = buyers with two or more orders shipped
in it ÷ buyers with an order shipped in it — the month-end Summary's figure.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select

from shopdesk.db.models import Customer, CustomerAddress, CustomerPhone
from shopdesk.db.models.orders import OrderRefund, SalesOrder
from shopdesk.domain.orders import OrderStatus
from shopdesk.domain.privacy import mask_name, mask_phone
from shopdesk.reports.analytics import (
    SEGMENTS,
    SegmentRules,
    at_least_score,
    average,
    days_between,
    rate,
    recency_score,
    segment_of,
)
from shopdesk.services.aftersales_refunds import REPLACEMENT_CHANNEL
from shopdesk.services.report_sales import bucket_key

NOT_PURCHASES = (OrderStatus.DRAFT.value, OrderStatus.CANCELLED.value)


def segment_rules_from(saved: dict[str, Any] | None) -> SegmentRules:
    """The shop's `customer_segments` setting over the default rules (lists from JSON become tuples)."""
    names = {f.name for f in dataclasses.fields(SegmentRules)}
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in (saved or {}).items() if k in names}
    return SegmentRules(**values)


def is_purchase():  # type: ignore[no-untyped-def]
    """The SQL condition of an order that counts as a purchase."""
    return SalesOrder.status.not_in(NOT_PURCHASES) & (SalesOrder.channel != REPLACEMENT_CHANNEL)


PAID = ("paid", "partially_refunded", "refunded")  # payment statuses of money received (refunds are taken off)


def is_bought():  # type: ignore[no-untyped-def]
    """The SQL condition of an order that counts for a customer's figures (orders, spent, first and last
    purchase, hence the segment): a purchase that is paid or shipped (cash on delivery counts once it ships).
    A confirmed or on-hold order nobody has paid yet is not money spent."""
    return is_purchase() & (SalesOrder.shipped_at.is_not(None) | SalesOrder.payment_status.in_(PAID))


@dataclass(frozen=True)
class RfmRow:
    customer_id: int
    name: str  # masked unless asked otherwise
    phone: str  # masked
    region: str
    channel: str
    tags: tuple[str, ...]
    first_order: datetime
    last_order: datetime
    orders: int
    spent: int
    recency_days: int
    r: int
    f: int
    m: int
    segment: str
    high_value: bool

    @property
    def average_order_value(self) -> int | None:
        return average(self.spent, self.orders)


@dataclass(frozen=True)
class SegmentSummary:
    segment: str
    customers: int
    share: Decimal | None
    orders: int
    spent: int
    high_value: int

    @property
    def average_order_value(self) -> int | None:
        return average(self.spent, self.orders)


def purchase_stats(conn: Connection, at: datetime, customer_ids: list[int] | None = None) -> dict[int, tuple]:  # type: ignore[type-arg]
    """customer -> (orders, first, last, spent) of purchases placed before `at`."""
    query = (
        select(
            SalesOrder.customer_id,
            func.count(),
            func.min(SalesOrder.placed_at),
            func.max(SalesOrder.placed_at),
            func.sum(SalesOrder.goods_total),
        )
        .where(SalesOrder.customer_id.is_not(None), SalesOrder.placed_at < at, is_bought())
        .group_by(SalesOrder.customer_id)
    )
    refunds = (
        select(SalesOrder.customer_id, func.sum(OrderRefund.amount))
        .join(SalesOrder, SalesOrder.id == OrderRefund.order_id)
        .where(
            SalesOrder.customer_id.is_not(None), OrderRefund.refunded_at < at, SalesOrder.placed_at < at, is_bought()
        )
        .group_by(SalesOrder.customer_id)
    )
    if customer_ids is not None:
        query = query.where(SalesOrder.customer_id.in_(customer_ids))
        refunds = refunds.where(SalesOrder.customer_id.in_(customer_ids))
    refunded = {cid: int(amount or 0) for cid, amount in conn.execute(refunds) if cid is not None}
    return {
        cid: (int(n), first, last, int(goods or 0) - refunded.get(cid, 0))
        for cid, n, first, last, goods in conn.execute(query)
        if cid is not None
    }


def contact_details(conn: Connection, ids: list[int]) -> dict[int, tuple[str, str]]:
    """customer -> (first phone, region: province and city of the default address)."""
    phones: dict[int, str] = {}
    regions: dict[int, str] = {}
    for chunk in (ids[i : i + 900] for i in range(0, len(ids), 900)):
        for cid, phone in conn.execute(
            select(CustomerPhone.customer_id, CustomerPhone.phone)
            .where(CustomerPhone.customer_id.in_(chunk))
            .order_by(CustomerPhone.id)
        ):
            phones.setdefault(cid, phone)
        for cid, province, city in conn.execute(
            select(CustomerAddress.customer_id, CustomerAddress.province, CustomerAddress.city)
            .where(CustomerAddress.customer_id.in_(chunk))
            .order_by(CustomerAddress.is_default.desc(), CustomerAddress.id)
        ):
            regions.setdefault(cid, " ".join(p for p in dict.fromkeys((province, city)) if p))  # 上海市 once
    return {cid: (phones.get(cid, ""), regions.get(cid, "")) for cid in ids}


def rfm_rows(conn: Connection, at: datetime, rules: SegmentRules, exponent: int, *, mask: bool = True) -> list[RfmRow]:
    """Every customer with a purchase before `at`, scored and segmented; best customers first."""
    rules.check()
    stats = purchase_stats(conn, at)
    ids = sorted(stats)
    people: dict[int, tuple[str, str, tuple[str, ...]]] = {}
    for chunk in (ids[i : i + 900] for i in range(0, len(ids), 900)):
        for cid, name, channel, tag_list in conn.execute(
            select(Customer.id, Customer.name, Customer.channel, Customer.tags).where(
                Customer.id.in_(chunk), Customer.erased_at.is_(None)
            )
        ):
            people[cid] = (name, channel, tuple(tag_list or ()))
    contacts = contact_details(conn, list(people))
    scale = 10**exponent
    rows = []
    for cid, (orders, first, last, spent) in stats.items():
        if cid not in people:
            continue
        name, channel, tags = people[cid]
        phone, region = contacts[cid]
        recency = days_between(last, at)
        rows.append(
            RfmRow(
                cid,
                mask_name(name) if mask else name,
                mask_phone(phone) if phone else "",
                region,
                channel,
                tags,
                first,
                last,
                orders,
                spent,
                recency,
                recency_score(recency, rules.recency_days),
                at_least_score(orders, rules.frequency_orders),
                at_least_score(spent, [a * scale for a in rules.monetary_amounts]),
                segment_of(days_between(first, at), recency, rules),
                spent >= rules.high_value_spent * scale,
            )
        )
    return sorted(rows, key=lambda r: (-(r.r + r.f + r.m), -r.spent, r.customer_id))


NEVER_BOUGHT = "none"  # the Customers tab's segment filter for customers without a purchase


def never_bought(conn: Connection, at: datetime) -> int:
    """How many customers (not erased) have no purchase before `at` that counts (is_bought)."""
    bought = select(SalesOrder.customer_id).where(
        SalesOrder.customer_id.is_not(None), SalesOrder.placed_at < at, is_bought()
    )
    return int(
        conn.execute(
            select(func.count()).select_from(Customer).where(Customer.erased_at.is_(None), Customer.id.not_in(bought))
        ).scalar_one()
    )


def segment_summary(rows: list[RfmRow], never: int = 0) -> list[SegmentSummary]:
    """One row per segment, then the customers who never bought; shares are of every customer."""
    by_segment: dict[str, list[RfmRow]] = defaultdict(list)
    for row in rows:
        by_segment[row.segment].append(row)
    total = len(rows) + never
    tail = [SegmentSummary(NEVER_BOUGHT, never, rate(never, total), 0, 0, 0)]
    return [
        SegmentSummary(
            segment,
            len(members := by_segment.get(segment, [])),
            rate(len(members), total),
            sum(r.orders for r in members),
            sum(r.spent for r in members),
            sum(1 for r in members if r.high_value),
        )
        for segment in SEGMENTS
    ] + tail


@dataclass(frozen=True)
class RepurchaseRow:
    period: str  # a month (2026-10), or the whole period
    buyers: int
    repeat_buyers: int
    returning_buyers: int  # bought (had an order shipped) before this period too

    @property
    def repurchase_rate(self) -> Decimal | None:
        return rate(self.repeat_buyers, self.buyers)

    @property
    def returning_rate(self) -> Decimal | None:
        return rate(self.returning_buyers, self.buyers)


def repurchase(conn: Connection, start: datetime, end: datetime, label: str) -> list[RepurchaseRow]:
    """Per calendar month of the period, then the whole period: buyers, repeat buyers, returning buyers."""
    shipped = (
        SalesOrder.customer_id.is_not(None),
        SalesOrder.shipped_at.is_not(None),
        SalesOrder.channel != REPLACEMENT_CHANNEL,
    )
    first_shipped: dict[int, datetime] = {
        cid: first
        for cid, first in conn.execute(
            select(SalesOrder.customer_id, func.min(SalesOrder.shipped_at))
            .where(*shipped)
            .group_by(SalesOrder.customer_id)
        )
        if cid is not None and first is not None
    }
    months: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    month_start: dict[str, datetime] = {}
    whole: dict[int, int] = defaultdict(int)
    for cid, shipped_at in conn.execute(
        select(SalesOrder.customer_id, SalesOrder.shipped_at).where(
            *shipped, SalesOrder.shipped_at >= start, SalesOrder.shipped_at < end
        )
    ):
        if cid is None or shipped_at is None:  # the query asks for both
            continue
        key = bucket_key(shipped_at.astimezone().date(), "month")
        months[key][cid] += 1
        whole[cid] += 1
        local = shipped_at.astimezone()
        month_start.setdefault(key, max(start, local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)))

    def row(name: str, counts: dict[int, int], since: datetime) -> RepurchaseRow:
        returning = sum(1 for cid in counts if cid in first_shipped and first_shipped[cid] < since)
        return RepurchaseRow(name, len(counts), sum(1 for n in counts.values() if n >= 2), returning)

    rows = [row(key, counts, month_start[key]) for key, counts in sorted(months.items())]
    rows.append(row(label, whole, start))
    return rows
