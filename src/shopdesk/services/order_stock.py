"""An order's stock: which warehouse and bins can serve it, reserving, releasing and shipping.

Works in the caller's transaction through the stock ledger (services/stock_ledger.py),
so an order's state and its reservation always change together. The ledger's
conditional UPDATE decides every reservation: if another clerk took the stock
between our look and our reservation, the reservation fails and the plan is
made again from what is left.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Location, StockBalance, StockReservation
from shopdesk.db.models.orders import SalesOrder
from shopdesk.domain.orders import OrderStatus
from shopdesk.domain.stock import PHYSICAL_KINDS, MoveKind, NotEnoughStock, allocate
from shopdesk.services import order_records
from shopdesk.services.locations import LocationRef, resolve_location, virtual_location
from shopdesk.services.order_records import source_doc
from shopdesk.services.stock_ledger import Ledger, ProductInfo, SourceDoc, Take, product_info

_ATTEMPTS = 3


@dataclass(frozen=True)
class PlannedTake:
    product_id: int
    location: LocationRef
    quantity: int


@dataclass
class Plan:
    """Where an order's units come from: one warehouse, bins in walking order."""

    warehouse_id: int
    warehouse_path: str
    takes: list[PlannedTake] = field(default_factory=list)
    covered: dict[int, int] = field(default_factory=dict)  # product id -> units found

    @property
    def units(self) -> int:
        return sum(self.covered.values())


def needs_of(order: SalesOrder) -> dict[int, int]:
    """Units per product the order's lines ask for."""
    needs: dict[int, int] = defaultdict(int)
    for line in order.lines:
        if line.product_id is not None:
            needs[line.product_id] += line.quantity
    return dict(needs)


