"""Reading purchase orders: one order with its lines, the list, what is on order, and the PDF for the supplier."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from shopdesk.db.models import Location, Product, PurchaseOrder, PurchaseOrderLine, Supplier
from shopdesk.documents.data import Address, PurchaseOrderDocument
from shopdesk.documents.data import PurchaseOrderLine as DocumentLine
from shopdesk.documents.purchase_order import render_purchase_order
from shopdesk.domain.errors import NotFound, ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.domain.purchasing import OPEN

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

_OPEN = tuple(s.value for s in OPEN)


@dataclass(frozen=True)
class PoLineView:
    id: int
    line_no: int
    product_id: int
    sku: str
    name: str
    unit: str
    supplier_sku: str
    quantity: int
    unit_cost: int | None  # minor units; None for a role without VIEW_COSTS
    received_qty: int

    @property
    def outstanding(self) -> int:
        return max(0, self.quantity - self.received_qty)

    @property
    def line_total(self) -> int | None:
        return None if self.unit_cost is None else self.quantity * self.unit_cost


@dataclass(frozen=True)
class PoView:
    id: int
    number: str
    status: str
    supplier_id: int
    supplier_code: str
    supplier_name: str
    warehouse: str
    currency: str
    expected_date: date | None
    notes: str
    user: str
    created_at: datetime
    ordered_at: datetime | None
    received_at: datetime | None
    closed_at: datetime | None
    lines: list[PoLineView] = field(default_factory=list)

    @property
    def total(self) -> int | None:
        totals = [line.line_total for line in self.lines]
        return None if None in totals else sum(t for t in totals if t is not None)

    @property
    def outstanding_units(self) -> int:
        return sum(line.outstanding for line in self.lines)


@dataclass(frozen=True)
class PoRow:
    """One line of the purchase order list."""

    id: int
    number: str
    status: str
    supplier: str
    created_at: datetime
    expected_date: date | None
    lines: int
    total: int | None  # None for a role without VIEW_COSTS
    ordered_units: int
    received_units: int


def find_po_id(conn: Connection, ref: int | str) -> int:
    """A purchase order's id from its id or number (PO-000001, any case)."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        found = conn.execute(select(PurchaseOrder.id).where(PurchaseOrder.id == ref)).scalar()
        if found is None:
            raise NotFound(f"No purchase order with id {ref}")
        return found
    number = str(ref).strip().upper()
    found = conn.execute(select(PurchaseOrder.id).where(PurchaseOrder.number == number)).scalar()
    if found is None:
        raise NotFound(f"No purchase order {number} (`shopdesk po list` shows them)")
    return found


