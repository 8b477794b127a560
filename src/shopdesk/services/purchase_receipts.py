"""Receiving goods against a purchase order, inside the purchasing service's unit of work.

`plan_receipt` checks every line of a delivery first (all problems at once);
`post_receipt` then, in the caller's transaction, raises each line's received
quantity with a conditional UPDATE (two clerks booking one delivery cannot
receive more than was ordered) and posts a receipt move at the line's unit cost
from the supplier location into the bin: the same move Inventory.receive
posts, here in one transaction with the purchase order's new state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Connection, Table, func, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import Product, PurchaseOrder, PurchaseOrderLine
from shopdesk.db.models.base import utcnow
from shopdesk.db.models.purchasing import PurchaseReceipt, PurchaseReceiptLine
from shopdesk.domain.errors import Conflict, NotFound, Problem, ValidationFailed
from shopdesk.domain.stock import MoveKind
from shopdesk.services.locations import LocationRef, default_bin, first_warehouse, resolve_location, virtual_location
from shopdesk.services.stock_ledger import Ledger, PostedMove, SourceDoc, product_info

LINE = cast(Table, PurchaseOrderLine.__table__)
SOURCE_TYPE = "purchase_order"  # how receipt moves name their purchase order


@dataclass(frozen=True)
class ReceiptLine:
    """Units arriving for one order line (named by line number or SKU), optionally into a bin and at another cost."""

    line: int | str
    quantity: int
    location: int | str | LocationRef | None = None
    unit_cost: int | None = None  # the invoice says otherwise: this cost goes into the valuation


@dataclass(frozen=True)
class ReceiptResult:
    number: str
    status: str
    receipt_id: int
    units: int
    value: int  # minor units: what the goods received cost
    moves: list[PostedMove] = field(default_factory=list)
    allocated_orders: list[str] = field(default_factory=list)  # sales orders that could now be allocated
    allocation_note: str = ""


@dataclass(frozen=True)
class PlannedLine:
    line: PurchaseOrderLine
    quantity: int
    location: LocationRef
    unit_cost: int


def whole_above_zero(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def cost_ok(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def plan_receipt(conn: Connection, po: PurchaseOrder, lines: Sequence[ReceiptLine]) -> list[PlannedLine]:
    """What goes where at what cost; ValidationFailed listing every bad line (nothing is received then)."""
    problems: list[Problem] = []
    if not lines:
        problems.append(Problem("lines", "say what arrived: at least one line and a quantity"))
    skus: dict[int, str] = dict(
        conn.execute(
            select(Product.id, func.upper(Product.sku)).where(Product.id.in_([ln.product_id for ln in po.lines]))
        ).all()
    )
    by_no = {ln.line_no: ln for ln in po.lines}
    by_sku = {skus[ln.product_id]: ln for ln in po.lines}
    warehouse = resolve_location(conn, po.warehouse_id) if po.warehouse_id else first_warehouse(conn)
    wanted: dict[int, int] = {}
    plan = []
    for item in lines:
        line = by_no.get(item.line) if isinstance(item.line, int) else by_sku.get(str(item.line).strip().upper())
        if line is None:
            problems.append(
                Problem(f"line {item.line}", f"{po.number} has no such line (give a line number or a SKU on it)")
            )
            continue
        where = f"line {line.line_no} ({skus[line.product_id]})"
        if not whole_above_zero(item.quantity):
            problems.append(Problem(where, "the quantity received is a whole number above zero", str(item.quantity)))
            continue
        if not cost_ok(item.unit_cost):
            problems.append(Problem(where, "the unit cost is zero or more, in minor units", str(item.unit_cost)))
            continue
        wanted[line.id] = wanted.get(line.id, 0) + item.quantity
        outstanding = line.quantity - line.received_qty
        if wanted[line.id] > outstanding:
            problems.append(
                Problem(
                    where,
                    f"{line.quantity} ordered, {line.received_qty} received: at most {outstanding} more can be received",
                    str(wanted[line.id]),
                )
            )
            continue
        location = _location(conn, item.location, line.product_id, warehouse, where, problems)
        if location is not None:
            plan.append(
                PlannedLine(line, item.quantity, location, line.unit_cost if item.unit_cost is None else item.unit_cost)
            )
    if problems:
        raise ValidationFailed(problems, f"Nothing was received on {po.number}")
    return plan


def _location(
    conn: Connection,
    given: int | str | LocationRef | None,
    product_id: int,
    warehouse: LocationRef | None,
    where: str,
    problems: list[Problem],
) -> LocationRef | None:
    if given is None:
        found = default_bin(conn, product_id, warehouse)
        if found is None:
            problems.append(
                Problem(where, "has no default bin in the delivery warehouse: say which bin the goods go to")
            )
        return found
    try:
        ref = resolve_location(conn, given)
    except NotFound as exc:
        problems.append(Problem(where, str(exc), str(given)))
        return None
    if not ref.is_physical:
        problems.append(Problem(where, "goods are received into a warehouse, zone or bin", ref.path))
        return None
    return ref


def post_receipt(
    session: Session, user: str, po: PurchaseOrder, plan: Sequence[PlannedLine], note: str
) -> tuple[PurchaseReceipt, list[PostedMove]]:
    """Write the receipt and its moves in the caller's transaction; the lines' received quantities are refreshed."""
    conn = session.connection()
    receipt = PurchaseReceipt(order_id=po.id, received_at=utcnow(), user=user, note=note.strip())
    session.add(receipt)
    session.flush()
    ledger = Ledger.open(conn, user)
    supplier = virtual_location(conn, "supplier")
    source = SourceDoc(SOURCE_TYPE, po.id, po.number)
    moves: list[PostedMove] = []
    for planned in plan:
        line, quantity = planned.line, planned.quantity
        claimed = conn.execute(
            update(LINE)
            .where(LINE.c.id == line.id, LINE.c.received_qty + quantity <= LINE.c.quantity)
            .values(received_qty=LINE.c.received_qty + quantity)
        ).rowcount
        if claimed != 1:  # another receipt of this line committed first
            raise Conflict(f"{po.number} line {line.line_no} was received by someone else meanwhile; reload it")
        posted = ledger.post(
            product_info(conn, line.product_id),
            quantity,
            supplier,
            planned.location,
            MoveKind.RECEIPT,
            value=quantity * planned.unit_cost,
            source=source,
            reason=f"{po.number} line {line.line_no}",
        )
        moves.append(posted)
        session.add(
            PurchaseReceiptLine(
                receipt_id=receipt.id,
                order_line_id=line.id,
                quantity=quantity,
                unit_cost=planned.unit_cost,
                location_id=planned.location.id,
                move_id=posted.id,
            )
        )
    for line in po.lines:
        session.refresh(line, attribute_names=["received_qty"])
    return receipt, moves
