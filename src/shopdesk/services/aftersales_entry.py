"""Recording a case as it arrives (工单登记): the draft, its checks, evidence files, and what entry offers.

A CaseDraft comes from the quick entry in the Complaints tab, `shopdesk case
new` or the demo. Every problem is reported at once, and a refused case writes
nothing: no number taken, no file left in the evidence store. The shop's
after-sales settings (sub-reasons, deadlines, return windows, the evidence size
limit and the high-return warning) are in services/aftersales_settings.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import Customer
from shopdesk.db.models.aftersales import Case, CaseEvidence, CaseLine
from shopdesk.db.models.orders import SalesOrder
from shopdesk.domain.aftersales import (
    CaseStatus,
    Priority,
    SolutionType,
    WindowCheck,
    due_at,
)
from shopdesk.domain.catalogue import check_text
from shopdesk.domain.errors import NotFound, Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.services import aftersales_evidence as files
from shopdesk.services import aftersales_records as rec
from shopdesk.services import order_records
from shopdesk.services.access import guarded
from shopdesk.services.aftersales_records import CaseRef, aware
from shopdesk.services.aftersales_settings import VALUES, CaseSettings
from shopdesk.services.aftersales_windows import window_check

# The 7-day no-reason return is about goods coming back for money or another item.
WINDOW_CHECKED = frozenset({SolutionType.RETURN_REFUND, SolutionType.EXCHANGE})


@dataclass
class CaseLineDraft:
    """An order line the case is about: its line number (or SKU on the order) and how many units."""

    line: int | str
    quantity: int = 1


@dataclass
class CaseDraft:
    """A complaint or after-sales request as it arrives (the quick entry, `shopdesk case new`, the demo)."""

    channel: str  # chat, phone, email, social, platform
    case_class: str  # quality 产品质量, service 服务态度, logistics 物流, other
    description: str = ""
    sub_reason: str = ""  # one of the shop's sub-reasons for the class, or the clerk's own words
    demand: str = ""  # what the customer asks for: a solution type (refund_only, return_refund, ...)
    customer_id: int | None = None  # None: the order's customer
    order: str | int | None = None  # the order's number or id
    lines: list[CaseLineDraft] = field(default_factory=list)
    priority: str = Priority.NORMAL.value
    owner: str = ""
    opened_at: datetime | None = None  # when the complaint arrived (None: now)
    due_at: datetime | None = None  # None: from the priority's deadline (处理时限)
    evidence: list[str | Path] = field(default_factory=list)


@dataclass(frozen=True)
class CreatedCase:
    number: str
    due_at: datetime
    window: WindowCheck | None  # the return window, when the customer asks for a return or exchange

    @property
    def warning(self) -> str:
        """Said to the clerk at once: a return asked for outside the window needs an override later."""
        return self.window.message if self.window is not None and not self.window.within else ""


def _check_line_quantity(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return "must be a whole number above zero"
    return None


class CaseEntry(CaseSettings):
    """New cases and their evidence; the shop's after-sales settings come from CaseSettings."""

    # Recording a case ------------------------------------------------------------------------
    @guarded(Permission.WORK_CASES, "record cases")
    def create_case(self, draft: CaseDraft, *, at: datetime | None = None) -> CreatedCase:
        """Record a complaint as it arrives and give it its number (CS-000123) and due time.

        Refused with every problem listed, and nothing written (no number, no
        file copied), for unknown values, lines not on the order, a due time
        already past, and evidence files that are missing or too large.
        """
        moment = aware(at)
        problems = self._check_draft(draft)
        opened = aware(draft.opened_at) if draft.opened_at is not None else moment
        if opened > moment + timedelta(minutes=5):
            problems.append(Problem("opened_at", "a complaint cannot arrive in the future", opened.isoformat()))
        stored: list[files.StoredFile] = []
        try:
            with self.db.uow() as uow:
                session = uow.session
                conn = session.connection()
                limit = rec.evidence_limit(conn)
                problems += files.check_files(list(draft.evidence), limit)
                order, lines = self._order_lines(session, draft, problems)
                customer_id = self._customer(session, draft, order, problems)
                due = None
                if draft.priority in VALUES["priority"]:
                    hours = rec.deadline_hours(conn)
                    due = aware(draft.due_at) if draft.due_at else due_at(opened, Priority(draft.priority), hours)
                    if due <= moment:
                        how = (
                            "give a later due time"
                            if draft.due_at
                            else f"the {draft.priority} deadline of {hours[draft.priority]} hours from "
                            f"{opened:%Y-%m-%d %H:%M} UTC has passed: give a due time"
                        )
                        problems.append(Problem("due_at", f"the due time is already past; {how}", due.isoformat()))
                if problems:
                    raise ValidationFailed(problems, "The case cannot be saved")
                assert due is not None
                stored = [files.store_file(path, limit) for path in draft.evidence]
                case = Case(
                    number=rec.take_case_number(conn),
                    channel=draft.channel,
                    customer_id=customer_id,
                    order_id=order.id if order else None,
                    case_class=draft.case_class,
                    sub_reason=draft.sub_reason.strip(),
                    demand=draft.demand,
                    description=draft.description.strip(),
                    priority=draft.priority,
                    owner=draft.owner.strip(),
                    opened_at=opened,
                    due_at=due,
                    status=CaseStatus.NEW.value,
                    reopen_count=0,
                    lines=[CaseLine(order_line_id=line_id, quantity=qty) for line_id, qty in lines],
                    evidence=_evidence_rows(stored, self.user, moment),
                )
                session.add(case)
                session.flush()
                rec.note(
                    session,
                    self.user,
                    case,
                    "created",
                    f"received by {draft.channel}",
                    at=opened,
                    status=(None, CaseStatus.NEW.value),
                    priority=(None, case.priority),
                    owner=(None, case.owner),
                    due_at=(None, due.isoformat()),
                )
                for item in stored:
                    rec.note(session, self.user, case, "evidence", "", at=moment, file=(None, item.filename))
                window = None
                if order is not None and draft.demand in {s.value for s in WINDOW_CHECKED}:
                    window = window_check(conn, case, products_of(order, [line_id for line_id, _ in lines]))
                uow.commit()
        except BaseException:
            files.forget_new(stored)
            raise
        return CreatedCase(case.number, due, window)

    def _check_draft(self, draft: CaseDraft) -> list[Problem]:
        problems = []
        for name, label in (("channel", "channel"), ("case_class", "class"), ("priority", "priority")):
            value = getattr(draft, name)
            if value not in VALUES[name]:
                allowed = ", ".join(sorted(VALUES[name]))
                problems.append(Problem(name, f"the {label} must be one of {allowed}", str(value)))
        if draft.demand and draft.demand not in VALUES["demand"]:
            allowed = ", ".join(s.value for s in SolutionType)
            problems.append(Problem("demand", f"the customer's demand is one of {allowed} (or empty)", draft.demand))
        for name, label, limit in (
            ("sub_reason", "Sub-reason", 100),
            ("description", "Description", 20000),
            ("owner", "Owner", 64),
        ):
            message = check_text(label, getattr(draft, name), limit)
            if message:
                problems.append(Problem(name, message))
        if draft.order is None and draft.customer_id is None:
            problems.append(Problem("customer", "say who complains: an order or a customer"))
        if draft.order is None and draft.lines:
            problems.append(Problem("lines", "lines belong to an order: give the order too"))
        return problems

    def _order_lines(
        self, session: Session, draft: CaseDraft, problems: list[Problem]
    ) -> tuple[SalesOrder | None, list[tuple[int, int]]]:
        if draft.order is None or (isinstance(draft.order, str) and not draft.order.strip()):
            return None, []
        try:
            order = order_records.load_order(session, draft.order, for_update=False)
        except NotFound as exc:
            problems.append(Problem("order", str(exc), str(draft.order)))
            return None, []
        chosen: dict[int, int] = {}
        by_no = {line.line_no: line for line in order.lines}
        for n, item in enumerate(draft.lines, start=1):
            where = f"line {n}"
            ref = item.line
            if isinstance(ref, int) or str(ref).strip().isdigit():
                line = by_no.get(int(ref))
            else:
                matches = [ln for ln in order.lines if ln.sku.casefold() == str(ref).strip().casefold()]
                line = matches[0] if len(matches) == 1 else None
                if len(matches) > 1:
                    problems.append(
                        Problem(where, f"{ref} is on several lines of {order.number}: give the line number")
                    )
                    continue
            if line is None:
                problems.append(Problem(where, f"order {order.number} has no line {ref}", str(ref)))
                continue
            message = _check_line_quantity(item.quantity)
            if message:
                problems.append(Problem(f"{where}: quantity", message, str(item.quantity)))
                continue
            total = chosen.get(line.id, 0) + item.quantity
            if total > line.quantity:
                problems.append(
                    Problem(
                        f"{where}: quantity",
                        f"line {line.line_no} ({line.sku}) has {line.quantity} unit(s) on the order",
                        str(total),
                    )
                )
                continue
            chosen[line.id] = total
        return order, list(chosen.items())

    def _customer(
        self, session: Session, draft: CaseDraft, order: SalesOrder | None, problems: list[Problem]
    ) -> int | None:
        if draft.customer_id is not None:
            if session.get(Customer, draft.customer_id) is None:
                problems.append(Problem("customer_id", "no customer has this id", str(draft.customer_id)))
            elif order is not None and order.customer_id not in (None, draft.customer_id):
                problems.append(
                    Problem("customer_id", f"order {order.number} belongs to another customer", str(draft.customer_id))
                )
            return draft.customer_id
        return order.customer_id if order is not None else None

    # Evidence ------------------------------------------------------------------------------
    @guarded(Permission.WORK_CASES, "add evidence")
    def add_evidence(self, ref: CaseRef, paths: Sequence[str | Path], *, at: datetime | None = None) -> int:
        """Attach files (copied into the data folder by content hash); returns how many were new to the case."""
        moment = aware(at)
        stored: list[files.StoredFile] = []
        try:
            with self.db.uow() as uow:
                session = uow.session
                limit = rec.evidence_limit(session.connection())
                problems = files.check_files(list(paths), limit)
                if not paths:
                    problems.append(Problem("evidence", "choose the files to attach"))
                if problems:
                    raise ValidationFailed(problems, "No evidence was attached")
                case = rec.load_case(session, ref)
                stored = [files.store_file(path, limit) for path in paths]
                known = {e.sha256 for e in case.evidence}
                added = 0
                for item in stored:
                    if item.sha256 in known:
                        continue
                    known.add(item.sha256)
                    case.evidence.extend(_evidence_rows([item], self.user, moment))
                    rec.note(session, self.user, case, "evidence", "", at=at, file=(None, item.filename))
                    added += 1
                uow.commit()
                return added
        except BaseException:
            files.forget_new(stored)
            raise

    def evidence_for_viewing(self, ref: CaseRef, evidence_id: int) -> Path:
        """A copy of an evidence file under its own name, for the system's viewer."""
        with self.db.read() as conn:
            case_id = rec.find_case_id(conn, ref)
            row = conn.execute(
                select(CaseEvidence.sha256, CaseEvidence.filename).where(
                    CaseEvidence.id == evidence_id, CaseEvidence.case_id == case_id
                )
            ).first()
        if row is None:
            raise NotFound(f"Case {rec.normalize_ref(ref)} has no evidence file {evidence_id}")
        return files.copy_for_viewing(row.sha256, row.filename)


def _evidence_rows(stored: Sequence[files.StoredFile], user: str, at: datetime) -> list[CaseEvidence]:
    rows, seen = [], set()
    for item in stored:
        if item.sha256 not in seen:  # the same photo picked twice is attached once
            seen.add(item.sha256)
            rows.append(
                CaseEvidence(sha256=item.sha256, filename=item.filename[:255], size=item.size, added_at=at, user=user)
            )
    return rows


def products_of(order: SalesOrder, order_line_ids: Sequence[int]) -> list[int]:
    """The products of these order lines; of the whole order when the case names no lines."""
    wanted = set(order_line_ids)
    return [
        line.product_id for line in order.lines if line.product_id is not None and (not wanted or line.id in wanted)
    ]
