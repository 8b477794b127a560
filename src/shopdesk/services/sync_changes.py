"""What a pull does when the store changed an order we imported already.

- Cancelled (or refunded, failed, trashed) on the store while ours has not
  left: ours is cancelled through the order flow, which releases its
  reservation, with the reason "cancelled on <channel>".
- The same after ours shipped: nothing is undone (the parcel is on its way);
  the order's timeline says so and the pull lists it as needing attention.
- Address or lines edited on the store: ours is NOT rewritten. An order that
  has not been picked yet is put on hold for review (its reservation is
  released), so nobody ships to the old address or the old lines; the
  reviewer edits it (Orders → edit) and approves it. One already picked or
  packed cannot go on hold, and one shipped is past changing: the timeline
  says what changed and the pull lists it as needing attention. We chose
  review over rewriting because a silent edit after allocation could ship a
  parcel that no longer matches its pick list, and the store's edit may be a
  mistake the buyer calls about.
- Sent out (fulfilled, completed) on the store while ours has not left:
  someone shipped it outside ShopDesk. Ours is put on hold for review like an
  edited one (its reservation is released), so it is not shipped a second
  time; the reviewer cancels it or ships it. One already picked or packed is
  listed as needing attention. Once ours has shipped, the store completing the
  order is only our own shipment coming back; so is the store saying it is
  partly sent when it sent no more units of each line than the parcels of ours
  that left (an order split here in parcels: the first one's fulfilment must
  not hold the second). A WooCommerce order completed by a shipment of ours
  (the outbox completes it only when the last of its parcels here left; one
  queued before parcels were told apart completed it at the first) is our own
  completion coming back too, and holds no parcel still here.
- An order split here in parcels is compared with the store's as the sum of
  its parcels: the split is not an edit of the lines; nor is another store
  order merged into one of them (its lines, by the store's line id, are left
  out).
- Refunds on the store are recorded against the order (order_refund, with the
  store's refund id, so each is recorded once) and the payment status follows,
  as for refunds made in after-sales.

Every change is written to the order's timeline once per store modification
(the pull's overlap window reads an order again without noting it again).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import AuditEvent, OutboxItem, SalesChannel
from shopdesk.db.models.orders import OrderRefund, SalesOrder, SalesOrderLine
from shopdesk.domain.catalogue import sku_key
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.order_draft import OrderDraft
from shopdesk.domain.orders import STOCK_LEFT, OrderStatus
from shopdesk.services import order_records as rec
from shopdesk.services.sync_fulfilled import sent_by_the_store
from shopdesk.services.sync_outbox import LINE_LEVEL_TYPES
from shopdesk.sync.store import COMPLETED, PARTLY_FULFILLED, StoreOrder

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

S = OrderStatus
NOTE = "store change"  # the timeline action of these notes
HOLDABLE = frozenset({S.CONFIRMED, S.ALLOCATED})  # may go on hold (see domain/orders.py transitions)


@dataclass
class StoreChanges:
    """What the pull did with the store's changes to orders imported before."""

    cancelled: list[str] = field(default_factory=list)  # our numbers, cancelled because the store cancelled
    held: list[str] = field(default_factory=list)  # our numbers, on hold because the store edited them
    attention: list[tuple[str, str]] = field(default_factory=list)  # (our number, what a person must look at)
    refunds: int = 0  # refunds recorded


