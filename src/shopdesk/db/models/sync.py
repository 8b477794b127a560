"""Sales channels: their SKUs linked to our products, orders waiting on a link, the outbox and the sync log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
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


class SalesChannel(Base):
    """An online store the shop syncs with. Its credentials are in the OS keyring, never here."""

    __tablename__ = "sales_channel"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    type: Mapped[str] = mapped_column(String(16))  # woocommerce, shopify, file
    store_url: Mapped[str] = mapped_column(String(300), default="")
    cursor: Mapped[str] = mapped_column(String(100), default="")  # orders modified up to here are stored
    buffer: Mapped[int] = mapped_column(default=0)  # units held back from the store's available stock
    status: Mapped[str] = mapped_column(String(16), default="active")
    last_sync_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str] = mapped_column(String(500), default="")


class OutboxItem(Base):
    """A change to send to a channel, written in the same transaction as the change itself."""

    __tablename__ = "sync_outbox"
    __table_args__ = (Index("ix_sync_outbox_due", "state", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("sales_channel.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # stock, shipment
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending, sent, dead
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)


class SyncLogEntry(Base):
    """What a sync with one channel did, for the shop to read back."""

    __tablename__ = "sync_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("sales_channel.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16))  # ok, retry, dead, refused
    detail: Mapped[str] = mapped_column(String(500), default="")


class StoreOrderProblem(Base):
    """A store's order the pull could not import (another currency...): it holds the channel's cursor until the
    shop decides (services/sync_problems.py): accept it as it is, or skip it for good."""

    __tablename__ = "sync_order_problem"
    __table_args__ = (UniqueConstraint("channel_id", "channel_order_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("sales_channel.id"), index=True)
    channel_order_no: Mapped[str] = mapped_column(String(64))  # the store's order id
    problem: Mapped[str] = mapped_column(String(500))  # why it was not imported, as the order check said
    currency: Mapped[str] = mapped_column(String(3), default="")  # the order's, when that is the problem
    modified: Mapped[datetime] = mapped_column()  # when the store last changed the order
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    decision: Mapped[str] = mapped_column(String(16), default="")  # "" open, accept, skip; done when imported
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
