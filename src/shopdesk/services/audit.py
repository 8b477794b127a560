"""The audit trail: written in the same transaction as the change it records."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shopdesk.db.database import Database
from shopdesk.db.models.audit import AuditEvent
from shopdesk.domain.privacy import is_personal_field, mask_name, mask_value

# Audited fields holding integer minor units: products' price and cost, orders' totals, cases' refunds and
# agreed amounts, the value of a stocktake's differences or of returned goods. Shown as money, not as cents.
MONEY_FIELDS = frozenset(
    {"price", "cost", "total", "shipping_fee", "amount", "unit_cost", "refund", "refunded", "refundable"}
    | {"solution_amount", "paid_amount", "value"}
)


@dataclass(frozen=True)
class Event:
    at: datetime
    user: str
    entity: str
    entity_id: int
    entity_label: str
    action: str
    changes: dict[str, list[Any]]
    reason: str


def record(
    session: Session,
    user: str,
    entity: str,
    entity_id: int,
    action: str,
    *,
    label: str = "",
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    reason: str = "",
) -> None:
    """Add an audit event to the unit of work's session (committed with the change)."""
    session.add(
        AuditEvent(
            user=user,
            entity=entity,
            entity_id=entity_id,
            entity_label=label,
            action=action,
            changes={k: [old, new] for k, (old, new) in (changes or {}).items()},
            reason=reason,
        )
    )


def changed_since(session: Session, entity: str, entity_id: int, saves: int) -> str:
    """Who changed what in the newest `saves` audited changes of a record: "王店长 at 14:02: price, cost".

    Said when a stale copy's save is refused, so the person knows what someone else changed.
    """
    newest = list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.id.desc())
            .limit(max(saves, 1))
        )
    )
    if not newest:
        return ""
    people = ", ".join(dict.fromkeys(e.user for e in newest))
    fields = ", ".join(dict.fromkeys(k for e in reversed(newest) for k in (e.changes or {}))) or newest[0].action
    return f"{people} at {newest[0].at.astimezone():%Y-%m-%d %H:%M}: {fields}"


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The fields whose value changed, as (old, new)."""
    return {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}


@dataclass(frozen=True)
class AuditFilter:
    entity: str | None = None
    entity_id: int | None = None
    user: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None  # in the label (SKU, order number...) or the reason


def events(db: Database, flt: AuditFilter, limit: int = 500, *, personal: bool = True) -> list[Event]:
    """The newest events first, filtered.

    personal=False (a role that may not see personal data) masks the changed values of
    personal fields (names, phones, addresses) and the names that label customers.
    """
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    for column, value in (
        (AuditEvent.entity, flt.entity),
        (AuditEvent.entity_id, flt.entity_id),
        (AuditEvent.user, flt.user),
        (AuditEvent.action, flt.action),
    ):
        if value is not None:
            query = query.where(column == value)
    if flt.since is not None:
        query = query.where(AuditEvent.at >= flt.since)
    if flt.until is not None:
        query = query.where(AuditEvent.at < flt.until)
    if flt.text:
        text = flt.text.strip()
        query = query.where(
            or_(
                AuditEvent.entity_label.icontains(text, autoescape=True),
                AuditEvent.reason.icontains(text, autoescape=True),
            )
        )
    with db.uow() as uow:
        found = [
            Event(e.at, e.user, e.entity, e.entity_id, e.entity_label, e.action, dict(e.changes), e.reason)
            for e in uow.session.scalars(query)
        ]
    return found if personal else [_masked(e) for e in found]


def _masked(event: Event) -> Event:
    changes = {k: [mask_value(v) for v in pair] if is_personal_field(k) else pair for k, pair in event.changes.items()}
    label = mask_name(event.entity_label) if event.entity == "customer" else event.entity_label
    return dataclasses.replace(event, changes=changes, entity_label=label)


def filter_choices(db: Database) -> tuple[list[str], list[str]]:
    """The people and the kinds of things (product, order...) the trail holds, for filter lists."""
    with db.read() as conn:
        users = conn.execute(select(AuditEvent.user).distinct().order_by(AuditEvent.user)).scalars().all()
        entities = conn.execute(select(AuditEvent.entity).distinct().order_by(AuditEvent.entity)).scalars().all()
    return list(users), list(entities)
