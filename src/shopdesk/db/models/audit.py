from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, utcnow


class AuditEvent(Base):
    """Who changed what, when, from what to what, and why.

    Every document state change and every edit of a price, cost or stock figure is
    written here in the same transaction as the change; documents show their
    timeline from it (an order's or a case's history is its events).
    """

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_entity", "entity", "entity_id"),
        Index("ix_audit_event_at", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(32))  # "product", "order", "case", "purchase_order", ...
    entity_id: Mapped[int] = mapped_column(Integer)
    entity_label: Mapped[str] = mapped_column(String(100), default="")  # SKU, order number... for people
    action: Mapped[str] = mapped_column(String(32))  # "created", "edited", "status", "comment", ...
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field -> [old, new]
    reason: Mapped[str] = mapped_column(Text, default="")
