"""The outbox, written by itself: a stock change or a shipment puts what the stores must know in sync_outbox.

Every balance change goes through the stock ledger (services/stock_ledger.py)
or the bulk receipt (services/stock_bulk.py); both call `stock_changed` with the
products whose available quantity (on hand − reserved in warehouses, zones and
bins) moved. The ids are collected on the transaction's session; just before
that session commits, one "stock" item per active store channel is added with
the products' available level (less the channel's buffer, never below 0),
computed inside the same transaction. So the item exists if and only if the
change was committed, and a shop without store channels pays one set per
transaction and, when stock moved, one query for its channels.

A shipped order of a WooCommerce or Shopify channel gets a "shipment" item in
the shipment's transaction (`queue_shipment`, called by the ship use case). A
Shopify shipment names the lines and units that left in this parcel, so a
store order split into parcels here becomes one fulfilment per parcel there.
A WooCommerce shipment says whether it completes the store's order: only the
last of its parcels here to leave does (WooCommerce has no partly shipped
status); the others add their tracking note and leave the order as it is.
When the last parcel still here is cancelled instead, the cancel use case
queues the completion the parcels that left did not send
(`queue_rest_cancelled`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Row, and_, case, event, func, select
from sqlalchemy.orm import Session, SessionTransaction

from shopdesk.db.models import Location, OutboxItem, Product, SalesChannel, StockBalance
from shopdesk.db.models.locations import PHYSICAL_KINDS  # stock there can be sold (not quarantine, in transit)
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.orders import STOCK_LEFT, OrderStatus

TOUCHED = "shopdesk.stock_touched"  # key of the touched product ids, on the session and its connection
STORE_TYPES = ("woocommerce", "shopify")  # channels with a store to tell; "file" channels have none
LINE_LEVEL_TYPES = ("shopify",)  # stores told which lines a parcel holds (WooCommerce gets a note per parcel)
# Our orders in these states have nothing more to send: a store order all of whose parcels are here is done.
DONE = frozenset({*STOCK_LEFT, OrderStatus.CANCELLED})
_CHUNK = 900  # product ids per IN (...), well under SQLite's bound-parameter limit


def stock_changed(conn: Connection, product_ids: Iterable[int]) -> None:
    """Note products whose available quantity changed in the transaction of `conn` (the ledger calls it)."""
    touched = conn.info.get(TOUCHED)
    if touched is not None:
        touched.update(product_ids)


@event.listens_for(Session, "after_begin")
def _collect_on_this_transaction(session: Session, transaction: SessionTransaction, connection: Connection) -> None:
    # The ledger only sees the Connection; this links the connection to its session's set for the
    # transaction. A new set per transaction, so nothing of a rolled-back one is carried over; a
    # savepoint (allocation reserves in one) begins here too and keeps its transaction's set.
    touched: set[int] | None = session.info.get(TOUCHED) if transaction.nested else None
    if touched is None:
        touched = set()
    session.info[TOUCHED] = touched
    connection.info[TOUCHED] = touched


@event.listens_for(Session, "before_commit")
def _queue_stock_levels(session: Session) -> None:
    touched: set[int] | None = session.info.get(TOUCHED)
    if not touched:
        return
    product_ids = sorted(touched)
    touched.clear()
    channels = session.execute(
        select(SalesChannel.id, SalesChannel.buffer)
        .where(SalesChannel.status == "active", SalesChannel.type.in_(STORE_TYPES))
        .order_by(SalesChannel.id)
    ).all()
    if not channels:
        return
    available = available_levels(session, product_ids)
    for channel_id, buffer in channels:
        levels = {sku: max(qty - buffer, 0) for sku, qty in available.items()}
        session.add(OutboxItem(channel_id=channel_id, kind="stock", payload={"levels": levels}))


def available_levels(
    session: Session, product_ids: list[int] | None = None, *, skus: list[str] | None = None
) -> dict[str, int]:
    """SKU -> on hand − reserved in warehouses, zones and bins: of the given products (by id or SKU), or of
    every sellable product when neither is given."""
    sellable = case((Location.id.is_not(None), StockBalance.on_hand - StockBalance.reserved), else_=0)
    available = func.coalesce(func.sum(sellable), 0)
    query = (
        select(Product.sku, available)
        .outerjoin(StockBalance, StockBalance.product_id == Product.id)
        .outerjoin(Location, and_(Location.id == StockBalance.location_id, Location.kind.in_(PHYSICAL_KINDS)))
        .where(Product.is_parent.is_(False))
        .group_by(Product.id, Product.sku)
    )
    if product_ids is None and skus is None:
        return {sku: int(qty) for sku, qty in session.execute(query.where(Product.archived.is_(False)))}
    column, wanted = (Product.id, list(product_ids)) if product_ids is not None else (Product.sku, list(skus or []))
    levels: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        levels.update({sku: int(qty) for sku, qty in session.execute(query.where(column.in_(chunk)))})
    return levels


def queue_shipment(session: Session, order: SalesOrder) -> list[int]:
    """Tell the stores that the parcel left, in the shipment's transaction; the outbox items' ids.

    The order's own store (for a parcel split off a store order, that order's: the
    buyer sees each parcel's tracking number), and the store of every order merged
    into it: a buyer's two store orders packed as one parcel are both told.

    A Shopify store is also told which of its order's lines left, and how many
    units ("lines": the store's line id, the SKU as ordered, the quantity), so that
    it fulfils only those: a parcel split off sends its own lines, and the other
    parcel the rest. A store order none of whose lines are in the parcel is not told.

    A WooCommerce store completes its order only when no other order of ours
    carrying lines of that store order is still to ship (`_last_to_leave`); a
    parcel leaving before the others says "complete": false and only adds its
    tracking note. Its own store order is told of every parcel split off it; a
    store order merged in, only of the parcels holding some of its lines.
    """
    own, merged = _store_orders(session, order)
    queued = []
    for store_order in (own, *merged):
        channel = _store_channel(session, store_order)
        if channel is None:
            continue
        payload: dict[str, Any] = {
            "order": store_order.channel_order_no,
            "carrier": order.carrier,
            "tracking": order.tracking_no or "",
            "shipped_at": order.shipped_at.isoformat() if order.shipped_at else "",
        }
        lines = _parcel_lines(order, store_order, merged)
        if lines is not None and not lines and (channel.type in LINE_LEVEL_TYPES or store_order is not own):
            continue  # nothing of that store order is in this parcel
        if channel.type in LINE_LEVEL_TYPES:
            if lines is not None:
                payload["lines"] = lines
        elif not _last_to_leave(session, store_order):
            payload["complete"] = False  # a note only: another parcel of that store order is still here
        item = OutboxItem(channel_id=channel.id, kind="shipment", payload=payload)
        session.add(item)
        session.flush()
        queued.append(item.id)
    return queued


def queue_rest_cancelled(session: Session, order: SalesOrder) -> list[int]:
    """Complete a WooCommerce order whose last parcel still here was just cancelled, in the cancel's transaction.

    A parcel that left while `order` was still to ship only added its tracking note
    ("complete": false); with `order` cancelled and every other order of ours carrying
    lines of that store order shipped (at least one) or cancelled, nothing else would
    ever complete it. The item is a "shipment" without a tracking number that
    completes the order ("rest_cancelled": our order's number): the pull sees the
    completion as ours, and sending it twice completes it once. The store may have
    cancelled the order itself meanwhile: the store then keeps its status
    (`woocommerce.ship_order`).

    Shopify is not told: the fulfilment order of the cancelled parcel's lines stays
    open there, and the parcels that left were fulfilled line by line. A store order
    none of whose lines `order` holds was complete before and is not told again.
    """
    session.flush()  # the cancellation is read back as rows below
    own, merged = _store_orders(session, order)
    queued = []
    for store_order in (own, *merged):
        channel = _store_channel(session, store_order)
        if channel is None or channel.type in LINE_LEVEL_TYPES:
            continue
        if _parcel_lines(order, store_order, merged) == []:
            continue  # it holds none of that store order's lines: the store order was not waiting for it
        carriers = _carriers(session, store_order)
        if not all(done or not holds for done, holds, _ in carriers):
            continue  # another parcel of it is still to ship: that one completes it when it leaves
        if not any(holds and left for _, holds, left in carriers):
            continue  # nothing of it left: the whole store order was cancelled here, not completed
        payload = {
            "order": store_order.channel_order_no,
            "carrier": "",
            "tracking": "",
            "shipped_at": "",
            "rest_cancelled": order.number,
        }
        item = OutboxItem(channel_id=channel.id, kind="shipment", payload=payload)
        session.add(item)
        session.flush()
        queued.append(item.id)
    return queued


def _store_orders(session: Session, order: SalesOrder) -> tuple[SalesOrder, list[SalesOrder]]:
    """The store orders whose lines `order` may carry: its own (for a parcel split off a store order, that
    order), and the orders merged into it or into the order it was split off."""
    own, chain = order, [order]
    while not own.channel_order_no and own.split_from_id is not None:  # a parcel split off a store order
        parent = session.get(SalesOrder, own.split_from_id)
        if parent is None:
            break
        own = parent
        chain.append(own)
    merged = session.scalars(
        select(SalesOrder).where(SalesOrder.merged_into_id.in_([o.id for o in chain])).order_by(SalesOrder.id)
    ).all()
    return own, list(merged)


def _store_channel(session: Session, store_order: SalesOrder) -> Row[int, str] | None:
    """The active store channel (id, type) a store order came from; None for an order of ours or a file channel."""
    if not store_order.channel_order_no:
        return None
    return session.execute(
        select(SalesChannel.id, SalesChannel.type).where(
            SalesChannel.name == store_order.channel,
            SalesChannel.type.in_(STORE_TYPES),
            SalesChannel.status == "active",
        )
    ).first()


def _parcel_lines(
    parcel: SalesOrder, store_order: SalesOrder, merged: Sequence[SalesOrder]
) -> list[dict[str, Any]] | None:
    """The parcel's lines that belong to `store_order`: [{"line": store line id, "sku": ..., "quantity": n}].

    A line merged in from another store order carries that order's line id and
    is left out of the others. None when an order merged into the parcel has a
    line without a store line id: which lines are its own cannot be told, and the
    store is told the whole order left (as before lines were sent).
    """
    if store_order in merged:
        theirs = {line.channel_line_id for line in store_order.lines}
        if "" in theirs or not theirs:
            return None
        chosen = [line for line in parcel.lines if line.channel_line_id in theirs]
    else:
        others = {line.channel_line_id for m in merged for line in m.lines if line.channel_line_id}
        chosen = [line for line in parcel.lines if not line.channel_line_id or line.channel_line_id not in others]
    return [{"line": line.channel_line_id, "sku": line.sku, "quantity": line.quantity} for line in chosen]


def _parcel_states(session: Session, store_order_id: int) -> dict[int, str]:
    """The state of every order of ours carrying a store order, by id: the order with its store order number
    (`store_order_id`), the orders split off it (and off those), the order it was merged into, and theirs in
    turn. Read as rows, not objects, so what another PC committed is seen even if this session loaded it before."""
    columns = (SalesOrder.id, SalesOrder.status, SalesOrder.merged_into_id)
    rows = {r.id: r for r in session.execute(select(*columns).where(SalesOrder.id == store_order_id))}
    frontier = list(rows.values())
    while frontier:
        ids = [r.id for r in frontier]
        targets = [r.merged_into_id for r in frontier if r.merged_into_id is not None]
        linked = session.execute(
            select(*columns).where(SalesOrder.split_from_id.in_(ids) | SalesOrder.id.in_(targets))
        ).all()
        frontier = [r for r in linked if r.id not in rows]
        rows.update((r.id, r) for r in frontier)
    return {r.id: r.status for r in rows.values()}


def _last_to_leave(session: Session, store_order: SalesOrder) -> bool:
    """Whether every order of ours carrying lines of `store_order` has left (or was cancelled), this one too."""
    return all(done or not holds for done, holds, _ in _carriers(session, store_order))


def _carriers(session: Session, store_order: SalesOrder) -> list[tuple[bool, bool, bool]]:
    """Every order of ours carrying `store_order` (`_parcel_states`), as (done: shipped or later, or cancelled;
    holds some of its lines; left: shipped or later).

    One holding none of the store order's lines (by the store's line id: a parcel
    split off with another merged order's lines only) does not hold it; when a line
    has no store line id, which lines are whose cannot be told and every one holds
    it. The store order's row is locked first: two of its parcels shipped (or one
    shipped and one cancelled) at once on two PCs (PostgreSQL) are decided one after
    the other, so the second sees the first done and completes the store's order
    (SQLite's writers take turns anyway).
    """
    session.execute(select(SalesOrder.id).where(SalesOrder.id == store_order.id).with_for_update())
    states = _parcel_states(session, store_order.id)
    held: dict[int, set[str]] = {}
    for order_id, line_id in session.execute(
        select(SalesOrderLine.order_id, SalesOrderLine.channel_line_id).where(SalesOrderLine.order_id.in_(states))
    ):
        held.setdefault(order_id, set()).add(line_id or "")
    if store_order.merged_into_id is not None:
        theirs = held.get(store_order.id, set())
    else:  # its lines and its parcels' lines, less those of other store orders merged into them
        others = session.scalars(
            select(SalesOrderLine.channel_line_id)
            .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
            .where(SalesOrder.merged_into_id.in_(states), SalesOrder.id.not_in(states))
        )
        theirs = set().union(*held.values()) - {line_id for line_id in others if line_id}
    known = bool(theirs) and "" not in theirs
    return [
        (
            OrderStatus(status) in DONE,
            not known or bool(held.get(order_id, set()) & theirs),
            OrderStatus(status) in STOCK_LEFT,
        )
        for order_id, status in states.items()
    ]
