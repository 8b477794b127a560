"""Reading orders: the list by status bucket with counts, and the search (details in order_details.py).

Same shape as the product list (services/catalogue.py): a frozen filter,
`count_orders(filter)`, `list_orders(filter, offset, limit)` returning frozen
rows, everything filtered and sorted in SQL; `first_page` gives what one keystroke
in the search field needs in about one pass. Lists show buyers and phones masked
(张**, 138****5678).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, func, select

from shopdesk.db import search_index
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.orders import OrderStatus
from shopdesk.domain.privacy import mask_name, mask_phone
from shopdesk.domain.search import normalize_query
from shopdesk.services.order_details import OrderDetail, OrderDetails

__all__ = ["BUCKETS", "BUCKET_LABELS", "OrderDetail", "OrderFilter", "OrderPage", "OrderQueries", "OrderRow"]

S = OrderStatus
# The Orders tab's buckets, in the order the tab shows them.
BUCKETS: dict[str, tuple[OrderStatus, ...]] = {
    "draft": (S.DRAFT,),
    "on_hold": (S.ON_HOLD,),  # 待审核
    "waiting": (S.CONFIRMED,),  # 待配货: confirmed, waiting for stock
    "to_ship": (S.ALLOCATED, S.PICKED, S.PACKED),  # 待发货
    "shipped": (S.SHIPPED, S.DELIVERED),  # 已发货
    "completed": (S.COMPLETED,),
    "cancelled": (S.CANCELLED,),
}
BUCKET_LABELS = {
    "draft": ("Drafts", "草稿"),
    "on_hold": ("On hold", "待审核"),
    "waiting": ("Waiting for stock", "待配货"),
    "to_ship": ("To ship", "待发货"),
    "shipped": ("Shipped", "已发货"),
    "completed": ("Completed", "已完成"),
    "cancelled": ("Cancelled", "已取消"),
}
FEW_MATCHES = 2000
SORT_COLUMNS = {
    "placed_at": SalesOrder.placed_at,
    "number": SalesOrder.number,
    "total": SalesOrder.total,
    "status": SalesOrder.status,
    "channel": SalesOrder.channel,
}


@dataclass(frozen=True)
class OrderFilter:
    """What the order list shows: a bucket or a status, a search text, a channel, a time span; newest first."""

    text: str = ""  # order number, channel number, buyer, phone or SKU
    bucket: str | None = None  # a key of BUCKETS
    status: str | None = None
    channel: str | None = None
    placed_from: datetime | None = None  # inclusive
    placed_until: datetime | None = None  # exclusive
    sort: str = "placed_at"
    descending: bool = True


@dataclass(frozen=True)
class OrderRow:
    """One line of the order list (buyer and phone masked)."""

    id: int
    number: str
    channel: str
    channel_order_no: str
    status: str
    placed_at: datetime
    buyer: str
    phone: str
    city: str
    items: int
    total: int
    currency: str
    payment_status: str
    carrier: str
    tracking_no: str
    hold_reasons: str


@dataclass(frozen=True)
class OrderPage:
    """After a keystroke: orders per bucket, how many the filter shows, and its first page."""

    counts: dict[str, int]
    total: int
    rows: list[OrderRow]
    filter: OrderFilter = OrderFilter()
    matches: tuple[int, ...] | None = None  # every order the search matched (any state) in list order, when few
    exact: bool = True  # False: counts and total are only what a first pass saw, to be completed by counts()


def _statuses(flt: OrderFilter) -> list[str] | None:
    problems = []
    statuses: set[str] | None = None
    if flt.bucket:
        if flt.bucket not in BUCKETS:
            problems.append(Problem("bucket", f"must be one of {', '.join(BUCKETS)}", flt.bucket))
        else:
            statuses = {s.value for s in BUCKETS[flt.bucket]}
    if flt.status:
        if flt.status not in {s.value for s in S}:
            problems.append(Problem("status", f"must be one of {', '.join(s.value for s in S)}", flt.status))
        else:
            statuses = {flt.status} if statuses is None else statuses & {flt.status}
    if problems:
        raise ValidationFailed(problems, "The order list cannot show this filter")
    return None if statuses is None else sorted(statuses)


def _narrows(before: OrderFilter, after: OrderFilter) -> bool:
    """Every order `after` shows was matched by `before`'s search (same channel and dates, longer text)."""
    old, new = normalize_query(before.text), normalize_query(after.text)
    return (
        bool(old)
        and old in new
        and (before.channel, before.placed_from, before.placed_until)
        == (after.channel, after.placed_from, after.placed_until)
    )


