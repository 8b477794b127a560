"""Receiving goods against a purchase order, inside the purchasing service's unit of work.

`plan_receipt` checks every line of a delivery first (all problems at once);
`post_receipt` then, in the caller's transaction and set-based (a 1,000-line
delivery is a handful of statements, no query per line): posts the receipt moves
at each line's unit cost from the supplier location into the bins through the
bulk receipt (services/stock_bulk.py: balances, moving average or FIFO layers,
the stores' outbox), inserts the receipt lines in one go, and raises the order
lines' received quantities from them with one conditional UPDATE … FROM (two
clerks booking one delivery cannot receive more than was ordered: the second gets
a Conflict and writes nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Connection, Table, func, insert, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import Product, ProductWarehouse, PurchaseOrder, PurchaseOrderLine
from shopdesk.db.models.base import utcnow
from shopdesk.db.models.purchasing import PurchaseReceipt, PurchaseReceiptLine
from shopdesk.domain.errors import Conflict, NotFound, Problem, ValidationFailed
from shopdesk.services.locations import LocationRef, first_warehouse, resolve_location
from shopdesk.services.stock_bulk import ReceiptLine as BulkLine
from shopdesk.services.stock_bulk import receive_lines
from shopdesk.services.stock_ledger import PostedMove, SourceDoc, style_message

LINE = cast(Table, PurchaseOrderLine.__table__)
RECEIPT_LINE = cast(Table, PurchaseReceiptLine.__table__)
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


@dataclass
class OrderLine:
    """A purchase order line as receiving needs it (read with Core: no ORM object per line of a big order)."""

    id: int
    line_no: int
    product_id: int
    quantity: int
    unit_cost: int
    received_qty: int


def order_lines(conn: Connection, order_id: int) -> list[OrderLine]:
    """The order's lines, by line number (the order itself is locked by the caller: they cannot change meanwhile)."""
    rows = conn.execute(
        select(LINE.c.id, LINE.c.line_no, LINE.c.product_id, LINE.c.quantity, LINE.c.unit_cost, LINE.c.received_qty)
        .where(LINE.c.order_id == order_id)
        .order_by(LINE.c.line_no)
    )
    return [OrderLine(*row) for row in rows]


@dataclass(frozen=True)
class PlannedLine:
    line: OrderLine
    quantity: int
    location: LocationRef
    unit_cost: int


