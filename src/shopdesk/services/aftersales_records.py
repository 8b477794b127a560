"""The after-sales services' shared plumbing inside one unit of work: numbers, loading, timeline, settings.

Every function here works in the caller's session and never commits: the use
case in services/aftersales.py or services/aftersales_returns.py decides.
A case's timeline is its audit events (entity "case"), written in the same
transaction as the change they record.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, func, select, update
from sqlalchemy.orm import Session, selectinload

from shopdesk.db.models import AuditEvent, ShopSetting
from shopdesk.db.models.aftersales import Case
from shopdesk.db.models.base import utcnow
from shopdesk.db.models.orders import NumberSequence, SalesOrder
from shopdesk.domain.aftersales import DEFAULT_DEADLINE_HOURS, DEFAULT_SUB_REASONS, CaseStatus, check_case_transition
from shopdesk.domain.errors import NotFound, ShopDeskError
from shopdesk.services import audit, order_records
from shopdesk.services.stock_ledger import SourceDoc
from shopdesk.services.stock_sql import insert_ignore

ENTITY = "case"  # how the audit trail names a case
SOURCE_TYPE = "aftersales_case"  # how stock moves name a case
CASE_SEQUENCE = "aftersales_case"  # its row in number_sequence (migration 0007)
CASE_PREFIX = "CS-"
NUMBER_WIDTH = 6
CaseRef = int | str  # a case's id, or its number (CS-000123, any case)

# The after-sales shop settings and their defaults (part of services/shop.py SHOP_DEFAULTS).
AFTERSALES_DEFAULTS: dict[str, Any] = {
    "return_window_days": 7,  # 7-day no-reason return (七天无理由退货), counted from delivery
    "return_window_days_by_category": {},  # category path -> days; the deepest matching category wins
    "case_deadline_hours": dict(DEFAULT_DEADLINE_HOURS),  # priority -> hours to resolve (处理时限)
    "case_sub_reasons": {k: list(v) for k, v in DEFAULT_SUB_REASONS.items()},  # class -> sub-reasons offered
    "evidence_max_bytes": 20 * 1024 * 1024,  # largest evidence file accepted
    "high_return_rate_percent": 10,  # 高频退货商品预警: returns ÷ units sold at or above this...
    "high_return_min_units_sold": 10,  # ...once at least this many were sold in the period
}

_SEQUENCE = cast(Table, NumberSequence.__table__)

# When a state is reached, the case notes the time.
_STAMPS = {CaseStatus.CLOSED: "closed_at"}


def aware(at: datetime | None) -> datetime:
    """A moment in UTC: now when not given; a time without zone is the shop's local time."""
    if at is None:
        return utcnow()
    if at.tzinfo is None:
        at = at.astimezone()
    return at.astimezone(UTC)


def take_case_number(conn: Connection) -> str:
    """The next case number (CS-000124), taken inside the caller's transaction.

    The same UPDATE ... RETURNING as order numbers (services/order_records.py):
    two app instances never get the same number, and a rollback gives it back.
    """
    where = _SEQUENCE.c.name == CASE_SEQUENCE
    if conn.execute(select(_SEQUENCE.c.last_value).where(where)).first() is None:
        insert_ignore(conn, _SEQUENCE, [{"name": CASE_SEQUENCE, "last_value": _highest_number(conn)}], ["name"])
    last = conn.execute(
        update(_SEQUENCE).where(where).values(last_value=_SEQUENCE.c.last_value + 1).returning(_SEQUENCE.c.last_value)
    ).scalar_one()
    return f"{CASE_PREFIX}{last:0{NUMBER_WIDTH}d}"


def _highest_number(conn: Connection) -> int:
    """The highest CS- number already used (cases written before the sequence row existed)."""
    number = conn.execute(
        select(Case.number)
        .where(Case.number.like(f"{CASE_PREFIX}%"))
        .order_by(func.length(Case.number).desc(), Case.number.desc())
        .limit(1)
    ).scalar()
    digits = (number or "")[len(CASE_PREFIX) :]
    return int(digits) if digits.isdigit() else 0