def apply_store_changes(shop: Shop, channel: str, number: str, order: StoreOrder, changes: StoreChanges) -> None:
    """Bring the store's change of an imported order to ours (see the module notes)."""
    stamp = order.modified.isoformat()
    with shop.db.uow() as uow:
        ours = rec.load_order(uow.session, number)
        status = S(ours.status)
        changes.refunds += _record_refunds(uow.session, shop.user, ours, channel, order)
        if status is S.CANCELLED or _noted(uow.session, ours.id, stamp):
            uow.commit()
            return
        action = what = ""
        if order.draft is None:
            what = f"{order.status} on {channel}"
            if status in STOCK_LEFT:
                changes.attention.append((number, f"{what} after it shipped: nothing was undone here"))
                rec.note(uow.session, shop.user, ours, NOTE, f"{what} after it shipped (changed there {stamp})")
            else:
                action = "cancel"
        else:
            parcels = _parcels(uow.session, ours)
            changed = _edits(ours, parcels, _merged_in(uow.session, parcels), order.draft)
            edits = [f"{' and '.join(changed)} changed on {channel}"] if changed else []
            if (
                sent_by_the_store(order)
                and status not in STOCK_LEFT
                and not _only_ours_left(parcels, order)
                and not _completed_by_us(uow.session, channel, order)
            ):
                part = "partly " if order.fulfilled == PARTLY_FULFILLED else ""
                edits.append(f"{part}sent out by {channel} itself: check whether it left before shipping it here")
            if edits:
                what = "; ".join(edits)
                rec.note(uow.session, shop.user, ours, NOTE, f"{what} (changed there {stamp})")
                if status in HOLDABLE:
                    action = "hold"
                elif status is S.ON_HOLD:
                    changes.held.append(number)
                else:
                    changes.attention.append((number, f"{what} while ours is {status.value}: check it"))
        uow.commit()
    try:
        if action == "cancel":
            shop.order_flow.cancel(number, f"cancelled on {channel} (changed there {stamp})")
            changes.cancelled.append(number)
        elif action == "hold":
            shop.order_flow.hold(number, f"{what}: review it before it ships")
            changes.held.append(number)
    except ShopDeskError as exc:  # e.g. the shop's user may not cancel orders: a person must
        changes.attention.append((number, f"{what}, but it could not be done here: {exc}"))


def _noted(session: Session, order_id: int, stamp: str) -> bool:
    """Whether this store modification was handled before (its time is in the order's timeline)."""
    found = session.scalar(
        select(AuditEvent.id)
        .where(
            AuditEvent.entity == "order",
            AuditEvent.entity_id == order_id,
            AuditEvent.reason.like(f"%(changed there {stamp})%"),
        )
        .limit(1)
    )
    return found is not None


def _parcels(session: Session, ours: SalesOrder) -> list[SalesOrder]:
    """Ours and every order split off it (and off those), whatever their state: the store order's parcels."""
    parcels, ids = [ours], [ours.id]
    while ids:
        found = session.scalars(select(SalesOrder).where(SalesOrder.split_from_id.in_(ids))).all()
        parcels += found
        ids = [o.id for o in found]
    return parcels


def _only_ours_left(parcels: list[SalesOrder], order: StoreOrder) -> bool:
    """Whether what the store says left of a partly fulfilled order is no more than our parcels that shipped:
    our own fulfilments coming back (sent by the outbox), not goods someone sent from the store."""
    if order.fulfilled != PARTLY_FULFILLED or not order.still_to_send or order.draft is None:
        return False
    shipped: Counter[str] = Counter()
    for parcel in parcels:
        if S(parcel.status) in STOCK_LEFT:
            for line in parcel.lines:
                shipped[line.channel_line_id] += line.qty_shipped
    if not shipped:
        return False
    to_send = dict(order.still_to_send)
    ordered: Counter[str] = Counter()
    for store_line in order.draft.lines:
        if store_line.channel_line_id:
            ordered[store_line.channel_line_id] += int(store_line.quantity)
    return all(units - to_send.get(line_id, units) <= shipped[line_id] for line_id, units in ordered.items())


