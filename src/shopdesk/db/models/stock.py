"""The stock ledger: immutable moves, the balances they keep, reservations and valuation.

`stock_move` is the truth; every other table here is state derived from it and
updated in the same transaction as the move that changes it, so
`shopdesk db check` can recompute and compare (db/stock_check.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, utcnow


class StockMove(Base):
    """One movement of a quantity of a product from one location to another (never edited)."""

    __tablename__ = "stock_move"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("value >= 0", name="value_not_negative"),
        CheckConstraint("from_location_id <> to_location_id", name="locations_differ"),
        Index("ix_stock_move_product_moved_at", "product_id", "moved_at"),
        Index("ix_stock_move_source", "source_type", "source_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    from_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    to_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    # Cost of the whole move in minor units: purchase cost coming in, cost of goods going out.
    value: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))  # receipt, transfer, shipment, ... (domain.stock.MoveKind)
    reason: Mapped[str] = mapped_column(String(200), default="")
    source_type: Mapped[str] = mapped_column(String(32), default="")
    source_id: Mapped[int | None] = mapped_column(Integer)
    source_number: Mapped[str] = mapped_column(String(64), default="")
    # A customer return points at the shipment it reverses, to come back at that cost.
    origin_move_id: Mapped[int | None] = mapped_column(ForeignKey("stock_move.id"), index=True)
    user: Mapped[str] = mapped_column(String(64), default="")
    moved_at: Mapped[datetime] = mapped_column(default=utcnow)


class StockBalance(Base):
    """On hand and reserved of one product in one stock-holding location."""

    __tablename__ = "stock_balance"
    __table_args__ = (
        UniqueConstraint("product_id", "location_id"),
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        # on_hand >= 0 is the service's rule, not the table's: a shop setting may allow negative stock.
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)


class StockReservation(Base):
    """Stock held for one document (a sales order) at one location; sums to stock_balance.reserved."""

    __tablename__ = "stock_reservation"
    __table_args__ = (
        UniqueConstraint("product_id", "location_id", "source_type", "source_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        Index("ix_stock_reservation_source", "source_type", "source_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    source_type: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[int] = mapped_column(Integer)
    source_number: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StockValuation(Base):
    """A product's owned quantity and its value now (moving average state; FIFO: sum of layers)."""

    __tablename__ = "stock_valuation"
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    value: Mapped[int] = mapped_column(Integer, default=0)
    # The last receipt's quantity and value: the unit cost used when there is no stock to average.
    last_in_qty: Mapped[int] = mapped_column(Integer, default=0)
    last_in_value: Mapped[int] = mapped_column(Integer, default=0)


class StockCostLayer(Base):
    """FIFO: what one incoming move brought in, and how much of it is still in stock."""

    __tablename__ = "stock_cost_layer"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("remaining_qty >= 0", name="remaining_qty_not_negative"),
        CheckConstraint("remaining_value >= 0", name="remaining_value_not_negative"),
        Index("ix_stock_cost_layer_open", "product_id", "remaining_qty"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    move_id: Mapped[int] = mapped_column(ForeignKey("stock_move.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    value: Mapped[int] = mapped_column(Integer)
    remaining_qty: Mapped[int] = mapped_column(Integer)
    remaining_value: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StockTransfer(Base):
    """Goods sent from one warehouse to another: in transit until received at the other end."""

    __tablename__ = "stock_transfer"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    from_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    to_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    state: Mapped[str] = mapped_column(String(16), default="in_transit")  # in_transit | received
    send_move_id: Mapped[int] = mapped_column(ForeignKey("stock_move.id"))
    receive_move_id: Mapped[int | None] = mapped_column(ForeignKey("stock_move.id"))
    user: Mapped[str] = mapped_column(String(64), default="")
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    received_at: Mapped[datetime | None] = mapped_column()


class ProductWarehouse(Base):
    """A product in one warehouse: its default bin, and its safety stock and warning line (预警线) there."""

    __tablename__ = "product_warehouse"
    __table_args__ = (UniqueConstraint("product_id", "warehouse_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    default_bin_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    # None: the product-wide stock_level applies in this warehouse.
    safety_stock: Mapped[int | None] = mapped_column(Integer)
    warning_line: Mapped[int | None] = mapped_column(Integer)


class StockLevel(Base):
    """A product's safety stock and warning line over all warehouses (the reorder work reads these)."""

    __tablename__ = "stock_level"
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    safety_stock: Mapped[int] = mapped_column(Integer, default=0)
    warning_line: Mapped[int] = mapped_column(Integer, default=0)
