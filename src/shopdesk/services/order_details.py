"""Reading one order: its lines, address, payment, reservation, refunds and timeline; and pick lines.

The detail of one order shows the buyer's name, phone and street in full (lists mask
them) to a role with VIEW_PERSONAL_DATA, masked to others; cost of goods only to a
role with VIEW_COSTS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from shopdesk.db.models import AuditEvent, Barcode, Customer, Location, OrderRefund, Product, StockReservation
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.errors import NotFound, Problem, ValidationFailed
from shopdesk.domain.order_draft import ShipTo
from shopdesk.domain.orders import HOLDS_RESERVATION, OrderStatus
from shopdesk.domain.permissions import Permission
from shopdesk.domain.privacy import mask_name, mask_phone, mask_street
from shopdesk.services.order_records import SOURCE_TYPE, OrderRef, normalize_ref

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop


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
    cost_of_goods: int | None  # None for a role without VIEW_COSTS


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
    def cost_of_goods(self) -> int | None:
        costs = [line.cost_of_goods for line in self.lines]
        return None if None in costs else sum(c for c in costs if c is not None)


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


class OrderDetails:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    @property
    def user(self) -> str:
        return self.shop.user

    # One order -------------------------------------------------------------------------
    def _order_id(self, conn, ref: OrderRef) -> int:  # type: ignore[no-untyped-def]
        ref = normalize_ref(ref)
        column = SalesOrder.id if isinstance(ref, int) else SalesOrder.number
        found = conn.execute(select(SalesOrder.id).where(column == ref)).scalar()
        if found is None:
            raise NotFound(f"No order {ref}" if isinstance(ref, str) else f"No order with id {ref}")
        return found

    def get_order(self, ref: OrderRef) -> OrderDetail:
        """One order with its lines, address, payment, reservation, refunds and timeline.

        The buyer's name, phone and street are masked for a role without VIEW_PERSONAL_DATA,
        and the lines carry no cost of goods for a role without VIEW_COSTS.
        """
        detail = self._order(ref)
        if not self.shop.can(Permission.VIEW_PERSONAL_DATA):
            to = detail.ship_to
            masked = replace(
                to,
                name=mask_name(to.name),
                phone=mask_phone(to.phone) if to.phone else "",
                street=mask_street(to.street),
            )
            detail = replace(detail, ship_to=masked, customer_name=mask_name(detail.customer_name))
        if not self.shop.can(Permission.VIEW_COSTS):
            detail = replace(detail, lines=[replace(line, cost_of_goods=None) for line in detail.lines])
        return detail

    def _order(self, ref: OrderRef) -> OrderDetail:
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
                if OrderStatus(r.status) not in HOLDS_RESERVATION
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