def _bucket_counts(per_status: dict[str, int]) -> dict[str, int]:
    counts = {name: sum(per_status.get(s.value, 0) for s in statuses) for name, statuses in BUCKETS.items()}
    counts["all"] = sum(per_status.values())
    return counts


def _list_query() -> Select:
    return select(
        SalesOrder.id,
        SalesOrder.number,
        SalesOrder.channel,
        SalesOrder.channel_order_no,
        SalesOrder.status,
        SalesOrder.placed_at,
        SalesOrder.ship_name,
        SalesOrder.ship_phone,
        SalesOrder.ship_city,
        SalesOrder.total,
        SalesOrder.currency,
        SalesOrder.payment_status,
        SalesOrder.carrier,
        SalesOrder.tracking_no,
        SalesOrder.hold_reasons,
    )


def _ordering(flt: OrderFilter) -> tuple[Any, Any]:
    sort_col = SORT_COLUMNS.get(flt.sort, SalesOrder.placed_at)
    return (sort_col.desc(), SalesOrder.id.desc()) if flt.descending else (sort_col.asc(), SalesOrder.id.asc())


def _rows_by_id(conn: Connection, ids: Sequence[int]) -> list[OrderRow]:
    if not ids:
        return []
    found = {r.id: r for r in conn.execute(_list_query().where(SalesOrder.id.in_(list(ids))))}
    return _with_items(conn, [found[i] for i in ids if i in found])


def _with_items(conn: Connection, rows: Sequence[Row[Any]]) -> list[OrderRow]:
    """OrderRows with the number of items of each order (one query for the page), buyer and phone masked."""
    items: dict[int, int] = {}
    if rows:
        items = dict(
            conn.execute(  # type: ignore[arg-type]
                select(SalesOrderLine.order_id, func.sum(SalesOrderLine.quantity))
                .where(SalesOrderLine.order_id.in_([r.id for r in rows]))
                .group_by(SalesOrderLine.order_id)
            ).all()
        )
    return [
        OrderRow(
            r.id,
            r.number,
            r.channel,
            r.channel_order_no or "",
            r.status,
            r.placed_at,
            mask_name(r.ship_name),
            mask_phone(r.ship_phone) if r.ship_phone else "",
            r.ship_city,
            int(items.get(r.id, 0)),
            r.total,
            r.currency,
            r.payment_status,
            r.carrier,
            r.tracking_no or "",
            "; ".join(h.get("message", "") for h in r.hold_reasons or []),
        )
        for r in rows
    ]


