"""Purchase orders (采购单), their lines, and the receipts (入库) posted against them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.db.models.base import Base, Timestamps


class PurchaseOrder(Timestamps, Base):
    """An order to one supplier; its state is changed only by services/purchasing.py (audited)."""

    __tablename__ = "purchase_order"
    __table_args__ = (Index("ix_purchase_order_status_supplier", "status", "supplier_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # PO-000001
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id"), index=True)
    status: Mapped[str] = mapped_column(String(24), default="draft")  # domain.purchasing.PoStatus
    # Where the goods are delivered; receipts put them in its bins.
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    currency: Mapped[str] = mapped_column(String(3))
    expected_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    user: Mapped[str] = mapped_column(String(64), default="")
    ordered_at: Mapped[datetime | None] = mapped_column()
    received_at: Mapped[datetime | None] = mapped_column()  # the last receipt
    closed_at: Mapped[datetime | None] = mapped_column()

    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="PurchaseOrderLine.line_no"
    )


class PurchaseOrderLine(Base):
    """One product ordered: quantity, unit cost (minor units) and how much has arrived so far."""

    __tablename__ = "purchase_order_line"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_cost >= 0", name="unit_cost_not_negative"),
        CheckConstraint("received_qty >= 0", name="received_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("purchase_order.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    supplier_sku: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    unit_cost: Mapped[int] = mapped_column(Integer)
    received_qty: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[PurchaseOrder] = relationship(back_populates="lines")


class PurchaseReceipt(Base):
    """Goods arriving against a purchase order (a delivery may bring part of it)."""

    __tablename__ = "purchase_receipt"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("purchase_order.id"), index=True)
    received_at: Mapped[datetime] = mapped_column()
    user: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")  # the supplier's delivery note number, damage seen...


class PurchaseReceiptLine(Base):
    """What one receipt brought for one order line, where it was put, and the stock move that did it."""

    __tablename__ = "purchase_receipt_line"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("purchase_receipt.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("purchase_order_line.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_cost: Mapped[int] = mapped_column(Integer)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    move_id: Mapped[int] = mapped_column(ForeignKey("stock_move.id"))
