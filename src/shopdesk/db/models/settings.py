from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, Session, mapped_column

from shopdesk.db.models.base import Base, utcnow


class ShopSetting(Base):
    """Shop-wide settings kept in the database (currency, valuation method...)."""

    __tablename__ = "shop_setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


def write_settings(session: Session, values: Mapping[str, Any]) -> None:
    """Set shop settings in the caller's unit of work (added or replaced; committed with it)."""
    for key, value in values.items():
        row = session.get(ShopSetting, key)
        if row is None:
            session.add(ShopSetting(key=key, value=value))
        else:
            row.value = value


class ImportProfile(Base):
    """A remembered column mapping for one file layout (same headers -> same mapping)."""

    __tablename__ = "import_profile"
    __table_args__ = (UniqueConstraint("kind", "layout_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    layout_key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100), default="")
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