def normalize_ref(ref: CaseRef) -> CaseRef:
    if isinstance(ref, int):
        return ref
    text = ref.strip().upper()
    if text.isdigit():  # "12" typed for CS-000012
        return f"{CASE_PREFIX}{int(text):0{NUMBER_WIDTH}d}"
    return text


def find_case_id(conn: Connection, ref: CaseRef) -> int:
    ref = normalize_ref(ref)
    column = Case.id if isinstance(ref, int) else Case.number
    found = conn.execute(select(Case.id).where(column == ref)).scalar()
    if found is None:
        raise NotFound(f"No case {ref}" if isinstance(ref, str) else f"No case with id {ref}")
    return found


def load_case(session: Session, ref: CaseRef, *, for_update: bool = True) -> Case:
    """The case with its lines and evidence; locked for the rest of the transaction when it is to be changed.

    The lock makes a second clerk wait and then see the state the first one left,
    so two people closing one case get one closing and one clear refusal.
    """
    case_id = find_case_id(session.connection(), ref)
    query = (
        select(Case)
        .where(Case.id == case_id)
        .options(selectinload(Case.lines), selectinload(Case.evidence))
        .execution_options(populate_existing=True)
    )
    if for_update:
        query = query.with_for_update(of=Case)
    return session.scalars(query).one()


def note(
    session: Session,
    user: str,
    case: Case,
    action: str,
    reason: str = "",
    *,
    at: datetime | None = None,
    **changes: tuple[Any, Any],
) -> None:
    """A timeline entry: a step, a comment or a change, with who and when (and why)."""
    session.flush()
    audit.record(session, user, ENTITY, case.id, action, label=case.number, changes=changes, reason=reason)
    if at is not None:
        # An action entered after the fact (a phone call noted later, the demo's history) keeps its own time;
        # a time without a zone is the shop's local time, as everywhere else.
        for event in session.new:
            if isinstance(event, AuditEvent) and event.at is None:
                event.at = aware(at)


def change_status(
    session: Session,
    user: str,
    case: Case,
    target: CaseStatus,
    reason: str = "",
    *,
    at: datetime | None = None,
    **extra: tuple[Any, Any],
) -> None:
    """Move the case to `target` if its workflow allows it, and write the step to its timeline."""
    current = CaseStatus(case.status)
    check_case_transition(case.number, current, target)
    case.status = target.value
    stamp = _STAMPS.get(target)
    if stamp:
        setattr(case, stamp, aware(at))
    note(session, user, case, "status", reason, at=at, status=(current.value, target.value), **extra)


def order_of_case(session: Session, case: Case, what: str) -> SalesOrder:
    """The case's order, locked for the change; a case about no order cannot do what needs one."""
    if case.order_id is None:
        raise ShopDeskError(f"Case {case.number} is not about an order, so it cannot {what}.")
    return order_records.load_order(session, case.order_id)


def source_doc(case: Case) -> SourceDoc:
    return SourceDoc(SOURCE_TYPE, case.id, case.number)


# Settings ------------------------------------------------------------------------------
def setting(conn: Connection, key: str) -> Any:
    """An after-sales shop setting read inside the caller's transaction, or its default."""
    value = conn.execute(select(ShopSetting.value).where(ShopSetting.key == key)).scalar()
    return AFTERSALES_DEFAULTS[key] if value is None else value


def deadline_hours(conn: Connection) -> dict[str, int]:
    """Hours to resolve a case per priority (处理时限): the shop's own over the defaults."""
    saved = setting(conn, "case_deadline_hours") or {}
    return {**DEFAULT_DEADLINE_HOURS, **{k: int(v) for k, v in saved.items() if k in DEFAULT_DEADLINE_HOURS}}


def sub_reasons(conn: Connection) -> dict[str, list[str]]:
    """The sub-reasons the shop offers per class (editable in the settings)."""
    saved = setting(conn, "case_sub_reasons") or {}
    return {k: list(saved.get(k, v)) for k, v in DEFAULT_SUB_REASONS.items()}


def evidence_limit(conn: Connection) -> int:
    return int(setting(conn, "evidence_max_bytes"))
