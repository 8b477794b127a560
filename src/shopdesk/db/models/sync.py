"""What the shop's sales channels need remembered: their SKUs linked to our products, orders waiting on a link."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, utcnow


class ChannelSkuMap(Base):
    """A channel's SKU (as its orders name the item) linked once to our product."""

    __tablename__ = "channel_sku_map"
    __table_args__ = (UniqueConstraint("channel", "channel_sku"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    channel_sku: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    linked_by: Mapped[str] = mapped_column(String(64), default="")
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)


class WaitingOrder(Base):
    """An imported order with lines whose channel SKU matches no product yet: it waits for the links."""

    __tablename__ = "channel_order_waiting"
    __table_args__ = (UniqueConstraint("channel", "channel_order_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    channel_order_no: Mapped[str] = mapped_column(String(64))
    draft: Mapped[dict[str, Any]] = mapped_column(JSON)  # the OrderDraft as read (services/channels.py)
    unmatched: Mapped[list[str]] = mapped_column(JSON)  # the channel SKUs without a product
    source: Mapped[str] = mapped_column(String(200), default="")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
