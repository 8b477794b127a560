"""One customer's personal data: exported on request, and erased (anonymised).

Erasing keeps every figure (orders, amounts, quantities, dates, region) so reports
and the books add up as before; it removes what identifies the person: name, phones,
email, street addresses, notes, buyer remarks, case descriptions and evidence files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import AuditEvent, Case, CaseEvidence, Customer, SalesOrder
from shopdesk.domain.errors import NotFound, ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.domain.privacy import is_personal_field
from shopdesk.files import write_bytes_atomically
from shopdesk.services import audit
from shopdesk.services.access import guarded
from shopdesk.services.aftersales_evidence import stored_path
from shopdesk.services.order_records import refresh_customer_search_texts

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

ERASED = "[erased]"
_ORDER_FIELDS = (
    "number",
    "channel",
    "channel_order_no",
    "status",
    "placed_at",
    "total",
    "currency",
    "ship_name",
    "ship_phone",
    "ship_country",
    "ship_province",
    "ship_city",
    "ship_district",
    "ship_street",
    "ship_postcode",
    "buyer_remark",
)


@dataclass(frozen=True)
class ErasureResult:
    customer_id: int
    orders: int
    cases: int
    evidence_files: int


class Privacy:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    @guarded(Permission.MANAGE_SHOP, "export a customer's personal data")
    def export_customer(self, customer_id: int) -> dict[str, Any]:
        """Everything the shop keeps about one person, as plain data (for a subject access request)."""
        with self.db.uow() as uow:
            customer = uow.session.get(Customer, customer_id)
            if customer is None:
                raise NotFound(f"No customer with id {customer_id}")
            orders = uow.session.scalars(
                select(SalesOrder).where(SalesOrder.customer_id == customer_id).order_by(SalesOrder.placed_at)
            ).all()
            cases = uow.session.scalars(select(Case).where(Case.customer_id == customer_id).order_by(Case.id)).all()
            return {
                "customer": {
                    "id": customer.id,
                    "name": customer.name,
                    "email": customer.email,
                    "channel": customer.channel,
                    "notes": customer.notes,
                    "created_at": customer.created_at.isoformat(),
                    "erased_at": customer.erased_at.isoformat() if customer.erased_at else None,
                },
                "phones": [p.phone for p in customer.phones],
                "addresses": [
                    {
                        k: getattr(a, k)
                        for k in ("recipient", "phone", "country", "province", "city", "district", "street", "postcode")
                    }
                    for a in customer.addresses
                ],
                "orders": [
                    {
                        k: (v.isoformat() if isinstance(v, datetime) else v)
                        for k in _ORDER_FIELDS
                        for v in [getattr(o, k)]
                    }
                    for o in orders
                ],
                "cases": [
                    {
                        "number": c.number,
                        "opened_at": c.opened_at.isoformat(),
                        "class": c.case_class,
                        "status": c.status,
                        "description": c.description,
                        "evidence": [e.filename for e in c.evidence],
                    }
                    for c in cases
                ],
            }

    @guarded(Permission.MANAGE_SHOP, "export a customer's personal data")
    def export_customer_file(self, customer_id: int, target: Path) -> Path:
        data = json.dumps(self.export_customer(customer_id), ensure_ascii=False, indent=2)
        return write_bytes_atomically(target, data.encode("utf-8"))

    @guarded(Permission.MANAGE_SHOP, "erase a customer's personal data")
    def erase_customer(self, customer_id: int, reason: str) -> ErasureResult:
        """Anonymise one customer for good, keeping the order figures. Needs a reason (kept in the audit)."""
        if not reason.strip():
            raise ShopDeskError("Say why this customer's data is erased (e.g. 'request by e-mail of 2026-11-20').")
        with self.db.uow() as uow:
            customer = uow.session.get(Customer, customer_id)
            if customer is None:
                raise NotFound(f"No customer with id {customer_id}")
            if customer.erased_at is not None:
                raise ShopDeskError(f"Customer {customer_id} was already erased on {customer.erased_at:%Y-%m-%d}.")
            customer.name = f"{ERASED} #{customer.id}"
            customer.email = ""
            customer.notes = ""
            customer.tags = []
            customer.phones.clear()
            customer.addresses.clear()
            customer.erased_at = datetime.now(UTC)
            unnamed = (
                update(SalesOrder)
                .where(SalesOrder.customer_id == customer_id)
                .values(
                    ship_name=ERASED, ship_phone="", ship_street="", ship_district="", ship_postcode="", buyer_remark=""
                )
                .execution_options(synchronize_session=False)
            )
            # An UPDATE gives a CursorResult (with its rowcount); Session.execute is typed for any statement.
            orders = cast(CursorResult[Any], uow.session.execute(unnamed)).rowcount
            case_ids = list(uow.session.scalars(select(Case.id).where(Case.customer_id == customer_id)))
            files: list[str] = []
            if case_ids:
                uow.session.execute(
                    update(Case)
                    .where(Case.id.in_(case_ids))
                    .values(description=ERASED)
                    .execution_options(synchronize_session=False)
                )
                evidence = uow.session.scalars(select(CaseEvidence).where(CaseEvidence.case_id.in_(case_ids))).all()
                files = [e.sha256 for e in evidence]
                for item in evidence:
                    uow.session.delete(item)
            refresh_customer_search_texts(uow.session, customer_id)
            order_ids = list(uow.session.scalars(select(SalesOrder.id).where(SalesOrder.customer_id == customer_id)))
            _scrub_audit(uow.session, "order", order_ids)
            _scrub_audit(uow.session, "customer", [customer_id], label=lambda cid: f"#{cid}")
            audit.record(
                uow.session, self.shop.user, "customer", customer_id, "erased", label=f"#{customer_id}", reason=reason
            )
            uow.commit()
        removed = 0
        with self.db.read() as conn:
            still_used = set(conn.execute(select(CaseEvidence.sha256).where(CaseEvidence.sha256.in_(files))).scalars())
        for sha in set(files) - still_used:
            path = stored_path(sha)
            if path.exists():
                path.unlink()
                removed += 1
        return ErasureResult(customer_id, orders or 0, len(case_ids), removed)


def _scrub_audit(session: Session, entity: str, ids: list[int], *, label: Callable[[int], str] | None = None) -> None:
    """Old and new values of personal fields in the audit trail are replaced; the events stay.

    `label` gives the events of a person (whose label is their name) a label without it.
    """
    if not ids:
        return
    for event in session.scalars(select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.entity_id.in_(ids))):
        if label is not None:
            event.entity_label = label(event.entity_id)
        changes = event.changes or {}
        scrubbed = {k: ([ERASED, ERASED] if is_personal_field(k) else v) for k, v in changes.items()}
        if scrubbed != changes:
            event.changes = scrubbed