def _free_stock(conn: Connection, product_ids: Iterable[int]) -> dict[int, dict[int, list[tuple[LocationRef, int]]]]:
    """warehouse id -> product id -> [(location, free units)] in walking (pick) order."""
    free = StockBalance.on_hand - StockBalance.reserved
    rows = conn.execute(
        select(
            StockBalance.product_id,
            free.label("free"),
            Location.id,
            Location.path,
            Location.kind,
            Location.code,
            Location.name,
            Location.warehouse_id,
            Location.pick_order,
        )
        .join(Location, Location.id == StockBalance.location_id)
        .where(
            StockBalance.product_id.in_(list(product_ids)),
            Location.kind.in_(PHYSICAL_KINDS),
            Location.active.is_(True),
            free > 0,
        )
        .order_by(Location.pick_order, Location.path)
    ).all()
    stock: dict[int, dict[int, list[tuple[LocationRef, int]]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        warehouse_id = r.id if r.kind == "warehouse" else r.warehouse_id
        ref = LocationRef(r.id, r.path, r.kind, r.code, r.name, warehouse_id, r.pick_order)
        stock[warehouse_id][r.product_id].append((ref, r.free))
    return stock


def _warehouses(conn: Connection) -> list[tuple[int, str]]:
    return [
        (r.id, r.path)
        for r in conn.execute(
            select(Location.id, Location.path)
            .where(Location.kind == "warehouse", Location.active.is_(True))
            .order_by(Location.path)
        )
    ]


def _plan_in(warehouse: tuple[int, str], needs: Mapping[int, int], stock: Mapping[int, list]) -> Plan:
    plan = Plan(*warehouse)
    for product_id, wanted in needs.items():
        left = wanted
        for location, free in stock.get(product_id, []):
            if left == 0:
                break
            qty = min(left, free)
            plan.takes.append(PlannedTake(product_id, location, qty))
            left -= qty
        plan.covered[product_id] = wanted - left
    return plan


def plans(conn: Connection, needs: Mapping[int, int]) -> list[Plan]:
    """One plan per warehouse, the warehouses in their usual order (the first is the main one)."""
    if not needs:
        return []
    stock = _free_stock(conn, needs)
    return [_plan_in(wh, needs, stock.get(wh[0], {})) for wh in _warehouses(conn)]


def whole_plan(conn: Connection, needs: Mapping[int, int]) -> Plan | None:
    """The first warehouse that can ship every unit of the order, or None."""
    total = sum(needs.values())
    return next((p for p in plans(conn, needs) if p.units == total), None)


def best_partial_plan(conn: Connection, needs: Mapping[int, int]) -> Plan | None:
    """The warehouse that can ship the most units now (None when none has any)."""
    best = max(plans(conn, needs), key=lambda p: p.units, default=None)
    return best if best is not None and best.units > 0 else None


def shortage_text(conn: Connection, needs: Mapping[int, int], skus: Mapping[int, str]) -> str:
    """'short 2 × MUG-01, 1 × TEE-M' for the warehouse closest to shipping the order."""
    best = max(plans(conn, needs), key=lambda p: p.units, default=None)
    covered = best.covered if best else {}
    parts = [f"{wanted - covered.get(pid, 0)} × {skus.get(pid, pid)}" for pid, wanted in needs.items()]
    short = [p for p, (pid, wanted) in zip(parts, needs.items(), strict=True) if covered.get(pid, 0) < wanted]
    return "short " + ", ".join(short) if short else ""


def reserve(session: Session, user: str, order: SalesOrder, needs: Mapping[int, int], *, whole: bool) -> Plan | None:
    """Reserve the order's needs (all of them, or as many as one warehouse has); None when nothing was reserved.

    The plan is made from the balances read now, then reserved in a savepoint; if
    another transaction got there first the savepoint is rolled back and the plan
    made again, so a failed attempt never leaves a part reserved.
    """
    conn = session.connection()
    ledger = Ledger.open(conn, user)
    doc = source_doc(order)
    for _ in range(_ATTEMPTS):
        plan = whole_plan(conn, needs) if whole else best_partial_plan(conn, needs)
        if plan is None:
            return None
        savepoint = session.begin_nested()
        # The SAVEPOINT is only emitted once the session hands out a connection for it; the ledger
        # works on `conn` directly, so without this a rollback would undo nothing of a failed plan.
        session.connection()
        try:
            for take in plan.takes:
                ledger.reserve(product_info(conn, take.product_id), take.location, take.quantity, doc)
        except NotEnoughStock:
            savepoint.rollback()
            continue
        savepoint.commit()
        return plan
    return None


def reservations(conn: Connection, doc: SourceDoc) -> list[tuple[int, int, int]]:
    """(product id, location id, quantity) held for the order."""
    return [
        tuple(r)  # type: ignore[misc]
        for r in conn.execute(
            select(StockReservation.product_id, StockReservation.location_id, StockReservation.quantity)
            .where(StockReservation.source_type == doc.type, StockReservation.source_id == doc.id)
            .order_by(StockReservation.product_id, StockReservation.location_id)
        )
    ]


def release_all(session: Session, user: str, order: SalesOrder) -> int:
    """Give back everything held for the order; returns the units released."""
    conn = session.connection()
    ledger = Ledger.open(conn, user)
    doc = source_doc(order)
    held = reservations(conn, doc)
    for product_id, location_id, quantity in held:
        ledger.release(product_info(conn, product_id), resolve_location(conn, location_id), quantity, doc)
    return sum(q for _, _, q in held)


def ship_reserved(session: Session, user: str, order: SalesOrder) -> dict[int, tuple[int, int]]:
    """Post the shipment moves that use up the order's reservation; product id -> (units, cost of goods)."""
    conn = session.connection()
    ledger = Ledger.open(conn, user)
    doc = source_doc(order)
    customer = virtual_location(conn, "customer")
    shipped: dict[int, tuple[int, int]] = {}
    for product_id, location_id, quantity in reservations(conn, doc):
        posted = ledger.post(
            product_info(conn, product_id),
            quantity,
            resolve_location(conn, location_id),
            customer,
            MoveKind.SHIPMENT,
            take=Take.RESERVED,
            order=doc,
            source=doc,
            reason=f"shipped {order.number}",
        )
        units, cost = shipped.get(product_id, (0, 0))
        shipped[product_id] = (units + quantity, cost + posted.value)
    return shipped


def cost_per_line(order: SalesOrder, shipped: Mapping[int, tuple[int, int]]) -> dict[int, int]:
    """Line id -> its part of the product's cost of goods (split by quantity; the parts add up exactly)."""
    by_product: dict[int, list] = defaultdict(list)
    for line in order.lines:
        if line.product_id is not None:
            by_product[line.product_id].append(line)
    costs: dict[int, int] = {}
    for product_id, lines in by_product.items():
        _, cost = shipped.get(product_id, (0, 0))
        for line, part in zip(lines, allocate(cost, [ln.quantity for ln in lines]), strict=True):
            costs[line.id] = part
    return costs


def release_beyond_on_hand(
    session: Session, user: str, product: ProductInfo, loc: LocationRef, on_hand_after: int, why: str
) -> list[str]:
    """A count or write-off leaves `on_hand_after` at a location: orders holding more than that lose it.

    The goods are not there, so their reservation cannot ship: allocated orders give back
    their whole reservation, newest first, until what stays reserved is on the shelf, and
    go back to confirmed, waiting for stock (each change in the order's timeline, like a
    deallocation). Returns their numbers. An order being picked or packed is not touched:
    if those still hold more than is left, NotEnoughStock names them and nothing changes.
    Reservations of other documents (not a sales order) are left to those documents.
    Call it with the product's valuation locked (Ledger.lock_valuation), before the move.
    """
    conn = session.connection()
    reserved = conn.execute(
        select(StockBalance.reserved).where(StockBalance.product_id == product.id, StockBalance.location_id == loc.id)
    ).scalar()
    short = (reserved or 0) - max(on_hand_after, 0)
    if short <= 0:
        return []
    holders = conn.execute(
        select(StockReservation.source_type, StockReservation.source_id, StockReservation.quantity)
        .where(StockReservation.product_id == product.id, StockReservation.location_id == loc.id)
        .order_by(StockReservation.source_id.desc())  # the newest order first
    ).all()
    released: list[str] = []
    kept: list[str] = []
    for source_type, source_id, quantity in holders:
        if short <= 0:
            break
        order = session.get(SalesOrder, source_id) if source_type == order_records.SOURCE_TYPE else None
        if order is None:  # held by another kind of document: it is left to that document
            continue
        if order.status != OrderStatus.ALLOCATED.value:  # being picked or packed: the goods may be in a tote
            kept.append(order.number)
            continue
        units = release_all(session, user, order)
        order.warehouse_id = None
        order_records.change_status(
            session,
            user,
            order,
            OrderStatus.CONFIRMED,
            f"lost its reservation ({units} unit(s)): {why}; waiting for stock",
        )
        released.append(order.number)
        short -= quantity
    if short > 0 and kept:
        raise NotEnoughStock(
            f"{product.sku} at {loc.path}: {short} more unit(s) are reserved than the count leaves, held by "
            f"{', '.join(kept)} (being picked or packed). Finish or put back those orders first; nothing was changed"
        )
    return released
