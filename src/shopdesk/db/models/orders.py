"""Sales orders, their lines, refunds, and the shop's order channels."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.db.models.base import Base, Timestamps


class SalesOrder(Timestamps, Base):
    """An order as the buyer placed it, with a snapshot of where it ships (the customer may move)."""

    __tablename__ = "sales_order"
    __table_args__ = (
        # Importing the same platform order again is a no-op: one row per channel and channel number.
        UniqueConstraint("channel", "channel_order_no"),
        Index("ix_sales_order_status_placed", "status", "placed_at"),
        Index("ix_sales_order_placed_at", "placed_at"),
        Index("ix_sales_order_phone", "ship_phone"),
        # The order list's search scans these narrow indexes in list order instead of the wide rows
        # (benchmarks/bench_orders.py); search_text is kept short enough for a PostgreSQL index entry.
        Index("ix_sales_order_list", "placed_at", "id", "status", "channel", "search_text"),
        Index("ix_sales_order_status_list", "status", "placed_at", "id", "channel", "search_text"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # ours: SO-000123
    channel: Mapped[str] = mapped_column(String(32), default="manual")  # manual, phone, woocommerce, taobao...
    channel_order_no: Mapped[str | None] = mapped_column(String(64))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    hold_reasons: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)  # [{"code", "message"}]
    placed_at: Mapped[datetime] = mapped_column()
    currency: Mapped[str] = mapped_column(String(3))
    # Money in minor units. goods = Σ line net; total = goods + shipping_fee (what the buyer pays).
    goods_total: Mapped[int] = mapped_column(Integer, default=0)
    discount_total: Mapped[int] = mapped_column(Integer, default=0)
    tax_total: Mapped[int] = mapped_column(Integer, default=0)
    shipping_fee: Mapped[int] = mapped_column(Integer, default=0)
    platform_fee: Mapped[int] = mapped_column(Integer, default=0)  # what the platform keeps (a cost to the shop)
    total: Mapped[int] = mapped_column(Integer, default=0)
    payment_status: Mapped[str] = mapped_column(String(20), default="unpaid")  # unpaid, paid, refunded...
    paid_amount: Mapped[int] = mapped_column(Integer, default=0)
    payment_method: Mapped[str] = mapped_column(String(32), default="")
    buyer_remark: Mapped[str] = mapped_column(Text, default="")
    internal_note: Mapped[str] = mapped_column(Text, default="")
    # Ship-to snapshot
    ship_name: Mapped[str] = mapped_column(String(200), default="")
    ship_phone: Mapped[str] = mapped_column(String(40), default="")
    ship_country: Mapped[str] = mapped_column(String(2), default="CN")
    ship_province: Mapped[str] = mapped_column(String(100), default="")
    ship_city: Mapped[str] = mapped_column(String(100), default="")
    ship_district: Mapped[str] = mapped_column(String(100), default="")
    ship_street: Mapped[str] = mapped_column(Text, default="")
    ship_postcode: Mapped[str] = mapped_column(String(20), default="")
    # Fulfilment
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    carrier: Mapped[str] = mapped_column(String(64), default="")
    carrier_service: Mapped[str] = mapped_column(String(64), default="")
    tracking_no: Mapped[str | None] = mapped_column(String(64), unique=True)
    weight_g: Mapped[int | None] = mapped_column(Integer)
    shipped_at: Mapped[datetime | None] = mapped_column()
    delivered_at: Mapped[datetime | None] = mapped_column()
    completed_at: Mapped[datetime | None] = mapped_column()
    cancelled_at: Mapped[datetime | None] = mapped_column()
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order.id"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order.id"))
    # What the order list's search matches: numbers, buyer, phone and SKUs (domain.search keys).
    search_text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    lines: Mapped[list[SalesOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="SalesOrderLine.line_no"
    )

    __mapper_args__ = {"version_id_col": version}


class SalesOrderLine(Base):
    __tablename__ = "sales_order_line"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        UniqueConstraint("order_id", "line_no"),
        Index("ix_sales_order_line_product", "product_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    # None while the channel's SKU matches no product (the unmatched queue of the sync).
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    sku: Mapped[str] = mapped_column(String(64))  # as ordered
    name: Mapped[str] = mapped_column(String(200))  # as ordered
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)  # minor units, before discount
    discount: Mapped[int] = mapped_column(Integer, default=0)  # on the whole line
    tax: Mapped[int] = mapped_column(Integer, default=0)  # included in net where the shop charges tax
    net: Mapped[int] = mapped_column(Integer)  # quantity × unit_price − discount
    cost_of_goods: Mapped[int] = mapped_column(Integer, default=0)  # from the shipment moves
    qty_shipped: Mapped[int] = mapped_column(Integer, default=0)
    qty_packed: Mapped[int] = mapped_column(Integer, default=0)  # scanned into the parcel so far
    qty_returned: Mapped[int] = mapped_column(Integer, default=0)
    channel_line_id: Mapped[str] = mapped_column(String(64), default="")

    order: Mapped[SalesOrder] = relationship(back_populates="lines")


class OrderRefund(Base):
    """Money paid back to a buyer, against an order (and an after-sales case when there is one)."""

    __tablename__ = "order_refund"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("aftersales_case.id"), index=True)
    amount: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(32), default="original")  # original payment, cash, transfer...
    refunded_at: Mapped[datetime] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    channel_refund_id: Mapped[str | None] = mapped_column(String(64))
    user: Mapped[str] = mapped_column(String(64), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class NumberSequence(Base):
    """The last number given out per kind of document (SO-000123); one row updated in place.

    Taking a number is one UPDATE ... RETURNING inside the document's transaction, so
    two app instances never hand out the same number and a rolled-back document
    leaves no gap.
    """

    __tablename__ = "number_sequence"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)
