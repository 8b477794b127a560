"""The order services' shared plumbing inside one unit of work: numbers, loading, state changes, totals.

Every function here works in the caller's session and never commits: the use
case in services/orders.py or services/order_flow.py decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, cast

from sqlalchemy import Connection, Table, func, select, update
from sqlalchemy.orm import Session, selectinload

from shopdesk.db.models.base import utcnow
from shopdesk.db.models.orders import NumberSequence, SalesOrder, SalesOrderLine
from shopdesk.domain.errors import NotFound
from shopdesk.domain.orders import OrderStatus, check_transition
from shopdesk.domain.search import search_key
from shopdesk.services import audit
from shopdesk.services.stock_ledger import SourceDoc
from shopdesk.services.stock_sql import insert_ignore

SEQUENCE = cast(Table, NumberSequence.__table__)
ORDER_SEQUENCE = "sales_order"
ORDER_PREFIX = "SO-"
NUMBER_WIDTH = 6
SOURCE_TYPE = "sales_order"  # how stock moves and reservations name an order
OrderRef = int | str  # an order's id, or its number (SO-000123, any case)
SEARCH_TEXT_BYTES = 1200

# When a state is reached, the order notes the time (the list and the reports read these).
_STAMPS = {
    OrderStatus.SHIPPED: "shipped_at",
    OrderStatus.DELIVERED: "delivered_at",
    OrderStatus.COMPLETED: "completed_at",
    OrderStatus.CANCELLED: "cancelled_at",
}


def take_numbers(conn: Connection, count: int = 1, name: str = ORDER_SEQUENCE) -> list[str]:
    """The next `count` order numbers (SO-000124 ...), taken inside the caller's transaction.

    One UPDATE ... RETURNING takes them: a second app instance waits for this
    transaction and then gets the numbers after these; a rollback gives them back.
    """
    where = SEQUENCE.c.name == name
    if conn.execute(select(SEQUENCE.c.last_value).where(where)).first() is None:
        insert_ignore(conn, SEQUENCE, [{"name": name, "last_value": _highest_number(conn)}], ["name"])
    last = conn.execute(
        update(SEQUENCE).where(where).values(last_value=SEQUENCE.c.last_value + count).returning(SEQUENCE.c.last_value)
    ).scalar_one()
    return [format_number(n) for n in range(last - count + 1, last + 1)]


def format_number(n: int) -> str:
    return f"{ORDER_PREFIX}{n:0{NUMBER_WIDTH}d}"


def _highest_number(conn: Connection) -> int:
    """The highest SO- number already used (orders written before the sequence existed, e.g. a demo)."""
    number = conn.execute(
        select(SalesOrder.number)
        .where(SalesOrder.number.like(f"{ORDER_PREFIX}%"), ~SalesOrder.number.like(f"{ORDER_PREFIX}%-%"))
        .order_by(func.length(SalesOrder.number).desc(), SalesOrder.number.desc())
        .limit(1)
    ).scalar()
    digits = (number or "")[len(ORDER_PREFIX) :]
    return int(digits) if digits.isdigit() else 0


def normalize_ref(ref: OrderRef) -> OrderRef:
    return ref if isinstance(ref, int) else ref.strip().upper()


def find_order_id(session: Session, ref: OrderRef) -> int:
    ref = normalize_ref(ref)
    if isinstance(ref, int):
        found = session.scalar(select(SalesOrder.id).where(SalesOrder.id == ref))
    else:
        found = session.scalar(select(SalesOrder.id).where(SalesOrder.number == ref))
    if found is None:
        raise NotFound(f"No order {ref}" if isinstance(ref, str) else f"No order with id {ref}")
    return found


def load_order(session: Session, ref: OrderRef, *, for_update: bool = True) -> SalesOrder:
    """The order with its lines; locked for the rest of the transaction when it is to be changed.

    The lock (FOR UPDATE on PostgreSQL; SQLite writers already hold the database
    from BEGIN IMMEDIATE) makes a second clerk wait and then see the state the
    first one left, so the second gets a clear "the order is shipped" refusal.
    """
    order_id = find_order_id(session, ref)
    query = (
        select(SalesOrder)
        .where(SalesOrder.id == order_id)
        .options(selectinload(SalesOrder.lines))
        .execution_options(populate_existing=True)
    )
    if for_update:
        query = query.with_for_update(of=SalesOrder)
    order = session.scalars(query).one()
    return order


def change_status(
    session: Session,
    user: str,
    order: SalesOrder,
    target: OrderStatus,
    reason: str = "",
    extra: Mapping[str, tuple[Any, Any]] | None = None,
) -> None:
    """Move the order to `target` if its current state allows it, and write the change to its timeline."""
    current = OrderStatus(order.status)
    check_transition(order.number, current, target)
    order.status = target.value
    stamp = _STAMPS.get(target)
    if stamp:
        setattr(order, stamp, utcnow())
    if target is not OrderStatus.ON_HOLD and order.hold_reasons:
        order.hold_reasons = []
    session.flush()
    audit.record(
        session,
        user,
        "order",
        order.id,
        "status",
        label=order.number,
        changes={"status": (current.value, target.value), **(extra or {})},
        reason=reason,
    )


def note(session: Session, user: str, order: SalesOrder, action: str, reason: str, **changes: tuple[Any, Any]) -> None:
    """A timeline entry that is not a state change (created, edited, split, merged, packing scan...)."""
    session.flush()
    audit.record(session, user, "order", order.id, action, label=order.number, changes=changes, reason=reason)


def source_doc(order: SalesOrder) -> SourceDoc:
    return SourceDoc(SOURCE_TYPE, order.id, order.number)


def recompute_totals(order: SalesOrder) -> None:
    """goods = Σ line net (each rounded on its line); total = goods + shipping fee."""
    order.goods_total = sum(line.net for line in order.lines)
    order.discount_total = sum(line.discount for line in order.lines)
    order.tax_total = sum(line.tax for line in order.lines)
    order.total = order.goods_total + order.shipping_fee


def order_search_text(
    order: SalesOrder, customer_name: str = "", skus: Iterable[str] = (), customer_phones: Iterable[str] = ()
) -> str:
    """What the order list's search box matches: numbers, buyer and recipient, the phones, SKUs."""
    phones = dict.fromkeys(re.sub(r"\D", "", p or "") for p in (order.ship_phone, *customer_phones))
    text = search_key(
        [order.ship_name, customer_name],
        [order.number, order.channel_order_no, *(p for p in phones if p), *skus],
    )
    # An index entry has a size limit on PostgreSQL (about 2.7 kB): an order of hundreds of
    # lines is found by its first SKUs, its number, buyer and phone.
    return text.encode("utf-8")[:SEARCH_TEXT_BYTES].decode("utf-8", errors="ignore")


def refresh_search_text(session: Session, order: SalesOrder) -> None:
    from shopdesk.db.models import Customer, CustomerPhone

    name, phones = "", []
    if order.customer_id is not None:
        name = session.scalar(select(Customer.name).where(Customer.id == order.customer_id)) or ""
        # The buyer's own phones too: the clerk types the number the customer calls from.
        phones = list(
            session.scalars(select(CustomerPhone.phone).where(CustomerPhone.customer_id == order.customer_id))
        )
    order.search_text = order_search_text(order, name, (line.sku for line in order.lines), phones)


def renumber_lines(lines: Iterable[SalesOrderLine]) -> None:
    for n, line in enumerate(lines, start=1):
        line.line_no = n


def refresh_customer_search_texts(session: Session, customer_id: int) -> int:
    """Rebuild the search text of a customer's orders (after erasing their name and phone); returns how many."""
    orders = session.scalars(
        select(SalesOrder).where(SalesOrder.customer_id == customer_id).options(selectinload(SalesOrder.lines))
    ).all()
    for order in orders:
        session.refresh(order, ["ship_name", "ship_phone"])  # a bulk UPDATE may have changed them behind the session
        refresh_search_text(session, order)
    session.flush()
    return len(orders)
