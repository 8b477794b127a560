"""Store orders that the store has sent out already, all of it or part of it.

A store where orders were shipped before ShopDesk was connected (or by
someone working on the store's own admin pages) sends them to the pull as
completed (WooCommerce) or fulfilled (Shopify). Allocating such an order
would reserve stock and put it on the pick list: it would be shipped twice.

- Sent out whole: the order is imported as history, already shipped
  (Shopify: fulfilled) or completed (WooCommerce: completed), with the date
  the store gives. Nothing is reserved and no stock moves: the goods left
  before ShopDesk counted its stock, or from wherever the store ships them.
  It counts as a sale in the reports on that date, with a cost of goods of 0
  (no move of ours carried one), and nothing about it is sent back to the store.
- Sent out in part (Shopify's partially fulfilled): the order is imported on
  hold for review, nothing reserved, with what the store says is still to
  send. A person edits its lines to what is left and approves it, or cancels
  it; shipping the whole order here would send again what already left.

Orders imported before and later fulfilled on the store are in
services/sync_changes.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopdesk.db.models.orders import SalesOrder
from shopdesk.domain.errors import ValidationFailed
from shopdesk.domain.orders import OrderStatus
from shopdesk.services import audit
from shopdesk.services import order_records as rec
from shopdesk.services.orders import CreatedOrder, OrderWriter
from shopdesk.sync.store import COMPLETED, PARTLY_FULFILLED, SENT_ALREADY, StoreOrder

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from shopdesk.services.shop import Shop

S = OrderStatus
HOLD_CODE = "store_partly_fulfilled"


def sent_by_the_store(order: StoreOrder) -> bool:
    """Whether the store has sent out some or all of the order (it is not simply to ship here)."""
    return order.fulfilled in SENT_ALREADY or order.fulfilled == PARTLY_FULFILLED


def import_sent_order(actor: Shop, channel: str, order: StoreOrder, reason: str) -> CreatedOrder:
    """Import a store order the store has sent out, as history or on hold (see the module notes).

    The order, its final state and its timeline are written in one transaction;
    an order imported before is returned as it is (created=False). Raises
    ValidationFailed as Orders.create_orders does.
    """
    draft = order.draft
    assert draft is not None
    with actor.db.uow() as uow:
        writer = OrderWriter(uow.session, actor)
        found = writer.existing_number(draft.channel.strip().casefold(), draft.channel_order_no.strip())
        if found is not None:
            return CreatedOrder(found, False, channel, draft.channel_order_no.strip())
        prepared, problems = writer.check(draft)
        if problems or prepared is None:
            raise ValidationFailed(problems, "The order cannot be saved")
        ours = writer.write(prepared, reason=reason)
        if order.fulfilled == PARTLY_FULFILLED:
            _hold_partly_sent(uow.session, actor.user, ours, channel, order)
        else:
            _record_as_sent(uow.session, actor.user, ours, channel, order)
        uow.commit()
        return CreatedOrder(ours.number, True, ours.channel, ours.channel_order_no)


def _record_as_sent(session: Session, user: str, ours: SalesOrder, channel: str, order: StoreOrder) -> None:
    """draft → shipped or completed in one step: not a change of ours (check_transition knows no such step)
    but history as the store tells it. Every unit counts as shipped; no stock move, no reservation, no outbox."""
    target = S.COMPLETED if order.fulfilled == COMPLETED else S.SHIPPED
    when = order.fulfilled_at or order.modified
    before = ours.status
    ours.status = target.value
    ours.shipped_at = when
    if target is S.COMPLETED:
        ours.completed_at = when
    for line in ours.lines:
        line.qty_shipped = line.quantity
    session.flush()
    audit.record(
        session,
        user,
        "order",
        ours.id,
        "status",
        label=ours.number,
        changes={"status": (before, target.value)},
        reason=f"{order.status or target.value} on {channel} before it came here: "
        "sent out by the store, so nothing was reserved or shipped from our stock",
    )


def _hold_partly_sent(session: Session, user: str, ours: SalesOrder, channel: str, order: StoreOrder) -> None:
    """draft → confirmed → on hold with the reason, without review or allocation: nothing is reserved."""
    what = order.fulfilment_note or "some of its goods left already"
    message = f"partly fulfilled on {channel} ({what}): change the lines to what is still to send, then approve it"
    message = message[:500]
    rec.change_status(session, user, ours, S.CONFIRMED, f"pulled from {channel}")
    ours.hold_reasons = [{"code": HOLD_CODE, "message": message}]
    rec.change_status(session, user, ours, S.ON_HOLD, message)
