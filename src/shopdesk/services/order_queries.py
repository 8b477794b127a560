"""Reading orders: the list by status bucket with counts, search, one order's detail and timeline, pick lines.

Same shape as the product list (services/catalogue.py): a frozen filter,
`count_orders(filter)`, `list_orders(filter, offset, limit)` returning frozen
rows, everything filtered and sorted in SQL. Lists show buyers and phones
masked (张**, 138****5678); the detail of one order shows them in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, select

from shopdesk.db.models import AuditEvent, Barcode, Customer, Location, OrderRefund, Product, StockReservation
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.errors import NotFound, Problem, ValidationFailed
from shopdesk.domain.order_draft import ShipTo
from shopdesk.domain.orders import HOLDS_RESERVATION, OrderStatus
from shopdesk.domain.privacy import mask_name, mask_phone
from shopdesk.domain.search import normalize_query
from shopdesk.services.order_records import SOURCE_TYPE, OrderRef, normalize_ref

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

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
class OrderLineView:
    line_no: int
    product_id: int | None
    sku: str
    name: str
    quantity: int
    unit_price: int
    discount: int
    net: int
    qty_packed: int
    qty_shipped: int
    qty_returned: int
    cost_of_goods: int


@dataclass(frozen=True)
class Reserved:
    sku: str
    location: str
    quantity: int


@dataclass(frozen=True)
class RefundView:
    amount: int
    method: str
    refunded_at: datetime
    reason: str
    user: str


@dataclass(frozen=True)
class TimelineEntry:
    """One event of the order's history: a state change (from → to) or another action, who, when, why."""

    at: datetime
    user: str
    action: str
    from_status: str | None
    to_status: str | None
    reason: str
    changes: dict[str, list[Any]]


