from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, Session, mapped_column

from shopdesk.db.models.audit import AuditEvent
from shopdesk.db.models.base import Base, utcnow

SETTING_ENTITY = "setting"  # the audit trail's entity of shop setting changes


class ShopSetting(Base):
    """Shop-wide settings kept in the database (currency, valuation method...)."""

    __tablename__ = "shop_setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


def write_settings(
    session: Session, values: Mapping[str, Any], *, user: str, defaults: Mapping[str, Any] | None = None
) -> list[str]:
    """Set shop settings in the caller's unit of work (added or replaced; committed with it); the keys changed.

    Each changed key is written to the audit trail in the same transaction (entity
    "setting", labelled with the key, its old and new value, the user): "who
    allowed negative stock?" has an answer. A setting not stored yet was its
    default (`defaults`, else None). A value equal to the one in force changes
    nothing and is not recorded.
    """
    changed = []
    for key, value in values.items():
        row = session.get(ShopSetting, key)
        before = row.value if row is not None else (defaults or {}).get(key)
        if _same(before, value):
            continue
        if row is None:
            session.add(ShopSetting(key=key, value=value))
        else:
            row.value = value
        session.add(
            AuditEvent(
                user=user,
                entity=SETTING_ENTITY,
                entity_id=0,  # settings are named, not numbered: the key is the label
                entity_label=key,
                action="edited",
                changes={key: [before, value]},
            )
        )
        changed.append(key)
    return changed


def _same(before: Any, after: Any) -> bool:
    """Equal as stored (JSON): a tuple is its list, but true is not 1."""
    return json.dumps(before, sort_keys=True, default=str) == json.dumps(after, sort_keys=True, default=str)


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
