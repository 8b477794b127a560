"""Splitting an order in two and merging orders, inside the caller's unit of work.

A split moves quantities of some lines into a new order numbered after the
original (SO-000123-1), with its share of the line discounts; the original
keeps its shipping fee. Merged orders are cancelled with a pointer to the order
their lines went into, so their history stays as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.orders import OrderStatus
from shopdesk.domain.review import address_key
from shopdesk.domain.stock import share
from shopdesk.services import order_records as rec

_COPIED = (
    "channel",
    "customer_id",
    "placed_at",
    "currency",
    "payment_status",
    "payment_method",
    "buyer_remark",
    "internal_note",
    "ship_name",
    "ship_phone",
    "ship_country",
    "ship_province",
    "ship_city",
    "ship_district",
    "ship_street",
    "ship_postcode",
)


def check_split(order: SalesOrder, quantities: Mapping[int, int]) -> list[Problem]:
    """Every problem with moving `quantities` (line no -> units) out of the order."""
    problems = []
    by_no = {line.line_no: line for line in order.lines}
    for line_no, qty in quantities.items():
        line = by_no.get(line_no)
        if line is None:
            problems.append(Problem(f"line {line_no}", f"order {order.number} has no such line", str(line_no)))
        elif isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0:
            problems.append(Problem(f"line {line_no}", "the quantity to split off must be above zero", str(qty)))
        elif qty > line.quantity:
            problems.append(Problem(f"line {line_no}", f"the line has only {line.quantity}", str(qty)))
    if not problems:
        moved = sum(quantities.values())
        if not moved:
            problems.append(Problem("lines", "choose at least one unit to split off"))
        elif moved == sum(line.quantity for line in order.lines):
            problems.append(Problem("lines", "something has to stay on the original order"))
    return problems


def split_off(
    session: Session, user: str, order: SalesOrder, quantities: Mapping[int, int], status: OrderStatus, reason: str
) -> SalesOrder:
    """Move quantities (line no -> units) into a new order in `status`; both orders' totals are recomputed."""
    problems = check_split(order, quantities)
    if problems:
        raise ValidationFailed(problems, f"Order {order.number} cannot be split")
    splits = session.scalar(select(func.count()).select_from(SalesOrder).where(SalesOrder.split_from_id == order.id))
    new = SalesOrder(
        number=f"{order.number}-{(splits or 0) + 1}",
        channel_order_no=None,
        status=status.value,
        hold_reasons=list(order.hold_reasons or []) if status is OrderStatus.ON_HOLD else [],
        shipping_fee=0,
        platform_fee=0,
        tax_total=0,
        paid_amount=0,
        split_from_id=order.id,
        **{name: getattr(order, name) for name in _COPIED},
    )
    n = 0
    for line in list(order.lines):
        qty = quantities.get(line.line_no, 0)
        if not qty:
            continue
        n += 1
        discount = share(line.discount, qty, line.quantity)
        new.lines.append(
            SalesOrderLine(
                line_no=n,
                product_id=line.product_id,
                sku=line.sku,
                name=line.name,
                quantity=qty,
                unit_price=line.unit_price,
                discount=discount,
                tax=share(line.tax, qty, line.quantity),
                net=qty * line.unit_price - discount,
                channel_line_id=line.channel_line_id,
            )
        )
        if qty == line.quantity:
            order.lines.remove(line)
        else:
            line.tax -= share(line.tax, qty, line.quantity)
            line.quantity -= qty
            line.discount -= discount
            line.net = line.quantity * line.unit_price - line.discount
            line.qty_packed = min(line.qty_packed, line.quantity)
    session.add(new)
    rec.recompute_totals(order)
    rec.recompute_totals(new)
    if order.payment_status == "paid":  # one payment covers both parcels
        new.paid_amount = min(order.paid_amount, new.total)
        order.paid_amount -= new.paid_amount
    session.flush()
    rec.refresh_search_text(session, order)
    rec.refresh_search_text(session, new)
    moved = ", ".join(f"{ln.sku} × {ln.quantity}" for ln in new.lines)
    rec.note(session, user, order, "split", reason, split_to=(None, new.number), moved=(None, moved))
    rec.note(
        session,
        user,
        new,
        "created",
        f"split from {order.number}" + (f": {reason}" if reason else ""),
        status=(None, status.value),
        total=(None, new.total),
    )
    return new


def same_parcel_key(order: SalesOrder) -> tuple[object, ...]:
    """Orders with the same key go to the same person at the same address, in the same currency."""
    buyer: object = order.customer_id if order.customer_id is not None else order.ship_phone.strip()
    return (
        buyer,
        order.ship_name.strip().casefold(),
        order.ship_phone.strip(),
        order.ship_country,
        address_key(order.ship_province, order.ship_city, order.ship_district + order.ship_street),
        order.currency,
    )


def merge_into(session: Session, user: str, target: SalesOrder, others: Sequence[SalesOrder], reason: str) -> None:
    """Copy the others' lines onto target and cancel them, pointing at target. Reservations are the caller's."""
    next_no = max((line.line_no for line in target.lines), default=0)
    for other in others:
        for line in other.lines:
            next_no += 1
            target.lines.append(
                SalesOrderLine(
                    line_no=next_no,
                    product_id=line.product_id,
                    sku=line.sku,
                    name=line.name,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    discount=line.discount,
                    tax=line.tax,
                    net=line.net,
                    channel_line_id=line.channel_line_id,
                )
            )
        target.shipping_fee += other.shipping_fee
        target.platform_fee += other.platform_fee
        target.paid_amount += other.paid_amount
        if other.buyer_remark and other.buyer_remark not in target.buyer_remark:
            target.buyer_remark = "\n".join(filter(None, (target.buyer_remark, other.buyer_remark)))
        other.merged_into_id = target.id
        rec.change_status(
            session,
            user,
            other,
            OrderStatus.CANCELLED,
            f"merged into {target.number}" + (f": {reason}" if reason else ""),
            extra={"merged_into": (None, target.number)},
        )
    rec.recompute_totals(target)
    session.flush()
    rec.refresh_search_text(session, target)
    rec.note(
        session,
        user,
        target,
        "merged",
        reason,
        merged=(None, ", ".join(o.number for o in others)),
        total=(None, target.total),
    )