@dataclass(frozen=True)
class OrderDetail:
    id: int
    number: str
    version: int
    status: str
    channel: str
    channel_order_no: str
    customer_id: int | None
    customer_name: str
    placed_at: datetime
    currency: str
    goods_total: int
    discount_total: int
    shipping_fee: int
    platform_fee: int
    total: int
    payment_status: str
    paid_amount: int
    payment_method: str
    buyer_remark: str
    internal_note: str
    ship_to: ShipTo
    hold_reasons: list[dict[str, str]]
    warehouse: str
    carrier: str
    carrier_service: str
    tracking_no: str
    weight_g: int | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    split_from: str
    merged_into: str
    split_into: list[str]
    lines: list[OrderLineView]
    reserved: list[Reserved]
    refunds: list[RefundView]
    timeline: list[TimelineEntry]

    @property
    def items(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def cost_of_goods(self) -> int:
        return sum(line.cost_of_goods for line in self.lines)


@dataclass(frozen=True)
class PickLine:
    """One bin stop of a pick list: what to take from where, for which order."""

    order_number: str
    warehouse: str
    location: str
    pick_order: int
    sku: str
    name: str
    barcode: str
    quantity: int


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


class OrderQueries:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    @property
    def user(self) -> str:
        return self.shop.user

    # The list ------------------------------------------------------------------------
    def _filtered(self, query: Select, flt: OrderFilter, *, with_status: bool = True) -> Select:
        statuses = _statuses(flt)
        if with_status and statuses is not None:
            query = query.where(SalesOrder.status.in_(statuses))
        if flt.text.strip():
            needle = normalize_query(flt.text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(SalesOrder.search_text.like(f"%{needle}%", escape="\\"))
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
        query = self._filtered(
            select(SalesOrder.status, func.count()).select_from(SalesOrder), flt, with_status=False
        ).group_by(SalesOrder.status)
        with self.db.read() as conn:
            per_status = dict(conn.execute(query).all())
        counts = {name: sum(per_status.get(s.value, 0) for s in statuses) for name, statuses in BUCKETS.items()}
        counts["all"] = sum(per_status.values())
        return counts

    def list_orders(self, flt: OrderFilter = OrderFilter(), offset: int = 0, limit: int = 200) -> list[OrderRow]:
        """One page of the order list, filtered and sorted in SQL."""
        sort_col = SORT_COLUMNS.get(flt.sort, SalesOrder.placed_at)
        order_by = (sort_col.desc(), SalesOrder.id.desc()) if flt.descending else (sort_col.asc(), SalesOrder.id)
        query = self._filtered(
            select(
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
            ),
            flt,
        )
        with self.db.read() as conn:
            rows = conn.execute(query.order_by(*order_by).offset(offset).limit(limit)).all()
            items: dict[int, int] = {}
            if rows:
                items = dict(
                    conn.execute(
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

    def channels(self) -> list[str]:
        """The channels orders came from (for the channel filter)."""
        with self.db.read() as conn:
            return list(conn.execute(select(SalesOrder.channel).distinct().order_by(SalesOrder.channel)).scalars())

    # One order -------------------------------------------------------------------------
    def _order_id(self, conn, ref: OrderRef) -> int:  # type: ignore[no-untyped-def]
        ref = normalize_ref(ref)
        column = SalesOrder.id if isinstance(ref, int) else SalesOrder.number
        found = conn.execute(select(SalesOrder.id).where(column == ref)).scalar()
        if found is None:
            raise NotFound(f"No order {ref}" if isinstance(ref, str) else f"No order with id {ref}")
        return found

    def get_order(self, ref: OrderRef) -> OrderDetail:
        """One order with its lines, address, payment, reservation, refunds and timeline (nothing masked)."""
        with self.db.read() as conn:
            order_id = self._order_id(conn, ref)
            o = conn.execute(select(SalesOrder.__table__).where(SalesOrder.id == order_id)).one()
            lines = [
                OrderLineView(
                    r.line_no,
                    r.product_id,
                    r.sku,
                    r.name,
                    r.quantity,
                    r.unit_price,
                    r.discount,
                    r.net,
                    r.qty_packed,
                    r.qty_shipped,
                    r.qty_returned,
                    r.cost_of_goods,
                )
                for r in conn.execute(
                    select(SalesOrderLine.__table__)
                    .where(SalesOrderLine.order_id == order_id)
                    .order_by(SalesOrderLine.line_no)
                )
            ]
            skus = {line.product_id: line.sku for line in lines}
            reserved = [
                Reserved(skus.get(pid, str(pid)), path, qty)
                for pid, path, qty in conn.execute(
                    select(StockReservation.product_id, Location.path, StockReservation.quantity)
                    .join(Location, Location.id == StockReservation.location_id)
                    .where(StockReservation.source_type == SOURCE_TYPE, StockReservation.source_id == order_id)
                    .order_by(Location.pick_order, Location.path)
                )
            ]
            refunds = [
                RefundView(r.amount, r.method, r.refunded_at, r.reason, r.user)
                for r in conn.execute(
                    select(OrderRefund).where(OrderRefund.order_id == order_id).order_by(OrderRefund.refunded_at)
                )
            ]

            def number_of(order_id: int | None) -> str:
                if order_id is None:
                    return ""
                return conn.execute(select(SalesOrder.number).where(SalesOrder.id == order_id)).scalar() or ""

            split_into = list(
                conn.execute(
                    select(SalesOrder.number).where(SalesOrder.split_from_id == order_id).order_by(SalesOrder.id)
                ).scalars()
            )
            customer = ""
            if o.customer_id is not None:
                customer = conn.execute(select(Customer.name).where(Customer.id == o.customer_id)).scalar() or ""
            warehouse = ""
            if o.warehouse_id is not None:
                warehouse = conn.execute(select(Location.path).where(Location.id == o.warehouse_id)).scalar() or ""
            timeline = self._timeline(conn, order_id)
            split_from, merged_into = number_of(o.split_from_id), number_of(o.merged_into_id)
        return OrderDetail(
            o.id,
            o.number,
            o.version,
            o.status,
            o.channel,
            o.channel_order_no or "",
            o.customer_id,
            customer,
            o.placed_at,
            o.currency,
            o.goods_total,
            o.discount_total,
            o.shipping_fee,
            o.platform_fee,
            o.total,
            o.payment_status,
            o.paid_amount,
            o.payment_method,
            o.buyer_remark,
            o.internal_note,
            ShipTo(
                o.ship_name,
                o.ship_phone,
                o.ship_country,
                o.ship_province,
                o.ship_city,
                o.ship_district,
                o.ship_street,
                o.ship_postcode,
            ),
            list(o.hold_reasons or []),
            warehouse,
            o.carrier,
            o.carrier_service,
            o.tracking_no or "",
            o.weight_g,
            o.shipped_at,
            o.delivered_at,
            o.completed_at,
            o.cancelled_at,
            split_from,
            merged_into,
            split_into,
            lines,
            reserved,
            refunds,
            timeline,
        )

    def timeline(self, ref: OrderRef) -> list[TimelineEntry]:
        """The order's history, oldest first."""
        with self.db.read() as conn:
            return self._timeline(conn, self._order_id(conn, ref))

    def _timeline(self, conn, order_id: int) -> list[TimelineEntry]:  # type: ignore[no-untyped-def]
        entries = []
        for e in conn.execute(
            select(AuditEvent)
            .where(AuditEvent.entity == "order", AuditEvent.entity_id == order_id)
            .order_by(AuditEvent.at, AuditEvent.id)
        ):
            changes = dict(e.changes or {})
            status = changes.get("status")
            entries.append(
                TimelineEntry(
                    e.at,
                    e.user,
                    e.action,
                    status[0] if status else None,
                    status[1] if status else None,
                    e.reason,
                    changes,
                )
            )
        return entries

    # Pick lists ------------------------------------------------------------------------
    def pick_lines(self, refs: Sequence[OrderRef]) -> list[PickLine]:
        """What to pick for these orders, from which bin, in warehouse and walking order (for the pick list PDF).

        Refused for an order that holds no stock (not allocated, or already packed and gone).
        """
        with self.db.read() as conn:
            ids = [self._order_id(conn, r) for r in refs]
            rows = conn.execute(
                select(SalesOrder.id, SalesOrder.number, SalesOrder.status).where(SalesOrder.id.in_(ids))
            ).all()
            problems = [
                Problem(r.number, f"is {r.status}: only allocated orders have stock to pick")
                for r in rows
                if S(r.status) not in HOLDS_RESERVATION
            ]
            if problems:
                raise ValidationFailed(problems, "No pick list made")
            numbers = {r.id: r.number for r in rows}
            warehouse = Location.__table__.alias("warehouse")
            names = {
                (r.order_id, r.product_id): r.name
                for r in conn.execute(
                    select(SalesOrderLine.order_id, SalesOrderLine.product_id, SalesOrderLine.name).where(
                        SalesOrderLine.order_id.in_(ids)
                    )
                )
            }
            barcode = (
                select(Barcode.code)
                .where(Barcode.product_id == StockReservation.product_id)
                .order_by(Barcode.id)
                .limit(1)
                .scalar_subquery()
            )
            query = (
                select(
                    StockReservation.source_id,
                    StockReservation.product_id,
                    func.coalesce(warehouse.c.path, Location.path).label("warehouse"),
                    Location.path,
                    Location.pick_order,
                    Product.sku,
                    func.coalesce(barcode, "").label("barcode"),
                    StockReservation.quantity,
                )
                .join(Location, Location.id == StockReservation.location_id)
                .outerjoin(warehouse, warehouse.c.id == Location.warehouse_id)
                .join(Product, Product.id == StockReservation.product_id)
                .where(StockReservation.source_type == SOURCE_TYPE, StockReservation.source_id.in_(ids))
                .order_by("warehouse", Location.pick_order, Location.path, Product.sku, StockReservation.source_id)
            )
            return [
                PickLine(
                    numbers[r.source_id],
                    r.warehouse,
                    r.path,
                    r.pick_order,
                    r.sku,
                    names.get((r.source_id, r.product_id), ""),
                    r.barcode,
                    r.quantity,
                )
                for r in conn.execute(query)
            ]