class OrderQueries(OrderDetails):
    """The order list; one order's detail, timeline and pick lines come from OrderDetails."""

    # The list ------------------------------------------------------------------------
    def _filtered(self, query: Select, flt: OrderFilter, *, with_status: bool = True) -> Select:
        statuses = _statuses(flt)
        if with_status and statuses is not None:
            query = query.where(SalesOrder.status.in_(statuses))
        if flt.text.strip():
            query = query.where(
                search_index.contains(self.db.engine, SalesOrder.search_text, normalize_query(flt.text))
            )
        if flt.channel:
            query = query.where(SalesOrder.channel == flt.channel.strip().casefold())
        if flt.placed_from is not None:
            query = query.where(SalesOrder.placed_at >= flt.placed_from)
        if flt.placed_until is not None:
            query = query.where(SalesOrder.placed_at < flt.placed_until)
        return query

    def count_orders(self, flt: OrderFilter = OrderFilter()) -> int:
        """How many orders the filter shows."""
        with self.db.read() as conn:
            return int(conn.execute(self._filtered(select(func.count()).select_from(SalesOrder), flt)).scalar_one())

    def bucket_counts(self, flt: OrderFilter = OrderFilter()) -> dict[str, int]:
        """Orders per bucket (and "all") under the filter's search, channel and dates, in one query."""
        return self.counts(flt)[0]

    def list_orders(self, flt: OrderFilter = OrderFilter(), offset: int = 0, limit: int = 200) -> list[OrderRow]:
        """One page of the order list, filtered and sorted in SQL."""
        query = self._filtered(_list_query(), flt).order_by(*_ordering(flt)).offset(offset).limit(limit)
        with self.db.read() as conn:
            return _with_items(conn, conn.execute(query).all())

    def orders_by_id(self, ids: Sequence[int]) -> list[OrderRow]:
        """List rows of the given orders, in the order given; ids no longer there are left out."""
        with self.db.read() as conn:
            return _rows_by_id(conn, ids)

    def counts(self, flt: OrderFilter = OrderFilter()) -> tuple[dict[str, int], int]:
        """The bucket counts under the filter's search, channel and dates, and how many orders the filter
        shows, from one grouped query (GROUP BY status)."""
        with self.db.read() as conn:
            return self._counts(conn, flt)

    def _counts(self, conn: Connection, flt: OrderFilter) -> tuple[dict[str, int], int]:
        statuses = _statuses(flt)
        grouped = self._filtered(
            select(SalesOrder.status, func.count()).select_from(SalesOrder), flt, with_status=False
        ).group_by(SalesOrder.status)
        per_status: dict[str, int] = dict(conn.execute(grouped).all())  # type: ignore[arg-type]
        return _bucket_counts(per_status), sum(n for s, n in per_status.items() if statuses is None or s in statuses)

    def first_page(
        self,
        flt: OrderFilter = OrderFilter(),
        limit: int = 100,
        few: int = FEW_MATCHES,
        previous: OrderPage | None = None,
        *,
        count: bool = True,
    ) -> OrderPage:
        """What the Orders tab shows after a keystroke: the bucket counts, the filter's count and its first page.

        A search that the trigram index cannot answer (under three characters, or a text
        in many orders) costs a pass over the narrow list index (ix_sales_order_list).
        Here the first `few` + 1 matches are read in list order (all of them, in one pass,
        when the index answers: it finds few): when that is all of them, the counts and
        the page come from that one pass, and the page remembers the matches; otherwise
        the search matches so many orders that the first page is found at once and only
        the counting reads further: one grouped query for the counts and the total, or,
        with `count=False`, none: the page is not `exact`, its counts and total only what
        the first pass saw (at least the first page), for `counts()` to complete once
        typing pauses. Give the page of the previous keystroke as `previous`: when the new
        text only adds to it, just its matches are searched.
        """
        statuses = _statuses(flt)
        if flt.text.strip():
            needle = normalize_query(flt.text)
            if search_index.by_index(self.db.engine, SalesOrder.search_text, needle):
                few = max(few, search_index.BROADEST["sales_order"])  # the index finds at most that many
        with self.db.read() as conn:
            if flt.text.strip():
                probe = self._filtered(select(SalesOrder.id, SalesOrder.status), flt, with_status=False)
                if previous is not None and previous.matches is not None and _narrows(previous.filter, flt):
                    probe = probe.where(SalesOrder.id.in_(previous.matches))
                found = conn.execute(probe.order_by(*_ordering(flt)).limit(few + 1)).all()
                per_status: dict[str, int] = {}
                for _, status in found:
                    per_status[status] = per_status.get(status, 0) + 1
                shown = [i for i, status in found if statuses is None or status in statuses]
                if len(found) <= few:
                    rows = _rows_by_id(conn, shown[:limit])
                    return OrderPage(_bucket_counts(per_status), len(shown), rows, flt, tuple(i for i, _ in found))
                if not count:
                    if len(shown) >= limit:
                        rows = _rows_by_id(conn, shown[:limit])
                    else:  # a bucket the first matches hardly reach: its own first page
                        query = self._filtered(_list_query(), flt).order_by(*_ordering(flt)).limit(limit)
                        rows = _with_items(conn, conn.execute(query).all())
                    return OrderPage(_bucket_counts(per_status), max(len(shown), len(rows)), rows, flt, exact=False)
            query = self._filtered(_list_query(), flt).order_by(*_ordering(flt)).limit(limit)
            rows = _with_items(conn, conn.execute(query).all())
            counts, total = self._counts(conn, flt)
        return OrderPage(counts, total, rows, flt)

    def channels(self) -> list[str]:
        """The channels orders came from (for the channel filter)."""
        with self.db.read() as conn:
            return list(conn.execute(select(SalesOrder.channel).distinct().order_by(SalesOrder.channel)).scalars())