def whole_above_zero(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def cost_ok(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def plan_receipt(
    conn: Connection, po: PurchaseOrder, on_order: Sequence[OrderLine], lines: Sequence[ReceiptLine]
) -> list[PlannedLine]:
    """What goes where at what cost; ValidationFailed listing every bad line (nothing is received then).

    `on_order` are the order's lines (order_lines), read after the order was locked.
    """
    problems: list[Problem] = []
    if not lines:
        problems.append(Problem("lines", "say what arrived: at least one line and a quantity"))
    skus = _Skus(conn, po.id, on_order)
    by_no = {ln.line_no: ln for ln in on_order}
    styles = _styles(conn, po.id)
    warehouse = resolve_location(conn, po.warehouse_id) if po.warehouse_id else first_warehouse(conn)
    places = _Places(conn, po.id, warehouse)
    wanted: dict[int, int] = {}
    plan = []
    for item in lines:
        line = by_no.get(item.line) if isinstance(item.line, int) else skus.line(item.line)
        if line is None:
            problems.append(
                Problem(f"line {item.line}", f"{po.number} has no such line (give a line number or a SKU on it)")
            )
            continue
        if line.product_id in styles:  # it became a style after it was ordered: its variants take the stock
            sku, message = styles[line.product_id]
            problems.append(Problem(skus.where(line), message, sku))
            continue
        if not whole_above_zero(item.quantity):
            problems.append(
                Problem(skus.where(line), "the quantity received is a whole number above zero", str(item.quantity))
            )
            continue
        if not cost_ok(item.unit_cost):
            problems.append(
                Problem(skus.where(line), "the unit cost is zero or more, in minor units", str(item.unit_cost))
            )
            continue
        wanted[line.id] = wanted.get(line.id, 0) + item.quantity
        outstanding = line.quantity - line.received_qty
        if wanted[line.id] > outstanding:
            problems.append(
                Problem(
                    skus.where(line),
                    f"{line.quantity} ordered, {line.received_qty} received: at most {outstanding} more can be received",
                    str(wanted[line.id]),
                )
            )
            continue
        location = places.find(item.location, line, skus, problems)
        if location is not None:
            plan.append(
                PlannedLine(line, item.quantity, location, line.unit_cost if item.unit_cost is None else item.unit_cost)
            )
    if problems:
        raise ValidationFailed(problems, f"Nothing was received on {po.number}")
    return plan


def _styles(conn: Connection, order_id: int) -> dict[int, tuple[str, str]]:
    """Products on the order that are styles now (none, usually): their SKU and what to say about each."""
    rows = conn.execute(
        select(Product.id, Product.sku)
        .join(LINE, LINE.c.product_id == Product.id)
        .where(LINE.c.order_id == order_id, Product.is_parent)
        .distinct()
    )
    return {product_id: (sku, style_message(conn, product_id, sku)) for product_id, sku in rows}


class _Skus:
    """The SKUs of the order's products, read when a line is named by SKU or a problem must name one."""

    def __init__(self, conn: Connection, order_id: int, on_order: Sequence[OrderLine]):
        self.conn = conn
        self.order_id = order_id
        self.on_order = on_order
        self._skus: dict[int, str] | None = None
        self._by_sku: dict[str, OrderLine] | None = None

    def _read(self) -> dict[int, str]:
        if self._skus is None:
            rows = self.conn.execute(
                select(Product.id, func.upper(Product.sku))
                .join(LINE, LINE.c.product_id == Product.id)
                .where(LINE.c.order_id == self.order_id)
            )
            self._skus = {product_id: sku for product_id, sku in rows}
        return self._skus

    def line(self, sku: object) -> OrderLine | None:
        if self._by_sku is None:
            skus = self._read()
            self._by_sku = {skus[ln.product_id]: ln for ln in self.on_order}
        return self._by_sku.get(str(sku).strip().upper())

    def where(self, line: OrderLine) -> str:
        """How a problem names the line: "line 3 (TEA-01)"."""
        return f"line {line.line_no} ({self._read()[line.product_id]})"


class _Places:
    """Where received goods go: the bin named (each name resolved once) or the product's default bin in the
    delivery warehouse (all of them read in one query), so a 1,000-line delivery costs no query per line."""

    def __init__(self, conn: Connection, order_id: int, warehouse: LocationRef | None):
        self.conn = conn
        self.order_id = order_id
        self.warehouse = warehouse
        self.named: dict[object, LocationRef | NotFound] = {}
        self.default_bins: dict[int, int] | None = None
        self.bins: dict[int, LocationRef] = {}

    def _default_bin(self, product_id: int) -> LocationRef | None:
        if self.warehouse is None:
            return None
        if self.default_bins is None:
            rows = self.conn.execute(
                select(ProductWarehouse.product_id, ProductWarehouse.default_bin_id).where(
                    ProductWarehouse.warehouse_id == self.warehouse.id,
                    ProductWarehouse.product_id.in_(select(LINE.c.product_id).where(LINE.c.order_id == self.order_id)),
                    ProductWarehouse.default_bin_id.is_not(None),
                )
            )
            self.default_bins = {product_id: bin_id for product_id, bin_id in rows if bin_id is not None}
        bin_id = self.default_bins.get(product_id)
        if bin_id is None:
            return None
        if bin_id not in self.bins:
            self.bins[bin_id] = resolve_location(self.conn, bin_id)
        return self.bins[bin_id]

    def find(
        self, given: int | str | LocationRef | None, line: OrderLine, skus: _Skus, problems: list[Problem]
    ) -> LocationRef | None:
        if given is None:
            found = self._default_bin(line.product_id)
            if found is None:
                problems.append(
                    Problem(
                        skus.where(line), "has no default bin in the delivery warehouse: say which bin the goods go to"
                    )
                )
            return found
        if given not in self.named:
            try:
                self.named[given] = resolve_location(self.conn, given)
            except NotFound as exc:
                self.named[given] = exc
        ref = self.named[given]
        if isinstance(ref, NotFound):
            problems.append(Problem(skus.where(line), str(ref), str(given)))
            return None
        if not ref.is_physical:
            problems.append(Problem(skus.where(line), "goods are received into a warehouse, zone or bin", ref.path))
            return None
        return ref


def post_receipt(
    session: Session,
    user: str,
    po: PurchaseOrder,
    on_order: Sequence[OrderLine],
    plan: Sequence[PlannedLine],
    note: str,
) -> tuple[PurchaseReceipt, list[PostedMove]]:
    """Write the receipt and its moves in the caller's transaction, set-based (a 1,000-line delivery is a few
    statements, not thousands): the moves posted by the bulk receipt (services/stock_bulk.py: balances,
    valuation and FIFO layers as Ledger.post keeps them), the receipt lines inserted in one go, then the
    lines' received quantities raised by what the receipt lines say, in one UPDATE, never above what was
    ordered (Conflict, and the caller's transaction writes nothing).
    """
    conn = session.connection()
    receipt = PurchaseReceipt(order_id=po.id, received_at=utcnow(), user=user, note=note.strip())
    session.add(receipt)
    session.flush()
    moves = receive_lines(
        conn,
        user,
        [
            BulkLine(
                planned.line.product_id,
                planned.quantity,
                planned.location,
                planned.quantity * planned.unit_cost,
                reason=f"{po.number} line {planned.line.line_no}",
            )
            for planned in plan
        ],
        source=SourceDoc(SOURCE_TYPE, po.id, po.number),
        moved_at=receipt.received_at,
        products_checked=True,  # on the order's lines, and plan_receipt refused styles
    )
    if plan:
        conn.execute(
            insert(RECEIPT_LINE),
            [
                {
                    "receipt_id": receipt.id,
                    "order_line_id": planned.line.id,
                    "quantity": planned.quantity,
                    "unit_cost": planned.unit_cost,
                    "location_id": planned.location.id,
                    "move_id": move_id,
                }
                for planned, move_id in zip(plan, moves, strict=True)
            ],
        )
    per_line: dict[int, int] = {}
    for planned in plan:
        per_line[planned.line.id] = per_line.get(planned.line.id, 0) + planned.quantity
    _claim(conn, po.number, receipt.id, on_order, per_line)
    for line in on_order:  # read under the order's lock: they learn their new quantities without a reload
        line.received_qty += per_line.get(line.id, 0)
    posted = [
        PostedMove(move_id, planned.quantity, planned.quantity * planned.unit_cost)
        for planned, move_id in zip(plan, moves, strict=True)
    ]
    return receipt, posted


def _claim(
    conn: Connection, number: str, receipt_id: int, on_order: Sequence[OrderLine], per_line: dict[int, int]
) -> None:
    """Raise the lines' received quantities by what the receipt's lines brought, never above what was ordered.

    One conditional UPDATE … FROM for the whole receipt (PostgreSQL, and SQLite since 3.33), not
    one per line: a line it leaves alone was received by another receipt first (Conflict).
    """
    if not per_line:
        return
    arrived = (
        select(RECEIPT_LINE.c.order_line_id, func.sum(RECEIPT_LINE.c.quantity).label("quantity"))
        .where(RECEIPT_LINE.c.receipt_id == receipt_id)
        .group_by(RECEIPT_LINE.c.order_line_id)
        .subquery()
    )
    claimed = conn.execute(
        update(LINE)
        .where(LINE.c.id == arrived.c.order_line_id, LINE.c.received_qty + arrived.c.quantity <= LINE.c.quantity)
        .values(received_qty=LINE.c.received_qty + arrived.c.quantity)
    ).rowcount
    if claimed == len(per_line):
        return
    # Which line did another receipt take first?
    expected = {line.id: line.received_qty + per_line[line.id] for line in on_order if line.id in per_line}
    now = dict(conn.execute(select(LINE.c.id, LINE.c.received_qty).where(LINE.c.id.in_(list(per_line)))).all())
    for line in on_order:
        if line.id in expected and now.get(line.id) != expected[line.id]:
            raise Conflict(f"{number} line {line.line_no} was received by someone else meanwhile; reload it")
    raise Conflict(f"{number} was received by someone else meanwhile; reload it")  # pragma: no cover
