"""Stock that arrives where it can be sold, and what the shop does once that is committed.

The ledger (Ledger.post) and the bulk receipt (stock_bulk.receive_lines) call
`stock_arrived` for goods that come onto a warehouse, zone or bin from outside
the shelves: a receipt or opening balance, a stocktake gain, a customer return
put back on the shelf, quarantine released, a transfer arriving from another
warehouse. A move between two bins, or into quarantine, is no arrival.

The product ids are collected on the transaction's session (as the stores' outbox
does, services/sync_outbox.py). Only after that transaction has committed, and its
connection is given back, are the listeners called (`when_stock_arrives`) with the
engine, the user and the products; so nothing a listener does (or fails to do) can
undo the receipt. A rolled-back transaction calls nobody. The order flow listens,
to allocate the orders waiting for those products (services/order_flow.py).

A purchase-order receipt is not announced here: Purchasing.receive allocates the
waiting orders itself and reports them with the receipt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session, SessionTransaction

ARRIVED = "shopdesk.stock_arrived"  # key of the Arrivals, on the session and its connection
_COMMITTED = "shopdesk.stock_arrived_committed"
_ANNOUNCED_BY_THEIR_FLOW = frozenset({"purchase_order"})  # source types whose flow allocates and reports itself

Listener = Callable[[Engine, str, frozenset[int]], None]
_listeners: list[Listener] = []
log = logging.getLogger(__name__)


@dataclass
class Arrivals:
    products: set[int] = field(default_factory=set)
    user: str = ""


def when_stock_arrives(listener: Listener) -> Listener:
    """Call `listener(engine, user, product_ids)` after every committed transaction in which stock arrived."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def stock_arrived(conn: Connection, product_ids: Iterable[int], user: str, source_type: str = "") -> None:
    """Note products whose sellable stock grew in the transaction of `conn` (the ledger calls it)."""
    arrivals: Arrivals | None = conn.info.get(ARRIVED)
    if arrivals is None or source_type in _ANNOUNCED_BY_THEIR_FLOW:
        return
    arrivals.products.update(product_ids)
    arrivals.user = user


@event.listens_for(Session, "after_begin")
def _collect_on_this_transaction(session: Session, transaction: SessionTransaction, connection: Connection) -> None:
    # A new collection per transaction; a savepoint keeps its transaction's (like the outbox's).
    arrivals: Arrivals | None = session.info.get(ARRIVED) if transaction.nested else None
    if arrivals is None:
        arrivals = Arrivals()
    session.info[ARRIVED] = arrivals
    connection.info[ARRIVED] = arrivals


@event.listens_for(Session, "after_commit")
def _keep_what_was_committed(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint: its transaction may still roll back
        return
    arrivals: Arrivals | None = session.info.pop(ARRIVED, None)
    if arrivals is not None and arrivals.products:
        session.info[_COMMITTED] = arrivals


@event.listens_for(Session, "after_transaction_end")
def _announce(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return
    session.info.pop(ARRIVED, None)  # what is left was rolled back: nobody hears of it
    arrivals: Arrivals | None = session.info.pop(_COMMITTED, None)
    if arrivals is None or not _listeners:
        return
    engine = session.get_bind().engine
    products = frozenset(arrivals.products)
    for listener in list(_listeners):
        try:
            listener(engine, arrivals.user, products)
        except Exception:  # the goods are in: a listener's failure is logged, the receipt stands
            log.exception("after stock arrived (products %s): %s failed", sorted(products), listener.__qualname__)
