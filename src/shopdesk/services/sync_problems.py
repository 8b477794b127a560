"""Store orders a pull could not import, and the shop's decision about each.

An order the order check refuses for a reason the shop must decide on (its
currency is not the shop's, above all) is not stored, so the channel's cursor
stops before it and every pull asks for it again: nothing later is lost. It is
written down here as an open problem, which the sync status, the channels page
and `shopdesk sync CHANNEL` show. The shop then decides:

- accept: import it as it is (an order in another currency is allowed, the
  amounts are kept in that currency, never converted);
- skip: leave it out for good (it is listed in the sync log).

The next pull honours the decision and the cursor moves on past the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import SalesChannel
from shopdesk.db.models.base import utcnow
from shopdesk.db.models.sync import StoreOrderProblem
from shopdesk.domain.errors import NotFound, Problem, ShopDeskError
from shopdesk.domain.order_draft import normalize_channel
from shopdesk.domain.permissions import Permission
from shopdesk.services.sync_sending import log
from shopdesk.sync.store import StoreOrder

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

OPEN = ""
ACCEPT = "accept"
SKIP = "skip"
IMPORTED = "imported"  # accepted, and the pull has imported it since
LEFT_OUT = "left out"  # skipped, and the pull has passed it since
DECISIONS = (ACCEPT, SKIP)


@dataclass(frozen=True)
class OrderProblem:
    """A store order waiting for the shop's decision: which channel, the store's order id, why, since when."""

    channel: str
    order: str
    problem: str
    currency: str
    modified: datetime
    seen_at: datetime


def decision_for(session: Session, channel_id: int, their_no: str) -> str:
    """The shop's decision about a store order ("" when it was never a problem, or is still open)."""
    found = session.scalar(
        select(StoreOrderProblem.decision).where(
            StoreOrderProblem.channel_id == channel_id, StoreOrderProblem.channel_order_no == their_no
        )
    )
    return found or OPEN


def note_problem(session: Session, channel_id: int, order: StoreOrder, problems: list[Problem]) -> None:
    """Write down (or bring up to date) why the store order was not imported; it is open again until decided."""
    why = "; ".join(str(p) for p in problems)[:500]
    currency = ""
    if any(p.where == "currency" for p in problems) and order.draft is not None:
        currency = order.draft.currency.strip().upper()[:3]
    row = session.scalar(
        select(StoreOrderProblem).where(
            StoreOrderProblem.channel_id == channel_id, StoreOrderProblem.channel_order_no == order.id
        )
    )
    if row is None:
        session.add(
            StoreOrderProblem(
                channel_id=channel_id,
                channel_order_no=order.id[:64],
                problem=why,
                currency=currency,
                modified=order.modified,
            )
        )
        return
    row.problem, row.currency, row.modified = why, currency, order.modified
    row.decision, row.decided_by, row.decided_at = OPEN, "", None


def mark_done(session: Session, channel_id: int, their_no: str) -> None:
    """The pull acted on the decision (imported the order, or passed it): it can no longer be changed."""
    row = session.scalar(
        select(StoreOrderProblem).where(
            StoreOrderProblem.channel_id == channel_id, StoreOrderProblem.channel_order_no == their_no
        )
    )
    if row is not None and row.decision in DECISIONS:
        row.decision = IMPORTED if row.decision == ACCEPT else LEFT_OUT


def open_problems(shop: Shop, channel: str | None = None) -> list[OrderProblem]:
    """The store orders waiting for a decision, oldest first (of one channel, or of all)."""
    query = (
        select(
            SalesChannel.name,
            StoreOrderProblem.channel_order_no,
            StoreOrderProblem.problem,
            StoreOrderProblem.currency,
            StoreOrderProblem.modified,
            StoreOrderProblem.seen_at,
        )
        .join(SalesChannel, SalesChannel.id == StoreOrderProblem.channel_id)
        .where(StoreOrderProblem.decision == OPEN)
        .order_by(StoreOrderProblem.modified, StoreOrderProblem.id)
    )
    if channel is not None:
        query = query.where(SalesChannel.name == normalize_channel(channel))
    with shop.db.read() as conn:
        return [OrderProblem(*row) for row in conn.execute(query)]


def decide(shop: Shop, channel: str, their_no: str, decision: str) -> None:
    """Accept or skip a store order the pull could not import; the next pull acts on it and moves the cursor on.

    Needs the right to enter orders: accepting an order in another currency is
    the decision the order form asks for too. A decision may be changed until
    a pull has acted on it.
    """
    if decision not in DECISIONS:
        raise ShopDeskError(f"Decide {' or '.join(DECISIONS)}, not {decision!r}.")
    shop.require(Permission.WORK_ORDERS, f"{decision} store orders")
    their_no = their_no.strip()
    with shop.db.uow() as uow:
        row = uow.session.scalar(
            select(StoreOrderProblem)
            .join(SalesChannel, SalesChannel.id == StoreOrderProblem.channel_id)
            .where(SalesChannel.name == normalize_channel(channel), StoreOrderProblem.channel_order_no == their_no)
        )
        if row is None or row.decision not in (OPEN, *DECISIONS):
            raise NotFound(f"Order {their_no} from {channel} is not waiting for a decision.")
        row.decision, row.decided_by, row.decided_at = decision, shop.user[:64], utcnow()
        what = "accepted as it is" if decision == ACCEPT else "skipped for good"
        log(uow.session, row.channel_id, "order problem", "ok", f"order {their_no} {what} by {shop.user}")
        uow.commit()
