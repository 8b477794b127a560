"""Reading cases: the queue (filtered and sorted in SQL, read in pages), one case in full, a customer's history.

Lists show buyers masked (张**); the case view shows the name, as the clerk
needs it on the phone. "Now" can be given, so what is overdue is the same for
a test, a report and the screen that asked at one moment.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, case, func, or_, select

from shopdesk.db.models import AuditEvent, Customer, Product
from shopdesk.db.models.aftersales import Case, CaseEvidence, CaseLine, ReturnReceipt
from shopdesk.db.models.orders import OrderRefund, SalesOrder, SalesOrderLine
from shopdesk.domain.aftersales import CASE_ALLOWED, CaseStatus
from shopdesk.domain.errors import NotFound
from shopdesk.domain.privacy import mask_name
from shopdesk.services import aftersales_records as rec
from shopdesk.services.aftersales_records import CaseRef, aware
from shopdesk.services.aftersales_views import (
    CaseDetail,
    CaseEvent,
    CaseFilter,
    CaseLineView,
    CaseRow,
    CustomerHistory,
    EvidenceView,
    HistoryCase,
    HistoryOrder,
    RefundLine,
    ReturnView,
)
from shopdesk.services.aftersales_windows import window_check

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

DUE_SOON = timedelta(days=1)
ALL_CASES = CaseFilter()
_PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
_STATUS_RANK = {s.value: n for n, s in enumerate(CaseStatus)}


class CaseQueries:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    @property
    def user(self) -> str:
        return self.shop.user

    # The queue --------------------------------------------------------------------------
    def _filtered(self, query: Select, flt: CaseFilter, *, with_status: bool = True) -> Select:
        now = aware(flt.now)
        if with_status and flt.statuses:
            query = query.where(Case.status.in_(flt.statuses))
        if flt.open_only:
            query = query.where(Case.status != CaseStatus.CLOSED.value)
        if flt.owner is not None:
            query = query.where(Case.owner == flt.owner)
        if flt.customer_id is not None:
            query = query.where(Case.customer_id == flt.customer_id)
        if flt.order:
            query = query.where(SalesOrder.number == flt.order.strip().upper())
        if flt.due == "overdue":
            query = query.where(Case.status != CaseStatus.CLOSED.value, Case.due_at < now)
        elif flt.due == "due_soon":
            query = query.where(
                Case.status != CaseStatus.CLOSED.value, Case.due_at >= now, Case.due_at < now + DUE_SOON
            )
        text = flt.search.strip().casefold()
        if text:
            needle = f"%{text}%"
            query = query.where(
                or_(
                    func.lower(Case.number).like(needle),
                    func.lower(SalesOrder.number).like(needle),
                    func.lower(Customer.name).like(needle),
                    func.lower(Case.owner).like(needle),
                    func.lower(Case.sub_reason).like(needle),
                )
            )
        return query

    @staticmethod
    def _joined(query: Select) -> Select:
        return query.outerjoin(SalesOrder, SalesOrder.id == Case.order_id).outerjoin(
            Customer, Customer.id == Case.customer_id
        )

    def count_cases(self, flt: CaseFilter = ALL_CASES) -> int:
        """How many cases the filter matches (the queue's row count)."""
        with self.db.read() as conn:
            query = self._filtered(self._joined(select(func.count()).select_from(Case)), flt)
            return int(conn.execute(query).scalar_one())

    def status_counts(self, flt: CaseFilter = ALL_CASES) -> dict[str, int]:
        """Cases per status for the other parts of the filter (the status buttons' numbers)."""
        with self.db.read() as conn:
            query = self._filtered(
                self._joined(select(Case.status, func.count()).select_from(Case)), flt, with_status=False
            ).group_by(Case.status)
            return {status: int(n) for status, n in conn.execute(query)}

    def attention_count(self, now: datetime | None = None) -> int:
        """Open cases that are overdue or due within a day: the number on the Complaints tab."""
        moment = aware(now)
        with self.db.read() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(Case)
                    .where(Case.status != CaseStatus.CLOSED.value, Case.due_at < moment + DUE_SOON)
                ).scalar_one()
            )

    def owners(self) -> list[str]:
        """Everyone who owns a case, for the owner filter."""
        with self.db.read() as conn:
            return list(
                conn.execute(select(Case.owner).where(Case.owner != "").distinct().order_by(Case.owner)).scalars()
            )

    def list_cases(self, flt: CaseFilter = ALL_CASES, offset: int = 0, limit: int = 200) -> list[CaseRow]:
        """One page of the queue, sorted in SQL (by due time unless the filter says otherwise)."""
        now = aware(flt.now)
        keys: dict[str, Any] = {
            "due": Case.due_at,
            "opened": Case.opened_at,
            "number": Case.number,
            "priority": case(_PRIORITY_RANK, value=Case.priority, else_=9),
            "status": case(_STATUS_RANK, value=Case.status, else_=9),
            "owner": Case.owner,
            "customer": Customer.name,
        }
        key = keys.get(flt.sort, Case.due_at)
        order = [key.desc() if flt.descending else key.asc(), Case.id.desc() if flt.descending else Case.id.asc()]
        query = self._filtered(
            self._joined(
                select(
                    Case.id,
                    Case.number,
                    Case.status,
                    Case.priority,
                    Case.channel,
                    Case.case_class,
                    Case.sub_reason,
                    Customer.name,
                    SalesOrder.number.label("order_number"),
                    Case.owner,
                    Case.opened_at,
                    Case.due_at,
                    Case.solution_type,
                ).select_from(Case)
            ),
            flt,
        )
        with self.db.read() as conn:
            rows = conn.execute(query.order_by(*order).offset(offset).limit(limit)).all()
        result = []
        for r in rows:
            is_open = r.status != CaseStatus.CLOSED.value
            due = aware(r.due_at)
            result.append(
                CaseRow(
                    r.id,
                    r.number,
                    r.status,
                    r.priority,
                    r.channel,
                    r.case_class,
                    r.sub_reason,
                    mask_name(r.name or ""),
                    r.order_number or "",
                    r.owner,
                    aware(r.opened_at),
                    due,
                    r.solution_type,
                    is_open and due < now,
                    is_open and now <= due < now + DUE_SOON,
                )
            )
        return result

    # One case ---------------------------------------------------------------------------
    def get_case(self, ref: CaseRef, now: datetime | None = None) -> CaseDetail:
        """One case in full: order and lines, evidence, returns, refunds, the window check and its timeline."""
        with self.db.read() as conn:
            case_id = rec.find_case_id(conn, ref)
            c = conn.execute(select(Case.__table__).where(Case.id == case_id)).one()
            lines = [
                CaseLineView(
                    r.order_line_id,
                    r.line_no,
                    r.product_id,
                    r.sku,
                    r.name,
                    r.case_qty,
                    r.quantity,
                    r.qty_shipped,
                    r.qty_returned,
                    r.net // r.quantity,
                )
                for r in conn.execute(
                    select(
                        CaseLine.order_line_id,
                        CaseLine.quantity.label("case_qty"),
                        SalesOrderLine.line_no,
                        SalesOrderLine.product_id,
                        SalesOrderLine.sku,
                        SalesOrderLine.name,
                        SalesOrderLine.quantity,
                        SalesOrderLine.qty_shipped,
                        SalesOrderLine.qty_returned,
                        SalesOrderLine.net,
                    )
                    .join(SalesOrderLine, SalesOrderLine.id == CaseLine.order_line_id)
                    .where(CaseLine.case_id == case_id)
                    .order_by(SalesOrderLine.line_no)
                )
            ]
            evidence = [
                EvidenceView(e.id, e.filename, e.size, e.sha256, aware(e.added_at), e.user)
                for e in conn.execute(
                    select(CaseEvidence.__table__).where(CaseEvidence.case_id == case_id).order_by(CaseEvidence.id)
                )
            ]
            returns = [
                ReturnView(r.sku, r.line_no, r.quantity, r.disposition, r.value, aware(r.received_at), r.note, r.user)
                for r in conn.execute(
                    select(
                        Product.sku,
                        SalesOrderLine.line_no,
                        ReturnReceipt.quantity,
                        ReturnReceipt.disposition,
                        ReturnReceipt.value,
                        ReturnReceipt.received_at,
                        ReturnReceipt.note,
                        ReturnReceipt.user,
                    )
                    .join(Product, Product.id == ReturnReceipt.product_id)
                    .join(SalesOrderLine, SalesOrderLine.id == ReturnReceipt.order_line_id)
                    .where(ReturnReceipt.case_id == case_id)
                    .order_by(ReturnReceipt.id)
                )
            ]
            refunds = [
                RefundLine(r.amount, r.method, aware(r.refunded_at), r.reason, r.user)
                for r in conn.execute(
                    select(OrderRefund.__table__).where(OrderRefund.case_id == case_id).order_by(OrderRefund.id)
                )
            ]
            order = None
            refunded = 0
            if c.order_id is not None:
                order = conn.execute(
                    select(
                        SalesOrder.number, SalesOrder.currency, SalesOrder.paid_amount, SalesOrder.delivered_at
                    ).where(SalesOrder.id == c.order_id)
                ).one()
                refunded = int(
                    conn.execute(
                        select(func.coalesce(func.sum(OrderRefund.amount), 0)).where(OrderRefund.order_id == c.order_id)
                    ).scalar_one()
                )
            product_ids = [line.product_id for line in lines if line.product_id is not None]
            window = window_check(conn, c, product_ids) if product_ids else None
            customer = ""
            if c.customer_id is not None:
                customer = conn.execute(select(Customer.name).where(Customer.id == c.customer_id)).scalar() or ""
            replacement = ""
            if c.replacement_order_id is not None:
                replacement = (
                    conn.execute(select(SalesOrder.number).where(SalesOrder.id == c.replacement_order_id)).scalar()
                    or ""
                )
            timeline = self._timeline(conn, case_id)
        due = aware(c.due_at)
        status = CaseStatus(c.status)
        return CaseDetail(
            id=c.id,
            number=c.number,
            version=c.version,
            status=c.status,
            channel=c.channel,
            case_class=c.case_class,
            sub_reason=c.sub_reason,
            demand=c.demand,
            description=c.description,
            priority=c.priority,
            owner=c.owner,
            customer_id=c.customer_id,
            customer_name=customer,
            order_id=c.order_id,
            order_number=order.number if order else "",
            currency=order.currency if order else str(self.shop.money.currency),
            paid_amount=order.paid_amount if order else 0,
            refunded=refunded,
            delivered_at=aware(order.delivered_at) if order and order.delivered_at else None,
            window=window,
            opened_at=aware(c.opened_at),
            due_at=due,
            overdue=status is not CaseStatus.CLOSED and due < aware(now),
            solution_type=c.solution_type,
            solution_amount=c.solution_amount,
            solution_note=c.solution_note,
            solution_owner=c.solution_owner,
            solution_deadline=aware(c.solution_deadline) if c.solution_deadline else None,
            window_override=c.window_override,
            result_told_at=aware(c.result_told_at) if c.result_told_at else None,
            followup_at=aware(c.followup_at) if c.followup_at else None,
            satisfaction=c.satisfaction,
            no_followup_reason=c.no_followup_reason,
            closed_at=aware(c.closed_at) if c.closed_at else None,
            reopen_count=c.reopen_count,
            replacement_order=replacement,
            next_statuses=sorted((s.value for s in CASE_ALLOWED[status]), key=_STATUS_RANK.__getitem__),
            lines=lines,
            evidence=evidence,
            returns=returns,
            refunds=refunds,
            timeline=timeline,
        )

    def timeline(self, ref: CaseRef) -> list[CaseEvent]:
        """The case's history, oldest first."""
        with self.db.read() as conn:
            return self._timeline(conn, rec.find_case_id(conn, ref))

    def _timeline(self, conn: Connection, case_id: int) -> list[CaseEvent]:
        entries = []
        for e in conn.execute(
            select(AuditEvent)
            .where(AuditEvent.entity == rec.ENTITY, AuditEvent.entity_id == case_id)
            .order_by(AuditEvent.at, AuditEvent.id)
        ):
            changes = dict(e.changes or {})
            status = changes.get("status") if e.action == "status" else None
            entries.append(
                CaseEvent(
                    aware(e.at),
                    e.user,
                    e.action,
                    status[0] if status else None,
                    status[1] if status else None,
                    e.reason,
                    changes,
                )
            )
        return entries

    # Around a new case ---------------------------------------------------------------------
    def customer_history(self, customer_id: int, limit: int = 50) -> CustomerHistory:
        """A customer's orders and earlier cases, newest first (shown while a new case is entered)."""
        with self.db.read() as conn:
            name = conn.execute(select(Customer.name).where(Customer.id == customer_id)).scalar()
            if name is None:
                raise NotFound(f"No customer with id {customer_id}")
            items = (
                select(func.coalesce(func.sum(SalesOrderLine.quantity), 0))
                .where(SalesOrderLine.order_id == SalesOrder.id)
                .scalar_subquery()
            )
            orders = [
                HistoryOrder(r.number, aware(r.placed_at), r.status, r.total, r.payment_status, int(r.items))
                for r in conn.execute(
                    select(
                        SalesOrder.number,
                        SalesOrder.placed_at,
                        SalesOrder.status,
                        SalesOrder.total,
                        SalesOrder.payment_status,
                        items.label("items"),
                    )
                    .where(SalesOrder.customer_id == customer_id)
                    .order_by(SalesOrder.placed_at.desc(), SalesOrder.id.desc())
                    .limit(limit)
                )
            ]
            cases = [
                HistoryCase(r.number, aware(r.opened_at), r.status, r.case_class, r.sub_reason, r.order_number or "")
                for r in conn.execute(
                    select(
                        Case.number,
                        Case.opened_at,
                        Case.status,
                        Case.case_class,
                        Case.sub_reason,
                        SalesOrder.number.label("order_number"),
                    )
                    .outerjoin(SalesOrder, SalesOrder.id == Case.order_id)
                    .where(Case.customer_id == customer_id)
                    .order_by(Case.opened_at.desc(), Case.id.desc())
                    .limit(limit)
                )
            ]
        return CustomerHistory(customer_id, name, orders, cases)

    def order_customer(self, order_number: str) -> int | None:
        """The customer of an order (a new case from an order shows that customer's history)."""
        with self.db.read() as conn:
            found = conn.execute(
                select(SalesOrder.id, SalesOrder.customer_id).where(SalesOrder.number == order_number.strip().upper())
            ).first()
        if found is None:
            raise NotFound(f"No order {order_number.strip().upper()}")
        return found.customer_id

    def sub_reasons(self) -> dict[str, list[str]]:
        """The sub-reasons offered per class (产品质量 / 服务态度 / 物流 / other)."""
        with self.db.read() as conn:
            return rec.sub_reasons(conn)

    def deadline_hours(self) -> dict[str, int]:
        """Hours to resolve a case per priority (处理时限)."""
        with self.db.read() as conn:
            return rec.deadline_hours(conn)
