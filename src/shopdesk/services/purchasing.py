"""Purchasing use cases (采购): purchase orders from draft to closed, and receipts against them (入库).

draft → ordered → partially received → received → closed, or cancelled
(domain/purchasing.py). Every state change is written to the audit trail in
the same transaction. A receipt brings part or all of some lines: in ONE
transaction it posts a receipt move per line at the line's unit cost (so the
cost feeds the valuation: the moving average or a new FIFO layer), into the bin
given or the product's default bin in the order's warehouse, raises the
lines' received quantities and moves the order's state
(services/purchase_receipts.py). After the commit, confirmed sales orders
waiting for stock are allocated (OrderFlow.allocate_waiting).

Reading (detail, list, on order, the PDF for the supplier) is in
services/purchase_queries.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session, selectinload

from shopdesk.db.models import ProductSupplier, PurchaseOrder, PurchaseOrderLine, Supplier
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Conflict, NotFound, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.purchasing import RECEIVABLE, PoStatus, check_transition, status_after_receipt
from shopdesk.services import audit
from shopdesk.services.access import guarded
from shopdesk.services.doc_numbers import take_number
from shopdesk.services.locations import LocationRef, first_warehouse, resolve_location
from shopdesk.services.purchase_queries import PurchaseQueries, find_po_id
from shopdesk.services.purchase_receipts import (
    ReceiptLine,
    ReceiptResult,
    cost_ok,
    order_lines,
    plan_receipt,
    post_receipt,
    whole_above_zero,
)
from shopdesk.services.stock_ledger import product_info, style_message

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

__all__ = ["PoLineDraft", "Purchasing", "ReceiptLine", "ReceiptResult"]

PO_SEQUENCE = "purchase_order"
PO_PREFIX = "PO-"
PoRef = int | str  # an id, or a number (PO-000001, any case)


@dataclass(frozen=True)
class PoLineDraft:
    """A line to order: a product (id, SKU or barcode), a quantity, and a unit cost in minor units.

    Without a unit cost, the supplier's cost for the product is used, else the product's cost.
    """

    product: int | str
    quantity: int
    unit_cost: int | None = None


class Purchasing(PurchaseQueries):
    """Purchase orders and receipts; the reading side comes from PurchaseQueries."""

    def __init__(self, shop: Shop):
        super().__init__(shop)

    # Creating ------------------------------------------------------------------------
    @guarded(Permission.PURCHASE, "create purchase orders")
    def create(
        self,
        supplier: int | str,
        lines: Sequence[PoLineDraft],
        *,
        warehouse: int | str | None = None,
        expected_date: date | None = None,
        notes: str = "",
        reason: str = "",
    ) -> str:
        """A draft purchase order to a supplier (id or code); returns its number. Every problem is listed at once."""
        with self.db.uow() as uow:
            session = uow.session
            conn = session.connection()
            problems: list[Problem] = []
            supplier_row = _supplier(session, supplier, problems)
            wh = self._warehouse(conn, warehouse, problems)
            if not lines:
                problems.append(Problem("lines", "a purchase order needs at least one line"))
            prepared = self._prepare_lines(conn, supplier_row, lines, problems, start=1)
            if problems:
                raise ValidationFailed(problems, "Purchase order not created")
            assert supplier_row is not None
            po = PurchaseOrder(
                number=take_number(conn, PO_SEQUENCE, PO_PREFIX, PurchaseOrder.number),
                supplier_id=supplier_row.id,
                status=PoStatus.DRAFT.value,
                warehouse_id=wh.id if wh else None,
                currency=str(self.shop.money.currency),
                expected_date=expected_date,
                notes=notes.strip(),
                user=self.shop.user,
                lines=prepared,
            )
            session.add(po)
            session.flush()
            audit.record(
                session,
                self.shop.user,
                "purchase_order",
                po.id,
                "created",
                label=po.number,
                changes={"status": (None, po.status), "supplier": (None, supplier_row.code)},
                reason=reason,
            )
            uow.commit()
            return po.number

    @guarded(Permission.PURCHASE, "change purchase orders")
    def add_line(self, ref: PoRef, line: PoLineDraft) -> int:
        """Add a line to a draft purchase order; returns its line number."""
        with self.db.uow() as uow:
            po = self._load(uow.session, ref)
            if po.status != PoStatus.DRAFT:
                raise Conflict(f"Purchase order {po.number} is {po.status}: only a draft can be changed")
            problems: list[Problem] = []
            supplier_row = uow.session.get(Supplier, po.supplier_id)
            start = max((ln.line_no for ln in po.lines), default=0) + 1
            prepared = self._prepare_lines(uow.session.connection(), supplier_row, [line], problems, start=start)
            taken = {ln.product_id for ln in po.lines}
            if prepared and prepared[0].product_id in taken:
                problems.append(Problem(f"line {start}", "this product is on the order already: change that line"))
            if problems:
                raise ValidationFailed(problems, f"Line not added to {po.number}")
            po.lines.append(prepared[0])
            uow.commit()
            return start

    def _prepare_lines(
        self,
        conn: Connection,
        supplier_row: Supplier | None,
        lines: Sequence[PoLineDraft],
        problems: list[Problem],
        *,
        start: int,
    ) -> list[PurchaseOrderLine]:
        prepared: list[PurchaseOrderLine] = []
        seen: dict[int, int] = {}
        for offset, line in enumerate(lines):
            where = f"line {start + offset}"
            try:
                info = product_info(conn, line.product)
            except NotFound as exc:
                problems.append(Problem(where, str(exc), str(line.product)))
                continue
            if info.is_parent:  # a style: the supplier delivers (and the shelves hold) its variants
                problems.append(Problem(where, style_message(conn, info.id, info.sku, "order"), info.sku))
                continue
            if not whole_above_zero(line.quantity):
                problems.append(Problem(where, "the quantity is a whole number above zero", str(line.quantity)))
            if not cost_ok(line.unit_cost):
                problems.append(Problem(where, "the unit cost is zero or more, in minor units", str(line.unit_cost)))
            if info.id in seen:
                problems.append(Problem(where, f"{info.sku} is already on line {seen[info.id]}", info.sku))
            seen[info.id] = start + offset
            link = None
            if supplier_row is not None:
                link = conn.execute(
                    select(ProductSupplier.cost, ProductSupplier.supplier_sku).where(
                        ProductSupplier.product_id == info.id, ProductSupplier.supplier_id == supplier_row.id
                    )
                ).first()
            unit_cost = line.unit_cost
            if unit_cost is None:
                unit_cost = link.cost if link is not None and link.cost is not None else info.cost
            prepared.append(
                PurchaseOrderLine(
                    line_no=start + offset,
                    product_id=info.id,
                    supplier_sku=link.supplier_sku if link is not None else "",
                    quantity=line.quantity,
                    unit_cost=unit_cost,
                    received_qty=0,
                )
            )
        return prepared

    def _warehouse(self, conn: Connection, warehouse: int | str | None, problems: list[Problem]) -> LocationRef | None:
        if warehouse is None:
            return first_warehouse(conn)
        try:
            ref = resolve_location(conn, warehouse)
        except NotFound as exc:
            problems.append(Problem("warehouse", str(exc), str(warehouse)))
            return None
        if ref.kind != "warehouse":
            problems.append(Problem("warehouse", "goods are delivered to a warehouse", ref.path))
            return None
        return ref

    # State changes ---------------------------------------------------------------------
    @guarded(Permission.PURCHASE, "order from suppliers")
    def order(self, ref: PoRef, reason: str = "") -> str:
        """draft → ordered: the order is sent to the supplier; returns the new state."""

        def step(session: Session, po: PurchaseOrder) -> None:
            if not po.lines:
                raise ShopDeskError(f"Purchase order {po.number} has no lines to order")
            po.ordered_at = utcnow()
            self._change(session, po, PoStatus.ORDERED, reason or "sent to the supplier")

        return self._with_po(ref, step)

    @guarded(Permission.PURCHASE, "close purchase orders")
    def close(self, ref: PoRef, reason: str = "") -> str:
        """received → closed; a partially received order can be closed too, with a reason (the rest is not coming)."""

        def step(session: Session, po: PurchaseOrder) -> None:
            if po.status == PoStatus.PARTIALLY_RECEIVED and not reason.strip():
                raise ValidationFailed(
                    [Problem("reason", "say why the rest will not be delivered (closing a partly received order)")],
                    f"{po.number} not closed",
                )
            po.closed_at = utcnow()
            self._change(session, po, PoStatus.CLOSED, reason or "complete")

        return self._with_po(ref, step)

    @guarded(Permission.PURCHASE, "cancel purchase orders")
    def cancel(self, ref: PoRef, reason: str) -> str:
        """draft or ordered → cancelled (nothing received yet); a reason is required."""
        if not reason.strip():
            raise ValidationFailed([Problem("reason", "say why the purchase order is cancelled")], "Not cancelled")

        def step(session: Session, po: PurchaseOrder) -> None:
            self._change(session, po, PoStatus.CANCELLED, reason)

        return self._with_po(ref, step)

    def _with_po(self, ref: PoRef, step) -> str:  # type: ignore[no-untyped-def]
        with self.db.uow() as uow:
            po = self._load(uow.session, ref)
            step(uow.session, po)
            uow.commit()
            return po.status

    def _load(self, session: Session, ref: PoRef, *, with_lines: bool = True) -> PurchaseOrder:
        """The order (with its lines), locked for the rest of the transaction (a second clerk waits, then sees it)."""
        po_id = find_po_id(session.connection(), ref)
        query = select(PurchaseOrder).where(PurchaseOrder.id == po_id)
        if with_lines:
            query = query.options(selectinload(PurchaseOrder.lines))
        return session.scalars(query.execution_options(populate_existing=True).with_for_update(of=PurchaseOrder)).one()

    def _change(self, session: Session, po: PurchaseOrder, target: PoStatus, reason: str) -> None:
        current = PoStatus(po.status)
        check_transition(po.number, current, target)
        if current == target:
            return
        po.status = target.value
        audit.record(
            session,
            self.shop.user,
            "purchase_order",
            po.id,
            "status",
            label=po.number,
            changes={"status": (current.value, target.value)},
            reason=reason,
        )

    # Receiving -----------------------------------------------------------------------
    @guarded(Permission.MOVE_STOCK, "receive goods")
    def receive(self, ref: PoRef, lines: Sequence[ReceiptLine], *, note: str = "") -> ReceiptResult:
        """Book goods arriving against an ordered purchase order (part of a line, or several lines).

        All lines are checked first and every problem is reported; nothing is
        received unless all are good. Then the goods go in at each line's unit
        cost, in one transaction with the order's new state; after that, sales
        orders waiting for stock are allocated.
        """
        with self.db.uow() as uow:
            session = uow.session
            po = self._load(session, ref, with_lines=False)  # a 1,000-line order: its lines are read with Core
            if PoStatus(po.status) not in RECEIVABLE:
                state = po.status.replace("_", " ")
                raise Conflict(
                    f"Purchase order {po.number} is {state}: goods are received against an ordered one (order it first)"
                    if po.status == PoStatus.DRAFT
                    else f"Purchase order {po.number} is {state}: nothing more can be received"
                )
            on_order = order_lines(session.connection(), po.id)
            plan = plan_receipt(session.connection(), po, on_order, lines)
            receipt, moves = post_receipt(session, self.shop.user, po, on_order, plan, note)
            po.received_at = receipt.received_at
            target = status_after_receipt([(ln.quantity, ln.received_qty) for ln in on_order])
            units = sum(m.quantity for m in moves)
            why = f"received {units} unit(s)" + (f": {note.strip()}" if note.strip() else "")
            self._change(session, po, target, why)
            uow.commit()
            result = ReceiptResult(po.number, po.status, receipt.id, units, sum(m.value for m in moves), moves)
        return self._allocate_backorders(result)

    @guarded(Permission.MOVE_STOCK, "receive goods")
    def receive_all(self, ref: PoRef, *, location: int | str | None = None, note: str = "") -> ReceiptResult:
        """Receive everything still outstanding (into `location`, or each product's default bin)."""
        view = self.get(ref)
        lines = [ReceiptLine(ln.line_no, ln.outstanding, location) for ln in view.lines if ln.outstanding > 0]
        if not lines:
            raise Conflict(f"Nothing is outstanding on {view.number}")
        return self.receive(view.id, lines, note=note)

    def _allocate_backorders(self, result: ReceiptResult) -> ReceiptResult:
        """Sales orders waiting for stock get it now (the receipt is committed whatever happens here)."""
        try:
            done = self.shop.order_flow.allocate_waiting()
        except ShopDeskError as exc:
            return replace(result, allocation_note=f"waiting orders not allocated: {exc}")
        return replace(result, allocated_orders=[r.number for r in done])


def _supplier(session: Session, supplier: int | str, problems: list[Problem]) -> Supplier | None:
    if isinstance(supplier, int) and not isinstance(supplier, bool):
        row = session.get(Supplier, supplier)
    else:
        row = session.scalar(select(Supplier).where(func.upper(Supplier.code) == str(supplier).strip().upper()))
    if row is None:
        problems.append(Problem("supplier", "no such supplier (give its code or id)", str(supplier)))
    elif row.archived:
        problems.append(Problem("supplier", "this supplier is archived", row.code))
        return None
    return row