class PurchaseQueries:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    def get(self, ref: int | str) -> PoView:
        """One purchase order with its lines; without VIEW_COSTS (warehouse staff receiving it) no costs."""
        with self.db.read() as conn:
            view = _view(conn, find_po_id(conn, ref))
        if self.shop.can(Permission.VIEW_COSTS):
            return view
        return replace(view, lines=[replace(line, unit_cost=None) for line in view.lines])

    def list_orders(
        self, *, status: str | Iterable[str] | None = None, supplier: str | None = None, limit: int = 500
    ) -> list[PoRow]:
        """Purchase orders, newest first; filtered by state(s) ("open" for draft/ordered/partly received) and supplier."""
        line = PurchaseOrderLine
        query = (
            select(
                PurchaseOrder.id,
                PurchaseOrder.number,
                PurchaseOrder.status,
                Supplier.name,
                PurchaseOrder.created_at,
                PurchaseOrder.expected_date,
                func.count(line.id),
                func.coalesce(func.sum(line.quantity * line.unit_cost), 0),
                func.coalesce(func.sum(line.quantity), 0),
                func.coalesce(func.sum(line.received_qty), 0),
            )
            .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
            .outerjoin(line, line.order_id == PurchaseOrder.id)
            .group_by(PurchaseOrder.id, PurchaseOrder.number, PurchaseOrder.status, Supplier.name)
            .group_by(PurchaseOrder.created_at, PurchaseOrder.expected_date)
            .order_by(PurchaseOrder.id.desc())
            .limit(limit)
        )
        if status is not None:
            states = _OPEN if status == "open" else (status,) if isinstance(status, str) else tuple(status)
            query = query.where(PurchaseOrder.status.in_(states))
        if supplier:
            query = query.where(func.upper(Supplier.code) == supplier.strip().upper())
        costs = self.shop.can(Permission.VIEW_COSTS)
        with self.db.read() as conn:
            return [
                PoRow(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), int(r[7]) if costs else None, int(r[8]), int(r[9]))
                for r in conn.execute(query)
            ]

    def on_order(self, product_ids: Iterable[int] | None = None) -> dict[int, int]:
        """Units still expected per product from open purchase orders (drafts included: they are planned)."""
        with self.db.read() as conn:
            return on_order(conn, product_ids)

    def document(self, ref: int | str) -> PurchaseOrderDocument:
        """The purchase order as a printable document (plain values for documents/purchase_order.py);
        it shows the purchase costs, so it needs VIEW_COSTS."""
        self.shop.require(Permission.VIEW_COSTS, "print purchase orders (they show purchase costs)")
        with self.db.read() as conn:
            view = _view(conn, find_po_id(conn, ref))
            supplier = conn.execute(select(Supplier.__table__).where(Supplier.id == view.supplier_id)).one()
        shop_name = str(self.shop.setting("name") or "")
        sender = str(self.shop.setting("sender_address") or "")
        when = view.ordered_at or view.created_at
        return PurchaseOrderDocument(
            number=view.number,
            supplier=Address(
                name=supplier.contact,
                company=supplier.name,
                lines=tuple(supplier.address.splitlines()),
                phone=supplier.phone,
            ),
            buyer=Address(name=shop_name, lines=tuple(sender.splitlines())),
            lines=tuple(
                DocumentLine(
                    sku=ln.sku,
                    name=ln.name,
                    quantity=ln.quantity,
                    unit_cost=ln.unit_cost or 0,  # never None here: VIEW_COSTS was required
                    line_total=ln.line_total or 0,
                    supplier_sku=ln.supplier_sku,
                    unit=ln.unit,
                )
                for ln in view.lines
            ),
            total=view.total or 0,
            currency=view.currency,
            order_date=when.date().isoformat(),
            expected_date=view.expected_date.isoformat() if view.expected_date else "",
            notes=view.notes,
            contact=" ".join(p for p in (supplier.email,) if p),
        )

    def purchase_order_pdf(self, ref: int | str, path: str | Path) -> Path:
        """Write the purchase order as an A4 PDF to send to the supplier; returns the path written."""
        target = Path(path)
        data = render_purchase_order(self.document(ref))
        try:
            target.write_bytes(data)
        except OSError as exc:
            raise ShopDeskError(f"Cannot write {target}: {exc.strerror or exc}") from exc
        return target


def on_order(conn: Connection, product_ids: Iterable[int] | None = None) -> dict[int, int]:
    line = PurchaseOrderLine
    outstanding = func.sum(line.quantity - line.received_qty)
    query = (
        select(line.product_id, outstanding)
        .join(PurchaseOrder, PurchaseOrder.id == line.order_id)
        .where(PurchaseOrder.status.in_(_OPEN), line.quantity > line.received_qty)
        .group_by(line.product_id)
    )
    if product_ids is not None:
        query = query.where(line.product_id.in_(list(product_ids)))
    return {pid: int(qty) for pid, qty in conn.execute(query)}


def _view(conn: Connection, po_id: int) -> PoView:
    order = conn.execute(
        select(
            PurchaseOrder.__table__,
            Supplier.code.label("supplier_code"),
            Supplier.name.label("supplier_name"),
            func.coalesce(Location.path, "").label("warehouse_path"),
        )
        .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
        .outerjoin(Location, Location.id == PurchaseOrder.warehouse_id)
        .where(PurchaseOrder.id == po_id)
    ).one()
    lines = conn.execute(
        select(
            PurchaseOrderLine.id,
            PurchaseOrderLine.line_no,
            PurchaseOrderLine.product_id,
            Product.sku,
            Product.name,
            Product.unit,
            PurchaseOrderLine.supplier_sku,
            PurchaseOrderLine.quantity,
            PurchaseOrderLine.unit_cost,
            PurchaseOrderLine.received_qty,
        )
        .join(Product, Product.id == PurchaseOrderLine.product_id)
        .where(PurchaseOrderLine.order_id == po_id)
        .order_by(PurchaseOrderLine.line_no)
    )
    return PoView(
        order.id,
        order.number,
        order.status,
        order.supplier_id,
        order.supplier_code,
        order.supplier_name,
        order.warehouse_path,
        order.currency,
        order.expected_date,
        order.notes,
        order.user,
        order.created_at,
        order.ordered_at,
        order.received_at,
        order.closed_at,
        [PoLineView(*r) for r in lines],  # type: ignore[call-arg]  # the select lists its fields in order
    )