def _completed_by_us(session: Session, channel: str, order: StoreOrder) -> bool:
    """Whether a store told no lines (WooCommerce) completed the order because a shipment of ours asked it to:
    one in the outbox for this store order that completes it and was not refused (dead)."""
    if order.fulfilled != COMPLETED:
        return False
    payloads = session.scalars(
        select(OutboxItem.payload)
        .join(SalesChannel, SalesChannel.id == OutboxItem.channel_id)
        .where(
            SalesChannel.name == channel,
            SalesChannel.type.not_in(LINE_LEVEL_TYPES),
            OutboxItem.kind == "shipment",
            OutboxItem.state != "dead",
            OutboxItem.payload["order"].as_string() == order.id,
        )
    )
    return any(payload.get("complete", True) for payload in payloads)


def _merged_in(session: Session, parcels: list[SalesOrder]) -> set[str]:
    """The store line ids of other orders merged into the parcels: their lines are not this store order's."""
    found = session.scalars(
        select(SalesOrderLine.channel_line_id)
        .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
        .where(SalesOrder.merged_into_id.in_([p.id for p in parcels]))
    )
    return {line_id for line_id in found if line_id}


def _edits(ours: SalesOrder, parcels: list[SalesOrder], merged_in: set[str], draft: OrderDraft) -> list[str]:
    """What the store's version changes of ours (with the parcels split off it, less the lines of orders merged
    into them): 'the address', 'the lines'."""
    edits = []
    ship = draft.ship_to
    theirs = (ship.name, ship.phone, ship.country or "CN", ship.province, ship.city, ship.district, ship.street)
    mine = (
        ours.ship_name,
        ours.ship_phone,
        ours.ship_country,
        ours.ship_province,
        ours.ship_city,
        ours.ship_district,
        ours.ship_street,
    )
    if [_plain(v) for v in theirs] + [_plain(ship.postcode)] != [_plain(v) for v in mine] + [
        _plain(ours.ship_postcode)
    ]:
        edits.append("the address")
    # Lines are matched by the store's line id (our SKU may differ from the code the store sent: a barcode,
    # a linked channel SKU); by code only when the store gave no line ids.
    their_lines: Counter[str] = Counter()
    for line in draft.lines:
        their_lines[line.channel_line_id or sku_key(line.code)] += int(line.quantity)
    our_lines: Counter[str] = Counter()
    for ours_line in (line for parcel in parcels for line in parcel.lines if line.channel_line_id not in merged_in):
        our_lines[ours_line.channel_line_id or sku_key(ours_line.sku)] += ours_line.quantity
    if their_lines != our_lines:
        edits.append("the lines")
    return edits


def _plain(text: str) -> str:
    return " ".join(str(text or "").split()).casefold()


def _record_refunds(session: Session, user: str, ours: SalesOrder, channel: str, order: StoreOrder) -> int:
    """Record the store's refunds not recorded yet; the payment status follows. Returns how many were new."""
    if not order.refunds:
        return 0
    known = set(
        session.scalars(
            select(OrderRefund.channel_refund_id).where(
                OrderRefund.order_id == ours.id, OrderRefund.channel_refund_id.is_not(None)
            )
        )
    )
    new = [r for r in order.refunds if r.id not in known and r.amount > 0]
    if not new:
        return 0
    before = int(
        session.scalar(select(func.coalesce(func.sum(OrderRefund.amount), 0)).where(OrderRefund.order_id == ours.id))
        or 0
    )
    for refund in new:
        session.add(
            OrderRefund(
                order_id=ours.id,
                amount=refund.amount,
                method=channel[:32],
                refunded_at=order.modified,  # when the store last changed the order: the API gives no refund date
                reason=refund.reason or f"refunded on {channel}",
                channel_refund_id=refund.id[:64],
                user=user,
                details={"channel": channel},
            )
        )
    after = before + sum(r.amount for r in new)
    status_before = ours.payment_status
    ours.payment_status = "refunded" if ours.paid_amount and after >= ours.paid_amount else "partially_refunded"
    rec.note(
        session,
        user,
        ours,
        "refund",
        f"refunded on {channel}: " + ", ".join(f"refund {r.id}" for r in new),
        refunded=(before, after),
        payment_status=(status_before, ours.payment_status),
    )
    return len(new)
