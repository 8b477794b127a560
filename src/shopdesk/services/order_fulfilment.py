"""Fulfilment (发货): pick, pack by scanning, the waybill, ship with a tracking number, delivered, completed.

Each method is one unit of work on one order, locked while it changes (see
order_records.load_order); `bulk` runs one of them over many orders and reports
each result. Shipping turns the order's reservation into shipment moves in the
stock ledger, with their cost of goods, in the same transaction as the state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopdesk.db.models.orders import SalesOrder
from shopdesk.domain.errors import Conflict, NotFound, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.order_draft import NO_SHIPPING_CHANNELS
from shopdesk.domain.orders import HOLDS_RESERVATION, OrderStatus, check_transition
from shopdesk.domain.permissions import Permission
from shopdesk.services import audit, order_stock
from shopdesk.services import order_records as rec
from shopdesk.services.access import guarded
from shopdesk.services.stock_ledger import product_info
from shopdesk.services.sync_outbox import queue_shipment

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

S = OrderStatus
_TRACKING = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_.]*$")


def normalise_tracking(text: str) -> str:
    """A tracking number as the carrier prints it: no spaces around it, in capitals (yt115… is YT115…).

    Every number is stored this way, so the unique column and the duplicate check
    compare like with like, whoever typed or scanned it.
    """
    return text.strip().upper()


class WrongItem(ShopDeskError):
    """A scanned item that does not belong in the parcel (not in the order, or one too many)."""


@dataclass(frozen=True)
class FlowResult:
    """What a state change did to one order (bulk actions return one per order)."""

    number: str
    status: str
    message: str
    ok: bool = True
    hold_reasons: tuple[str, ...] = ()
    new_orders: tuple[str, ...] = ()  # split off or merged into


@dataclass(frozen=True)
class PackProgress:
    """After one scan: the line it counted, and what is left to scan."""

    number: str
    sku: str
    name: str
    line_no: int
    line_packed: int
    line_quantity: int
    items_left: int
    packed: bool  # every item is in: the order is now packed


@dataclass(frozen=True)
class ShipmentResult:
    number: str
    tracking_no: str | None
    carrier: str
    units: int
    cost_of_goods: int  # minor units, the sum of the shipment moves' values
    lines: dict[int, int] = field(default_factory=dict)  # line no -> its cost of goods


class OrderFulfilment:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    @property
    def user(self) -> str:
        return self.shop.user

    # Plumbing --------------------------------------------------------------------
    def _change(self, ref: rec.OrderRef, step: Callable[[Session, SalesOrder], Any]) -> Any:
        """Lock the order, run one step on it, commit; any error leaves it as it was."""
        with self.db.uow() as uow:
            order = rec.load_order(uow.session, ref)
            result = step(uow.session, order)
            uow.commit()
            return result

    def bulk(self, action: Callable[..., Any], refs: Iterable[rec.OrderRef], **kwargs: Any) -> list[FlowResult]:
        """Run one action (self.approve, self.mark_picked, ...) on each order; a refusal is reported, not raised.

        Each order is its own unit of work: one order refused leaves the others done.
        """
        results = []
        for ref in refs:
            try:
                done = action(ref, **kwargs)
            except ShopDeskError as exc:
                results.append(FlowResult(str(ref), "", str(exc), ok=False))
                continue
            if isinstance(done, FlowResult):
                results.append(done)
            else:
                number = getattr(done, "number", str(ref))
                results.append(FlowResult(number, self._status_of(number), "done"))
        return results

    def _status_of(self, ref: rec.OrderRef) -> str:
        with self.db.read() as conn:
            column = SalesOrder.id if isinstance(ref, int) else SalesOrder.number
            return conn.execute(select(SalesOrder.status).where(column == rec.normalize_ref(ref))).scalar() or ""

    def _done(self, order: SalesOrder, message: str) -> FlowResult:
        reasons = tuple(r.get("message", "") for r in order.hold_reasons or [])
        return FlowResult(order.number, order.status, message, hold_reasons=reasons)

    # Picking and packing ---------------------------------------------------------
    @guarded(Permission.FULFIL, "mark orders picked")
    def mark_picked(self, ref: rec.OrderRef, reason: str = "", expected_version: int | None = None) -> FlowResult:
        """The order's items were taken from their bins (the pick list was walked).

        With `expected_version` (the order as it was when picking by scan began), an order
        changed since (packed, split, edited by someone else) is refused and left as it is.
        """

        def step(session: Session, order: SalesOrder) -> FlowResult:
            if expected_version is not None and order.version != expected_version:
                what = audit.changed_since(session, "order", order.id, order.version - expected_version)
                raise Conflict(
                    f"Order {order.number} was changed while it was picked ({what}); it was not marked picked."
                )
            unpacking = order.status == S.PACKED
            rec.change_status(session, self.user, order, S.PICKED, reason or ("unpacked" if unpacking else "picked"))
            if unpacking:  # the parcel was opened: its items are scanned again
                for line in order.lines:
                    line.qty_packed = 0
            return self._done(order, "unpacked" if unpacking else "picked")

        return self._change(ref, step)

    @guarded(Permission.FULFIL, "pack orders")
    def pack_scan(self, ref: rec.OrderRef, code: str) -> PackProgress:
        """Count one scanned item (barcode or SKU) into the parcel; the last one packs the order.

        A product that is not in the order, or one more than the order has, is
        refused with WrongItem and counts nothing: the packer takes it out.
        """

        def step(session: Session, order: SalesOrder) -> PackProgress:
            status = S(order.status)
            if status is S.PACKED:
                raise WrongItem(f"Order {order.number} is already packed: nothing more goes in the parcel.")
            check_transition(order.number, status, S.PACKED)
            text = code.strip()
            if not text:
                raise WrongItem("Nothing was scanned.")
            try:
                product = product_info(session.connection(), text)
            except NotFound:
                raise WrongItem(
                    f"WRONG ITEM: {text!r} is not a product we know; it is not part of order {order.number}."
                ) from None
            mine = [line for line in order.lines if line.product_id == product.id]
            if not mine:
                raise WrongItem(f"WRONG ITEM: {product.sku} is not in order {order.number}. Take it out.")
            line = next((ln for ln in mine if ln.qty_packed < ln.quantity), None)
            if line is None:
                wanted = sum(ln.quantity for ln in mine)
                raise WrongItem(
                    f"EXTRA ITEM: order {order.number} has {wanted} × {product.sku}, all already packed. Take this one out."
                )
            line.qty_packed += 1
            left = sum(ln.quantity - ln.qty_packed for ln in order.lines)
            if left == 0:
                units = sum(ln.quantity for ln in order.lines)
                rec.change_status(session, self.user, order, S.PACKED, f"all {units} item(s) scanned")
            session.flush()
            return PackProgress(
                order.number, line.sku, line.name, line.line_no, line.qty_packed, line.quantity, left, left == 0
            )

        return self._change(ref, step)

    @guarded(Permission.FULFIL, "pack orders")
    def mark_packed(self, ref: rec.OrderRef, reason: str = "") -> FlowResult:
        """Pack without scanning (a shop without a scanner): every line counts as packed."""

        def step(session: Session, order: SalesOrder) -> FlowResult:
            rec.change_status(session, self.user, order, S.PACKED, reason or "packed without scanning")
            for line in order.lines:
                line.qty_packed = line.quantity
            return self._done(order, "packed")

        return self._change(ref, step)

    # Shipping --------------------------------------------------------------------
    @guarded(Permission.FULFIL, "ship orders")
    def ship(
        self,
        ref: rec.OrderRef,
        tracking_no: str = "",
        carrier: str = "",
        *,
        service: str = "",
        weight_g: int | None = None,
    ) -> ShipmentResult:
        """The parcel left: record carrier and tracking number, and turn the reservation into shipment moves.

        The cost of goods of each move is stored on the order's lines. The tracking
        number is kept in capitals (normalise_tracking); one already on another order,
        in whatever case it was typed, is refused, and nothing is shipped. Without a
        tracking number (or carrier, or service), the waybill recorded before is used.
        """

        def step(session: Session, order: SalesOrder) -> ShipmentResult:
            check_transition(order.number, S(order.status), S.SHIPPED)
            before = order.tracking_no
            # What is not given comes from the waybill recorded at the packing bench (record_waybill).
            typed = tracking_no if tracking_no.strip() else (before or "")
            carrier_name = carrier if carrier.strip() else order.carrier
            tracking = self._check_tracking(
                session, order, typed, carrier_name, weight_g, f"order {order.number} was not shipped"
            )
            shipped = order_stock.ship_reserved(session, self.user, order)
            needs = order_stock.needs_of(order)
            if {pid: units for pid, (units, _) in shipped.items()} != needs:
                raise Conflict(
                    f"Order {order.number}'s reserved stock does not match its lines; deallocate and allocate it again."
                )
            costs = order_stock.cost_per_line(order, shipped)
            for line in order.lines:
                line.qty_shipped = line.quantity
                line.cost_of_goods = costs.get(line.id, 0)
            waybill_service = order.carrier_service if carrier_name.strip() == order.carrier else ""
            order.tracking_no = tracking
            order.carrier = carrier_name.strip()
            order.carrier_service = service.strip() or waybill_service
            order.weight_g = weight_g
            rec.change_status(
                session,
                self.user,
                order,
                S.SHIPPED,
                " ".join(filter(None, (order.carrier, tracking))) or "shipped",
                extra={"tracking_no": (before, tracking)} if tracking != before else None,
            )
            _save_tracking(session, tracking)
            queue_shipment(session, order)  # the order's store learns it left, if and only if it did
            return ShipmentResult(
                order.number,
                tracking,
                order.carrier,
                sum(line.quantity for line in order.lines),
                sum(line.cost_of_goods for line in order.lines),
                {line.line_no: line.cost_of_goods for line in order.lines},
            )

        return self._change(ref, step)

    def _check_tracking(
        self, session: Session, order: SalesOrder, tracking_no: str, carrier: str, weight_g: int | None, outcome: str
    ) -> str | None:
        tracking = normalise_tracking(tracking_no)
        problems = []
        if not tracking and order.channel not in NO_SHIPPING_CHANNELS:
            problems.append(Problem("tracking_no", "a tracking number is required to ship"))
        elif tracking and (len(tracking) > 64 or not _TRACKING.match(tracking)):
            problems.append(Problem("tracking_no", "use letters, digits and - _ . (up to 64)", tracking))
        if tracking and not carrier.strip():
            problems.append(Problem("carrier", "name the carrier of the tracking number"))
        if len(carrier.strip()) > 64:
            problems.append(Problem("carrier", "the carrier is longer than 64 characters", carrier))
        if weight_g is not None and (isinstance(weight_g, bool) or weight_g <= 0):
            problems.append(Problem("weight_g", "the weight is in grams, above zero", str(weight_g)))
        if problems:
            raise ValidationFailed(problems, _sentence(outcome))
        if not tracking:
            return None
        other = session.scalar(
            select(SalesOrder.number).where(SalesOrder.tracking_no == tracking, SalesOrder.id != order.id)
        )
        if other is not None:
            raise Conflict(f"Tracking number {tracking} is already on order {other}; {outcome}.")
        return tracking

    @guarded(Permission.FULFIL, "record waybills")
    def record_waybill(self, ref: rec.OrderRef, tracking_no: str, carrier: str, *, service: str = "") -> FlowResult:
        """The parcel's carrier, service and tracking number, known before it leaves, so its label carries them.

        The number comes from the carrier's number range or from a printed waybill scanned at
        the packing bench. Allowed while the order holds its stock (allocated, picked, packed);
        a second waybill replaces the first (both are in the timeline). Shipping then needs no
        number. The same checks as shipping: capitals, never a number another order has.
        """

        def step(session: Session, order: SalesOrder) -> FlowResult:
            if S(order.status) not in HOLDS_RESERVATION:
                raise ShopDeskError(
                    f"Order {order.number} is {order.status}: a waybill is recorded for allocated, picked or packed "
                    "orders (a shipped order keeps the number it left with)."
                )
            outcome = f"no waybill was recorded on order {order.number}"
            if not normalise_tracking(tracking_no):
                raise ValidationFailed(
                    [Problem("tracking_no", "give the waybill's tracking number")], _sentence(outcome)
                )
            tracking = self._check_tracking(session, order, tracking_no, carrier, None, outcome)
            if len(service.strip()) > 64:
                raise ValidationFailed(
                    [Problem("service", "the service is longer than 64 characters", service)], outcome
                )
            before = order.tracking_no
            order.tracking_no = tracking
            order.carrier = carrier.strip()
            order.carrier_service = service.strip()
            waybill = " ".join(filter(None, (order.carrier, order.carrier_service, tracking)))
            rec.note(session, self.user, order, "waybill", waybill, tracking_no=(before, tracking))
            _save_tracking(session, tracking)
            return self._done(order, f"waybill {waybill}")

        return self._change(ref, step)

    @guarded(Permission.FULFIL, "mark orders delivered")
    def mark_delivered(self, ref: rec.OrderRef, at: datetime | None = None, reason: str = "") -> FlowResult:
        """The carrier delivered the parcel (the return window counts from here)."""

        def step(session: Session, order: SalesOrder) -> FlowResult:
            rec.change_status(session, self.user, order, S.DELIVERED, reason or "delivered")
            if at is not None:
                order.delivered_at = at
            return self._done(order, "delivered")

        return self._change(ref, step)

    @guarded(Permission.FULFIL, "complete orders")
    def complete(self, ref: rec.OrderRef, reason: str = "") -> FlowResult:
        """Nothing more is expected on this order."""

        def step(session: Session, order: SalesOrder) -> FlowResult:
            rec.change_status(session, self.user, order, S.COMPLETED, reason or "completed")
            return self._done(order, "completed")

        return self._change(ref, step)


def _save_tracking(session: Session, tracking: str | None) -> None:
    try:
        session.flush()
    except IntegrityError as exc:  # the same tracking number saved on another order just now
        raise Conflict(f"Tracking number {tracking} was just saved on another order.") from exc


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
